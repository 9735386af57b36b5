import type { TradeRequest } from '../../../handlers/tradeSignal.js';
import type { TradingSettings } from '../../../models/trading.js';
import { BybitFailure, type BybitSession, type InstrumentCache } from './bybit.js';
import { DUPLICATE_ORDER_CODES, LEVERAGE_NOT_MODIFIED, classifyRetCode, type FailureReason } from './errors.js';
import type { LinearInstrument, SpotInstrument } from './instruments.js';
import type { WindowLimiter } from './limiter.js';
import { planLinear, spotSide, type Position, type Side, type Step } from './plan.js';
import { linearQty, spotBuy, spotSell, type SizeProblem } from './quantity.js';

export interface PlacedOrder {
  role: 'open' | 'close';
  orderId: string;
  orderLinkId: string;
  side: Side;
  qty: string;
  avgPrice: string | null;
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
}

export const noDetails: ReasonDetails = { detail: '', qty: '', min: '', max: '', value: '', coin: '', held: '' };

interface OutcomeBase {
  action: string;
  symbol: string | null;
  market: 'spot' | 'linear';
  account: 'demo' | 'real';
}

export type Outcome =
  | (OutcomeBase & { status: 'placed'; leverage: number | null; orders: PlacedOrder[] })
  | (OutcomeBase & { status: 'nothing'; reason: FailureReason; details: ReasonDetails })
  | (OutcomeBase & { status: 'rejected' | 'expired'; reason: FailureReason; details: ReasonDetails; orders: PlacedOrder[] });

export interface PlacementInput {
  request: TradeRequest;
  settings: TradingSettings;
  /** Base of this signal's order link ids; each order adds its role. */
  orderLinkId: string;
  /** True when an earlier attempt may already have placed some of the orders. */
  retry: boolean;
}

export interface PlacementDeps {
  session: BybitSession;
  instruments: InstrumentCache;
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

const sizeRefusal = (problem: SizeProblem & { ok?: false }): Refusal => {
  const { reason, ok: _ok, ...rest } = problem;
  return new Refusal(reason, { ...noDetails, ...(rest as Partial<ReasonDetails>) }, reason === 'nothing-to-sell');
};

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
  params: Record<string, unknown> & { category: 'linear' | 'spot'; orderLinkId: string; side: Side; qty: string },
  role: 'open' | 'close',
): Promise<PlacedOrder> {
  await deps.userOrders.take();
  const answer = await deps.session.send(
    (client) => client.submitOrder({ orderType: 'Market', ...params } as Parameters<typeof client.submitOrder>[0]) as unknown as Promise<Answer<{ orderId: string }>>,
  );
  if (answer.retCode !== 0 && !DUPLICATE_ORDER_CODES.has(answer.retCode)) {
    throw new BybitFailure(classifyRetCode(answer.retCode, answer.retMsg), `${answer.retCode}: ${answer.retMsg}`, answer.retCode);
  }
  if (answer.retCode !== 0) {
    // Placed by an earlier attempt: find it to report it.
    const earlier = await findOrder(deps, params.category, params.orderLinkId).catch(() => undefined);
    if (earlier) return placedFrom(role, earlier);
    // Bybit says it has the order but does not show it yet: it is placed; details unknown.
    return { role, orderId: '', orderLinkId: params.orderLinkId, side: params.side, qty: params.qty, avgPrice: null };
  }
  // Market orders fill at once; the lookup gives the average price and filled quantity.
  const fill = await fillOf(deps, params.category, params.orderLinkId);
  if (fill) return placedFrom(role, fill);
  return { role, orderId: answer.result.orderId, orderLinkId: params.orderLinkId, side: params.side, qty: params.qty, avgPrice: null };
}

async function priceOf(deps: PlacementDeps, category: 'linear' | 'spot', symbol: string, alertPrice: number | null): Promise<number> {
  if (alertPrice !== null) return alertPrice;
  const answer = await deps.session.expect(
    (client) => client.getTickers({ category, symbol } as Parameters<typeof client.getTickers>[0]) as unknown as Promise<Answer<{ list: { lastPrice: string }[] }>>,
  );
  const price = Number(answer.result.list[0]?.lastPrice);
  if (!(price > 0)) throw new Refusal('exchange-error', { ...noDetails, detail: 'no last price for the symbol' });
  return price;
}

/**
 * Places what one alert asks for. Throws BybitFailure when the exchange gave no usable answer
 * (the caller retries later with the same link ids); every other result is an Outcome.
 */
