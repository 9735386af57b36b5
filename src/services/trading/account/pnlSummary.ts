import { dec, plain } from '../decimal.js';
import type { Period } from './periods.js';

/** One closed trade as /v5/position/closed-pnl lists it (the fields used here). */
export interface ClosedTrade {
  symbol: string;
  orderId: string;
  closedPnl: string;
  /** When it closed (updatedTime, ms). */
  closedAt: number;
}

export interface SymbolPnl {
  symbol: string;
  pnl: string;
  trades: number;
}

export interface PeriodPnl {
  period: Period['name'];
  pnl: string;
  trades: number;
  wins: number;
  /** Whole percent of trades closed in profit; null without trades. */
  winRate: number | null;
  /** Largest absolute PnL first. */
  bySymbol: SymbolPnl[];
}

/** Realised PnL of each period: totals exact in decimal, per symbol, trades and win rate. */
export function summarizePnl(trades: readonly ClosedTrade[], periods: readonly Period[]): PeriodPnl[] {
  return periods.map((period) => {
    const inside = trades.filter((trade) => trade.closedAt >= period.from && trade.closedAt <= period.to);
    let total = dec(0);
    let wins = 0;
    const bySymbol = new Map<string, { pnl: ReturnType<typeof dec>; trades: number }>();
    for (const trade of inside) {
      const pnl = dec(trade.closedPnl);
      total = total.plus(pnl);
      if (pnl.gt(0)) wins += 1;
      const entry = bySymbol.get(trade.symbol) ?? { pnl: dec(0), trades: 0 };
      bySymbol.set(trade.symbol, { pnl: entry.pnl.plus(pnl), trades: entry.trades + 1 });
    }
    return {
      period: period.name,
      pnl: plain(total),
      trades: inside.length,
      wins,
      winRate: inside.length === 0 ? null : Math.round((wins / inside.length) * 100),
      bySymbol: [...bySymbol.entries()]
        .map(([symbol, entry]) => ({ symbol, pnl: plain(entry.pnl), trades: entry.trades }))
        .sort((a, b) => dec(b.pnl).abs().cmp(dec(a.pnl).abs()) || a.symbol.localeCompare(b.symbol)),
    };
  });
}
