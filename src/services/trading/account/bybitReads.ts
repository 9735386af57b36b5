import type { RestClientV5 } from 'bybit-api';
import { BybitFailure, type BybitSession } from '../bybit.js';
import { classifyRetCode } from '../errors.js';
import { closedPnlWindows } from './periods.js';
import type { ClosedTrade } from './pnlSummary.js';

type Answer<T> = { retCode: number; retMsg: string; result: T };
type Page = { list?: Record<string, unknown>[]; nextPageCursor?: string };

/** An open futures position, as /positions shows it. */
export interface OpenPosition {
  symbol: string;
  side: 'Buy' | 'Sell';
  size: string;
  positionIdx: number;
  entryPrice: string;
  markPrice: string;
  unrealisedPnl: string;
  leverage: string;
}

export interface WalletCoin {
  coin: string;
  walletBalance: string;
  equity: string;
  usdValue: string;
}

/** The unified account's totals (USD) and its coins with a balance. */
export interface Wallet {
  totalEquity: string;
  totalAvailableBalance: string;
  totalWalletBalance: string;
  totalPerpUPL: string;
  coins: WalletCoin[];
}

/** Pages a request can take at most before Hookbot stops and says so (a runaway cursor). */
const MAX_PAGES = 50;

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const nonZero = (value: string): boolean => value !== '' && Number(value) !== 0;

/** Follows nextPageCursor to the end; a cursor seen twice or too many pages is Bybit misbehaving. */
async function allPages(session: BybitSession, request: (client: RestClientV5, cursor: string | undefined) => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await session.expect((client) => request(client, cursor) as Promise<Answer<Page>>);
    rows.push(...(answer.result.list ?? []));
    const next = answer.result.nextPageCursor ?? '';
    if (next === '') return rows;
    if (seen.has(next)) break;
    seen.add(next);
    cursor = next;
  }
  throw new BybitFailure(classifyRetCode(-1), 'Bybit kept answering with more pages');
}

const isOpen = (row: Record<string, unknown>): boolean => nonZero(text(row.size)) && (row.side === 'Buy' || row.side === 'Sell');

function positionFrom(row: Record<string, unknown>): OpenPosition {
  return {
    symbol: text(row.symbol),
    side: row.side as 'Buy' | 'Sell',
    size: text(row.size),
    positionIdx: Number(row.positionIdx ?? 0),
    entryPrice: text(row.avgPrice),
    markPrice: text(row.markPrice),
    unrealisedPnl: text(row.unrealisedPnl) || '0',
    leverage: text(row.leverage),
  };
}

/** Every open USDT-settled futures position (/v5/position/list with settleCoin lists only size > 0). */
export async function readOpenPositions(session: BybitSession): Promise<OpenPosition[]> {
  const rows = await allPages(session, (client, cursor) => client.getPositionInfo({ category: 'linear', settleCoin: 'USDT', limit: 200, ...(cursor ? { cursor } : {}) }));
  return rows
    .filter(isOpen)
    .map(positionFrom);
}

/** One symbol's position legs as Bybit has them now (for a Close press: what is open now). */
export async function readSymbolPositions(session: BybitSession, symbol: string): Promise<OpenPosition[]> {
  const answer = await session.expect((client) => client.getPositionInfo({ category: 'linear', symbol }) as unknown as Promise<Answer<Page>>);
  return (answer.result.list ?? [])
    .filter(isOpen)
    .map(positionFrom);
}

/** /v5/account/wallet-balance of the unified account: totals and every coin with a balance. */
export async function readWallet(session: BybitSession): Promise<Wallet> {
  const answer = await session.expect((client) => client.getWalletBalance({ accountType: 'UNIFIED' }) as unknown as Promise<Answer<{ list?: Record<string, unknown>[] }>>);
  const account = answer.result.list?.[0] ?? {};
  const coins = Array.isArray(account.coin) ? (account.coin as Record<string, unknown>[]) : [];
  return {
    totalEquity: text(account.totalEquity) || '0',
    totalAvailableBalance: text(account.totalAvailableBalance) || '0',
    totalWalletBalance: text(account.totalWalletBalance) || '0',
    totalPerpUPL: text(account.totalPerpUPL) || '0',
    coins: coins
      .map((coin) => ({ coin: text(coin.coin), walletBalance: text(coin.walletBalance) || '0', equity: text(coin.equity) || '0', usdValue: text(coin.usdValue) }))
      .filter((coin) => coin.coin !== '' && (nonZero(coin.walletBalance) || nonZero(coin.equity))),
  };
}

/**
 * Closed trades from `from` to `to` (ms): Bybit answers at most 7 days per request, so the range
 * is cut into contiguous 7-day windows and each is paged with its cursor to the end.
 */
export async function readClosedTrades(session: BybitSession, from: number, to: number): Promise<ClosedTrade[]> {
  const trades = new Map<string, ClosedTrade>();
  for (const window of closedPnlWindows(from, to)) {
    const rows = await allPages(session, (client, cursor) => client.getClosedPnL({ category: 'linear', ...window, limit: 100, ...(cursor ? { cursor } : {}) }));
    for (const row of rows) {
      const closedAt = Number(row.updatedTime ?? row.createdTime);
      const trade: ClosedTrade = { symbol: text(row.symbol), orderId: text(row.orderId), closedPnl: text(row.closedPnl) || '0', closedAt };
      // A record is one closing order; the same one twice (a page boundary moving) counts once.
      trades.set(`${trade.orderId}|${text(row.createdTime)}`, trade);
    }
  }
  return [...trades.values()];
}
