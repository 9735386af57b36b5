import type pg from 'pg';
import { validTimeZone } from '../../relay/notificationPolicy.js';
import type { SecretBox } from '../../secrets/secretBox.js';
import { BybitFailure, type Account, type BybitSession } from '../bybit.js';
import { pnlPeriods, summaryPeriods } from './periods.js';
import { summarizePnl, type PeriodPnl } from './pnlSummary.js';
import { readClosedTrades, readOpenPositions, readWallet, type OpenPosition, type Wallet, type WalletCoin } from './bybitReads.js';

/** Why an account could not be read, in the words of `account-reason-<reason>`. */
export type AccountProblemReason = 'no-keys' | 'invalid-key' | 'key-expired' | 'permission-denied' | 'ip-not-allowed' | 'timestamp' | 'exchange-down' | 'exchange-error';

export interface AccountProblem {
  reason: AccountProblemReason;
  /** Bybit's own words (retCode and message), safe to show: never a key or signature. */
  detail: string;
}

export type Read<T> = { ok: true; account: Account; value: T } | { ok: false; account: Account; problem: AccountProblem };

/**
 * The zone of a `trading_reports r` row's user in SQL, chosen as timeZoneOf chooses it: their own,
 * else their quiet hours' zone, else UTC.
 */
export const USER_ZONE_SQL = `coalesce(r.time_zone, (SELECT q.time_zone FROM relay_notifications q WHERE q.user_id = r.user_id AND q.quiet_from IS NOT NULL ORDER BY q.provider LIMIT 1), 'UTC')`;

/** The zone days are counted in, and where it came from: /summary, the quiet hours, or none (UTC). */
export interface ZoneInfo {
  timeZone: string;
  source: 'own' | 'quiet-hours' | 'default';
}

export interface PositionsView {
  positions: OpenPosition[];
  /** The user trades spot: their coins other than USDT (spot has no positions). */
  spotCoins: WalletCoin[] | null;
}

export interface PnlView {
  zone: ZoneInfo;
  periods: PeriodPnl[];
}

export interface SummaryView {
  zone: ZoneInfo;
  pnl: Read<PeriodPnl[]>;
  positions: Read<OpenPosition[]>;
  wallet: Read<Wallet>;
}

const KNOWN: ReadonlySet<string> = new Set<AccountProblemReason>(['invalid-key', 'key-expired', 'permission-denied', 'ip-not-allowed', 'timestamp', 'exchange-down']);

export function problemOf(error: unknown): AccountProblem {
  if (error instanceof BybitFailure) {
    const reason = KNOWN.has(error.classified.reason) ? (error.classified.reason as AccountProblemReason) : 'exchange-error';
    return { reason, detail: error.detail };
  }
  throw error;
}

export interface AccountReportsOptions {
  pool: pg.Pool;
  secrets: SecretBox;
  session(account: Account, credentials: { key: string; secret: string }): BybitSession;
}

/**
 * What a trader asks about their Bybit account: open positions, balance, realised PnL, and the
 * daily summary's settings. Reads the account the user trades on (/settings) with its stored key;
 * every Bybit failure comes back as a problem to tell the user, never as a thrown error.
 */
export class AccountReports {
  constructor(private readonly options: AccountReportsOptions) {}

  /** The account /settings trades on, and the market. */
  async tradingAccount(userId: number): Promise<{ account: Account; market: 'spot' | 'linear' }> {
    const { rows } = await this.options.pool.query<{ account: string; market: string }>(`SELECT account, market FROM trading_settings WHERE user_id = $1`, [userId]);
    const row = rows[0];
    return { account: row?.account === 'real' ? 'real' : 'demo', market: row?.market === 'spot' ? 'spot' : 'linear' };
  }

  /** The user's session for `account`, or undefined without a stored key. */
  async sessionOf(userId: number, account: Account): Promise<BybitSession | undefined> {
    const { rows } = await this.options.pool.query<{ api_key: string; api_secret: string }>(
      `SELECT api_key, api_secret FROM bybit_keys WHERE user_id = $1 AND account = $2`,
      [userId, account],
    );
    const row = rows[0];
    if (!row) return undefined;
    return this.options.session(account, { key: this.options.secrets.decrypt(row.api_key), secret: this.options.secrets.decrypt(row.api_secret) });
  }

  /** Runs `read` with the session of the user's trading account; problems instead of errors. */
  private async withSession<T>(userId: number, read: (session: BybitSession, market: 'spot' | 'linear') => Promise<T>): Promise<Read<T>> {
    const { account, market } = await this.tradingAccount(userId);
    const session = await this.sessionOf(userId, account);
    if (!session) return { ok: false, account, problem: { reason: 'no-keys', detail: '' } };
    try {
      return { ok: true, account, value: await read(session, market) };
    } catch (error) {
      return { ok: false, account, problem: problemOf(error) };
    }
  }

