import type pg from 'pg';
import { readQueues, type QueueState } from './queues.js';

export interface SystemStats {
  users: { total: number; active: number; inactive: number; blocked: number };
  /** Inbound events since midnight (the database's time zone), by provider and status. */
  eventsToday: Array<{ provider: string; status: string; count: number }>;
  queues: QueueState[];
  /** What failed in the last hour, by what it is. */
  failuresLastHour: Array<{ what: string; count: number }>;
}

const USERS_SQL = `
SELECT count(*) AS total,
       count(*) FILTER (WHERE active) AS active,
       count(*) FILTER (WHERE NOT active) AS inactive,
       count(*) FILTER (WHERE blocked_at IS NOT NULL) AS blocked
  FROM users`;

const EVENTS_TODAY_SQL = `
SELECT provider, status, count(*) AS count
  FROM inbound_events
 WHERE received_at >= date_trunc('day', now())
 GROUP BY provider, status
 ORDER BY provider, status`;

const FAILURES_SQL = `
SELECT 'telegram_messages' AS what, count(*) AS count FROM telegram_outbox WHERE status = 'failed' AND created_at > now() - interval '1 hour'
UNION ALL
SELECT 'trade_signals', count(*) FROM trade_signals WHERE status = 'rejected' AND finished_at > now() - interval '1 hour'
UNION ALL
SELECT 'webhook_deliveries', count(*) FROM webhook_deliveries WHERE status = 'failed' AND created_at > now() - interval '1 hour'
UNION ALL
SELECT 'scrape_jobs', count(*) FROM scrape_jobs WHERE status = 'failed' AND finished_at > now() - interval '1 hour'`;

/** What an admin sees with /stats: read from the database, so the same whichever process answers. */
export async function readSystemStats(pool: pg.Pool): Promise<SystemStats> {
  const [users, events, queues, failures] = await Promise.all([
    pool.query<Record<'total' | 'active' | 'inactive' | 'blocked', string>>(USERS_SQL),
    pool.query<{ provider: string; status: string; count: string }>(EVENTS_TODAY_SQL),
    readQueues(pool),
    pool.query<{ what: string; count: string }>(FAILURES_SQL),
  ]);
  const u = users.rows[0]!;
  return {
    users: { total: Number(u.total), active: Number(u.active), inactive: Number(u.inactive), blocked: Number(u.blocked) },
    eventsToday: events.rows.map((row) => ({ provider: row.provider, status: row.status, count: Number(row.count) })),
    queues,
    failuresLastHour: failures.rows.map((row) => ({ what: row.what, count: Number(row.count) })),
  };
}
