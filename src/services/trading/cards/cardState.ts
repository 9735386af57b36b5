import { dec, plain } from '../decimal.js';
import type { Execution } from '../stream/execution.js';

/**
 * What a trade card shows, built up from what happens to the trade. Pure: the same events give
 * the same card, whichever process applies them. Amounts are exact decimal text.
 */
export interface CardState {
  symbol: string;
  category: 'linear' | 'spot';
  account: 'demo' | 'real';
  /** The side of the opening order: 'Buy' is a long. */
  side: 'Buy' | 'Sell';
  leverage: number | null;
  /** The alert's action, as the user wrote it. */
  action: string;
  /** The outcome's message (what was placed), rendered in the user's language when the card opened. */
  header: string;
  receivedAt: number;
  placedAt: number;
  orderId: string;
  /** Sum of the opening fills' quantities and values (qty × price), and every fee paid. */
  filledQty: string;
  filledValue: string;
  fees: string;
  /** What happened after the entry, oldest first: closing fills and stop moves. */
  events: CardEvent[];
  closedQty: string;
  /** Of the closed part, before fees. */
  grossPnl: string;
  stopLoss: string | null;
  takeProfit: string | null;
  closed: boolean;
}

/** A closing fill (kind: Bybit's stopOrderType, '' for a plain order), or the stop moved after it was first set. */
export type CardEvent =
  | { type: 'exit'; kind: string; qty: string; price: string }
  | { type: 'stop-moved'; price: string }
  /** "Stop to breakeven" could not be done after the first take-profit: Bybit's answer. */
  | { type: 'breakeven-failed'; detail: string };

export function newCard(init: Pick<CardState, 'symbol' | 'category' | 'account' | 'side' | 'leverage' | 'action' | 'header' | 'receivedAt' | 'placedAt' | 'orderId'>): CardState {
  return { ...init, filledQty: '0', filledValue: '0', fees: '0', events: [], closedQty: '0', grossPnl: '0', stopLoss: null, takeProfit: null, closed: false };
}

/** Average entry price, or null before the first fill. */
export function averageEntry(card: CardState): string | null {
  return dec(card.filledQty).gt('0') ? plain(dec(card.filledValue).div(dec(card.filledQty)).round(8)) : null;
}

/** Realised PnL so far: the closed part's gain or loss, less every fee paid. */
export function realisedPnl(card: CardState): string {
  return plain(dec(card.grossPnl).minus(dec(card.fees)));
}

const amount = (value: string) => (/^-?\d+(\.\d+)?$/.test(value) ? value : '0');

/** A fill of the trade: an opening one adds to the entry, a closing one (closedSize > 0) to the exits. */
export function applyFill(card: CardState, fill: Execution): CardState {
  const qty = amount(fill.execQty);
  const price = amount(fill.execPrice);
  const fees = plain(dec(card.fees).plus(dec(amount(fill.execFee))));
  if (card.category === 'linear' && dec(amount(fill.closedSize)).gt('0')) {
    const closing = dec(amount(fill.closedSize));
    const entry = averageEntry(card) ?? price;
    const direction = card.side === 'Buy' ? 1 : -1;
    const gross = dec(price).minus(dec(entry)).times(closing).times(direction);
    const closedQty = plain(dec(card.closedQty).plus(closing));
    return {
      ...card,
      fees,
      events: [...card.events, { type: 'exit', kind: fill.stopOrderType, qty: plain(closing), price }],
      closedQty,
      grossPnl: plain(dec(card.grossPnl).plus(gross)),
      closed: dec(closedQty).gte(dec(card.filledQty)) && dec(card.filledQty).gt('0'),
    };
  }
  return { ...card, fees, filledQty: plain(dec(card.filledQty).plus(dec(qty))), filledValue: plain(dec(card.filledValue).plus(dec(qty).times(dec(price)))) };
}

/** The position's take-profit and stop as Bybit reports them ('0' or '' means none). */
export function applyProtection(card: CardState, position: { stopLoss: string; takeProfit: string }): CardState {
  const set = (value: string) => (value && Number(value) > 0 ? plain(value) : null);
  const stopLoss = set(position.stopLoss);
  const takeProfit = set(position.takeProfit);
  const moved = card.stopLoss !== null && stopLoss !== null && stopLoss !== card.stopLoss && !lastMoveWas(card, stopLoss);
  return { ...card, stopLoss, takeProfit, events: moved ? [...card.events, { type: 'stop-moved', price: stopLoss }] : card.events };
}

/** The last stop move the card shows was to this price (Hookbot's own move, then Bybit's report of it). */
function lastMoveWas(card: CardState, price: string): boolean {
  const last = card.events.filter((event) => event.type === 'stop-moved').at(-1);
  return last?.type === 'stop-moved' && last.price === price;
}

/** Hookbot moved the stop (to breakeven): shown once, whichever of this and Bybit's report comes first. */
export function applyStopMoved(card: CardState, price: string): CardState {
  const stop = plain(price);
  if (lastMoveWas(card, stop)) return { ...card, stopLoss: stop };
  return { ...card, stopLoss: stop, events: [...card.events, { type: 'stop-moved', price: stop }] };
}

/** Hookbot could not move the stop to breakeven. */
export function applyBreakevenFailed(card: CardState, detail: string): CardState {
  return { ...card, events: [...card.events, { type: 'breakeven-failed', detail }] };
}

/** The first take-profit of the trade just filled (this fill is it) and the trade is still open. */
export function firstTakeProfitFilled(before: CardState, after: CardState): boolean {
  const takeProfit = (event: CardEvent) => event.type === 'exit' && (event.kind === 'TakeProfit' || event.kind === 'PartialTakeProfit');
  return !after.closed && before.events.filter(takeProfit).length === 0 && after.events.filter(takeProfit).length === 1;
}
