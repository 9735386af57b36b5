import { createHash } from 'node:crypto';
import type { I18n } from '@grammyjs/i18n';
import type pg from 'pg';
import { inTransaction } from '../../db/transaction.js';
import { tradeRequestFrom } from '../../../handlers/tradeSignal.js';
import type { TradingViewAlert } from '../../../handlers/tradingview.js';
import { settingsFromRow, type KeyInfo, type TradingSettings } from '../../../models/trading.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { SecretBox } from '../secrets/secretBox.js';
import { enqueueMessages } from '../telegram/outbox.js';
import { BybitFailure, BybitSession, InstrumentCache, type Account } from './bybit.js';
import { classifyRetCode, type FailureReason } from './errors.js';
import type { Instrument } from './instruments.js';
import { MarketPrices } from './marketPrices.js';
import { WindowLimiter } from './limiter.js';
import { openCard } from './cards/tradeCards.js';
import { reconcileSignal } from './reconcile/positionWatch.js';
import { rememberOwnCancels } from './stream/orderEnds.js';
import { formatConfirmDecided } from './confirmCard.js';
import { formatLimitExpired, formatOutcome, formatRetrying } from './messages.js';
import { noDetails, placeSignal, type Outcome, type TradeLimits } from './placeSignal.js';
import { retryDelaySeconds } from './retryDelay.js';
import { recordTradeOutcome, recordTradeRetry } from '../metrics/record.js';

export interface TradingServiceOptions {
  pool: pg.Pool;
  log: Logger;
  i18n: I18n;
  secrets: SecretBox;
  settings: Config['trading'];
  /** Called after a commit that queued messages (wakes the outbox). */
  onQueued?: () => void;
}

/** A confirm card's signal, as its decision needs it. */
interface ConfirmRow {
  alert: TradingViewAlert;
  settings: Partial<TradingSettings>;
  confirm_card: string | null;
  language: string;
}

/** A limit order whose expiry has come, claimed for cancelling. */
interface DueLimit {
  id: number;
  user_id: number;
  account: string;
  category: 'linear' | 'spot';
  symbol: string;
  order_link_id: string;
  side: string;
  qty: string;
  price: string;
  age_seconds: number;
  telegram_id: number;
  language: string;
}

interface ClaimedSignal {
  id: number;
  event_id: number;
  user_id: number;
  alert: TradingViewAlert;
  settings: Partial<TradingSettings>;
  order_link_id: string;
  attempts: number;
  received_at: Date;
  replay_of: number | null;
  /** An earlier attempt passed the same-side guard. */
  same_side_checked: boolean;
  age_seconds: number;
  /** When this attempt claimed the signal (performance.now()), to know its age later on. */
  claimedAt: number;
  telegram_id: number;
  language: string;
  active: boolean;
  /** The sealed Bybit key of the signal's account, read with the claim; null when the user has none. */
  api_key: string | null;
  api_secret: string | null;
}

/**
 * Places trade signals on Bybit, outside the transaction that recorded them. Each user's
 * signals go one at a time and in order (also across processes: a signal is claimed only when
 * it is its user's oldest open one); users run side by side up to `concurrency`. All requests
 * share one limiter (Bybit's per-IP budget); each user's orders also pass their own.
 */
export class TradingService {
  private readonly limiter: WindowLimiter;
  private readonly userOrders = new Map<number, WindowLimiter>();
  private readonly instruments = new InstrumentCache();
  private readonly prices = new MarketPrices();
  private readonly publicSessions = new Map<Account, BybitSession>();
  private readonly sessions = new Map<string, BybitSession>();
  private readonly unsealed = new Map<string, { key: string; secret: string }>();
  private readonly activeUsers = new Set<number>();
  /** Users told of a new signal while their runner was busy. */
  private readonly dirty = new Set<number>();
  private readonly running = new Set<Promise<void>>();
  private scanning: Promise<void> | undefined;
  private expiring: Promise<void> | undefined;
  private rescan = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly leaseSeconds: number;

  constructor(private readonly options: TradingServiceOptions) {
    this.limiter = new WindowLimiter(options.settings.rateLimit, options.settings.rateWindowMs);
    this.leaseSeconds = options.settings.leaseSeconds;
  }