  positions(userId: number): Promise<Read<PositionsView>> {
    return this.withSession(userId, async (session, market) => {
      const positions = await readOpenPositions(session);
      const spotCoins = market === 'spot' ? (await readWallet(session)).coins.filter((coin) => coin.coin !== 'USDT') : null;
      return { positions, spotCoins };
    });
  }

  balance(userId: number): Promise<Read<Wallet>> {
    return this.withSession(userId, (session) => readWallet(session));
  }

  async pnl(userId: number, now = Date.now()): Promise<Read<PnlView>> {
    const zone = await this.timeZoneOf(userId);
    const periods = pnlPeriods(now, zone.timeZone);
    const from = Math.min(...periods.map((period) => period.from));
    return this.withSession(userId, async (session) => ({ zone, periods: summarizePnl(await readClosedTrades(session, from, now), periods) }));
  }

  /** Everything the daily summary says; each part read on its own, so one failing leaves the others. */
  async summary(userId: number, now = Date.now()): Promise<SummaryView> {
    const zone = await this.timeZoneOf(userId);
    const periods = summaryPeriods(now, zone.timeZone);
    const from = Math.min(...periods.map((period) => period.from));
    const pnl = await this.withSession(userId, async (session) => summarizePnl(await readClosedTrades(session, from, now), periods));
    // Without keys or with a refused key the other two would only repeat the same problem.
    if (!pnl.ok && pnl.problem.reason !== 'exchange-down' && pnl.problem.reason !== 'exchange-error') return { zone, pnl, positions: pnl, wallet: pnl };
    const positions = await this.withSession(userId, (session) => readOpenPositions(session));
    const wallet = await this.withSession(userId, (session) => readWallet(session));
    return { zone, pnl, positions, wallet };
  }

  /** The user's own zone (/summary), else their quiet hours' zone, else UTC. */
  async timeZoneOf(userId: number): Promise<ZoneInfo> {
    const { rows } = await this.options.pool.query<{ own: string | null; quiet: string | null }>(
      `SELECT (SELECT time_zone FROM trading_reports WHERE user_id = $1) AS own,
              (SELECT time_zone FROM relay_notifications WHERE user_id = $1 AND quiet_from IS NOT NULL ORDER BY provider LIMIT 1) AS quiet`,
      [userId],
    );
    const row = rows[0];
    // The stored spelling is kept: the runtime may know a zone by another name (Asia/Calcutta).
    if (row?.own && validTimeZone(row.own)) return { timeZone: row.own, source: 'own' };
    if (row?.quiet && validTimeZone(row.quiet)) return { timeZone: row.quiet, source: 'quiet-hours' };
    return { timeZone: 'UTC', source: 'default' };
  }

  /**
   * A time zone the user typed, spelled as PostgreSQL spells it (the summary's hour is worked out
   * there) and known to this runtime too (the days of /pnl are worked out here); else undefined.
   * The user's own spelling is kept (Asia/Kolkata stays Asia/Kolkata), whatever case they typed.
   */
  async zoneName(text: string): Promise<string | undefined> {
    if (!/^[A-Za-z0-9_+\-/]{1,60}$/.test(text)) return undefined;
    const { rows } = await this.options.pool.query<{ name: string }>(`SELECT name FROM pg_timezone_names WHERE lower(name) = lower($1) ORDER BY name = $1 DESC LIMIT 1`, [text]);
    const name = rows[0]?.name;
    return name !== undefined && validTimeZone(name) !== undefined ? name : undefined;
  }

  async summarySetting(userId: number): Promise<{ hour: number | null; zone: ZoneInfo }> {
    const { rows } = await this.options.pool.query<{ summary_hour: number | null }>(`SELECT summary_hour FROM trading_reports WHERE user_id = $1`, [userId]);
    return { hour: rows[0]?.summary_hour ?? null, zone: await this.timeZoneOf(userId) };
  }

  /** Sets the daily summary's hour (null: off) and, when given, the user's own time zone. */
  async setSummary(userId: number, change: { hour?: number | null; timeZone?: string }): Promise<void> {
    await this.options.pool.query(
      `INSERT INTO trading_reports (user_id, summary_hour, time_zone) VALUES ($1, $2, $3)
       ON CONFLICT (user_id) DO UPDATE SET
         summary_hour = CASE WHEN $4 THEN EXCLUDED.summary_hour ELSE trading_reports.summary_hour END,
         time_zone = COALESCE(EXCLUDED.time_zone, trading_reports.time_zone),
         updated_at = now()`,
      [userId, change.hour ?? null, change.timeZone ?? null, change.hour !== undefined],
    );
  }
}
