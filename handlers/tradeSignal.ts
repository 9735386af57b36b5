import { parseTradingViewAlert, type AlertAction, type TradingViewAlert } from './tradingview.js';
import { rejected, type Accepted, type InboundRequest, type Rejected } from './types.js';

export const markets = ['spot', 'linear'] as const;
export type Market = (typeof markets)[number];

/** What an alert asks the exchange for, on top of the user's settings (each field overrides one). */
export interface TradeRequest {
  action: AlertAction;
  symbol: string | null;
  /** The price the alert was sent at; the ticker's when absent. Only used to size the order. */
  price: number | null;
  /** Trade amount in USDT (margin on futures, spend on spot). */
  amount: number | null;
  /** Quantity in the base coin; wins over amount. */
  qty: number | null;
  leverage: number | null;
  market: Market | null;
  tp: number | null;
  sl: number | null;
  /** When TradingView fired the alert (ms since epoch), for the stale-signal guard. */
  timestamp: number | null;
}

export type TradeRequestResult = { ok: true; request: TradeRequest } | { ok: false; error: string };

function positiveNumber(value: unknown, field: string): number | null | string {
  if (value === undefined || value === null || value === '') return null;
  const number = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) return `${field} must be a positive number`;
  return number;
}

const MARKET_WORDS: Record<string, Market> = {
  spot: 'spot',
  linear: 'linear',
  futures: 'linear',
  future: 'linear',
  perp: 'linear',
  perpetual: 'linear',
};

/** `{{timenow}}` is ISO 8601; epoch seconds and milliseconds are accepted too. */
function parseTimestamp(value: unknown): number | null | string {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,13}$/.test(value.trim()))) {
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0) return 'timestamp must be an ISO 8601 time or epoch seconds/milliseconds';
    return number < 1e11 ? number * 1000 : number;
  }
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  return 'timestamp must be an ISO 8601 time (TradingView {{timenow}}) or epoch seconds/milliseconds';
}

/**
 * The trading fields of an alert, validated: the hooks route answers 400 with the error, so a
 * bad alert is refused before anything is stored, let alone traded.
 */
export function tradeRequestFrom(alert: TradingViewAlert): TradeRequestResult {
  const extra = alert.extra;
  const numbers: Record<'amount' | 'qty' | 'leverage' | 'tp' | 'sl', number | null> = { amount: null, qty: null, leverage: null, tp: null, sl: null };
  for (const field of ['amount', 'qty', 'leverage', 'tp', 'sl'] as const) {
    const value = positiveNumber(extra[field], field);
    if (typeof value === 'string') return { ok: false, error: value };
    numbers[field] = value;
  }
  if (numbers.leverage !== null && (!Number.isInteger(numbers.leverage) || numbers.leverage > 200)) {
    return { ok: false, error: 'leverage must be a whole number from 1 to 200' };
  }
  let market: Market | null = null;
  if (extra.market !== undefined && extra.market !== null && extra.market !== '') {
    market = typeof extra.market === 'string' ? (MARKET_WORDS[extra.market.trim().toLowerCase()] ?? null) : null;
    if (!market) return { ok: false, error: 'market must be "spot" or "linear" (USDT perpetual futures)' };
  }
  const timestamp = parseTimestamp(extra.timestamp);
  if (typeof timestamp === 'string') return { ok: false, error: timestamp };
  return {
    ok: true,
    request: { action: alert.action, symbol: alert.symbol, price: alert.price, ...numbers, market, timestamp },
  };
}

/**
 * The TradingView provider's handler: the alert as before, with its trading fields checked too,
 * so an alert that could not be traded as written is refused with a 400 before it is stored.
 */
export function parseTradeAlert(request: InboundRequest, windowSeconds: number): Accepted<TradingViewAlert> | Rejected {
  const parsed = parseTradingViewAlert(request, windowSeconds);
  if (!parsed.ok) return parsed;
  const trade = tradeRequestFrom(parsed.event);
  if (!trade.ok) return rejected(trade.error);
  return parsed;
}