  /** Look for signals to place now (after a commit that recorded one). */
  wake(): void {
    if (this.stopped) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = this.scan()
      .catch((error: unknown) => this.options.log.error({ err: error }, 'trade signal scan failed'))
      .finally(() => {
        this.scanning = undefined;
        if (this.rescan) {
          this.rescan = false;
          this.wake();
        }
      });
  }

  /** The safety net: signals left by a crash, or waiting to retry while the exchange was down; limit orders due. */
  startSweeper(intervalSeconds: number): void {
    this.timer = setInterval(() => {
      this.wake();
      this.expireLimitOrders();
      this.expireConfirmations();
    }, intervalSeconds * 1000);
    this.timer.unref();
  }

  /**
   * Execute or Skip on a confirm card. The decision is one conditional UPDATE (confirm -> pending
   * | skipped, only before the deadline), so two presses, in one process or two, place at most once.
   */
  async decideConfirmation(userId: number, signalId: number, execute: boolean): Promise<{ kind: 'decided' | 'expired' | 'decidedBefore' | 'missing'; status?: string; html?: string }> {
    const result = await inTransaction(this.options.pool, async (client) => {
      const { rows } = await client.query<ConfirmRow>(
        `UPDATE trade_signals s SET status = $3::text, next_attempt_at = now(), finished_at = CASE WHEN $3::text = 'skipped' THEN now() END
          FROM users u
         WHERE s.id = $1 AND s.user_id = $2 AND u.id = s.user_id AND s.status = 'confirm' AND s.confirm_until > now()
         RETURNING s.alert, s.settings, s.confirm_card, u.language`,
        [signalId, userId, execute ? 'pending' : 'skipped'],
      );
      const taken = rows[0];
      if (taken) return { kind: 'decided' as const, html: this.confirmDecidedHtml(execute ? 'executed' : 'skipped', taken) };
      const { rows: now } = await client.query<{ status: string; due: boolean }>(
        `SELECT status, confirm_until <= now() AS due FROM trade_signals WHERE id = $1 AND user_id = $2 AND confirm_until IS NOT NULL`,
        [signalId, userId],
      );
      const row = now[0];
      if (!row) return { kind: 'missing' as const };
      if (row.status === 'unconfirmed' || (row.status === 'confirm' && row.due)) return { kind: 'expired' as const };
      return { kind: 'decidedBefore' as const, status: row.status };
    });
    if (result.kind === 'decided' && execute) this.wakeUser(userId);
    if (result.kind === 'expired') this.expireConfirmations();
    return result;
  }

  private confirmDecidedHtml(state: 'executed' | 'skipped' | 'expired', row: ConfirmRow): string {
    return formatConfirmDecided(state, { alert: row.alert, settings: settingsFromRow(row.settings), seconds: this.options.settings.confirmSeconds }, this.t(row.language));
  }

