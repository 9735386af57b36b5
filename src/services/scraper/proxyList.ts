/**
 * The scraper's proxies as configured: `http://user:pass@host:port`, one or several (comma or
 * whitespace separated). Credentials stay in `username`/`password`; everything that is shown or
 * logged uses `label` (scheme, host and port), so a password never reaches a log or a chat.
 */
export interface ScrapeProxy {
  /** What Playwright's `proxy.server` takes: scheme, host and port, no credentials. */
  server: string;
  username: string | undefined;
  password: string | undefined;
  /** host:port, for logs, messages and the shared health table. */
  label: string;
}

const SCHEMES = ['http:', 'https:', 'socks5:'];

/** One entry -> a proxy, or a problem that names the entry by position only (it may hold a password). */
export function parseProxy(entry: string, position: number): ScrapeProxy | string {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return `entry ${position} is not a URL (expected http://user:pass@host:port)`;
  }
  if (!SCHEMES.includes(url.protocol)) return `entry ${position} must start with http://, https:// or socks5://`;
  if (!url.hostname || !url.port) return `entry ${position} needs a host and a port (http://user:pass@host:port)`;
  if (url.pathname !== '/' || url.search || url.hash) return `entry ${position} must be only scheme, credentials, host and port`;
  if (url.protocol === 'socks5:' && url.username) return `entry ${position}: Chromium cannot log in to a SOCKS proxy; use an http:// proxy for user:pass`;
  const label = `${url.hostname}:${url.port}`;
  return {
    server: `${url.protocol}//${label}`,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    label,
  };
}

export function parseProxyList(text: string): { proxies: ScrapeProxy[]; problems: string[] } {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  const proxies: ScrapeProxy[] = [];
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const parsed = parseProxy(entry, index + 1);
    if (typeof parsed === 'string') problems.push(parsed);
    else if (!proxies.some((proxy) => proxy.label === parsed.label)) proxies.push(parsed);
  });
  return { proxies, problems };
}
