import type { Response } from 'playwright-core';
import type { ScrapeProxy } from './proxyList.js';

/** The proxy, not the page, failed: the scrape goes on through another proxy. */
export class ProxyFailedError extends Error {
  constructor(
    readonly proxy: ScrapeProxy,
    readonly reason: string,
  ) {
    super(`proxy ${proxy.label} failed: ${reason}`);
    this.name = 'ProxyFailedError';
  }
}

/** Every configured proxy is out of rotation (or failed during this job). */
export class AllProxiesDownError extends Error {
  constructor(count: number) {
    super(`all ${count} scrape ${count === 1 ? 'proxy is' : 'proxies are'} failing (connection refused, 407 or timeouts); the administrator has been told`);
    this.name = 'AllProxiesDownError';
  }
}

/** Chromium's net errors that mean the proxy itself is unusable. */
const PROXY_NET_ERRORS = /net::ERR_(PROXY_[A-Z_]+|TUNNEL_CONNECTION_FAILED|SOCKS_[A-Z_]+|INVALID_AUTH_CREDENTIALS|MANDATORY_PROXY_CONFIGURATION_FAILED)/;

/** Timeouts in a row through one proxy before it counts as down. */
const TIMEOUTS_IN_A_ROW = 3;

/**
 * Watches one scrape's traffic through one proxy: a 407, a proxy connection error, or several
 * timeouts in a row become a ProxyFailedError; anything that loads resets the count.
 */
export class ProxyWatch {
  private timeouts = 0;

  constructor(readonly proxy: ScrapeProxy | undefined) {}

  /** After a navigation that answered: the proxy refusing its credentials shows as a 407 page. */
  answered(response: Response | null): void {
    if (!this.proxy) return;
    if (response?.status() === 407) throw new ProxyFailedError(this.proxy, 'it refused the credentials (407 Proxy Authentication Required)');
    this.timeouts = 0;
  }

  /** After a navigation that threw: the error to raise instead, when the proxy is to blame. */
  failed(error: unknown): ProxyFailedError | undefined {
    if (!this.proxy || error instanceof ProxyFailedError) return error instanceof ProxyFailedError ? error : undefined;
    const message = error instanceof Error ? error.message : String(error);
    const net = PROXY_NET_ERRORS.exec(message)?.[0];
    if (net) return new ProxyFailedError(this.proxy, net === 'net::ERR_INVALID_AUTH_CREDENTIALS' ? 'it refused the credentials (407)' : net);
    if (error instanceof Error && error.name === 'TimeoutError') {
      this.timeouts += 1;
      if (this.timeouts >= TIMEOUTS_IN_A_ROW) return new ProxyFailedError(this.proxy, `${this.timeouts} page loads in a row timed out`);
    }
    return undefined;
  }
}

/** Playwright's context option for a proxy. */
export const playwrightProxy = (proxy: ScrapeProxy) => ({ server: proxy.server, username: proxy.username, password: proxy.password });
