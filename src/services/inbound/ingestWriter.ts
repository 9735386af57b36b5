import type pg from 'pg';
import type { DedupeKey } from '../../../handlers/types.js';

export interface EventToStore {
  endpointId: number;
  userId: number;
  provider: string;
  dedupe: DedupeKey;
  payload: unknown;
}

export type StoreOutcome = { duplicate: false; id: number } | { duplicate: true };

interface Pending {
  event: EventToStore;
  resolve: (outcome: StoreOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Claims the dedupe keys (a key whose window has passed can be claimed again) and inserts the
 * events whose key was claimed, in one statement and so in one commit.
 */
const INSERT_BATCH = `
WITH input AS (
  SELECT * FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::int[], $7::jsonb[])
    AS t(ord, endpoint_id, user_id, provider, key, ttl, payload)
), claimed AS (
  INSERT INTO inbound_dedupe (endpoint_id, key, expires_at)
  SELECT endpoint_id, key,
         CASE WHEN ttl IS NULL THEN 'infinity'::timestamptz ELSE now() + make_interval(secs => ttl) END
    FROM input
  ON CONFLICT (endpoint_id, key) DO UPDATE SET expires_at = EXCLUDED.expires_at
    WHERE inbound_dedupe.expires_at <= now()
  RETURNING endpoint_id, key
)
INSERT INTO inbound_events (endpoint_id, user_id, provider, dedupe_key, payload)
SELECT i.endpoint_id, i.user_id, i.provider, i.key, i.payload
  FROM input i JOIN claimed c ON c.endpoint_id = i.endpoint_id AND c.key = i.key
 ORDER BY i.ord
RETURNING id, endpoint_id, dedupe_key`;

/**
 * Group commit for inbound events. While one batch is being written, newly arriving events wait
 * and go together in the next statement: one round trip and one WAL flush for many requests.
 * Nothing waits on a timer, so a lone request is written at once. A request gets its answer only
 * after its batch has committed.
 */
export class IngestWriter {
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxBatch = 500,
  ) {}

  store(event: EventToStore): Promise<StoreOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      this.flushing ??= this.flushAll();
    });
  }

  /** Resolves once everything handed to store() so far has been written (used at shutdown). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushAll(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.writeBatch(batch);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    // Two identical keys in one statement would make ON CONFLICT touch a row twice: the first
    // of them is written, the rest are duplicates of it.
    const firstByKey = new Map<string, Pending>();
    const repeats: Pending[] = [];
    for (const item of batch) {
      const mapKey = `${item.event.endpointId}\u0000${item.event.dedupe.key}`;
      if (firstByKey.has(mapKey)) repeats.push(item);
      else firstByKey.set(mapKey, item);
    }
    const unique = [...firstByKey.values()];
    try {
      const { rows } = await this.pool.query<{ id: number; endpoint_id: number; dedupe_key: string }>(INSERT_BATCH, [
        unique.map((_, index) => index),
        unique.map((item) => item.event.endpointId),
        unique.map((item) => item.event.userId),
        unique.map((item) => item.event.provider),
        unique.map((item) => item.event.dedupe.key),
        unique.map((item) => item.event.dedupe.ttlSeconds),
        unique.map((item) => JSON.stringify(item.event.payload)),
      ]);
      const ids = new Map(rows.map((row) => [`${row.endpoint_id}\u0000${row.dedupe_key}`, row.id]));
      for (const [mapKey, item] of firstByKey) {
        const id = ids.get(mapKey);
        item.resolve(id === undefined ? { duplicate: true } : { duplicate: false, id });
      }
      for (const item of repeats) item.resolve({ duplicate: true });
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}
