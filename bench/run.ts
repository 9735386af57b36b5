// `npm run bench`: every benchmark, one after another (they share the machine's two cores).
await import('./ingress.js');
await import('./fal.js');
await import('./relay.js');
await import('./team-inbox.js');
await import('./signal-latency.js');
await import('./fill-card.js');
await import('./streams.js');
await import('./scrape.js');
await import('./webview.js');
