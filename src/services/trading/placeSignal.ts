import type { TradeRequest } from '../../../handlers/tradeSignal.js';
import type { TradingSettings } from '../../../models/trading.js';
import { BybitFailure, type BybitSession, type InstrumentCache } from './bybit.js';
import { compareDecimal, dec, floorToStep, plain } from './decimal.js';
import { DUPLICATE_ORDER_CODES, LEVERAGE_NOT_MODIFIED, classifyRetCode, type FailureReason } from './errors.js';
import { exchangeSizeProblem } from './exchangeRefusal.js';
import { checkAlertPrice, checkOrderValue, type GuardProblem } from './guards.js';
import type { Instrument, LinearInstrument, SpotInstrument } from './instruments.js';
import type { WindowLimiter } from './limiter.js';
import type { MarketPrices } from './marketPrices.js';
import { planLinear, spotSide, type Position, type Side, type Step } from './plan.js';
import { planProtection, stopPriceOf, type ProtectionPlan, type ProtectionProblem, type SymbolSteps } from './protection.js';
import { linearQty, spotBuy, spotSell, type SizeProblem, type Sized } from './quantity.js';
import { hasProtection, mergeProtection, type ProtectionRequest } from '../../../handlers/protection.js';
import type { PercentSizing } from '../../../handlers/sizing.js';

export interface PlacedOrder {
  role: 'open' | 'close';
  orderId: string;
  orderLinkId: string;
  side: Side;
  qty: string;
  avgPrice: string | null;
  /** A limit order's price (it may rest unfilled until its expiry). */
  limitPrice?: string;
}

/** Variables of the reason messages; every one always present (the locales require them). */
export interface ReasonDetails {
  detail: string;
  qty: string;
  min: string;
  max: string;
  value: string;
  coin: string;
  held: string;
  step: string;
  /** The alert's price, the market's last price, how far apart (%) and the user's tolerance (%). */
  price: string;
  marketPrice: string;
  deviation: string;
  tolerance: string;
  /** TradingView's default strategy message: its new strategy position. */
  position: string;
}

export const noDetails: ReasonDetails = {
  detail: '',
  qty: '',
  min: '',
  max: '',
  value: '',
  coin: '',
  held: '',
  step: '',
  price: '',
  marketPrice: '',
  deviation: '',
  tolerance: '',
  position: '',
};

interface OutcomeBase {
  action: string;
  symbol: string | null;
  market: 'spot' | 'linear';
  account: 'demo' | 'real';
  /** Set when the alert was TradingView's default strategy message: the contracts it named (unused). */
  strategyContracts?: string;
}

/** A limit order left resting on the book, to be cancelled at its expiry. */
export interface RestingLimit {
  category: 'linear' | 'spot';
  orderLinkId: string;
  side: Side;
  qty: string;
  price: string;
  expirySeconds: number;
}

/** How a percentage-sized order got its size: the balance it was a share of, and the stop for risk sizing. */
export interface SizingNote extends PercentSizing {
  balance: string;
  stop?: string;
}

export type Outcome =
  | (OutcomeBase & {
      status: 'placed';
      leverage: number | null;
      orders: PlacedOrder[];
      protection?: ProtectionPlan;
      sizing?: SizingNote;
      limit?: RestingLimit;
      /** A `cancel` alert: how many open orders of the symbol were cancelled. */
      cancelled?: number;
      /** ...and which (Bybit's order ids), so they are not reported later as cancelled outside Hookbot. */
      cancelledOrderIds?: string[];
    })
  | (OutcomeBase & { status: 'nothing'; reason: FailureReason; details: ReasonDetails })
  | (OutcomeBase & { status: 'rejected' | 'expired'; reason: FailureReason; details: ReasonDetails; orders: PlacedOrder[]; protection?: ProtectionPlan; sizing?: SizingNote });

export interface PlacementInput {
  request: TradeRequest;
  settings: TradingSettings;
  /** Base of this signal's order link ids; each order adds its role. */
  orderLinkId: string;
  /** True when an earlier attempt may already have placed some of the orders. */
  retry: boolean;
  /** The user's guards, their own settings or the server's defaults. */
  limits: TradeLimits;
  /** An earlier attempt of this signal passed the same-side guard (see sameSideGuard). */
  sameSideChecked?: boolean;
  /** Records that this attempt passed it, before any order is sent. */
  passedSameSide?: () => Promise<void>;
}

