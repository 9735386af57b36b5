import type pg from 'pg';
import type { Logger } from '../../logger.js';
import { enqueueMessages, type OutgoingMessage } from '../telegram/outbox.js';

export interface EventForAction {
  id: number;
  provider: string;
  payload: unknown;
  user: { id: number; telegramId: number; language: string };
  /** The event this one replays (asked for in the chat), or null. */
  replayOf: number | null;
}

/** What became of a processed event, as /events shows it (inbound_events.outcome). */
export const eventOutcomes = { relayed: 'relayed', nothing: 'nothing', trade: 'trade', relayedNoKeys: 'relayed-no-keys' } as const;
export type EventOutcome = (typeof eventOutcomes)[keyof typeof eventOutcomes];

/**
 * The event's transaction, for an action that records more than messages (a trade signal). A
 * failed statement aborts the whole batch (its events stay pending for the sweeper), so an action
 * writes only what cannot fail, or wraps it in a savepoint.
 */
export interface ActionContext {
  client: pg.PoolClient;
  /** Runs once the transaction has committed (e.g. wake the service that acts on what was recorded). */
  afterCommit(callback: () => void): void;
  /** Says what the event became when its messages alone do not (default: relayed, or nothing). */
  setOutcome(outcome: EventOutcome): void;
}

/** What an event becomes. Runs inside the event's transaction: return messages, do not send them. */
export type EventAction = (event: EventForAction, context: ActionContext) => OutgoingMessage[] | Promise<OutgoingMessage[]>;

interface LockedEvent {
  id: number;
  provider: string;
  payload: unknown;
  attempts: number;
  replay_of: number | null;
  user_id: number;
  telegram_id: number;
  language: string;
  active: boolean;
}

export interface ProcessorOptions {
  pool: pg.Pool;
  log: Logger;
  actions: Record<string, EventAction>;
  /** Called after a commit that queued messages, to wake this process's outbox at once. */
  onQueued?: () => void;
  maxAttempts?: number;
  /** The line put above each message of a replayed event, in the user's language. */
  replayMark?: (language: string, originalEventId: number) => string;
}

/**
 * Turns stored events into their effects. Each batch is one transaction: the events are locked
 * (SKIP LOCKED, so the fast path and the sweeper never take the same one), their messages are
 * queued and they are marked done together; an event is therefore acted on exactly once.
 */
export class EventProcessor {
  private queued = new Set<number>();
  private running: Promise<void> | undefined;
  private readonly maxAttempts: number;

  constructor(private readonly options: ProcessorOptions) {
    this.maxAttempts = options.maxAttempts ?? 10;
  }

  /** Fast path: process soon, in batches, without making the HTTP answer wait. */
  submit(id: number): void {
    this.queued.add(id);
    this.running ??= this.drainQueue();
  }

  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drainQueue(): Promise<void> {
    try {
      while (this.queued.size > 0) {
        const ids = [...this.queued].slice(0, 200);
        for (const id of ids) this.queued.delete(id);
        // A failure here is not lost: the events stay pending and the sweeper retries them.
        await this.process(ids).catch((error: unknown) => this.options.log.error({ err: error }, 'processing batch failed'));
      }
    } finally {
      this.running = undefined;
    }
  }

