import { protectionFrom, type ProtectionRequest } from './protection.js';
import { sizingFrom, type PercentSizing } from './sizing.js';
import { parseTradingViewAlert, type AlertAction, type StrategyOrder, type TradingViewAlert } from './tradingview.js';
import { rejected, type Accepted, type InboundRequest, type Rejected } from './types.js';

export const markets = ['spot', 'linear'] as const;
export type Market = (typeof markets)[number];

/**
 * What an alert asks the exchange for, on top of the user's settings (each field overrides one).
 * Sizes and prices are decimal text (as the alert wrote them), so sizing never goes through floats.
 */
export interface TradeRequest {
  action: AlertAction;
  symbol: string | null;
  /**
   * The price the alert was sent at. Orders are sized at the market's last price; this one is
   * only compared with it (the price tolerance guard).
   */
  price: string | null;
  /** Trade amount in USDT (margin on futures, spend on spot). */
  amount: string | null;
  /** Quantity in the base coin; wins over amount. */
  qty: string | null;
  /** A share of equity or of the available balance, or risk to the stop, instead of amount/qty. */
  sizing: PercentSizing | null;
  leverage: number | null;
  market: Market | null;
  /** Stop-loss, take-profit (or ladder), trailing stop, breakeven: what the alert says, over the user's defaults. */
  protection: ProtectionRequest;
  /** `limit`: a limit order at the alert's `price`, cancelled after `expirySeconds`; else a market order. */
  orderType: 'market' | 'limit';
  /** The limit order's own lifetime; null = the server's default. */
  expirySeconds: number | null;
  /** Ask for Execute / Skip before placing (true), never (false), or as the user's setting says (null). */
  confirm: boolean | null;
  /** When TradingView fired the alert (ms since epoch), for the stale-signal guard. */
  timestamp: number | null;
  /**
   * The alert is TradingView's default strategy message. Its contracts are never used (sizes come
   * from the user's settings at the market price); a partial exit is refused, not guessed at.
   */
  strategyOrder: (StrategyOrder & { partialExit: boolean }) | null;
  /**
   * Adding to an open position on the same side is meant (`"add": true`, or a TradingView
   * strategy whose new position is larger than its order: pyramiding). Without it such an
   * alert is refused as a probable second buy with no sell in between.
   */
  add?: boolean;
}

export type TradeRequestResult = { ok: true; request: TradeRequest } | { ok: false; error: string };

type Checked<T> = { value: T } | { error: string };

function positiveNumber(value: unknown, field: string): Checked<number | null> {
  const decimal = positiveDecimal(value, field);
  if ('error' in decimal) return decimal;
  return { value: decimal.value === null ? null : Number(decimal.value) };
}

/**
 * A positive amount as decimal text: a JSON string exactly as written ("0.1"), a JSON number as
 * the shortest decimal that is that number (0.1 -> "0.1"), so no float rounding enters sizing.
 */