export interface TradeLimits {
  /** An alert price further than this (percent) from the market's last price is refused. */
  priceTolerancePercent: number;
  /** An opening order worth more than this (USDT) is refused. */
  maxOrderValueUsdt: number;
  /** A limit order without its own expiry is cancelled after this many seconds. */
  limitOrderExpirySeconds: number;
}

export interface PlacementDeps {
  session: BybitSession;
  instruments: InstrumentCache;
  prices: MarketPrices;
  /** This user's order limiter (on top of the shared one inside the session). */
  userOrders: WindowLimiter;
}

/** Order link ids: `<base>-o` opens; `<base>-c<positionIdx>` closes; spot uses `<base>-s`. */
export const linkIdFor = (base: string, step: Step | 'spot') =>
  step === 'spot' ? `${base}-s` : step.role === 'open' ? `${base}-o` : `${base}-c${step.positionIdx}`;

type Answer<T> = { retCode: number; retMsg: string; result: T };

class Refusal extends Error {
  constructor(
    readonly reason: FailureReason,
    readonly details: ReasonDetails,
    readonly nothing = false,
  ) {
    super(reason);
  }
}

const sizeRefusal = (problem: (SizeProblem | GuardProblem | ProtectionProblem) & { ok?: false }): Refusal => {
  const { reason, ok: _ok, ...rest } = problem;
  return new Refusal(reason, { ...noDetails, ...(rest as Partial<ReasonDetails>) }, reason === 'nothing-to-sell');
};

/** What an order was sized from, to put Bybit's refusal of its size into numbers. */
interface SizedFrom {
  instrument: Instrument;
  /** Null for closing orders, which are sized from the position without a price. */
  price: string | null;
}

/** The order with this link id, if Bybit has it (open or recently filled). */
async function findOrder(deps: PlacementDeps, category: 'linear' | 'spot', orderLinkId: string): Promise<Record<string, string> | undefined> {
  for (const lookup of ['realtime', 'history'] as const) {
    const answer = await deps.session.expect((client) =>
      (lookup === 'realtime'
        ? client.getActiveOrders({ category, orderLinkId })
        : client.getHistoricOrders({ category, orderLinkId })) as unknown as Promise<Answer<{ list: Record<string, string>[] }>>,
    );
    const found = answer.result.list.find((order) => order.orderLinkId === orderLinkId);
    if (found) return found;
  }
  return undefined;
}

/**
 * The fill (average price, filled quantity) of an order just placed, when the shared request
 * budget has room for the lookup; under load the message goes without it rather than delay
 * other users' orders.
 */
async function fillOf(deps: PlacementDeps, category: 'linear' | 'spot', orderLinkId: string): Promise<Record<string, string> | undefined> {
  const answer = await deps.session
    .sendIfIdle((client) => client.getActiveOrders({ category, orderLinkId }) as unknown as Promise<Answer<{ list: Record<string, string>[] }>>)
    .catch(() => undefined);
  if (!answer || answer.retCode !== 0) return undefined;
  return answer.result.list.find((order) => order.orderLinkId === orderLinkId);
}

function placedFrom(role: 'open' | 'close', order: Record<string, string>): PlacedOrder {
  const avg = order.avgPrice && Number(order.avgPrice) > 0 ? order.avgPrice : null;
  return {
    role,
    orderId: order.orderId ?? '',
    orderLinkId: order.orderLinkId ?? '',
    side: order.side === 'Sell' ? 'Sell' : 'Buy',
    qty: order.cumExecQty && Number(order.cumExecQty) > 0 ? order.cumExecQty : (order.qty ?? ''),
    avgPrice: avg,
  };
}

/**
 * Submits one market order. A duplicate-link-id answer means an earlier attempt placed it: the
 * order is looked up and reported, never placed again.
 */
