import type pg from 'pg';
import type { Logger } from '../../logger.js';
import { AllProxiesDownError, ProxyFailedError } from './proxyFailures.js';
import type { ScrapeProxy } from './proxyList.js';

export interface ProxyRotationDeps {
  pool: pg.Pool;
  log: Logger;
  proxies: readonly ScrapeProxy[];
  /** How long a failed proxy stays out of rotation. */
  downMinutes: number;
  /** Tells the administrators, once per proxy taken out (credentials never included). */
  report(proxy: ScrapeProxy, reason: string): Promise<void>;
}

/**
 * The scraper's proxies in rotation, shared by every worker through `scrape_proxies`: a proxy that
 * failed is left out by all of them until its time is up, then tried again.
 */
export class ProxyRotation {
  private turn = 0;

  constructor(private readonly deps: ProxyRotationDeps) {}

  get size(): number {
    return this.deps.proxies.length;
  }

  /** The next proxy in turn that is neither out of rotation nor in `tried`. */
  async pick(tried: ReadonlySet<string>): Promise<ScrapeProxy | undefined> {
    const { rows } = await this.deps.pool.query<{ proxy: string }>(`SELECT proxy FROM scrape_proxies WHERE down_until > now()`);
    const down = new Set(rows.map((row) => row.proxy));
    const { proxies } = this.deps;
    for (let step = 0; step < proxies.length; step += 1) {
      const proxy = proxies[(this.turn + step) % proxies.length]!;
      if (down.has(proxy.label) || tried.has(proxy.label)) continue;
      this.turn = (this.turn + step + 1) % proxies.length;
      return proxy;
    }
    return undefined;
  }

  /** Takes a proxy out of rotation; the first worker to do so reports it. */
  async takeOut(proxy: ScrapeProxy, reason: string): Promise<void> {
    const { rows } = await this.deps.pool.query<{ reported: boolean }>(
      `INSERT INTO scrape_proxies AS p (proxy, down_until, failures, last_error, updated_at)
       VALUES ($1, now() + make_interval(mins => $2), 1, $3, now())
       ON CONFLICT (proxy) DO UPDATE SET down_until = EXCLUDED.down_until, failures = p.failures + 1, last_error = EXCLUDED.last_error, updated_at = now()
         WHERE p.down_until IS NULL OR p.down_until <= now()
       RETURNING true AS reported`,
      [proxy.label, this.deps.downMinutes, reason],
    );
    this.deps.log.warn({ proxy: proxy.label, reason, downMinutes: this.deps.downMinutes }, 'scrape proxy taken out of rotation');
    if (rows[0]?.reported) await this.deps.report(proxy, reason);
  }

  /**
   * Runs `attempt` through a proxy; when the proxy fails, takes it out and runs `attempt` again
   * through the next (the attempt resumes where the last one stopped). None left: AllProxiesDownError.
   */
  async run<T>(attempt: (proxy: ScrapeProxy) => Promise<T>): Promise<T> {
    const tried = new Set<string>();
    for (;;) {
      const proxy = await this.pick(tried);
      if (!proxy) throw new AllProxiesDownError(this.size);
      tried.add(proxy.label);
      try {
        return await attempt(proxy);
      } catch (error) {
        if (!(error instanceof ProxyFailedError)) throw error;
        await this.takeOut(error.proxy, error.reason);
      }
    }
  }
}