export async function placeSignal(input: PlacementInput, deps: PlacementDeps): Promise<Outcome> {
  const { request, settings } = input;
  const market = request.market ?? settings.market;
  const symbol = request.symbol ?? settings.defaultSymbol;
  const base = { action: request.action, symbol, market, account: settings.account } as const;
  const placed: PlacedOrder[] = [];
  try {
    if (!symbol) throw new Refusal('no-symbol', noDetails);
    const instrument = await deps.instruments.get(deps.session, market, symbol);
    if (!instrument) throw new Refusal('unknown-symbol', { ...noDetails, detail: symbol });
    if (instrument.status !== 'Trading') throw new Refusal('symbol-not-trading', { ...noDetails, detail: instrument.status });
    if (instrument.category === 'linear') {
      const leverage = request.leverage ?? settings.leverage;
      await placeLinear(input, deps, instrument, symbol, leverage, placed);
      return { ...base, status: 'placed', leverage, orders: placed };
    }
    await placeSpot(input, deps, instrument, symbol, placed);
    return { ...base, status: 'placed', leverage: null, orders: placed };
  } catch (error) {
    if (error instanceof Refusal) {
      if (error.nothing && placed.length === 0) return { ...base, status: 'nothing', reason: error.reason, details: error.details };
      if (error.nothing) return { ...base, status: 'placed', leverage: null, orders: placed };
      return { ...base, status: 'rejected', reason: error.reason, details: error.details, orders: placed };
    }
    if (error instanceof BybitFailure && !error.classified.retry) {
      return { ...base, status: 'rejected', reason: error.classified.reason, details: { ...noDetails, detail: error.detail }, orders: placed };
    }
    // A failure after some orders went through is retried too: their link ids make them lookups.
    throw error;
  }
}

async function placeLinear(
  input: PlacementInput,
  deps: PlacementDeps,
  instrument: LinearInstrument,
  symbol: string,
  leverage: number,
  placed: PlacedOrder[],
): Promise<void> {
  const { request, orderLinkId } = input;
  if (leverage > instrument.maxLeverage) {
    throw new Refusal('leverage-invalid', { ...noDetails, value: String(leverage), max: String(instrument.maxLeverage) });
  }
  const openId = `${orderLinkId}-o`;
  if (input.retry) {
    // The opening order is always the last: if it exists, an earlier attempt did everything.
    const opened = await findOrder(deps, 'linear', openId);
    if (opened) {
      placed.push(placedFrom('open', opened));
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
  const price = await priceOf(deps, 'linear', symbol, request.price);
  const open = plan.steps.find((step) => step.role === 'open');
  let openQty: string | undefined;
  // Sized before anything is sent, so a reversal never closes and then fails to open for a size.
  if (open) {
    const sized = linearQty({ amountUsdt: request.amount ?? input.settings.amountUsdt, leverage, price, qty: request.qty }, instrument);
    if (!sized.ok) throw sizeRefusal(sized);
    openQty = sized.qty;
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
        await submit(deps, { category: 'linear', symbol, side: step.side, qty: step.qty, reduceOnly: true, positionIdx: step.positionIdx, orderLinkId: orderLink }, 'close'),
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
            ...(request.tp !== null ? { takeProfit: String(request.tp) } : {}),
            ...(request.sl !== null ? { stopLoss: String(request.sl) } : {}),
          },
          'open',
        ),
      );
    }
  }
}

async function placeSpot(input: PlacementInput, deps: PlacementDeps, instrument: SpotInstrument, symbol: string, placed: PlacedOrder[]): Promise<void> {
  const { request, orderLinkId } = input;
  const linkId = linkIdFor(orderLinkId, 'spot');
  if (input.retry) {
    const earlier = await findOrder(deps, 'spot', linkId);
    if (earlier) {
      placed.push(placedFrom(spotSide(request.action) === 'Buy' ? 'open' : 'close', earlier));
      return;
    }
  }
  const price = await priceOf(deps, 'spot', symbol, request.price);
  const side = spotSide(request.action);
  if (side === 'Buy') {
    const sized = spotBuy({ amountUsdt: request.amount ?? input.settings.amountUsdt, price, qty: request.qty }, instrument);
    if (!sized.ok) throw sizeRefusal(sized);
    placed.push(
      await submit(
        deps,
        {
          category: 'spot',
          symbol,
          side,
          qty: sized.qty,
          marketUnit: sized.marketUnit,
          orderLinkId: linkId,
          ...(request.tp !== null ? { takeProfit: String(request.tp) } : {}),
          ...(request.sl !== null ? { stopLoss: String(request.sl) } : {}),
        },
        'open',
      ),
    );
    return;
  }
  const wallet = await deps.session.expect(
    (client) =>
      client.getWalletBalance({ accountType: 'UNIFIED', coin: instrument.baseCoin }) as unknown as Promise<
        Answer<{ list: { coin: { coin: string; walletBalance: string; locked?: string }[] }[] }>
      >,
  );
  const coin = wallet.result.list[0]?.coin.find((entry) => entry.coin === instrument.baseCoin);
  const held = coin ? String(Math.max(0, Number(coin.walletBalance || 0) - Number(coin.locked || 0))) : '0';
  // Only an explicit amount or qty sells part; sell/close/exit/stop otherwise sell all of it.
  const sized = spotSell({ amountUsdt: request.amount, price, qty: request.qty, held }, instrument);
  if (!sized.ok) throw sizeRefusal(sized);
  placed.push(await submit(deps, { category: 'spot', symbol, side, qty: sized.qty, marketUnit: 'baseCoin', orderLinkId: linkId }, 'close'));
}
