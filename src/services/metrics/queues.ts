import type pg from 'pg';

/** A queue's depth is counted up to this many rows, so a scrape stays cheap however long the backlog. */
export const QUEUE_COUNT_CAP = 100_000;

export interface QueueState {
  queue: string;
  depth: number;
  oldestSeconds: number;
}

/**
 * The queues that live in PostgreSQL, each read through its partial index of waiting rows (and
 * capped): inbound events not yet acted on, Telegram messages not yet sent, trade signals not yet
 * placed, outgoing webhooks not yet delivered, scrapes queued or running. Past the cap, the
 * oldest age is that of the rows counted: the alarm is already ringing by then.
 */
const waiting = (table: string, where: string, since: string) => `
SELECT '${table}' AS queue, count(*) AS depth, extract(epoch FROM now() - min(since)) AS oldest
  FROM (SELECT ${since} AS since FROM ${table} WHERE ${where} LIMIT ${QUEUE_COUNT_CAP}) waiting`;

const QUEUES_SQL = [
  waiting('inbound_events', `status = 'pending'`, 'received_at'),
  waiting('telegram_outbox', `status = 'pending'`, 'created_at'),
  waiting('trade_signals', `status IN ('pending', 'placing')`, 'received_at'),
  waiting('webhook_deliveries', `status = 'pending'`, 'created_at'),
  waiting('scrape_jobs', `status IN ('queued', 'running')`, 'created_at'),
].join('\nUNION ALL');

/** How much is waiting in each queue, and for how long the oldest row has waited. */
export async function readQueues(pool: pg.Pool): Promise<QueueState[]> {
  const { rows } = await pool.query<{ queue: string; depth: string; oldest: string | null }>(QUEUES_SQL);
  return rows.map((row) => ({ queue: row.queue, depth: Number(row.depth), oldestSeconds: row.oldest === null ? 0 : Math.max(0, Number(row.oldest)) }));
}
