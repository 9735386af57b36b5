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
import { WindowLimiter } from './limiter.js';
import { formatOutcome, formatRetrying } from './messages.js';
import { noDetails, placeSignal, type Outcome } from './placeSignal.js';

export interface TradingServiceOptions {
  pool: pg.Pool;
  log: Logger;
  i18n: I18n;
  secrets: SecretBox;
  settings: Config['trading'];
  /** Called after a commit that queued messages (wakes the outbox). */
  onQueued?: () => void;
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
  age_seconds: number;
  telegram_id: number;
  language: string;
  active: boolean;
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
  private readonly publicSessions = new Map<Account, BybitSession>();
  private readonly sessions = new Map<string, BybitSession>();
  private readonly activeUsers = new Set<number>();
  /** Users told of a new signal while their runner was busy. */
  private readonly dirty = new Set<number>();
  private readonly running = new Set<Promise<void>>();
  private scanning: Promise<void> | undefined;
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

  /** The safety net: signals left by a crash, or waiting to retry while the exchange was down. */
  startSweeper(intervalSeconds: number): void {
    this.timer = setInterval(() => this.wake(), intervalSeconds * 1000);
    this.timer.unref();
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
   */
  private async claim(userId: number): Promise<ClaimedSignal | undefined> {
    if (!Number.isSafeInteger(userId) || !Number.isSafeInteger(this.leaseSeconds)) throw new Error('claim: ids must be integers');
    const client = await this.options.pool.connect();
    let results: Array<{ rows: ClaimedSignal[] }>;
    try {
      results = (await client.query(
      `BEGIN;
       SET LOCAL synchronous_commit TO off;
       WITH next AS (
         SELECT id, status, next_attempt_at, lease_until FROM trade_signals
          WHERE user_id = ${userId} AND status IN ('pending', 'placing')
          ORDER BY id LIMIT 1 FOR UPDATE
       )
       UPDATE trade_signals s
          SET status = 'placing', lease_until = now() + make_interval(secs => ${this.leaseSeconds}), attempts = s.attempts + 1
         FROM next, users u
        WHERE s.id = next.id AND u.id = s.user_id
          AND ((next.status = 'pending' AND next.next_attempt_at <= now()) OR (next.status = 'placing' AND next.lease_until < now()))
       RETURNING s.id, s.event_id, s.user_id, s.alert, s.settings, s.order_link_id, s.attempts, s.received_at,
                 extract(epoch FROM now() - s.received_at)::float8 AS age_seconds, u.telegram_id, u.language, u.active;
       COMMIT;`,
      )) as unknown as Array<{ rows: ClaimedSignal[] }>;
    } catch (error) {
      // A failed statement leaves the explicit transaction open on this connection: close it.
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    return results[2]?.rows[0];
  }

  /**
   * Sessions are kept per key: the SDK's client keeps its HTTPS connection alive, which saves a
   * TLS handshake with Bybit on every order. A replaced secret is a different entry.
   */
  private sessionFor(account: Account, credentials?: { key: string; secret: string }): BybitSession {
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
    } else if (signal.age_seconds > this.options.settings.signalExpirySeconds) {
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
      const credentials = await this.credentials(signal.user_id, settings.account);
      if (!credentials) {
        outcome = { ...base, market: parsed.request.market ?? settings.market, status: 'rejected', reason: 'no-keys', details: noDetails, orders: [] };
      } else {
        try {
          outcome = await placeSignal(
            { request: parsed.request, settings, orderLinkId: signal.order_link_id, retry: signal.attempts > 1 },
            { session: this.sessionFor(settings.account, credentials), instruments: this.instruments, userOrders: this.ordersOf(signal.user_id) },
          );
        } catch (error) {
          const detail = error instanceof BybitFailure ? error.detail : error instanceof Error ? error.message : String(error);
          log.warn({ signalId: signal.id, attempts: signal.attempts, error: detail }, 'trade signal not placed yet; will retry');
          await this.retryLater(signal, detail);
          return;
        }
      }
    }
    log.debug({ signalId: signal.id, userId: signal.user_id, status: outcome.status, reason: 'reason' in outcome ? outcome.reason : undefined }, 'trade signal done');
    await this.finish(signal, outcome);
  }

  private async credentials(userId: number, account: Account): Promise<{ key: string; secret: string } | undefined> {
    const { rows } = await this.options.pool.query<{ api_key: string; api_secret: string }>(
      `SELECT api_key, api_secret FROM bybit_keys WHERE user_id = $1 AND account = $2`,
      [userId, account],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { key: this.options.secrets.decrypt(row.api_key), secret: this.options.secrets.decrypt(row.api_secret) };
  }

  private t(language: string) {
    return (key: string, variables?: Record<string, string | number>) => this.options.i18n.t(language, key, variables);
  }

  /** Records the outcome and queues its message in one transaction. */
  private async finish(signal: ClaimedSignal, outcome: Outcome | undefined, skipped?: string): Promise<void> {
    await inTransaction(this.options.pool, async (client) => {
      await client.query(
        `UPDATE trade_signals SET status = $2, outcome = $3, last_error = $4, lease_until = NULL, finished_at = now() WHERE id = $1`,
        [signal.id, outcome?.status ?? 'skipped', outcome ? JSON.stringify(outcome) : null, skipped ?? ('reason' in (outcome ?? {}) ? (outcome as { reason: string }).reason : null)],
      );
      if (outcome) {
        await enqueueMessages(client, [{ chatId: signal.telegram_id, html: formatOutcome(outcome, this.t(signal.language)), sourceEventId: signal.event_id }]);
      }
    });
    if (outcome) this.options.onQueued?.();
  }

  /** Back to pending with a growing delay; the user hears once that Bybit is not answering. */
  private async retryLater(signal: ClaimedSignal, detail: string): Promise<void> {
    const delaySeconds = Math.min(30, 2 ** Math.min(signal.attempts - 1, 5));
    await inTransaction(this.options.pool, async (client) => {
      await client.query(
        `UPDATE trade_signals SET status = 'pending', lease_until = NULL, last_error = $2,
                next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`,
        [signal.id, detail, delaySeconds],
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
    // The sweeper comes round every few seconds; a sooner look keeps short outages short.
    const timer = setTimeout(() => this.wake(), delaySeconds * 1000);
    timer.unref();
  }
}

/** Seconds between when the alert was fired (its timestamp, else when it reached us) and now. */
function lagSeconds(timestamp: number | null, signal: ClaimedSignal): number {
  if (timestamp === null) return signal.age_seconds;
  return signal.age_seconds + (new Date(signal.received_at).getTime() - timestamp) / 1000;
}
