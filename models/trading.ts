import { and, desc, eq, sql } from 'drizzle-orm';
import type { ProtectionRequest } from '../handlers/protection.js';
import type { SizingMode } from '../handlers/sizing.js';
import type { Db } from '../src/db/database.js';
import { bybitKeys, tradeSignals, tradingSettings, type BybitKeyRow, type TradeSignalRow } from './schema.js';

export const accounts = ['demo', 'real'] as const;
export type AccountKind = (typeof accounts)[number];
export type MarketKind = 'spot' | 'linear';

/** A user's trading settings; what a user who never opened /settings trades with. */
export interface TradingSettings {
  market: MarketKind;
  amountUsdt: number;
  leverage: number;
  account: AccountKind;
  defaultSymbol: string | null;
  maxLagSeconds: number | null;
  /** Percent an alert's price may be from the market's; null = the server's PRICE_TOLERANCE_PERCENT. */
  priceTolerancePercent: number | null;
  /** USDT one opening order may be worth; null = the server's MAX_ORDER_VALUE_USDT. */
  maxOrderValueUsdt: number | null;
  /** Default protective orders for opening orders (percentages from the entry); null = none. */
  protection: ProtectionRequest | null;
  /** How opening orders are sized: the fixed amount, or a percentage (sizingPercent) of a balance or risk. */
  sizingMode: SizingMode;
  sizingPercent: number | null;
  /** Confirm mode: every alert waits for Execute on a card. */
  confirm: boolean;
}

export const DEFAULT_SETTINGS: TradingSettings = {
  market: 'linear',
  amountUsdt: 10,
  leverage: 1,
  account: 'demo',
  defaultSymbol: null,
  maxLagSeconds: null,
  priceTolerancePercent: null,
  maxOrderValueUsdt: null,
  protection: null,
  sizingMode: 'fixed',
  sizingPercent: null,
  confirm: false,
};

const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function settingsFromRow(row: Partial<Record<keyof TradingSettings, unknown>> | undefined): TradingSettings {
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    market: row.market === 'spot' ? 'spot' : 'linear',
    amountUsdt: Number(row.amountUsdt ?? DEFAULT_SETTINGS.amountUsdt),
    leverage: Number(row.leverage ?? DEFAULT_SETTINGS.leverage),
    account: row.account === 'real' ? 'real' : 'demo',
    defaultSymbol: typeof row.defaultSymbol === 'string' ? row.defaultSymbol : null,
    maxLagSeconds: numberOrNull(row.maxLagSeconds),
    priceTolerancePercent: numberOrNull(row.priceTolerancePercent),
    maxOrderValueUsdt: numberOrNull(row.maxOrderValueUsdt),
    protection: row.protection && typeof row.protection === 'object' ? (row.protection as ProtectionRequest) : null,
    sizingMode: row.sizingMode === 'equity' || row.sizingMode === 'available' || row.sizingMode === 'risk' ? row.sizingMode : 'fixed',
    sizingPercent: numberOrNull(row.sizingPercent),
    confirm: row.confirm === true,
  };
}

export class TradingSettingsRepository {
  constructor(private readonly db: Db) {}

  async get(userId: number): Promise<TradingSettings> {
    const [row] = await this.db.select().from(tradingSettings).where(eq(tradingSettings.userId, userId));
    return settingsFromRow(row);
  }

  async update(userId: number, change: Partial<TradingSettings>): Promise<TradingSettings> {
    const [row] = await this.db
      .insert(tradingSettings)
      .values({ userId, ...(change as Record<string, unknown>) })
      .onConflictDoUpdate({ target: tradingSettings.userId, set: { ...(change as Record<string, unknown>), updatedAt: sql`now()` } })
      .returning();
    return settingsFromRow(row);
  }
}

/** What Bybit said about a key when it was checked, kept beside it (no secret in it). */
export interface KeyInfo {
  readOnly: boolean;
  permissions: Record<string, string[]>;
  ips: string[];
  expiredAt: string | null;
}

export interface StoredKey {
  account: AccountKind;
  maskedKey: string;
  info: KeyInfo;
  createdAt: Date;
}

/** Keys are stored sealed; `open` is the only way back to the plain key and secret. */
export class BybitKeyRepository {
  constructor(private readonly db: Db) {}

  async save(userId: number, account: AccountKind, sealed: { apiKey: string; apiSecret: string; maskedKey: string; info: KeyInfo }): Promise<void> {
    const values = { ...sealed, info: sealed.info as unknown as Record<string, unknown> };
    await this.db
      .insert(bybitKeys)
      .values({ userId, account, ...values })
      .onConflictDoUpdate({ target: [bybitKeys.userId, bybitKeys.account], set: { ...values, createdAt: sql`now()` } });
  }

  async list(userId: number): Promise<StoredKey[]> {
    const rows = await this.db.select().from(bybitKeys).where(eq(bybitKeys.userId, userId));
    return rows.map((row) => ({
      account: row.account as AccountKind,
      maskedKey: row.maskedKey,
      info: row.info as unknown as KeyInfo,
      createdAt: row.createdAt,
    }));
  }

  async sealed(userId: number, account: AccountKind): Promise<BybitKeyRow | undefined> {
    const [row] = await this.db
      .select()
      .from(bybitKeys)
      .where(and(eq(bybitKeys.userId, userId), eq(bybitKeys.account, account)));
    return row;
  }

  /** Returns how many keys were deleted. */
  async delete(userId: number, account?: AccountKind): Promise<number> {
    const rows = await this.db
      .delete(bybitKeys)
      .where(account ? and(eq(bybitKeys.userId, userId), eq(bybitKeys.account, account)) : eq(bybitKeys.userId, userId))
      .returning({ account: bybitKeys.account });
    return rows.length;
  }
}

export class TradeSignalRepository {
  constructor(private readonly db: Db) {}

  async recent(userId: number, limit: number): Promise<TradeSignalRow[]> {
    return this.db.select().from(tradeSignals).where(eq(tradeSignals.userId, userId)).orderBy(desc(tradeSignals.id)).limit(limit);
  }
}