  /** Cards whose deadline passed: nothing is placed, and each card says so (edited in place). */
  expireConfirmations(): void {
    if (this.stopped) return;
    const run: Promise<void> = inTransaction(this.options.pool, async (client) => {
      const { rows } = await client.query<ConfirmRow & { telegram_id: number }>(
        `UPDATE trade_signals s SET status = 'unconfirmed', finished_at = now()
           FROM users u
          WHERE u.id = s.user_id AND s.id IN (
            SELECT id FROM trade_signals WHERE status = 'confirm' AND confirm_until <= now() ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED)
          RETURNING s.alert, s.settings, s.confirm_card, u.language, u.telegram_id`,
      );
      const messages = rows.map((row) => ({
        chatId: row.telegram_id,
        html: this.confirmDecidedHtml('expired', row),
        ...(row.confirm_card !== null ? { editOf: Number(row.confirm_card) } : {}),
      }));
      if (messages.length > 0) await enqueueMessages(client, messages);
      return messages.length;
    })
      .then((count) => {
        if (count > 0) this.options.onQueued?.();
      })
      .catch((error: unknown) => this.options.log.error({ err: error }, 'expiring confirm cards failed'))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Cancels the limit orders whose expiry has come, once each across processes, and tells their users. */
  expireLimitOrders(): void {
    if (this.stopped || this.expiring) return;
    const run: Promise<void> = this.expireDue()
      .catch((error: unknown) => this.options.log.error({ err: error }, 'expiring limit orders failed'))
      .finally(() => {
        this.expiring = undefined;
        this.running.delete(run);
      });
    this.expiring = run;
    this.running.add(run);
  }

  private async expireDue(): Promise<void> {
    const { rows } = await this.options.pool.query<DueLimit>(
      `UPDATE limit_orders l SET lease_until = now() + make_interval(secs => $1)
         FROM users u
        WHERE u.id = l.user_id AND l.id IN (
          SELECT id FROM limit_orders
           WHERE status = 'open' AND expires_at <= now() AND (lease_until IS NULL OR lease_until < now())
           ORDER BY expires_at LIMIT 50 FOR UPDATE SKIP LOCKED)
        RETURNING l.id, l.user_id, l.account, l.category, l.symbol, l.order_link_id, l.side, l.qty, l.price,
                  extract(epoch FROM now() - l.created_at)::float8 AS age_seconds, u.telegram_id, u.language`,
      [this.leaseSeconds],
    );
    for (const due of rows) {
      await this.expireOne(due).catch((error: unknown) => {
        // Left leased: another sweep tries again once the lease is over.
        this.options.log.warn({ limitOrderId: due.id, error: error instanceof Error ? error.message : String(error) }, 'limit order not cancelled yet');
      });
    }
  }

  private async expireOne(due: DueLimit): Promise<void> {
    const account: Account = due.account === 'real' ? 'real' : 'demo';
    const credentials = await this.credentials(due.user_id, account);
    let html: string | undefined;
    if (credentials) {
      const session = this.sessionFor(account, credentials);
      const answer = await session.send(
        (client) =>
          client.cancelOrder({ category: due.category, symbol: due.symbol, orderLinkId: due.order_link_id }) as unknown as Promise<{ retCode: number; retMsg: string; result: { orderId?: string } }>,
      );
      if (answer.retCode === 0) await rememberOwnCancels(this.options.pool, due.user_id, [answer.result.orderId ?? '']);
      // 110001 / 170213: nothing to cancel (filled, or cancelled on Bybit): nothing to report.
      if (answer.retCode === 0) {
        const history = await session
          .expect(
            (client) =>
              client.getHistoricOrders({ category: due.category, orderLinkId: due.order_link_id }) as unknown as Promise<{
                retCode: number;
                retMsg: string;
                result: { list: Record<string, string>[] };
              }>,
          )
          .catch(() => undefined);
        const order = history?.result.list.find((entry) => entry.orderLinkId === due.order_link_id);
        html = formatLimitExpired({ ...due, filled: order?.cumExecQty ?? '0', minutes: Math.max(1, Math.round(due.age_seconds / 60)) }, this.t(due.language));
      } else if (answer.retCode !== 110001 && answer.retCode !== 170213) {
        throw new BybitFailure(classifyRetCode(answer.retCode, answer.retMsg), `${answer.retCode}: ${answer.retMsg}`, answer.retCode);
      }
    }
    await inTransaction(this.options.pool, async (client) => {
      await client.query(`UPDATE limit_orders SET status = 'done', lease_until = NULL WHERE id = $1`, [due.id]);
      if (html) await enqueueMessages(client, [{ chatId: due.telegram_id, html }]);
    });
    if (html) this.options.onQueued?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.scanning || this.running.size > 0) {
      await this.scanning;
      await Promise.all([...this.running]);
    }
  }

  /**
   * Asks Bybit about a key before it is saved (/v5/user/query-api): it must work from this
   * server, be allowed to trade, and not be read-only.
   */
  async checkKey(account: Account, key: string, secret: string): Promise<{ ok: true; info: KeyInfo } | { ok: false; reason: FailureReason; detail: string }> {
    const session = this.sessionFor(account, { key, secret });
    let answer;
    try {
      answer = await session.send(
        (client) => client.getQueryApiKey() as unknown as Promise<{ retCode: number; retMsg: string; result: Record<string, unknown> }>,
      );
    } catch (error) {
      if (error instanceof BybitFailure) return { ok: false, reason: error.classified.reason, detail: error.detail };
      throw error;
    }
    if (answer.retCode !== 0) return { ok: false, reason: classifyRetCode(answer.retCode, answer.retMsg).reason, detail: `${answer.retCode}: ${answer.retMsg}` };
    const result = answer.result;
    const permissions = (result.permissions ?? {}) as Record<string, string[]>;
    const info: KeyInfo = {
      readOnly: Number(result.readOnly) === 1,
      permissions,
      ips: Array.isArray(result.ips) ? (result.ips as string[]) : [],
      expiredAt: typeof result.expiredAt === 'string' && result.expiredAt ? result.expiredAt : null,
    };
    if (info.readOnly) return { ok: false, reason: 'key-read-only', detail: '' };
    const canTrade = (permissions.ContractTrade ?? []).includes('Order') || (permissions.Spot ?? []).includes('SpotTrade');
    if (!canTrade) return { ok: false, reason: 'key-no-trade', detail: '' };
    return { ok: true, info };
  }

