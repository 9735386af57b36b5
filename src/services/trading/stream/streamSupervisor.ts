import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { I18n } from '@grammyjs/i18n';
import type pg from 'pg';
import type { Config } from '../../../config.js';
import type { Logger } from '../../../logger.js';
import type { SecretBox } from '../../secrets/secretBox.js';
import type { Account, BybitSession } from '../bybit.js';
import { AccountStream } from './accountStream.js';
import { moveStopToBreakeven, pendingBreakevens } from '../cards/breakeven.js';
import { missedExecutions, missedOrderEnds } from './catchUp.js';
import { recordOrderEnds } from './orderEnds.js';
import { recordExecutions, recordProtection, type Queued, type StreamOwner } from './recordExecutions.js';

/**
 * The private stream of an account kind: the configured one; else Bybit's own (undefined: the
 * SDK's default) when orders go to Bybit itself; else none (null). Orders sent to another host
 * (a test exchange, a regional domain) with the stream at Bybit's would authenticate the key
 * with an exchange that does not know it.
 */
export function streamUrl(settings: Config['trading'], account: Account): string | undefined | null {
  const [ws, rest] = account === 'demo' ? [settings.demoWsUrl, settings.demoBaseUrl] : [settings.wsUrl, settings.baseUrl];
  if (ws) return ws;
  return rest === undefined ? undefined : null;
}

/**
 * Order ends younger than this are left to the next catch-up: Hookbot's own cancellations are
 * written down just after Bybit answers them, and must not be mistaken for someone else's.
 */
const ORDER_SETTLE_MS = 5_000;

/** Fills up to this long before the last catch-up began are looked up again: Bybit's clock is not ours. */
const CLOCK_MARGIN_MS = 60_000;

export interface StreamSupervisorOptions {
  pool: pg.Pool;
  log: Logger;
  i18n: I18n;
  secrets: SecretBox;
  settings: Config['trading'];
  /** The REST session of a key (shared with order placement, and its rate limiter). */
  session(account: Account, credentials: { key: string; secret: string }): BybitSession;
  /** A futures symbol's price step (for the breakeven stop). */
  tickSize(account: Account, symbol: string): Promise<string>;
  onQueued?: () => void;
}

interface HeldRow {
  user_id: string;
  account: Account;
  api_key: string;
  api_secret: string;
  telegram_id: string;
  language: string;
}

interface Held {
  stream: AccountStream;
  /** The stored (sealed) key it was opened with: a key saved again is a new connection. */
  sealedKey: string;
}

/**
 * Holds the private WebSocket of every Bybit key, across all worker processes: each key has a
 * lease row (bybit_streams) that exactly one worker holds and renews a few times per lease
 * period. A worker that dies stops renewing; once its leases expire another worker claims them,
 * connects, and catches up on what happened in between. A worker that cannot renew (database
 * unreachable) closes its connections before its leases could be taken over.
 */
export class StreamSupervisor {
  /** Account kinds whose stream goes to the same exchange as their orders; see streamUrl. */
  readonly accounts: Account[];
  readonly holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly held = new Map<string, Held>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private lastRenewed = 0;
  private stopped = false;

  constructor(private readonly options: StreamSupervisorOptions) {
    this.accounts = (['demo', 'real'] as const).filter((account) => streamUrl(options.settings, account) !== null);
  }

  start(): void {
    const periodMs = (this.options.settings.streamLeaseSeconds * 1000) / 3;
    this.timer = setInterval(() => this.tick(), periodMs);
    this.timer.unref();
    this.tick();
  }

  /** Keys this process holds a connection for. */
  get size(): number {
    return this.held.size;
  }