  /** Processes pending events among `ids`; returns how many were taken. */
  async process(ids: number[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.processLocked('hookbot-events-lock', `e.id = ANY($1::bigint[]) AND e.status = 'pending'`, [ids]);
  }

  /**
   * Locks the pending events `where` selects (oldest first, skipping any another transaction
   * holds) and acts on them in one transaction; returns how many were taken. `name` names the
   * locking statement (one per `where`), prepared once per connection.
   */
  private async processLocked(name: string, where: string, params: unknown[], limit = ''): Promise<number> {
    const { pool, log, actions } = this.options;
    const client = await pool.connect();
    let queuedMessages = false;
    let committed: Array<() => void> = [];
    try {
      // The commit does not wait for the disk. Nothing it writes leaves the machine before the disk
      // has it: the outbox claims a message with a synchronous commit, which flushes the log up to
      // there, this commit included; and a trade signal lost in a crash is recreated from the event
      // with the same orderLinkId, which Bybit refuses to place twice. Saved: one flush per batch,
      // on the path of every alert and in the way of the webhooks' own commits.
      await client.query('BEGIN; SET LOCAL synchronous_commit = off');
      const { rows } = await client.query<LockedEvent>({
        name,
        text: `SELECT e.id, e.provider, e.payload, e.attempts, e.replay_of, u.id AS user_id, u.telegram_id, u.language, u.active
                 FROM inbound_events e JOIN users u ON u.id = e.user_id
                WHERE ${where}
                ORDER BY e.id ${limit}
                FOR UPDATE OF e SKIP LOCKED`,
        values: params,
      });
      const done: number[] = [];
      const outcomes: EventOutcome[] = [];
      const skipped: number[] = [];
      const messages: OutgoingMessage[] = [];
      for (const row of rows) {
        if (!row.active) {
          skipped.push(row.id);
          continue;
        }
        const action = actions[row.provider];
        if (!action) {
          await this.recordFailure(client, row, `no action for provider ${row.provider}`, true);
          continue;
        }
        try {
          const callbacks: Array<() => void> = [];
          let outcome: EventOutcome | undefined;
          const replayOf = row.replay_of === null ? null : Number(row.replay_of);
          const produced = await action(
            {
              id: row.id,
              provider: row.provider,
              payload: row.payload,
              user: { id: row.user_id, telegramId: row.telegram_id, language: row.language },
              replayOf,
            },
            { client, afterCommit: (callback) => callbacks.push(callback), setOutcome: (value) => (outcome = value) },
          );
          committed.push(...callbacks);
          const mark = replayOf !== null ? this.options.replayMark?.(row.language, replayOf) : undefined;
          for (const message of produced) {
            messages.push({ ...message, html: mark ? `${mark}\n${message.html}` : message.html, sourceEventId: row.id });
          }
          done.push(row.id);
          outcomes.push(outcome ?? (produced.length > 0 ? eventOutcomes.relayed : eventOutcomes.nothing));
        } catch (error) {
          await this.recordFailure(client, row, error instanceof Error ? error.message : String(error), false);
        }
      }
      if (messages.length > 0) {
        await enqueueMessages(client, messages);
        queuedMessages = true;
      }
      if (done.length > 0) {
        await client.query({
          name: 'hookbot-events-processed',
          text: `UPDATE inbound_events e SET status = 'processed', processed_at = now(), attempts = e.attempts + 1, outcome = d.outcome
                   FROM unnest($1::bigint[], $2::text[]) AS d(id, outcome) WHERE e.id = d.id`,
          values: [done, outcomes],
        });
      }
      if (skipped.length > 0) {
        await client.query(
          `UPDATE inbound_events SET status = 'skipped', processed_at = now(), last_error = 'user is not active' WHERE id = ANY($1::bigint[])`,
          [skipped],
        );
      }
      await client.query('COMMIT');
      if (rows.length > 0) log.debug({ processed: done.length, skipped: skipped.length }, 'inbound events processed');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      queuedMessages = false;
      committed = [];
      throw error;
    } finally {
      client.release();
      if (queuedMessages) this.options.onQueued?.();
      for (const callback of committed) callback();
    }
  }

  private async recordFailure(client: pg.PoolClient, row: LockedEvent, message: string, permanent: boolean): Promise<void> {
    const giveUp = permanent || row.attempts + 1 >= this.maxAttempts;
    this.options.log.warn({ eventId: row.id, provider: row.provider, err: message, giveUp }, 'inbound event action failed');
    await client.query(`UPDATE inbound_events SET attempts = attempts + 1, last_error = $2, status = $3 WHERE id = $1`, [
      row.id,
      message,
      giveUp ? 'failed' : 'pending',
    ]);
  }

  /**
   * Picks up whatever the fast path left: a crash, a restart, a failed batch. Events are claimed
   * in the batch's own transaction (SKIP LOCKED), so several sweepers share a backlog, and none
   * waits for one that died.
   */
  async sweep(minAgeSeconds: number, batchSize = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const taken = await this.processLocked(
        'hookbot-events-sweep',
        `e.status = 'pending' AND e.received_at < now() - make_interval(secs => $1)`,
        [minAgeSeconds, batchSize],
        'LIMIT $2',
      );
      total += taken;
      if (taken < batchSize) return total;
    }
  }
}
