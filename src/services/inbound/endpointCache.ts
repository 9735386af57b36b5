import type pg from 'pg';
import { ENDPOINTS_CHANNEL, type EndpointOwner, type EndpointRepository } from '../../../models/endpoints.js';

interface Entry {
  owner: EndpointOwner | undefined;
  expiresAt: number;
}

/**
 * Token -> owner lookups for the hot path. Any change to endpoints or users is announced with
 * NOTIFY and empties every process's cache, so a rotated token or a deactivated user takes
 * effect at once; the TTL only bounds the damage of a missed notification.
 */
export class EndpointCache {
  private readonly entries = new Map<string, Entry>();
  private listener: pg.PoolClient | undefined;

  constructor(
    private readonly repository: EndpointRepository,
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 50_000,
  ) {}

  async listen(pool: pg.Pool): Promise<void> {
    this.listener = await pool.connect();
    this.listener.on('notification', () => this.entries.clear());
    // If the connection drops we cannot hear invalidations: stop trusting the cache.
    this.listener.on('error', () => this.entries.clear());
    await this.listener.query(`LISTEN ${ENDPOINTS_CHANNEL}`);
  }

  async close(): Promise<void> {
    if (!this.listener) return;
    await this.listener.query(`UNLISTEN ${ENDPOINTS_CHANNEL}`).catch(() => undefined);
    this.listener.release();
    this.listener = undefined;
  }

  async lookup(provider: string, token: string): Promise<EndpointOwner | undefined> {
    const key = `${provider}/${token}`;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.owner;
    const owner = await this.repository.findOwner(provider, token);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    // Unknown tokens are cached briefly too, so guessing does not turn into database load.
    this.entries.set(key, { owner, expiresAt: now + (owner ? this.ttlMs : 5_000) });
    return owner;
  }
}
