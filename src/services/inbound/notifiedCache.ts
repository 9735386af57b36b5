import type pg from 'pg';
import { onLocalAnnouncement } from '../../db/announce.js';
import { NotificationListener } from '../../db/listener.js';
import type { Logger } from '../../logger.js';

export interface NotifiedCacheOptions<T> {
  /** For the log lines. */
  name: string;
  /** Where changes to what it holds are announced (src/db/announce.ts). */
  channel: string;
  /** How long a loaded value may be trusted without hearing of a change. */
  ttlMs(value: T): number;
  maxEntries: number;
}

/**
 * Lookups for the hot path, kept in memory. Any change to what it holds is announced, and empties
 * this process's cache at once and every other process's when its NOTIFY arrives; the TTL only
 * bounds the damage of a missed notification. A value loaded while a change was announced is
 * used for that request but not kept, since it may have been read before the change.
 */
export class NotifiedCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();
  private generation = 0;
  private listener: NotificationListener | undefined;
  private readonly stopLocal: () => void;

  constructor(private readonly options: NotifiedCacheOptions<T>) {
    this.stopLocal = onLocalAnnouncement(options.channel, () => this.clear());
  }

  async listen(pool: pg.Pool, log: Logger): Promise<void> {
    this.listener = new NotificationListener({
      pool,
      log,
      name: this.options.name,
      channels: [this.options.channel],
      onNotification: () => this.clear(),
      // While the connection is down we cannot hear invalidations: stop trusting the cache, and
      // forget what was learnt in between once it is back.
      onLost: () => this.clear(),
      onConnected: () => this.clear(),
    });
    await this.listener.start();
  }

  async close(): Promise<void> {
    this.stopLocal();
    await this.listener?.close();
    this.listener = undefined;
  }

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) {
      if (this.entries.size >= this.options.maxEntries) this.entries.clear();
      this.entries.set(key, { value, expiresAt: Date.now() + this.options.ttlMs(value) });
    }
    return value;
  }

  private clear(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
