import type pg from 'pg';
import type { Agent } from 'undici';
import { NotificationListener } from '../../db/listener.js';
import type { Logger } from '../../logger.js';
import { ClaimLoop } from '../claimLoop.js';
import { signWebhook } from './signing.js';
import { recordWebhookAttempt } from '../metrics/record.js';

export const WEBHOOKS_CHANNEL = 'hookbot_webhooks';

export interface ClaimedDelivery {
  id: string;
  job_id: string;
  seq: number;
  url: string;
  message_id: string;
  payload: unknown;
  timeout_ms: number;
  attempts: number;
  deadline_at: Date;
  secret: string | null;
}

/** What a claim returns of a delivery row aliased `d`: everything a request needs, its secret too. */
export const CLAIMED_COLUMNS = `d.id, d.job_id, d.seq, d.url, d.message_id, d.payload, d.timeout_ms, d.attempts, d.deadline_at,
  (SELECT k.webhook_secret FROM scrape_jobs j JOIN api_keys k ON k.user_id = j.user_id WHERE j.id = d.job_id) AS secret`;

/** When the lease of a delivery whose request may take `timeoutMs` (an SQL expression) ends. */
export const leaseEnd = (timeoutMs: string) => `now() + make_interval(secs => ${timeoutMs} / 1000.0 + 30)`;

/** Gives a leased delivery back untried, for whichever dispatcher runs next. */
const HAND_BACK = `UPDATE webhook_deliveries SET locked_until = NULL, attempts = attempts - 1 WHERE id = $1`;

/** Lease and attempt count of a claimed delivery. */
const CLAIM_SET = `locked_until = ${leaseEnd('d.timeout_ms')}, attempts = d.attempts + 1`;

/** The dispatcher's own connection for leases and outcomes; `drop` gives it back (closed when broken). */
interface BookkeepingConnection {
  client: pg.PoolClient;
  drop(error?: unknown): void;
}

export interface WebhookDispatcherOptions {
  pool: pg.Pool;
  log: Logger;
  agent: Agent;
  /** Opens a signing secret as stored (sealed at rest). */
  openSecret(sealed: string): string;
  /** Jobs served at once (each job has one request in flight, to keep its order). */
  concurrency?: number;
}

/** Why a failed attempt failed, for the record (never the secret or the body). */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return error.name === 'TimeoutError' ? 'timed out' : `${error.message}${detail}`;
  }
  return String(error);
}

/**
 * Delivers the users' webhooks. Each job's requests go one at a time in `seq` order (the order
 * results were extracted); different jobs go in parallel. A failing request is retried with
 * exponential backoff until its deadline, then recorded as failed and the next one goes. Runs
 * beside the scrapes, never in their way: they only insert rows.
 */