async function submit(
  deps: PlacementDeps,
  params: Record<string, unknown> & { category: 'linear' | 'spot'; orderLinkId: string; side: Side; qty: string; marketUnit?: 'baseCoin' | 'quoteCoin' | undefined },
  role: 'open' | 'close',
  sizedFrom: SizedFrom,
): Promise<PlacedOrder> {
  await deps.userOrders.take();
  const answer = await deps.session.send(
    (client) => client.submitOrder({ orderType: 'Market', ...params } as Parameters<typeof client.submitOrder>[0]) as unknown as Promise<Answer<{ orderId: string }>>,
  );
  const limitPrice = typeof params.price === 'string' ? { limitPrice: params.price } : {};
  if (answer.retCode !== 0 && !DUPLICATE_ORDER_CODES.has(answer.retCode)) {
    const sent = { qty: params.qty, marketUnit: params.marketUnit, price: sizedFrom.price };
    if (exchangeSizeProblem(answer.retCode, answer.retMsg, sent, sizedFrom.instrument)) {
      // Hookbot sized it from the cached filters, so Bybit has changed them: tell the user
      // Bybit's figures as they are now (and size the next alert with them).
      const { category, symbol } = sizedFrom.instrument;
      deps.instruments.forget(deps.session, category, symbol);
      const fresh = (await deps.instruments.get(deps.session, category, symbol).catch(() => null)) ?? sizedFrom.instrument;
      const size = exchangeSizeProblem(answer.retCode, answer.retMsg, sent, fresh);
      if (size) throw sizeRefusal(size);
    }
    throw new BybitFailure(classifyRetCode(answer.retCode, answer.retMsg), `${answer.retCode}: ${answer.retMsg}`, answer.retCode);
  }
  if (answer.retCode !== 0) {
    // Placed by an earlier attempt: find it to report it.
    const earlier = await findOrder(deps, params.category, params.orderLinkId).catch(() => undefined);
    if (earlier) return { ...placedFrom(role, earlier), ...limitPrice };
    // Bybit says it has the order but does not show it yet: it is placed; details unknown.
    return { role, orderId: '', orderLinkId: params.orderLinkId, side: params.side, qty: params.qty, avgPrice: null, ...limitPrice };
  }
  // Market orders fill at once; the lookup gives the average price and filled quantity.
  const fill = await fillOf(deps, params.category, params.orderLinkId);
  if (fill) return { ...placedFrom(role, fill), ...limitPrice };
  return { role, orderId: answer.result.orderId, orderLinkId: params.orderLinkId, side: params.side, qty: params.qty, avgPrice: null, ...limitPrice };
}

/** The market's last price (/v5/market/tickers), as decimal text: what market orders are sized at. */
async function marketPriceOf(deps: PlacementDeps, category: 'linear' | 'spot', symbol: string): Promise<string> {
  const last = await deps.prices.lastPrice(deps.session, category, symbol);
  const text = typeof last === 'string' ? last.trim() : '';
  if (!/^\d+(\.\d+)?$/.test(text) || compareDecimal(text, '0') <= 0) {
    throw new Refusal('exchange-error', { ...noDetails, detail: 'no last price for the symbol' });
  }
  return plain(text);
}

/**
 * The price an opening order is sized at: the market's. The alert's own price, when it has one,
 * must be within the user's tolerance of it, or nothing is placed.
 */
async function openingPrice(input: PlacementInput, deps: PlacementDeps, category: 'linear' | 'spot', symbol: string): Promise<string> {
  const marketPrice = await marketPriceOf(deps, category, symbol);
  if (input.request.price !== null) {
    const problem = checkAlertPrice(input.request.price, marketPrice, dec(input.limits.priceTolerancePercent));
    if (problem) throw sizeRefusal(problem);
  }
  return marketPrice;
}

/**
 * A second buy (or sell) with no close in between would double the position: a close alert
 * missed, or one alert sent twice under two ids. Refused before anything is sent, unless the
 * alert says it means to add (`"add": true`, or a TradingView strategy that pyramids). Checked
 * once per signal: a retry finds the position its own first attempt may have opened, so an
 * attempt that passed is recorded (`passedSameSide`) and not asked again.
 */
async function sameSideGuard(input: PlacementInput, positions: Position[], side: Side): Promise<void> {
  if (input.request.add || input.sameSideChecked) return;
  const held = positions.find((position) => position.side === side && compareDecimal(position.size || '0', '0') > 0);
  if (held) throw new Refusal('position-already-open', { ...noDetails, qty: held.size });
  await input.passedSameSide?.();
}

/** The last guard before an opening order is sent: its value against the user's maximum. */
function withinMaxValue(sized: Sized, limits: TradeLimits): asserts sized is Extract<Sized, { ok: true }> {
  if (!sized.ok) throw sizeRefusal(sized);
  const problem = checkOrderValue(sized.value, dec(limits.maxOrderValueUsdt));
  if (problem) throw sizeRefusal(problem);
}