  /** A symbol's instrument (cached), for checking settings; null when Bybit does not list it. */
  async instrument(account: Account, category: 'linear' | 'spot', symbol: string): Promise<Instrument | null> {
    return this.instruments.get(this.sessionFor(account), category, symbol);
  }

  private async scan(): Promise<void> {
    const { rows } = await this.options.pool.query<{ user_id: number }>(
      `SELECT DISTINCT user_id FROM trade_signals
        WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'placing' AND lease_until < now())`,
    );
    for (const { user_id: userId } of rows) {
      if (this.activeUsers.has(userId)) {
        this.dirty.add(userId);
        continue;
      }
      while (this.running.size >= this.options.settings.concurrency) await Promise.race(this.running);
      this.launch(userId);
    }
  }

  /**
   * Fast path: a signal of this user was just committed. Their runner is started at once (no
   * scan), or, if it is running, told to look once more before it stops.
   */
  wakeUser(userId: number): void {
    if (this.stopped) return;
    if (this.activeUsers.has(userId)) {
      this.dirty.add(userId);
      return;
    }
    if (this.running.size >= this.options.settings.concurrency) {
      this.wake();
      return;
    }
    this.launch(userId);
  }

  private launch(userId: number): void {
    if (this.activeUsers.has(userId)) return;
    this.activeUsers.add(userId);
    const run: Promise<void> = this.runUser(userId)
      .catch((error: unknown) => this.options.log.error({ err: error, userId }, 'placing trade signals failed'))
      .finally(() => {
        this.activeUsers.delete(userId);
        this.running.delete(run);
        // A signal committed while this runner was finding nothing more: look again.
        if (this.dirty.delete(userId)) this.wakeUser(userId);
      });
    this.running.add(run);
  }

  private async runUser(userId: number): Promise<void> {
    while (!this.stopped) {
      this.dirty.delete(userId);
      const signal = await this.claim(userId);
      if (!signal) return;
      await this.handle(signal);
    }
  }

  /**
   * The user's oldest open signal, when it is due and nobody else holds it. One round trip, and
   * committed without waiting for the disk: if a crash loses the claim, the signal is simply
   * pending again, and its order link ids still stop a second order.
   *
   * Oldest by alert, not by signal: alerts are acted on by whichever process stored them, so a
   * later alert's signal can be recorded first. It waits while the user has an earlier alert not
   * yet acted on (whose signal, once recorded, goes first), so a close is never placed before
   * the buy it closes; its outcome message then stands in the chat at the alert's place too.
   */
  private async claim(userId: number): Promise<ClaimedSignal | undefined> {
    // One statement in its own (implicit) transaction, prepared once per connection: PostgreSQL
    // neither parses nor plans it again. set_config(..., true) is SET LOCAL for that transaction,
    // so its commit does not wait for the disk; it is evaluated before the first row is locked
    // (with no row locked there is nothing to flush).
    const { rows } = await this.options.pool.query<ClaimedSignal>({
      name: 'hookbot-trade-claim',
      text: `WITH next AS (
         SELECT id, event_id, status, next_attempt_at, lease_until,
                -- The account as settingsFromRow reads it: its keys come with the claim (one round trip less).
                CASE WHEN settings->>'account' = 'real' THEN 'real' ELSE 'demo' END AS account
           FROM trade_signals
          WHERE (SELECT set_config('synchronous_commit', 'off', true)) = 'off'
            AND user_id = $1 AND status IN ('pending', 'placing')
          ORDER BY event_id LIMIT 1 FOR UPDATE
       )
       UPDATE trade_signals s
          SET status = 'placing', lease_until = now() + make_interval(secs => $2), attempts = s.attempts + 1
         FROM next LEFT JOIN bybit_keys k ON k.user_id = $1 AND k.account = next.account, users u
        WHERE s.id = next.id AND u.id = s.user_id
          AND ((next.status = 'pending' AND next.next_attempt_at <= now()) OR (next.status = 'placing' AND next.lease_until < now()))
          AND NOT EXISTS (SELECT 1 FROM inbound_events e WHERE e.user_id = $1 AND e.status = 'pending' AND e.id < next.event_id)
       RETURNING s.id, s.event_id, s.user_id, s.alert, s.settings, s.order_link_id, s.attempts, s.received_at, s.replay_of, s.same_side_checked,
                 extract(epoch FROM now() - s.received_at)::float8 AS age_seconds, u.telegram_id, u.language, u.active, k.api_key, k.api_secret`,
      values: [userId, this.leaseSeconds],
    });
    const claimed = rows[0];
    return claimed ? { ...claimed, claimedAt: performance.now() } : undefined;
  }

