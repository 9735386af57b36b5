import type pg from 'pg';
import { CONNECTIONS_CHANNEL } from '../../../models/connections.js';

/**
 * What the WhatsApp and Avito webhooks are checked against (a bearer token, an account id), kept
 * in memory so the hot path makes no query of its own. Any change to a connection is announced
 * with NOTIFY and empties every process's cache; the TTL only bounds a missed notification.
 */
export class ConnectionCache {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();
  private listener: pg.PoolClient | undefined;

  constructor(private readonly ttlMs = 30_000) {}

  async listen(pool: pg.Pool): Promise<void> {
    this.listener = await pool.connect();
    this.listener.on('notification', () => this.entries.clear());
    this.listener.on('error', () => this.entries.clear());
    await this.listener.query(`LISTEN ${CONNECTIONS_CHANNEL}`);
  }

  async close(): Promise<void> {
    if (!this.listener) return;
    await this.listener.query(`UNLISTEN ${CONNECTIONS_CHANNEL}`).catch(() => undefined);
    this.listener.release();
    this.listener = undefined;
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value as T;
    const value = await load();
    if (this.entries.size >= 50_000) this.entries.clear();
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    return value;
  }
}