/**
 * Places what one alert asks for. Throws BybitFailure when the exchange gave no usable answer
 * (the caller retries later with the same link ids); every other result is an Outcome.
 */
export async function placeSignal(input: PlacementInput, deps: PlacementDeps): Promise<Outcome> {
  const { request, settings } = input;
  const market = request.market ?? settings.market;
  const symbol = request.symbol ?? settings.defaultSymbol;
  const base = {
    action: request.action,
    symbol,
    market,
    account: settings.account,
    ...(request.strategyOrder ? { strategyContracts: request.strategyOrder.contracts } : {}),
  } as const;
  const placed: PlacedOrder[] = [];
  const protection = mergeProtection(settings.protection ?? {}, request.protection);
  const state: PlacementState = { placed, protection, plan: undefined, sizing: undefined, limit: undefined };
  const planned = () => ({ ...(state.plan ? { protection: state.plan } : {}), ...(state.sizing ? { sizing: state.sizing } : {}) });
  const resting = () => (state.limit ? { limit: state.limit } : {});
  try {
    if (!symbol) throw new Refusal('no-symbol', noDetails);
    if (request.strategyOrder?.partialExit) throw new Refusal('strategy-partial-exit', { ...noDetails, position: request.strategyOrder.positionSize });
    const instrument = await deps.instruments.get(deps.session, market, symbol);
    if (!instrument) throw new Refusal('unknown-symbol', { ...noDetails, detail: symbol });
    if (instrument.status !== 'Trading') throw new Refusal('symbol-not-trading', { ...noDetails, detail: instrument.status });
    if (request.action === 'cancel') {
      const cancelled = await cancelOpenOrders(deps, instrument.category, symbol);
      return { ...base, status: 'placed', leverage: null, orders: [], cancelled: cancelled.length, cancelledOrderIds: cancelled };
    }
    if (instrument.category === 'linear') {
      const leverage = request.leverage ?? settings.leverage;
      await placeLinear(input, deps, instrument, symbol, leverage, state);
      return { ...base, status: 'placed', leverage, orders: placed, ...planned(), ...resting() };
    }
    await placeSpot(input, deps, instrument, symbol, state);
    return { ...base, status: 'placed', leverage: null, orders: placed, ...planned(), ...resting() };
  } catch (error) {
    if (error instanceof Refusal) {
      if (error.nothing && placed.length === 0) return { ...base, status: 'nothing', reason: error.reason, details: error.details };
      if (error.nothing) return { ...base, status: 'placed', leverage: null, orders: placed };
      return { ...base, status: 'rejected', reason: error.reason, details: error.details, orders: placed, ...planned() };
    }
    if (error instanceof BybitFailure && !error.classified.retry) {
      return { ...base, status: 'rejected', reason: error.classified.reason, details: { ...noDetails, detail: error.detail }, orders: placed, ...planned() };
    }
    // A failure after some orders went through is retried too: their link ids make them lookups.
    throw error;
  }
}

/** What a placement has done so far, for the outcome whatever stops it. */
interface PlacementState {
  placed: PlacedOrder[];
  /** The protection asked for: the alert's fields over the user's defaults. */
  protection: ProtectionRequest;
  /** The protection worked out for the opening order, once it was sized. */
  plan: ProtectionPlan | undefined;
  /** Set when the opening order was sized as a percentage of a balance. */
  sizing: SizingNote | undefined;
  /** Set when a limit order was placed (it may rest until its expiry). */
  limit: RestingLimit | undefined;
}

/**
 * A `cancel` alert: every open (not yet filled) order of the symbol, through
 * /v5/order/cancel-all. Only plain orders (`orderFilter: Order`): a position's own stop-loss and
 * take-profits stay, since cancelling them would leave the position unprotected.
 */
async function cancelOpenOrders(deps: PlacementDeps, category: 'linear' | 'spot', symbol: string): Promise<string[]> {
  const answer = await deps.session.expect(
    (client) => client.cancelAllOrders({ category, symbol, orderFilter: 'Order' }) as unknown as Promise<Answer<{ list?: Array<{ orderId?: string }> }>>,
  );
  const list = answer.result.list ?? [];
  if (list.length === 0) throw new Refusal('nothing-to-cancel', noDetails, true);
  return list.map((order) => order.orderId ?? '');
}

/**
 * A limit order's price: the alert's, rounded to the tick on the side that never pays more
 * (down for a buy, up for a sell).
 */