  /**
   * Sessions are kept per key: the SDK's client keeps its HTTPS connection alive, which saves a
   * TLS handshake with Bybit on every order. A replaced secret is a different entry. The account
   * streams' catch-ups use them too, under the same shared limiter.
   */
  sessionFor(account: Account, credentials?: { key: string; secret: string }): BybitSession {
    if (credentials) {
      const id = `${account}|${credentials.key}|${createHash('sha256').update(credentials.secret).digest('base64url')}`;
      let session = this.sessions.get(id);
      if (!session) {
        session = new BybitSession(this.options.settings, account, this.limiter, credentials);
        if (this.sessions.size >= 1000) this.sessions.delete(this.sessions.keys().next().value as string);
      } else {
        this.sessions.delete(id); // re-inserted below: the map's order is least recently used first
      }
      this.sessions.set(id, session);
      return session;
    }
    let session = this.publicSessions.get(account);
    if (!session) {
      session = new BybitSession(this.options.settings, account, this.limiter);
      this.publicSessions.set(account, session);
    }
    return session;
  }

  private ordersOf(userId: number): WindowLimiter {
    let limiter = this.userOrders.get(userId);
    if (!limiter) {
      limiter = new WindowLimiter(this.options.settings.userOrdersPerSecond, 1000);
      this.userOrders.set(userId, limiter);
    }
    return limiter;
  }

  private async handle(signal: ClaimedSignal): Promise<void> {
    const { log } = this.options;
    const settings = settingsFromRow(signal.settings);
    const parsed = tradeRequestFrom(signal.alert);
    const base = { action: signal.alert.action, symbol: signal.alert.symbol ?? settings.defaultSymbol, market: settings.market, account: settings.account };
    let outcome: Outcome;
    if (!signal.active) {
      await this.finish(signal, undefined, 'user is not active');
      return;
    }
    if (!parsed.ok) {
      outcome = { ...base, status: 'rejected', reason: 'exchange-error', details: { ...noDetails, detail: parsed.error }, orders: [] };
    } else if (signal.age_seconds >= this.options.settings.signalExpirySeconds) {
      outcome = { ...base, market: parsed.request.market ?? settings.market, status: 'expired', reason: 'expired', details: { ...noDetails, value: String(Math.round(signal.age_seconds)) }, orders: [] };
    } else if (settings.maxLagSeconds !== null && lagSeconds(parsed.request.timestamp, signal) > settings.maxLagSeconds) {
      outcome = {
        ...base,
        market: parsed.request.market ?? settings.market,
        status: 'expired',
        reason: 'stale',
        details: { ...noDetails, value: String(Math.round(lagSeconds(parsed.request.timestamp, signal))), max: String(settings.maxLagSeconds) },
        orders: [],
      };
    } else {
      const credentials = this.unseal(signal.api_key, signal.api_secret);
      if (!credentials) {
        outcome = { ...base, market: parsed.request.market ?? settings.market, status: 'rejected', reason: 'no-keys', details: noDetails, orders: [] };
      } else {
        try {
          outcome = await placeSignal(
            {
              request: parsed.request,
              settings,
              orderLinkId: signal.order_link_id,
              retry: signal.attempts > 1,
              limits: this.limitsOf(settings),
              sameSideChecked: signal.same_side_checked,
              passedSameSide: async () => {
                await this.options.pool.query(`UPDATE trade_signals SET same_side_checked = true WHERE id = $1`, [signal.id]);
              },
            },
            { session: this.sessionFor(settings.account, credentials), instruments: this.instruments, prices: this.prices, userOrders: this.ordersOf(signal.user_id) },
          );
        } catch (error) {
          const detail = error instanceof BybitFailure ? error.detail : error instanceof Error ? error.message : String(error);
          log.warn({ signalId: signal.id, attempts: signal.attempts, error: detail }, 'trade signal not placed yet; will retry');
          recordTradeRetry(error instanceof BybitFailure ? error.retCode : undefined);
          await this.retryLater(signal, detail);
          return;
        }
      }
    }
    log.debug({ signalId: signal.id, userId: signal.user_id, status: outcome.status, reason: 'reason' in outcome ? outcome.reason : undefined }, 'trade signal done');
    recordTradeOutcome(outcome);
    await this.finish(signal, outcome);
  }

