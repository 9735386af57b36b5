import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Queryable } from '../telegram/outbox.js';
import type { EventProcessor } from '../inbound/processor.js';

/** Providers whose events can become orders: their replays wait for the user's Execute. */
export const TRADING_PROVIDERS: ReadonlySet<string> = new Set(['tradingview']);

export interface ReplaysOptions {
  pool: pg.Pool;
  /** This process's inline processor, when it has one; otherwise the sweeper acts on the replay. */
  processor(): EventProcessor | undefined;
}

/**
 * Re-runs a stored event as a new one: same URL, same body, a dedupe identity of its own (so it is
 * never taken for a resend) and `replay_of` naming the original, which its messages and /orders show.
 */
export class Replays {
  constructor(private readonly options: ReplaysOptions) {}

  /** Stores the replay of one of the user's events; undefined when they have no such event. */
  async insert(client: Queryable, userId: number, eventId: number): Promise<number | undefined> {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO inbound_events (endpoint_id, user_id, provider, dedupe_key, payload, replay_of)
       SELECT endpoint_id, user_id, provider, 'replay:' || id || ':' || $3::text, payload, id
         FROM inbound_events WHERE id = $1 AND user_id = $2
       RETURNING id`,
      [eventId, userId, randomUUID()],
    );
    const row = rows[0];
    return row ? Number(row.id) : undefined;
  }

  /** Replays an event that places no order, at once. */
  async replayNow(userId: number, eventId: number): Promise<number | undefined> {
    const id = await this.insert(this.options.pool, userId, eventId);
    if (id !== undefined) this.submit(id);
    return id;
  }

  /** Acts on a stored replay now, where this process processes inline (the sweeper otherwise). */
  submit(id: number): void {
    this.options.processor()?.submit(id);
  }
}