function limitPriceOf(price: string, side: Side, tickSize: string): string {
  if (side === 'Buy') return plain(floorToStep(price, tickSize));
  const down = floorToStep(price, tickSize);
  return plain(compareDecimal(down, price) === 0 ? down : dec(down).plus(dec(tickSize)));
}

/** A limit order an earlier attempt placed still needs its expiry recorded. */
function rememberEarlierLimit(input: PlacementInput, state: PlacementState, category: 'linear' | 'spot', order: Record<string, string>): void {
  if (input.request.orderType !== 'limit' || !order.price) return;
  const side: Side = order.side === 'Sell' ? 'Sell' : 'Buy';
  state.limit = { category, orderLinkId: order.orderLinkId ?? '', side, qty: order.qty ?? '', price: order.price, expirySeconds: input.request.expirySeconds ?? input.limits.limitOrderExpirySeconds };
  const last = state.placed.at(-1);
  if (last) last.limitPrice = order.price;
}

/** The parameters that make an order a limit order, and remember it for its expiry. */
function limitParams(input: PlacementInput, state: PlacementState, order: { category: 'linear' | 'spot'; orderLinkId: string; side: Side; qty: string; price: string }) {
  state.limit = { ...order, expirySeconds: input.request.expirySeconds ?? input.limits.limitOrderExpirySeconds };
  return { orderType: 'Limit', price: order.price, timeInForce: 'GTC' } as const;
}

/** What an opening order is sized from: a base quantity, else a USDT amount (margin on futures, spend on spot). */
interface SizeBasis {
  qty: string | null;
  amountUsdt: string | number;
}

/** The account's total equity or available balance in USD (/v5/account/wallet-balance, unified account). */
async function balanceOf(deps: PlacementDeps, which: 'equity' | 'available'): Promise<string> {
  const answer = await deps.session.expect(
    (client) =>
      client.getWalletBalance({ accountType: 'UNIFIED' }) as unknown as Promise<Answer<{ list: { totalEquity?: string; totalAvailableBalance?: string }[] }>>,
  );
  const wallet = answer.result.list[0];
  const text = (which === 'equity' ? wallet?.totalEquity : wallet?.totalAvailableBalance)?.trim() ?? '';
  if (!/^\d+(\.\d+)?$/.test(text) || compareDecimal(text, '0') <= 0) throw new Refusal('insufficient-balance', noDetails);
  return plain(text);
}

/**
 * The size of an opening order: the alert's `qty` or `amount`, else its `equity`/`available`/
 * `risk`, else the user's sizing setting. Risk sizing is `equity × risk% / |entry − stop|` and
 * needs a stop-loss; its result still passes the maximum order value like any other size, so a
 * typo'd stop next to the entry cannot become a giant order.
 */
async function sizeBasis(input: PlacementInput, deps: PlacementDeps, state: PlacementState, at: { side: Side; entry: string; tickSize: string; spot: boolean }): Promise<SizeBasis> {
  const { request, settings } = input;
  if (request.qty !== null) return { qty: request.qty, amountUsdt: settings.amountUsdt };
  if (request.amount !== null) return { qty: null, amountUsdt: request.amount };
  const sizing: PercentSizing | null =
    request.sizing ?? (settings.sizingMode !== 'fixed' && settings.sizingPercent !== null ? { mode: settings.sizingMode, percent: String(settings.sizingPercent) } : null);
  if (!sizing) return { qty: null, amountUsdt: settings.amountUsdt };
  if (sizing.mode === 'risk') {
    const stop = at.spot ? null : stopPriceOf(state.protection, at.side, at.entry, at.tickSize);
    if (stop === null) throw new Refusal('risk-needs-stop', { ...noDetails, value: sizing.percent });
    const distance = dec(at.entry).minus(dec(stop)).abs();
    const wrongSide = at.side === 'Buy' ? compareDecimal(stop, at.entry) >= 0 : compareDecimal(stop, at.entry) <= 0;
    if (wrongSide || distance.lte('0') || compareDecimal(stop, '0') <= 0) throw sizeRefusal({ reason: 'sl-wrong-side', price: stop, marketPrice: at.entry });
    const equity = await balanceOf(deps, 'equity');
    state.sizing = { ...sizing, balance: equity, stop };
    return { qty: plain(dec(equity).times(dec(sizing.percent)).div('100').div(distance)), amountUsdt: settings.amountUsdt };
  }
  const balance = await balanceOf(deps, sizing.mode);
  state.sizing = { ...sizing, balance };
  return { qty: null, amountUsdt: plain(dec(balance).times(dec(sizing.percent)).div('100')) };
}

