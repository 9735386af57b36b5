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
 * events whose key was claimed, in one statement and so in one commit. (Exported for the ingress
 * benchmark, which measures PostgreSQL's share of it alone.)
 */
export const INSERT_BATCH = `
WITH input AS (
  SELECT * FROM json_to_recordset($1::json)
    AS t(ord int, endpoint_id bigint, user_id bigint, provider text, key text, ttl int, payload jsonb)
), claimed AS (
  INSERT INTO inbound_dedupe (endpoint_id, key, expires_at)
  SELECT endpoint_id, key,
         CASE WHEN ttl IS NULL THEN 'infinity'::timestamptz ELSE now() + make_interval(secs => ttl) END
    FROM input
   -- One lock order for every writer (other batches, other processes): no deadlocks.
   ORDER BY endpoint_id, key
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
 * Group commit for inbound events. Requests that arrive while batches are being written wait and
 * go together in the next statement: one round trip and one WAL flush for many requests. Nothing
 * waits on a timer, so a lone request is written at once. A request is answered only after its
 * batch has committed.
 */
export class IngestWriter {
  private queue: Pending[] = [];
  private inFlight = 0;
  private idle: Array<() => void> = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxBatch = 500,
    // Measured on 2 cores (bench/ingress): one batch at a time gives the largest batches and the
    // most requests a second; more in flight split the load into smaller, costlier statements.
    private readonly maxInFlight = 1,
  ) {}

  store(event: EventToStore): Promise<StoreOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      this.pump();
    });
  }

  /** Resolves once everything handed to store() so far has been written (used at shutdown). */
  drain(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.writeBatch(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
        if (this.inFlight === 0 && this.queue.length === 0) for (const resolve of this.idle.splice(0)) resolve();
      });
    }
  }

  /**
   * Writes a batch in one statement. When PostgreSQL refuses the statement for what one of the
   * events holds, the batch is split in halves and each is written on its own, down to the single
   * event at fault, which alone is refused: nobody's request fails for another's. A failure that
   * is no event's fault (the database is down) fails the batch, thrown as it came.
   */
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
    // One JSON parameter (cheaper to encode than seven arrays), in a named statement that each
    // connection prepares and plans once. Each event is encoded on its own, so one that cannot be
    // encoded is refused alone.
    const encoded: string[] = [];
    const written = new Map<string, Pending>();
    for (const [mapKey, item] of firstByKey) {
      const { event } = item;
      let json: string;
      try {
        json = JSON.stringify({
          ord: encoded.length,
          endpoint_id: event.endpointId,
          user_id: event.userId,
          provider: event.provider,
          key: event.dedupe.key,
          ttl: event.dedupe.ttlSeconds,
          payload: event.payload,
        });
      } catch (error) {
        item.reject(new UnstorableEventError(error instanceof Error ? error.message : String(error)));
        continue;
      }
      encoded.push(json);
      written.set(mapKey, item);
    }
    let rows: Array<{ id: number; endpoint_id: number; dedupe_key: string }>;
    try {
      ({ rows } = await this.pool.query<{ id: number; endpoint_id: number; dedupe_key: string }>({
        name: 'hookbot-ingest-batch',
        text: INSERT_BATCH,
        values: [`[${encoded.join(',')}]`],
      }));
    } catch (error) {
      if (!isRefusedForContent(error)) {
        for (const item of batch) item.reject(error);
        return;
      }
      if (batch.length === 1) {
        batch[0]!.reject(new UnstorableEventError(describeRefusal(error)));
        return;
      }
      // Repeats go with the halves too: a repeat of a refused event may be storable itself.
      const middle = Math.ceil(batch.length / 2);
      await this.writeBatch(batch.slice(0, middle));
      await this.writeBatch(batch.slice(middle));
      return;
    }
    const ids = new Map(rows.map((row) => [`${row.endpoint_id}\u0000${row.dedupe_key}`, row.id]));
    for (const [mapKey, item] of written) {
      const id = ids.get(mapKey);
      item.resolve(id === undefined ? { duplicate: true } : { duplicate: false, id });
    }
    for (const item of repeats) {
      const mapKey = `${item.event.endpointId}\u0000${item.event.dedupe.key}`;
      if (written.has(mapKey)) item.resolve({ duplicate: true });
      else item.reject(new UnstorableEventError('a request with the same key could not be stored'));
    }
  }
}

/**
 * An event PostgreSQL refused for what it holds (text it cannot store, a value out of range), not
 * for the state of the database: the sender's fault, answered 400 with the reason.
 */
export class UnstorableEventError extends Error {
  readonly statusCode = 400;
  constructor(reason: string) {
    super(`the request cannot be stored: ${reason}`);
    this.name = 'UnstorableEventError';
  }
}

/** SQLSTATE classes 22 (data exception) and 54 (program limit exceeded): the data's fault. */
function isRefusedForContent(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('54'));
}

function describeRefusal(error: unknown): string {
  const { message, detail } = error as { message?: string; detail?: string };
  return [message, detail].filter(Boolean).join(': ') || 'refused by the database';
}
