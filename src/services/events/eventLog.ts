import type pg from 'pg';

/** A stored event and what became of it. */
export interface LoggedEvent {
  kind: 'event';
  id: number;
  provider: string;
  receivedAt: Date;
  /** The normalized event (a FAL result without its bulky `payload`). */
  payload: Record<string, unknown>;
  status: 'pending' | 'processed' | 'skipped' | 'failed';
  outcome: string | null;
  lastError: string | null;
  replayOf: number | null;
  /** For an alert that became a trade signal: the signal's state and recorded outcome. */
  trade: { status: string; outcome: Record<string, unknown> | null } | null;
}

/** A request the URL answered without storing an event. */
export interface LoggedRefusal {
  kind: 'refused';
  id: number;
  provider: string;
  receivedAt: Date;
  httpStatus: number;
  reason: string;
  bodyStart: string;
  bodyBytes: number;
  duplicateOf: number | null;
}

export type LogEntry = LoggedEvent | LoggedRefusal;

export interface LogPage {
  entries: LogEntry[];
  hasNext: boolean;
}

/** How far back /events reaches: the latest entries of each URL, this many at most. */
export const LOG_DEPTH = 50;

interface Row {
  kind: 'event' | 'refused';
  id: string;
  provider: string;
  received_at: Date;
  payload: Record<string, unknown> | null;
  status: LoggedEvent['status'] | null;
  outcome: string | null;
  last_error: string | null;
  replay_of: string | null;
  trade_status: string | null;
  trade_outcome: Record<string, unknown> | null;
  http_status: number | null;
  reason: string | null;
  body_start: string | null;
  body_bytes: number | null;
  duplicate_of: string | null;
}

const numberOrNull = (value: string | null): number | null => (value === null ? null : Number(value));

/**
 * A user's events and refused requests, across their personal URLs, newest first. Each URL's
 * latest rows are taken by its own index (a few URLs per user), then merged.
 */
export class EventLog {
  constructor(private readonly pool: pg.Pool) {}

  async page(userId: number, page: number, pageSize: number): Promise<LogPage> {
    const offset = (page - 1) * pageSize;
    const depth = Math.min(LOG_DEPTH, offset + pageSize + 1);
    const { rows } = await this.pool.query<Row>(
      `WITH mine AS (SELECT id FROM endpoints WHERE user_id = $1),
       ev AS (
         SELECT e.* FROM mine CROSS JOIN LATERAL (
           SELECT id, provider, received_at, status, outcome, last_error, replay_of,
                  CASE WHEN provider = 'fal' THEN payload - 'payload' ELSE payload END AS payload
             FROM inbound_events WHERE endpoint_id = mine.id ORDER BY id DESC LIMIT $2) e
       ),
       rf AS (
         SELECT r.* FROM mine CROSS JOIN LATERAL (
           SELECT id, provider, received_at, http_status, reason, body_start, body_bytes, duplicate_of
             FROM refused_requests WHERE endpoint_id = mine.id ORDER BY id DESC LIMIT $2) r
       )
       SELECT * FROM (
         SELECT 'event' AS kind, ev.id, ev.provider, ev.received_at, ev.payload, ev.status, ev.outcome, ev.last_error, ev.replay_of,
                s.status AS trade_status, s.outcome AS trade_outcome,
                NULL::int AS http_status, NULL::text AS reason, NULL::text AS body_start, NULL::int AS body_bytes, NULL::bigint AS duplicate_of
           FROM ev LEFT JOIN trade_signals s ON s.event_id = ev.id
         UNION ALL
         SELECT 'refused', rf.id, rf.provider, rf.received_at, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                rf.http_status, rf.reason, rf.body_start, rf.body_bytes, rf.duplicate_of
           FROM rf
       ) entries
       ORDER BY received_at DESC, kind, id DESC
       LIMIT $3 OFFSET $4`,
      [userId, depth, Math.min(pageSize + 1, Math.max(0, LOG_DEPTH - offset)), offset],
    );
    const entries = rows.slice(0, pageSize).map(toEntry);
    return { entries, hasNext: rows.length > pageSize };
  }

  /**
   * Given events and refused requests of the user, as the log shows them (someone else's ids
   * are not found); for a live view that is told which rows changed.
   */
  async byIds(userId: number, eventIds: readonly number[], refusedIds: readonly number[]): Promise<LogEntry[]> {
    if (eventIds.length === 0 && refusedIds.length === 0) return [];
    const { rows } = await this.pool.query<Row>(
      `SELECT 'event' AS kind, e.id, e.provider, e.received_at,
              CASE WHEN e.provider = 'fal' THEN e.payload - 'payload' ELSE e.payload END AS payload,
              e.status, e.outcome, e.last_error, e.replay_of, s.status AS trade_status, s.outcome AS trade_outcome,
              NULL::int AS http_status, NULL::text AS reason, NULL::text AS body_start, NULL::int AS body_bytes, NULL::bigint AS duplicate_of
         FROM inbound_events e LEFT JOIN trade_signals s ON s.event_id = e.id
        WHERE e.id = ANY($2::bigint[]) AND e.user_id = $1
       UNION ALL
       SELECT 'refused', r.id, r.provider, r.received_at, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
              r.http_status, r.reason, r.body_start, r.body_bytes, r.duplicate_of
         FROM refused_requests r
        WHERE r.id = ANY($3::bigint[]) AND r.user_id = $1`,
      [userId, eventIds, refusedIds],
    );
    return rows.map(toEntry);
  }

  /** The user's latest event from one provider, to preview a message template on. */
  async latest(userId: number, provider: string): Promise<{ id: number; payload: Record<string, unknown> } | undefined> {
    const { rows } = await this.pool.query<{ id: string; payload: Record<string, unknown> }>(
      `SELECT e.id, e.payload FROM endpoints en JOIN LATERAL (
         SELECT id, payload FROM inbound_events WHERE endpoint_id = en.id ORDER BY id DESC LIMIT 1) e ON true
        WHERE en.user_id = $1 AND en.provider = $2`,
      [userId, provider],
    );
    const row = rows[0];
    return row && { id: Number(row.id), payload: row.payload };
  }

  /** One of the user's events (someone else's is as missing as a deleted one). */
  async event(userId: number, eventId: number): Promise<{ id: number; provider: string; payload: Record<string, unknown> } | undefined> {
    const { rows } = await this.pool.query<{ id: string; provider: string; payload: Record<string, unknown> }>(
      `SELECT id, provider, payload FROM inbound_events WHERE id = $1 AND user_id = $2`,
      [eventId, userId],
    );
    const row = rows[0];
    return row && { id: Number(row.id), provider: row.provider, payload: row.payload };
  }
}

function toEntry(row: Row): LogEntry {
  if (row.kind === 'refused') {
    return {
      kind: 'refused',
      id: Number(row.id),
      provider: row.provider,
      receivedAt: row.received_at,
      httpStatus: row.http_status ?? 0,
      reason: row.reason ?? '',
      bodyStart: row.body_start ?? '',
      bodyBytes: row.body_bytes ?? 0,
      duplicateOf: numberOrNull(row.duplicate_of),
    };
  }
  return {
    kind: 'event',
    id: Number(row.id),
    provider: row.provider,
    receivedAt: row.received_at,
    payload: row.payload ?? {},
    status: row.status ?? 'pending',
    outcome: row.outcome,
    lastError: row.last_error,
    replayOf: numberOrNull(row.replay_of),
    trade: row.trade_status === null ? null : { status: row.trade_status, outcome: row.trade_outcome },
  };
}