/** The protection as prices and sizes, or a refusal before anything is sent. */
function protectionFor(state: PlacementState, input: { side: Side; entry: string; qty: string }, instrument: SymbolSteps): ProtectionPlan | undefined {
  if (!hasProtection(state.protection)) return undefined;
  const planned = planProtection(state.protection, input, instrument);
  if (!planned.ok) throw sizeRefusal(planned);
  return planned.plan;
}

/**
 * The opening order's own stop-loss and whole-position take-profit (Bybit's order-level TP/SL,
 * tpslMode Full: both close the whole position at market).
 */
function orderLevelProtection(plan: ProtectionPlan | undefined): Record<string, string> {
  if (!plan || (plan.stopLoss === null && plan.takeProfit === null)) return {};
  return {
    tpslMode: 'Full',
    ...(plan.takeProfit !== null ? { takeProfit: plan.takeProfit, tpOrderType: 'Market', tpTriggerBy: 'LastPrice' } : {}),
    ...(plan.stopLoss !== null ? { stopLoss: plan.stopLoss, slOrderType: 'Market', slTriggerBy: 'LastPrice' } : {}),
  };
}

/** Bybit's "not modified" answer to a trading-stop that sets what is already set. */
const TRADING_STOP_NOT_MODIFIED = 34040;

/**
 * The position's take-profit ladder (one Partial trading-stop per step, with its tpSize) and
 * trailing stop, after the opening order filled. On a retry, steps Bybit already holds (an
 * untriggered partial take-profit at that price and size) are not added twice.
 */
async function attachPositionProtection(deps: PlacementDeps, symbol: string, positionIdx: 0 | 1 | 2, plan: ProtectionPlan, retry: boolean): Promise<void> {
  if (plan.ladder.length === 0 && plan.trailingStop === null) return;
  let existing: Record<string, string>[] = [];
  if (retry && plan.ladder.length > 0) {
    const answer = await deps.session.expect(
      (client) => client.getActiveOrders({ category: 'linear', symbol }) as unknown as Promise<Answer<{ list: Record<string, string>[] }>>,
    );
    existing = answer.result.list.filter((order) => order.stopOrderType === 'PartialTakeProfit');
  }
  const refused = (answer: Answer<unknown>) => {
    throw new Refusal('protection-failed', { ...noDetails, detail: `${answer.retCode}: ${answer.retMsg}` });
  };
  for (const step of plan.ladder) {
    const held = existing.some((order) => compareDecimal(order.triggerPrice || '0', step.price) === 0 && compareDecimal(order.qty || '0', step.qty) === 0);
    if (held) continue;
    const answer = await deps.session.send(
      (client) =>
        client.setTradingStop({
          category: 'linear',
          symbol,
          positionIdx,
          tpslMode: 'Partial',
          takeProfit: step.price,
          tpSize: step.qty,
          tpOrderType: 'Market',
          tpTriggerBy: 'LastPrice',
        }) as unknown as Promise<Answer<unknown>>,
    );
    if (answer.retCode !== 0) refused(answer);
  }
  if (plan.trailingStop !== null) {
    const answer = await deps.session.send(
      (client) =>
        client.setTradingStop({ category: 'linear', symbol, positionIdx, tpslMode: 'Full', trailingStop: plan.trailingStop as string }) as unknown as Promise<Answer<unknown>>,
    );
    if (answer.retCode !== 0 && answer.retCode !== TRADING_STOP_NOT_MODIFIED) refused(answer);
  }
}