function positiveDecimal(value: unknown, field: string): Checked<string | null> {
  if (value === undefined || value === null || value === '') return { value: null };
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) {
    const text = value.trim();
    if (/^[0.]+$/.test(text)) return { error: `${field} must be a positive number` };
    return { value: text };
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return { error: `${field} must be a positive number` };
  return { value: String(value) };
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

function parseOrderType(value: unknown): 'market' | 'limit' | undefined {
  if (value === undefined || value === null || value === '') return 'market';
  const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return word === 'limit' || word === 'market' ? word : undefined;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `expiry`: seconds (a number), or text such as "90s", "30m", "4h", "2d"; 10 s to 30 days. */
function parseDuration(value: unknown): number | null | string {
  if (value === undefined || value === null || value === '') return null;
  const bad = 'expiry must be seconds (a number) or like "30m", "4h", "2d", from 10 s to 30 days';
  let seconds: number;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string') {
    const match = /^\s*(\d+)\s*([smhd]?)\s*$/i.exec(value);
    if (!match) return bad;
    seconds = Number(match[1]) * (UNIT_SECONDS[(match[2] || 's').toLowerCase()] ?? 1);
  } else return bad;
  if (!Number.isInteger(seconds) || seconds < 10 || seconds > 30 * 86_400) return bad;
  return seconds;
}

/**
 * The trading fields of an alert, validated: the hooks route answers 400 with the error, so a
 * bad alert is refused before anything is stored, let alone traded.
 */
export function tradeRequestFrom(alert: TradingViewAlert): TradeRequestResult {
  const extra = alert.extra;
  const decimals: Record<'amount' | 'qty', string | null> = { amount: null, qty: null };
  for (const field of ['amount', 'qty'] as const) {
    const checked = positiveDecimal(extra[field], field);
    if ('error' in checked) return { ok: false, error: checked.error };
    decimals[field] = checked.value;
  }
  const numbers: Record<'leverage', number | null> = { leverage: null };
  for (const field of ['leverage'] as const) {
    const checked = positiveNumber(extra[field], field);
    if ('error' in checked) return { ok: false, error: checked.error };
    numbers[field] = checked.value;
  }
  const protection = protectionFrom(extra);
  if ('error' in protection) return { ok: false, error: protection.error };
  const sizing = sizingFrom(extra);
  if ('error' in sizing) return { ok: false, error: sizing.error };
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
  const orderType = parseOrderType(extra.type ?? extra.order_type);
  if (orderType === undefined) return { ok: false, error: 'type must be "market" or "limit"' };
  if (orderType === 'limit' && alert.price === null) return { ok: false, error: 'a limit order needs "price": the price to buy or sell at' };
  if (orderType === 'limit' && !['buy', 'long', 'sell', 'short'].includes(alert.action)) return { ok: false, error: `a limit order opens a position: action must be buy, sell, long or short, not ${alert.action}` };
  const expirySeconds = parseDuration(extra.expiry);
  if (typeof expirySeconds === 'string') return { ok: false, error: expirySeconds };
  if (expirySeconds !== null && orderType !== 'limit') return { ok: false, error: 'expiry is for limit orders: add "type":"limit"' };
  if (extra.confirm !== undefined && extra.confirm !== null && typeof extra.confirm !== 'boolean') return { ok: false, error: 'confirm must be true or false' };
  const confirm = typeof extra.confirm === 'boolean' ? extra.confirm : null;
  if (extra.add !== undefined && extra.add !== null && typeof extra.add !== 'boolean') return { ok: false, error: 'add must be true or false' };
  const order = alert.strategyOrder;
  const strategy = order ? { ...order, ...strategyAction(alert.action, order) } : null;
  const pyramiding = order !== undefined && order !== null && Math.abs(Number(order.positionSize)) > Number(order.contracts);
  return {
    ok: true,
    request: {
      action: strategy?.action ?? alert.action,
      symbol: alert.symbol,
      price: alert.price === null ? null : String(alert.price),
      ...decimals,
      ...numbers,
      protection: protection.value,
      sizing: sizing.value,
      orderType,
      expirySeconds,
      confirm,
      market,
      timestamp,
      strategyOrder: strategy ? { contracts: strategy.contracts, positionSize: strategy.positionSize, partialExit: strategy.partialExit } : null,
      ...(extra.add === true || pyramiding ? { add: true } : {}),
    },
  };
}

/**
 * What TradingView's default strategy message asks for, told by the new strategy position: flat
 * (0) is a close; on the order's own side (buy and now long, sell and now short) it is that
 * side's open (reversing an opposite position, as a JSON alert's buy/sell does); against it (a
 * sell that leaves the strategy still long) it is a partial exit, which is refused rather than
 * mistaken for a reversal.
 */
export function strategyAction(action: AlertAction, order: StrategyOrder): { action: AlertAction; partialExit: boolean } {
  const position = Number(order.positionSize);
  if (position === 0) return { action: 'close', partialExit: false };
  const long = position > 0;
  const buying = action === 'buy' || action === 'long';
  return { action, partialExit: long !== buying };
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