  /** Closes every connection and gives the leases up, so another worker takes them over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    await this.closeAll();
    await this.options.pool
      .query(`UPDATE bybit_streams SET holder = NULL, lease_until = NULL WHERE holder = $1`, [this.holder])
      .catch((error: unknown) => this.options.log.warn({ err: error }, 'bybit stream leases not released; they expire'));
  }

  private tick(): void {
    if (this.ticking || this.stopped) return;
    this.ticking = this.renewAndClaim()
      .catch((error: unknown) => this.options.log.error({ err: error }, 'bybit stream leases not renewed'))
      .finally(() => {
        this.ticking = undefined;
      });
  }

  private async renewAndClaim(): Promise<void> {
    const { pool, settings } = this.options;
    let rows: HeldRow[];
    try {
      await pool.query(
        `INSERT INTO bybit_streams (user_id, account)
         SELECT k.user_id, k.account FROM bybit_keys k
          WHERE NOT EXISTS (SELECT 1 FROM bybit_streams s WHERE s.user_id = k.user_id AND s.account = k.account)
         ON CONFLICT DO NOTHING`,
      );
      ({ rows } = await pool.query<HeldRow>(
        `WITH renewed AS (
           UPDATE bybit_streams s SET lease_until = now() + make_interval(secs => $2)
             FROM users u
            WHERE s.holder = $1 AND u.id = s.user_id AND u.active
           RETURNING s.user_id, s.account
         ), taken AS (
           UPDATE bybit_streams s SET holder = $1, lease_until = now() + make_interval(secs => $2)
             FROM (SELECT x.user_id, x.account FROM bybit_streams x JOIN users u ON u.id = x.user_id AND u.active
                    WHERE (x.holder IS NULL OR x.lease_until IS NULL OR x.lease_until < now()) AND x.holder IS DISTINCT FROM $1
                      AND x.account = ANY($4::text[])
                    ORDER BY x.lease_until NULLS FIRST LIMIT $3 FOR UPDATE OF x SKIP LOCKED) c
            WHERE s.user_id = c.user_id AND s.account = c.account
           RETURNING s.user_id, s.account
         )
         SELECT h.user_id, h.account, k.api_key, k.api_secret, u.telegram_id, u.language
           FROM (SELECT * FROM renewed UNION ALL SELECT * FROM taken) h
           JOIN bybit_keys k ON k.user_id = h.user_id AND k.account = h.account
           JOIN users u ON u.id = h.user_id`,
        [this.holder, settings.streamLeaseSeconds, Math.max(0, settings.streamsPerWorker - this.held.size), this.accounts],
      ));
    } catch (error) {
      // Leases we cannot renew will be taken over: close before that can happen, not after.
      if (Date.now() - this.lastRenewed > settings.streamLeaseSeconds * 800) await this.closeAll();
      throw error;
    }
    this.lastRenewed = Date.now();
    if (this.stopped) return;
    const wanted = new Map(rows.map((row) => [`${row.user_id}|${row.account}`, row]));
    for (const [id, held] of this.held) {
      const row = wanted.get(id);
      if (!row || row.api_key !== held.sealedKey) {
        this.held.delete(id);
        await held.stream.stop();
      }
    }
    for (const [id, row] of wanted) {
      if (!this.held.has(id)) this.open(id, row);
    }
  }

  private open(id: string, row: HeldRow): void {
    const { secrets, settings, log, pool, i18n } = this.options;
    const credentials = { key: secrets.decrypt(row.api_key), secret: secrets.decrypt(row.api_secret) };
    const owner: StreamOwner = { userId: Number(row.user_id), account: row.account, telegramId: Number(row.telegram_id), language: row.language };
    const t = (key: string, variables?: Record<string, string | number>) => i18n.t(owner.language, key, variables);
    const streamLog = log.child({ userId: owner.userId, account: owner.account });
    const stream = new AccountStream({
      credentials,
      demo: row.account === 'demo',
      wsUrl: streamUrl(settings, row.account) ?? undefined,
      recvWindowMs: settings.recvWindowMs,
      log: streamLog,
      onExecutions: async (executions) => {
        const queued = await recordExecutions(pool, owner, executions, 'stream', t);
        this.wake(queued);
        this.breakeven(owner, credentials, queued.breakeven ?? [], streamLog);
      },
      onPositions: async (positions) => this.wake(await recordProtection(pool, owner, positions, t)),
      catchUp: (inQueue) => this.catchUp(owner, credentials, t, inQueue),
      followUpMs: ORDER_SETTLE_MS + 1000,
    });
    this.held.set(id, { stream, sealedKey: row.api_key });
    stream.start();
  }

  /**
   * Looks up every fill since the last catch-up began and reports the ones not reported yet.
   * Bybit is asked outside the stream's queue; what it answers is recorded in it. The cursor
   * moves only after they are recorded, and only while this process holds the key.
   */
  private async catchUp(
    owner: StreamOwner,
    credentials: { key: string; secret: string },
    t: (key: string, variables?: Record<string, string | number>) => string,
    inQueue: <T>(task: () => Promise<T>) => Promise<T>,
  ): Promise<void> {
    const { pool } = this.options;
    const { rows } = await pool.query<{ since: string; now: string }>(
      `SELECT (extract(epoch FROM caught_up_to) * 1000)::bigint AS since, (extract(epoch FROM now()) * 1000)::bigint AS now
         FROM bybit_streams WHERE user_id = $1 AND account = $2 AND holder = $3`,
      [owner.userId, owner.account, this.holder],
    );
    const cursor = rows[0];
    if (!cursor) return;
    const startedAt = Number(cursor.now);
    const session = this.options.session(owner.account, credentials);
    const since = Number(cursor.since) - CLOCK_MARGIN_MS;
    const executions = await missedExecutions(session, since);
    this.wake(await inQueue(() => recordExecutions(pool, owner, executions, 'catch-up', t)));
    const orders = await missedOrderEnds(session, since, Number(cursor.now) - ORDER_SETTLE_MS);
    this.wake(await inQueue(() => recordOrderEnds(pool, owner, orders, t)));
    // Moves due from these fills, and any a process left half-done (it died, or Bybit did not answer).
    await this.moveDue(owner, credentials, await pendingBreakevens(pool, owner));
    await pool.query(
      `UPDATE bybit_streams SET caught_up_to = greatest(caught_up_to, to_timestamp($4 / 1000.0))
        WHERE user_id = $1 AND account = $2 AND holder = $3`,
      [owner.userId, owner.account, this.holder, startedAt],
    );
  }

