import type { Level, ProtectionRequest } from '../../../handlers/protection.js';
import { compareDecimal, dec, floorToStep, plain, type DecimalInput } from './decimal.js';
import type { Side } from './plan.js';

/**
 * The protective orders of one opening order, in Bybit's terms: prices rounded to the symbol's
 * tick, ladder sizes to its quantity step.
 */
export interface ProtectionPlan {
  stopLoss: string | null;
  /** A take-profit for the whole position (order-level, tpslMode Full). */
  takeProfit: string | null;
  /** Partial take-profits (trading-stop, tpslMode Partial, tpSize). */
  ladder: { price: string; qty: string }[];
  /** Trailing stop as a price distance (trading-stop `trailingStop`). */
  trailingStop: string | null;
  /**
   * Move the stop to the entry once the first take-profit fills. Needs the fill events, so it is
   * only recorded here (with the entry) for whatever acts on fills.
   */
  breakeven: boolean;
  /** The price the levels were measured from. */
  entry: string;
}

/** Why the protection cannot be placed as asked; each has a message (`trade-reason-<reason>`). */
export type ProtectionProblem =
  | { reason: 'tp-wrong-side'; price: string; marketPrice: string }
  | { reason: 'sl-wrong-side'; price: string; marketPrice: string }
  | { reason: 'tp-rung-too-small'; value: string; qty: string; min: string }
  | { reason: 'trailing-too-small'; value: string; step: string }
  | { reason: 'breakeven-needs-tp' };

export interface SymbolSteps {
  tickSize: string;
  qtyStep: string;
  minOrderQty: string;
}

/** The nearest multiple of `step` (half up). */
function roundToStep(value: DecimalInput, step: string): string {
  return floorToStep(dec(value).plus(dec(step).div('2')), step);
}

/** A level as a price: a percentage is measured from the entry, away from it in `direction` (+1 up, -1 down). */
function priceOf(level: Level, entry: string, direction: 1 | -1, tickSize: string): string {
  if (level.kind === 'price') return plain(level.value);
  const factor = dec('1').plus(dec(level.value).div('100').times(direction));
  return plain(roundToStep(dec(entry).times(factor), tickSize));
}

/** The stop-loss price for a position opened on `side` at `entry` (null without a stop). */
export function stopPriceOf(request: ProtectionRequest, side: Side, entry: string, tickSize: string): string | null {
  if (!request.stopLoss) return null;
  return priceOf(request.stopLoss, entry, side === 'Buy' ? -1 : 1, tickSize);
}

/**
 * Turns the requested protection into prices and sizes for a position opened on `side` at
 * `entry` with `qty`, and refuses what Bybit would refuse (or what would be half-placed): a
 * take-profit on the losing side of the entry, a stop on the winning side, a ladder step smaller
 * than the symbol's minimum quantity, a trailing distance under one tick.
 */
export function planProtection(
  request: ProtectionRequest,
  input: { side: Side; entry: string; qty: string },
  steps: SymbolSteps,
): { ok: true; plan: ProtectionPlan } | ({ ok: false } & ProtectionProblem) {
  const long = input.side === 'Buy';
  const up: 1 | -1 = long ? 1 : -1;
  const plan: ProtectionPlan = { stopLoss: null, takeProfit: null, ladder: [], trailingStop: null, breakeven: request.breakeven ?? false, entry: input.entry };
  const beyond = (price: string, wanted: 1 | -1) => compareDecimal(price, '0') > 0 && compareDecimal(price, input.entry) * wanted > 0;
  if (request.stopLoss) {
    const price = priceOf(request.stopLoss, input.entry, (-up) as 1 | -1, steps.tickSize);
    if (!beyond(price, (-up) as 1 | -1)) return { ok: false, reason: 'sl-wrong-side', price, marketPrice: input.entry };
    plan.stopLoss = price;
  }
  const rungs = request.takeProfit ?? [];
  const whole = rungs.length === 1 && (rungs[0]?.sizePercent === null || compareDecimal(rungs[0]?.sizePercent ?? '0', '100') === 0);
  const prices: string[] = [];
  for (const rung of rungs) {
    const price = priceOf(rung.at, input.entry, up, steps.tickSize);
    if (!beyond(price, up)) return { ok: false, reason: 'tp-wrong-side', price, marketPrice: input.entry };
    prices.push(price);
  }
  if (whole) {
    plan.takeProfit = prices[0] ?? null;
  } else if (rungs.length > 0) {
    const total = rungs.reduce((sum, rung) => sum.plus(dec(rung.sizePercent ?? '100')), dec('0'));
    let given = dec('0');
    for (const [index, rung] of rungs.entries()) {
      const last = index === rungs.length - 1;
      // The last step of a ladder that closes everything takes the remainder, so no dust is left.
      const qty = last && total.eq('100') ? plain(dec(input.qty).minus(given)) : plain(floorToStep(dec(input.qty).times(dec(rung.sizePercent ?? '100')).div('100'), steps.qtyStep));
      if (compareDecimal(qty, steps.minOrderQty) < 0 || compareDecimal(qty, '0') <= 0) {
        return { ok: false, reason: 'tp-rung-too-small', value: String(index + 1), qty, min: steps.minOrderQty };
      }
      given = given.plus(dec(qty));
      plan.ladder.push({ price: prices[index] as string, qty });
    }
  }
  if (request.trailingStop) {
    const distance =
      request.trailingStop.kind === 'price'
        ? plain(request.trailingStop.value)
        : plain(roundToStep(dec(input.entry).times(dec(request.trailingStop.value)).div('100'), steps.tickSize));
    if (compareDecimal(distance, steps.tickSize) < 0) return { ok: false, reason: 'trailing-too-small', value: distance, step: steps.tickSize };
    plan.trailingStop = distance;
  }
  if (plan.breakeven && plan.takeProfit === null && plan.ladder.length === 0) return { ok: false, reason: 'breakeven-needs-tp' };
  return { ok: true, plan };
}
