import { describe, expect, it } from 'vitest';
import { ProxyFailedError, ProxyWatch } from '../src/services/scraper/proxyFailures.js';
import { parseProxyList } from '../src/services/scraper/proxyList.js';

const [proxy] = parseProxyList('http://user:secret@10.0.0.5:3128').proxies;

const timeout = () => Object.assign(new Error('page.goto: Timeout 30000ms exceeded.'), { name: 'TimeoutError' });

describe('when a proxy counts as failed', () => {
  it('at once on a proxy net error, after three timeouts in a row, never for a page of its own', () => {
    const watch = new ProxyWatch(proxy);
    const refused = watch.failed(new Error('page.goto: net::ERR_PROXY_CONNECTION_FAILED at http://maps/'));
    expect(refused).toBeInstanceOf(ProxyFailedError);
    expect(refused?.message).toBe('proxy 10.0.0.5:3128 failed: net::ERR_PROXY_CONNECTION_FAILED');
    expect(watch.failed(new Error('page.goto: net::ERR_TUNNEL_CONNECTION_FAILED'))?.reason).toBe('net::ERR_TUNNEL_CONNECTION_FAILED');
    expect(watch.failed(new Error('page.goto: net::ERR_NAME_NOT_RESOLVED'))).toBeUndefined();

    expect(watch.failed(timeout())).toBeUndefined();
    expect(watch.failed(timeout())).toBeUndefined();
    // A page that loads in between: the count starts again.
    watch.answered(null);
    expect(watch.failed(timeout())).toBeUndefined();
    expect(watch.failed(timeout())).toBeUndefined();
    expect(watch.failed(timeout())?.reason).toBe('3 page loads in a row timed out');
  });

  it('a 407 answer is the proxy refusing; without a proxy nothing is its fault', () => {
    const watch = new ProxyWatch(proxy);
    const answer407 = { status: () => 407 } as unknown as Parameters<ProxyWatch['answered']>[0];
    expect(() => watch.answered(answer407)).toThrow('proxy 10.0.0.5:3128 failed: it refused the credentials (407 Proxy Authentication Required)');
    const direct = new ProxyWatch(undefined);
    expect(() => direct.answered(answer407)).not.toThrow();
    expect(direct.failed(new Error('net::ERR_PROXY_CONNECTION_FAILED'))).toBeUndefined();
    // The credentials stay out of every message.
    expect(String(watch.failed(new Error('net::ERR_PROXY_CONNECTION_FAILED')))).not.toContain('secret');
  });
});