async function placeLinear(input: PlacementInput, deps: PlacementDeps, instrument: LinearInstrument, symbol: string, leverage: number, state: PlacementState): Promise<void> {
  const { request, orderLinkId } = input;
  const { placed } = state;
  if (leverage > instrument.maxLeverage) {
    throw new Refusal('leverage-invalid', { ...noDetails, value: String(leverage), max: String(instrument.maxLeverage) });
  }
  const openId = `${orderLinkId}-o`;
  if (input.retry) {
    // The opening order is always the last: if it exists, an earlier attempt did everything but
    // perhaps the position's protection, which is attached from what the order filled at.
    const opened = await findOrder(deps, 'linear', openId);
    if (opened) {
      const order = placedFrom('open', opened);
      placed.push(order);
      rememberEarlierLimit(input, state, 'linear', opened);
      if (order.avgPrice !== null && request.orderType !== 'limit') {
        state.plan = protectionFor(state, { side: order.side, entry: order.avgPrice, qty: order.qty }, instrument);
        if (state.plan) await attachPositionProtection(deps, symbol, Number(opened.positionIdx ?? 0) as 0 | 1 | 2, state.plan, true);
      }
      return;
    }
  }
  const answer = await deps.session.expect(
    (client) => client.getPositionInfo({ category: 'linear', symbol }) as unknown as Promise<Answer<{ list: Record<string, string | number>[] }>>,
  );
  const leverages = answer.result.list.map((entry) => Number(entry.leverage));
  const positions: Position[] = answer.result.list.map((entry) => ({
    side: entry.side === 'Buy' || entry.side === 'Sell' ? entry.side : '',
    size: String(entry.size ?? '0'),
    positionIdx: Number(entry.positionIdx ?? 0) as 0 | 1 | 2,
  }));
  const plan = planLinear(request.action, positions);
  if ('nothing' in plan) {
    if (input.retry) {
      // Closing orders an earlier attempt placed are why there is nothing left to close.
      for (const idx of [0, 1, 2]) {
        const closed = await findOrder(deps, 'linear', `${orderLinkId}-c${idx}`);
        if (closed) placed.push(placedFrom('close', closed));
      }
    }
    throw new Refusal('nothing-to-close', noDetails, true);
  }
  const open = plan.steps.find((step) => step.role === 'open');
  let openQty: string | undefined;
  const limit = request.orderType === 'limit';
  let entry = '';
  // Closing orders are sized from the position; only an opening order needs the price.
  let sizedFrom: SizedFrom = { instrument, price: null };
  // Sized and checked (protection included) before anything is sent, so a reversal never closes
  // and then fails to open, and a ladder is never half-placed.
  if (open) {
    const market = await openingPrice(input, deps, 'linear', symbol);
    // A limit order is sized, and its protection measured, at its own price.
    const price = limit ? limitPriceOf(request.price as string, open.side, instrument.tickSize) : market;
    entry = price;
    sizedFrom = { instrument, price };
    const basis = await sizeBasis(input, deps, state, { side: open.side, entry: price, tickSize: instrument.tickSize, spot: false });
    const sized = linearQty({ amountUsdt: basis.amountUsdt, leverage, price, qty: basis.qty }, instrument);
    withinMaxValue(sized, input.limits);
    openQty = sized.qty;
    // A ladder and a trailing stop belong to a position, which a resting limit order is not yet.
    const rungs = state.protection.takeProfit ?? [];
    const ladder = rungs.length > 1 || (rungs[0]?.sizePercent != null && compareDecimal(rungs[0].sizePercent, '100') !== 0);
    if (limit && (ladder || state.protection.trailingStop)) throw new Refusal('limit-protection', noDetails);
    state.plan = protectionFor(state, { side: open.side, entry: price, qty: sized.qty }, instrument);
    await sameSideGuard(input, positions, open.side);
    // The position list tells the symbol's leverage: set it only when it differs (a request saved).
    const already = leverages.length > 0 && leverages.every((value) => value === leverage);
    if (!already) {
      await deps.session.expect(
        (client) =>
          client.setLeverage({ category: 'linear', symbol, buyLeverage: String(leverage), sellLeverage: String(leverage) }) as unknown as Promise<Answer<unknown>>,
        [LEVERAGE_NOT_MODIFIED],
      );
    }
  }
  for (const step of plan.steps) {
    const orderLink = linkIdFor(orderLinkId, step);
    if (step.role === 'close') {
      placed.push(
        await submit(
          deps,
          { category: 'linear', symbol, side: step.side, qty: step.qty, reduceOnly: true, positionIdx: step.positionIdx, orderLinkId: orderLink },
          'close',
          sizedFrom,
        ),
      );
    } else {
      placed.push(
        await submit(
          deps,
          {
            category: 'linear',
            symbol,
            side: step.side,
            qty: openQty as string,
            positionIdx: step.positionIdx,
            orderLinkId: orderLink,
            ...orderLevelProtection(state.plan),
            ...(limit ? limitParams(input, state, { category: 'linear', orderLinkId: orderLink, side: step.side, qty: openQty as string, price: entry }) : {}),
          },
          'open',
          sizedFrom,
        ),
      );
      if (state.plan && !limit) await attachPositionProtection(deps, symbol, step.positionIdx, state.plan, false);
    }
  }
}