  /** Moves stops to breakeven off the stream's queue (a REST round trip must not hold the next fills back). */
  private breakeven(owner: StreamOwner, credentials: { key: string; secret: string }, cardIds: number[], log: Logger): void {
    if (cardIds.length === 0) return;
    // One that fails is due again and done by the next catch-up.
    this.moveDue(owner, credentials, cardIds).catch((error: unknown) => log.warn({ err: error }, 'stop not moved to breakeven yet'));
  }

  private async moveDue(owner: StreamOwner, credentials: { key: string; secret: string }, cardIds: number[]): Promise<void> {
    const { pool, i18n } = this.options;
    const deps = {
      pool,
      session: this.options.session(owner.account, credentials),
      tickSize: (symbol: string) => this.options.tickSize(owner.account, symbol),
      translate: (language: string) => (key: string, variables?: Record<string, string | number>) => i18n.t(language, key, variables),
    };
    for (const cardId of cardIds) {
      const due = await moveStopToBreakeven(deps, owner, cardId);
      if (due !== undefined) this.wake({ now: false, dueMs: [due] });
    }
  }

  /** Wakes this process's outbox for what was queued: now, and when each paced card edit is due. */
  private wake(queued: Queued): void {
    const { onQueued } = this.options;
    if (!onQueued) return;
    if (queued.now || queued.dueMs.some((ms) => ms <= 0)) onQueued();
    for (const ms of new Set(queued.dueMs.filter((due) => due > 0))) setTimeout(onQueued, ms + 5).unref();
  }

  private async closeAll(): Promise<void> {
    const streams = [...this.held.values()].map((held) => held.stream);
    this.held.clear();
    await Promise.all(streams.map((stream) => stream.stop()));
  }
}