export class WebhookDispatcher {
  private readonly loop: ClaimLoop<ClaimedDelivery>;
  private listener: NotificationListener | undefined;
  private bookkeeping: Promise<BookkeepingConnection> | undefined;
  private bookkeepingOpen: BookkeepingConnection | undefined;
  /** Cuts requests still waiting on a receiver when we stop: a slow receiver must not hold a shutdown. */
  private readonly stopping = new AbortController();

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.loop = new ClaimLoop({
      // Each job has one request in flight, to keep its order.
      concurrency: options.concurrency ?? 32,
      claim: (limit) => this.claim(limit),
      handle: (delivery) => this.deliverInOrder(delivery),
      onError: (error, delivery) =>
        delivery
          ? options.log.error({ err: error, deliveryId: delivery.id }, 'webhook bookkeeping failed')
          : options.log.error({ err: error }, 'webhook claim failed'),
    });
  }

  private get running(): boolean {
    return this.loop.running;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.listener = new NotificationListener({
      pool: this.options.pool,
      log: this.options.log,
      name: 'webhook dispatcher',
      channels: [WEBHOOKS_CHANNEL],
      onNotification: () => this.wake(),
      // Deliveries queued while nobody listened were not announced.
      onConnected: (_client, reconnected) => {
        if (reconnected) this.wake();
      },
    });
    await this.listener.start();
    this.loop.start();
  }

  wake(): void {
    this.loop.wake();
  }

  /** Whether a delivery may be inserted already leased to this process (see sendLeased). */
  get takesLeased(): boolean {
    return this.running;
  }

  /**
   * Sends a delivery that was inserted already leased to this process (attempts 1, the lease a
   * claim would set), without a round through the claim loop: for a result streamed live, the
   * claim's round trip was a good part of the webhook's lag. The inserter leases a delivery only
   * when nothing earlier of its job is pending, so the job's order holds; a process that dies
   * with it leased leaves it to the others once the lease ends, as with a claimed one.
   */
  sendLeased(delivery: ClaimedDelivery): void {
    if (this.loop.adopt(delivery)) return;
    // Stopped meanwhile: the lease goes back, for whichever dispatcher runs next.
    void this.options.pool
      .query(HAND_BACK, [delivery.id])
      .catch((error: unknown) => this.options.log.error({ err: error, deliveryId: delivery.id }, 'webhook bookkeeping failed'));
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopping.abort();
    await this.loop.stop();
    this.bookkeepingOpen?.drop();
    await this.listener?.close();
    this.listener = undefined;
  }

  /**
   * Leases and outcomes are written on a connection of their own, without waiting for the disk
   * (synchronous_commit off for the session): one statement, one round trip. One lost in a crash
   * only means a request is sent again (webhook-id lets receivers drop it), and waiting for a
   * flush, or for a connection from the pool the scrapes use, before every request would be most
   * of the delivery lag.
   */
  private async bookkeep<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    const connection = await this.bookkeeper();
    try {
      return await connection.client.query<R>(sql, params);
    } catch (error) {
      // A statement PostgreSQL refused leaves the connection usable; a lost connection is replaced.
      if (typeof (error as { severity?: unknown }).severity !== 'string') connection.drop(error);
      throw error;
    }
  }

  private bookkeeper(): Promise<BookkeepingConnection> {
    this.bookkeeping ??= this.openBookkeeper().catch((error: unknown) => {
      this.bookkeeping = undefined;
      throw error;
    });
    return this.bookkeeping;
  }

  private async openBookkeeper(): Promise<BookkeepingConnection> {
    const client = await this.options.pool.connect();
    let dropped = false;
    const connection: BookkeepingConnection = {
      client,
      drop: (error) => {
        if (dropped) return;
        dropped = true;
        if (this.bookkeepingOpen === connection) {
          this.bookkeeping = undefined;
          this.bookkeepingOpen = undefined;
        }
        if (error !== undefined) this.options.log.warn({ error: error instanceof Error ? error.message : String(error) }, 'webhook bookkeeping connection lost');
        // Closed, never reused: the pool must not hand a scrape a session that commits without the disk.
        client.release(error instanceof Error ? error : true);
      },
    };
    client.on('error', (error) => connection.drop(error));
    try {
      await client.query('SET synchronous_commit = off');
    } catch (error) {
      connection.drop(error);
      throw error;
    }
    this.bookkeepingOpen = connection;
    return connection;
  }

  /** The oldest pending request of each job, when due and not held by another attempt. */
  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const { rows } = await this.bookkeep<ClaimedDelivery>(
      `UPDATE webhook_deliveries d
          SET ${CLAIM_SET}
        WHERE d.id IN (
          SELECT head.id FROM (
            SELECT DISTINCT ON (job_id) id, next_attempt_at, locked_until
              FROM webhook_deliveries WHERE status = 'pending' ORDER BY job_id, seq
          ) head
          WHERE head.next_attempt_at <= now() AND (head.locked_until IS NULL OR head.locked_until < now())
          ORDER BY head.id
          LIMIT $1)
          AND (d.locked_until IS NULL OR d.locked_until < now())
      RETURNING ${CLAIMED_COLUMNS}`,
      [limit],
    );
    return rows;
  }

  /** One job's requests back to back: each success claims the job's next one in the same statement. */
  private async deliverInOrder(first: ClaimedDelivery): Promise<void> {
    let next: ClaimedDelivery | undefined = first;
    while (next) next = await this.deliver(next);
  }

  /** Sends one request and records the outcome; after a success, returns the job's next request, claimed. */
  private async deliver(delivery: ClaimedDelivery): Promise<ClaimedDelivery | undefined> {
    const { log } = this.options;
    let secret: string | undefined;
    try {
      secret = delivery.secret ? this.options.openSecret(delivery.secret) : undefined;
    } catch {
      secret = undefined;
    }
    if (!secret) {
      await this.bookkeep(`UPDATE webhook_deliveries SET status = 'failed', locked_until = NULL, last_error = $2 WHERE id = $1`, [
        delivery.id,
        delivery.secret ? 'the signing secret cannot be opened with this ENCRYPTION_KEY' : 'no signing secret: the user has no API key',
      ]);
      return undefined;
    }
    const body = JSON.stringify(delivery.payload);
    let status: number | null = null;
    let error: string | undefined;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        body,
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Hookbot-Webhooks/1.0',
          ...signWebhook(secret, delivery.message_id, new Date(), body),
        },
        signal: AbortSignal.any([AbortSignal.timeout(delivery.timeout_ms), this.stopping.signal]),
        // undici's own Agent type and the one fetch's types expect differ only in typings.
        dispatcher: this.options.agent as never,
      } as RequestInit);
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = `receiver answered ${status}`;
    } catch (caught) {
      if (this.stopping.signal.aborted) {
        // Not the receiver's fault: hand the request back untried for the next start.
        await this.bookkeep(HAND_BACK, [delivery.id]);
        return undefined;
      }
      error = describe(caught);
    }
    recordWebhookAttempt(status, error);
    if (!error) {
      const delivered = `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), locked_until = NULL, last_status = $2, last_error = NULL
          WHERE id = $1 RETURNING job_id, seq`;
      if (!this.running) {
        await this.bookkeep(delivered, [delivery.id, status]);
        return undefined;
      }
      // The job's next request goes out at once, without a round through the claim loop.
      const { rows } = await this.bookkeep<ClaimedDelivery>(
        `WITH done AS (${delivered})
         UPDATE webhook_deliveries d SET ${CLAIM_SET}
          WHERE d.id = (SELECT n.id FROM webhook_deliveries n, done
                         WHERE n.job_id = done.job_id AND n.seq > done.seq AND n.status = 'pending' ORDER BY n.seq LIMIT 1)
            AND d.next_attempt_at <= now() AND (d.locked_until IS NULL OR d.locked_until < now())
         RETURNING ${CLAIMED_COLUMNS}`,
        [delivery.id, status],
      );
      return rows[0];
    }
    const backoff = Math.min(60, 2 ** (delivery.attempts - 1)) * (0.8 + Math.random() * 0.4);
    const giveUp = Date.now() + backoff * 1000 > new Date(delivery.deadline_at).getTime();
    log.warn({ jobId: delivery.job_id, seq: delivery.seq, attempt: delivery.attempts, error, giveUp }, 'webhook delivery failed');
    await this.bookkeep(
      `UPDATE webhook_deliveries
          SET status = $2, next_attempt_at = now() + make_interval(secs => $3), locked_until = NULL, last_status = $4, last_error = $5
        WHERE id = $1`,
      [delivery.id, giveUp ? 'failed' : 'pending', backoff, status, error],
    );
    if (!giveUp) setTimeout(() => this.wake(), Math.ceil(backoff * 1000) + 5).unref();
    return undefined;
  }
}
