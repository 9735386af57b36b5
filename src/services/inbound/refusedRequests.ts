import type pg from 'pg';
import type { Logger } from '../../logger.js';
import type { EndpointOwner } from '../../../models/endpoints.js';

/** How much of a refused body is kept: enough to see what was sent, not a copy of a flood. */
export const REFUSED_BODY_BYTES = 4096;

/** Writes waiting at most; beyond it a refusal is not recorded (the answer never waits for it). */
const MAX_QUEUED = 200;
/** URLs whose sampling state is kept; the oldest is forgotten first. */
const MAX_TRACKED_URLS = 10_000;

export interface Refusal {
  /** The HTTP status answered: a 4xx, or 200 for a request dropped as a duplicate. */
  status: number;
  reason: string;
  body: Buffer;
  /** For a duplicate: its dedupe key, to name the stored event it repeats. */
  dedupeKey?: string;
}

export interface RefusedRequestsOptions {
  pool: pg.Pool;
  log: Logger;
  /** Rows kept per URL; older ones are deleted as new ones come. */
  keepPerUrl: number;
  /** Refusals recorded per URL and minute (a token bucket of that size, refilled evenly). */
  perMinute: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Keeps a bounded record of the requests a personal URL refused, for its owner's /events. Nothing
 * here is on the path of an accepted request, and a refused one is answered without waiting: the
 * write is queued and done one at a time on one connection. A flood is held back three times: a
 * token bucket per URL in this process, a bounded queue, and the database keeping only the last
 * rows of each URL.
 */
export class RefusedRequests {
  private readonly buckets = new Map<number, Bucket>();
  private queue: Array<{ owner: EndpointOwner; provider: string; refusal: Refusal; body: string; receivedAt: Date }> = [];
  private writing: Promise<void> | undefined;

  constructor(private readonly options: RefusedRequestsOptions) {}

  /** Records the refusal later, if this URL's budget allows; never throws, never waits. */
  record(owner: EndpointOwner, provider: string, refusal: Refusal): void {
    if (!this.take(owner.endpointId) || this.queue.length >= MAX_QUEUED) return;
    this.queue.push({ owner, provider, refusal, body: bodyStart(refusal.body), receivedAt: new Date() });
    this.writing ??= this.writeQueued();
  }

  /** Resolves once every queued refusal has been written (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private take(endpointId: number): boolean {
    const now = Date.now();
    const capacity = this.options.perMinute;
    let bucket = this.buckets.get(endpointId);
    if (!bucket) {
      if (this.buckets.size >= MAX_TRACKED_URLS) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = { tokens: capacity, at: now };
      this.buckets.set(endpointId, bucket);
    }
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 60_000) * capacity);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private async writeQueued(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const item = this.queue.shift()!;
        await this.write(item).catch((error: unknown) =>
          // Only a record is lost; the request was answered already.
          this.options.log.warn({ err: error, endpointId: item.owner.endpointId }, 'could not record a refused request'),
        );
      }
    } finally {
      this.writing = undefined;
    }
  }

  private async write({ owner, provider, refusal, body, receivedAt }: (typeof this.queue)[number]): Promise<void> {
    await this.options.pool.query(
      `WITH earlier AS (
         SELECT id FROM inbound_events
          WHERE $7::text IS NOT NULL AND endpoint_id = $1 AND dedupe_key = $7
          ORDER BY id DESC LIMIT 1
       ), added AS (
         INSERT INTO refused_requests (endpoint_id, user_id, provider, http_status, reason, body_start, body_bytes, duplicate_of, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $8, (SELECT id FROM earlier), $10)
         RETURNING id
       )
       DELETE FROM refused_requests
        WHERE endpoint_id = $1
          AND id <= (SELECT id FROM refused_requests WHERE endpoint_id = $1 ORDER BY id DESC OFFSET $9 LIMIT 1)`,
      [owner.endpointId, owner.userId, provider, refusal.status, refusal.reason.slice(0, 1000), body, refusal.dedupeKey ?? null, refusal.body.length, this.options.keepPerUrl - 1, receivedAt],
    );
  }
}

/**
 * The first REFUSED_BODY_BYTES of a body as text PostgreSQL can store: invalid UTF-8 and a
 * character cut in half become U+FFFD, a NUL becomes U+2400 (a visible ␀).
 */
export function bodyStart(body: Buffer): string {
  return body.subarray(0, REFUSED_BODY_BYTES).toString('utf8').replaceAll('\u0000', '\u2400');
}
