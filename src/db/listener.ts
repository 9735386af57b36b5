import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { Logger } from '../logger.js';
import { backoffMs } from '../services/backoff.js';

export interface NotificationListenerOptions {
  pool: pg.Pool;
  log: Logger;
  /** For the log lines. */
  name: string;
  channels: string[];
  onNotification(message: pg.Notification): void;
  /** The connection is gone: notifications are missed until onConnected runs again (e.g. stop trusting a cache). */
  onLost?(): void;
  /**
   * Runs on every new connection, before it counts as listening: the first, and after each loss
   * (take session-level locks again; look for work announced while nobody listened).
   */
  onConnected?(client: pg.PoolClient, reconnected: boolean): Promise<void> | void;
}

/**
 * A connection of its own that LISTENs, and keeps listening: when the database goes away it is
 * dropped and opened again with the shared backoff until the database is back, by itself. What
 * lives on the session (LISTEN, advisory locks) is set up again in onConnected.
 */
export class NotificationListener {
  private client: pg.PoolClient | undefined;
  private closed = false;
  private reconnecting: Promise<void> | undefined;
  private readonly abort = new AbortController();

  constructor(private readonly options: NotificationListenerOptions) {}

  /** Connects the first time; fails if the database cannot be reached (start-up reports it). */
  async start(): Promise<void> {
    await this.connect(false);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    await this.reconnecting;
    // Ended, not pooled: its LISTENs and session locks go with it.
    this.client?.release(true);
    this.client = undefined;
  }

  private async connect(reconnected: boolean): Promise<void> {
    const { pool, channels, onNotification, onConnected } = this.options;
    const client = await pool.connect();
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      this.lost(client, error);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      client.on('notification', onNotification);
      for (const channel of channels) await client.query(`LISTEN ${channel}`);
      await onConnected?.(client, reconnected);
    } catch (error) {
      lost = true;
      client.release(true);
      throw error;
    }
    if (this.closed) {
      client.release(true);
      return;
    }
    this.client = client;
  }

  private lost(client: pg.PoolClient, error: Error | undefined): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.release(error ?? true);
    if (this.closed) return;
    this.options.log.warn({ listener: this.options.name, error: error?.message }, 'database connection for notifications lost; reconnecting');
    this.options.onLost?.();
    this.reconnecting ??= this.reconnect().finally(() => (this.reconnecting = undefined));
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 1; !this.closed; attempt += 1) {
      await sleep(backoffMs(attempt), undefined, { signal: this.abort.signal }).catch(() => undefined);
      if (this.closed) return;
      try {
        await this.connect(true);
        this.options.log.info({ listener: this.options.name, attempt }, 'database connection for notifications restored');
        return;
      } catch (error) {
        this.options.log.debug({ listener: this.options.name, attempt, error: error instanceof Error ? error.message : String(error) }, 'reconnecting for notifications failed; trying again');
      }
    }
  }
}