  /** The user's guards, or the server's defaults where they set none. */
  private limitsOf(settings: TradingSettings): TradeLimits {
    return {
      priceTolerancePercent: settings.priceTolerancePercent ?? this.options.settings.priceTolerancePercent,
      maxOrderValueUsdt: settings.maxOrderValueUsdt ?? this.options.settings.maxOrderValueUsdt,
      limitOrderExpirySeconds: this.options.settings.limitOrderExpirySeconds,
    };
  }

  private async credentials(userId: number, account: Account): Promise<{ key: string; secret: string } | undefined> {
    const { rows } = await this.options.pool.query<{ api_key: string; api_secret: string }>(
      `SELECT api_key, api_secret FROM bybit_keys WHERE user_id = $1 AND account = $2`,
      [userId, account],
    );
    const row = rows[0];
    return row ? this.unseal(row.api_key, row.api_secret) : undefined;
  }

  /**
   * A key as stored (sealed) to the key itself. Remembered by the sealed text, which is always read
   * afresh from the database: a replaced key is sealed anew (new IV) and so never served stale, in
   * this process or another, while each alert saves two AES-GCM decryptions.
   */
  private unseal(apiKey: string | null, apiSecret: string | null): { key: string; secret: string } | undefined {
    if (apiKey === null || apiSecret === null) return undefined;
    const sealed = `${apiKey} ${apiSecret}`;
    let credentials = this.unsealed.get(sealed);
    if (!credentials) {
      credentials = { key: this.options.secrets.decrypt(apiKey), secret: this.options.secrets.decrypt(apiSecret) };
      if (this.unsealed.size >= 1000) this.unsealed.delete(this.unsealed.keys().next().value as string);
      this.unsealed.set(sealed, credentials);
    }
    return credentials;
  }

  private t(language: string) {
    return (key: string, variables?: Record<string, string | number>) => this.options.i18n.t(language, key, variables);
  }