async function placeSpot(input: PlacementInput, deps: PlacementDeps, instrument: SpotInstrument, symbol: string, state: PlacementState): Promise<void> {
  const { request, orderLinkId } = input;
  const { placed } = state;
  const linkId = linkIdFor(orderLinkId, 'spot');
  if (input.retry) {
    const earlier = await findOrder(deps, 'spot', linkId);
    if (earlier) {
      placed.push(placedFrom(spotSide(request.action) === 'Buy' ? 'open' : 'close', earlier));
      rememberEarlierLimit(input, state, 'spot', earlier);
      return;
    }
  }
  const side = spotSide(request.action);
  if (side === 'Buy') {
    // Bybit attaches a take-profit or stop-loss to a spot order only when it is a limit order,
    // and has no ladder or trailing stop on spot: refused before anything is sent.
    const limit = request.orderType === 'limit';
    const { stopLoss, takeProfit, trailingStop, breakeven } = state.protection;
    const ladder = (takeProfit?.length ?? 0) > 1 || (takeProfit?.[0]?.sizePercent != null && compareDecimal(takeProfit[0].sizePercent, '100') !== 0);
    if (hasProtection(state.protection) && (!limit || ladder || trailingStop || breakeven)) throw new Refusal('spot-protection', noDetails);
    const market = await openingPrice(input, deps, 'spot', symbol);
    const price = limit ? limitPriceOf(request.price as string, side, instrument.tickSize) : market;
    const basis = await sizeBasis(input, deps, state, { side, entry: price, tickSize: instrument.tickSize, spot: true });
    // A limit order is always in the base coin; a market buy by amount spends exactly that USDT.
    const qty = limit && basis.qty === null ? plain(dec(basis.amountUsdt).div(dec(price))) : basis.qty;
    const sized = spotBuy({ amountUsdt: basis.amountUsdt, price, qty }, instrument);
    withinMaxValue(sized, input.limits);
    if (stopLoss || takeProfit) {
      state.plan = protectionFor(state, { side, entry: price, qty: sized.qty }, { ...instrument, qtyStep: instrument.basePrecision });
    }
    const spotTpsl = state.plan
      ? {
          ...(state.plan.takeProfit !== null ? { takeProfit: state.plan.takeProfit, tpOrderType: 'Market' } : {}),
          ...(state.plan.stopLoss !== null ? { stopLoss: state.plan.stopLoss, slOrderType: 'Market' } : {}),
        }
      : {};
    placed.push(
      await submit(
        deps,
        {
          category: 'spot',
          symbol,
          side,
          qty: sized.qty,
          orderLinkId: linkId,
          ...(limit ? limitParams(input, state, { category: 'spot', orderLinkId: linkId, side, qty: sized.qty, price }) : { marketUnit: sized.marketUnit }),
          ...spotTpsl,
        },
        'open',
        { instrument, price },
      ),
    );
    return;
  }
  // Selling what is held only lowers what is at risk: sized at the market price, never refused by the guards.
  const price = await marketPriceOf(deps, 'spot', symbol);
  const wallet = await deps.session.expect(
    (client) =>
      client.getWalletBalance({ accountType: 'UNIFIED', coin: instrument.baseCoin }) as unknown as Promise<
        Answer<{ list: { coin: { coin: string; walletBalance: string; locked?: string }[] }[] }>
      >,
  );
  const coin = wallet.result.list[0]?.coin.find((entry) => entry.coin === instrument.baseCoin);
  const free = coin ? dec(coin.walletBalance || '0').minus(dec(coin.locked || '0')) : dec('0');
  const held = free.gt('0') ? plain(free) : '0';
  // Only an explicit amount or qty sells part; sell/close/exit/stop otherwise sell all of it.
  const sized = spotSell({ amountUsdt: request.amount, price, qty: request.qty, held }, instrument);
  if (!sized.ok) throw sizeRefusal(sized);
  placed.push(await submit(deps, { category: 'spot', symbol, side, qty: sized.qty, marketUnit: 'baseCoin', orderLinkId: linkId }, 'close', { instrument, price }));
}