  /** Records the outcome and queues its message in one transaction. */
  private async finish(signal: ClaimedSignal, outcome: Outcome | undefined, skipped?: string): Promise<void> {
    await inTransaction(this.options.pool, async (client) => {
      await client.query({
        // Named: prepared once per connection (on the path of every alert).
        name: 'hookbot-trade-signal-finish',
        text: `UPDATE trade_signals SET status = $2, outcome = $3, last_error = $4, protection = $5, lease_until = NULL, finished_at = now() WHERE id = $1`,
        values: [
          signal.id,
          outcome?.status ?? 'skipped',
          outcome ? JSON.stringify(outcome) : null,
          skipped ?? ('reason' in (outcome ?? {}) ? (outcome as { reason: string }).reason : null),
          outcome && 'protection' in outcome && outcome.protection ? JSON.stringify({ symbol: outcome.symbol, ...outcome.protection }) : null,
        ],
      });
      if (outcome?.status === 'placed' && outcome.limit) {
        const { limit } = outcome;
        await client.query(
          `INSERT INTO limit_orders (user_id, signal_id, account, category, symbol, order_link_id, side, qty, price, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() + make_interval(secs => $10)) ON CONFLICT (signal_id) DO NOTHING`,
          [signal.user_id, signal.id, outcome.account, limit.category, outcome.symbol, limit.orderLinkId, limit.side, limit.qty, limit.price, limit.expirySeconds],
        );
      }
      if (outcome?.status === 'placed' && outcome.cancelledOrderIds) await rememberOwnCancels(client, signal.user_id, outcome.cancelledOrderIds);
      if (outcome?.status === 'placed' && outcome.cancelled !== undefined) {
        // Cancelled by the user's own alert: nothing left to cancel at expiry.
        await client.query(`UPDATE limit_orders SET status = 'done' WHERE user_id = $1 AND symbol = $2 AND category = $3 AND status = 'open'`, [
          signal.user_id,
          outcome.symbol,
          outcome.market,
        ]);
      }
      if (outcome) {
        const t = this.t(signal.language);
        // A replay says so above its outcome, as its other messages do.
        const mark = signal.replay_of === null ? '' : `${t('event-replay-mark', { id: String(signal.replay_of) })}\n`;
        // A placed order becomes the trade's live card; anything else is one message.
        const card = { userId: signal.user_id, chatId: signal.telegram_id, language: signal.language, linkBase: signal.order_link_id, outcome, mark };
        const carded = await openCard(client, { ...card, receivedAt: new Date(signal.received_at).getTime(), sourceEventId: signal.event_id }, t);
        if (!carded) await enqueueMessages(client, [{ chatId: signal.telegram_id, html: mark + formatOutcome(outcome, t), sourceEventId: signal.event_id }]);
        // Compared with what Hookbot expected of the position: a close that found none is told (once).
        await reconcileSignal(client, { userId: signal.user_id, account: outcome.account, telegramId: signal.telegram_id }, outcome, t);
      }
    });
    if (outcome) this.options.onQueued?.();
    if (outcome?.status === 'placed' && outcome.limit) {
      // On time for the expiry; the sweeper is the safety net (restarts, other processes).
      const timer = setTimeout(() => this.expireLimitOrders(), outcome.limit.expirySeconds * 1000 + 50);
      timer.unref();
    }
  }

  /**
   * Back to pending with a growing delay, never past the signal's expiry: the attempt due at the
   * expiry moment gives it up and reports it then, not a backoff step later. The user hears once
   * that Bybit is not answering.
   */
  private async retryLater(signal: ClaimedSignal, detail: string): Promise<void> {
    const expiry = this.options.settings.signalExpirySeconds;
    const ageSeconds = signal.age_seconds + (performance.now() - signal.claimedAt) / 1000;
    const delaySeconds = retryDelaySeconds(signal.attempts, ageSeconds, expiry);
    await inTransaction(this.options.pool, async (client) => {
      // LEAST with the expiry moment in the database's own clock, whatever this process's says.
      await client.query(
        `UPDATE trade_signals SET status = 'pending', lease_until = NULL, last_error = $2,
                next_attempt_at = LEAST(now() + make_interval(secs => $3), received_at + make_interval(secs => $4))
          WHERE id = $1`,
        [signal.id, detail, delaySeconds, expiry],
      );
      if (signal.attempts === 1) {
        const settings = settingsFromRow(signal.settings);
        const html = formatRetrying(
          { action: signal.alert.action, symbol: signal.alert.symbol ?? settings.defaultSymbol, minutes: Math.max(1, Math.round(this.options.settings.signalExpirySeconds / 60)) },
          this.t(signal.language),
        );
        await enqueueMessages(client, [{ chatId: signal.telegram_id, html, sourceEventId: signal.event_id }]);
      }
    });
    if (signal.attempts === 1) this.options.onQueued?.();
    // The sweeper comes round every few seconds; a sooner look keeps short outages short (and
    // reports an expired signal on time). A few ms late, so the signal is due when it looks.
    const timer = setTimeout(() => this.wake(), delaySeconds * 1000 + 20);
    timer.unref();
  }
}

/** Seconds between when the alert was fired (its timestamp, else when it reached us) and now. */
function lagSeconds(timestamp: number | null, signal: ClaimedSignal): number {
  if (timestamp === null) return signal.age_seconds;
  return signal.age_seconds + (new Date(signal.received_at).getTime() - timestamp) / 1000;
}
