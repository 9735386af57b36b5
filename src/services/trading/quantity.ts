import { compareDecimal, dec, floorToStep, plain, shown, type DecimalInput } from './decimal.js';
import type { LinearInstrument, SpotInstrument } from './instruments.js';

/** Why an order cannot be sized; each has a message in the locales (`trade-reason-<reason>`). */
export type SizeProblem =
  | { reason: 'qty-too-small'; qty: string; min: string }
  | { reason: 'qty-too-large'; qty: string; max: string }
  | { reason: 'qty-step'; qty: string; step: string }
  | { reason: 'notional-too-small'; value: string; min: string }
  | { reason: 'amount-too-large'; value: string; max: string }
  | { reason: 'nothing-to-sell'; coin: string }
  | { reason: 'insufficient-holding'; qty: string; held: string; coin: string };

/**
 * A sized order: `qty` as Bybit gets it, and `value`, what it is worth in USDT at the price it
 * was sized with (the figure the maximum-order-value guard compares).
 */
export type Sized = { ok: true; qty: string; value: string; marketUnit?: 'baseCoin' | 'quoteCoin' } | ({ ok: false } & SizeProblem);

/** Every figure is an exact decimal (a number stands for the decimal it prints as). */
export interface LinearSizing {
  amountUsdt: DecimalInput;
  leverage: DecimalInput;
  price: DecimalInput;
  qty: DecimalInput | null;
}

/**
 * Futures: the position size a margin of `amountUsdt` at `leverage` buys at `price`, rounded down
 * to the qty step (never above what the user asked for), within the instrument's limits.
 */
export function linearQty(input: LinearSizing, instrument: LinearInstrument): Sized {
  const price = dec(input.price);
  const raw = input.qty !== null ? dec(input.qty) : dec(input.amountUsdt).times(dec(input.leverage)).div(price);
  const qty = floorToStep(raw, instrument.qtyStep);
  if (compareDecimal(qty, instrument.minOrderQty) < 0 || compareDecimal(qty, '0') <= 0) {
    return { ok: false, reason: 'qty-too-small', qty: shown(raw), min: instrument.minOrderQty };
  }
  if (compareDecimal(qty, instrument.maxMktOrderQty) > 0) return { ok: false, reason: 'qty-too-large', qty, max: instrument.maxMktOrderQty };
  const notional = dec(qty).times(price);
  if (compareDecimal(notional, instrument.minNotionalValue) < 0) {
    return { ok: false, reason: 'notional-too-small', value: plain(notional), min: instrument.minNotionalValue };
  }
  return { ok: true, qty, value: plain(notional) };
}

/**
 * Spot buy at market. With an amount, Bybit is given the USDT to spend (marketUnit quoteCoin), so
 * the order spends exactly that however the price moves; with a base quantity, that quantity.
 */
export function spotBuy(input: { amountUsdt: DecimalInput; price: DecimalInput; qty: DecimalInput | null }, instrument: SpotInstrument): Sized {
  if (input.qty !== null) {
    const qty = floorToStep(input.qty, instrument.basePrecision);
    const sized = checkSpotBase(qty, dec(input.qty), dec(input.price), instrument);
    return sized.ok ? { ...sized, marketUnit: 'baseCoin' } : sized;
  }
  const spend = floorToStep(input.amountUsdt, instrument.quotePrecision);
  if (compareDecimal(spend, instrument.minOrderAmt) < 0 || compareDecimal(spend, '0') <= 0) {
    return { ok: false, reason: 'notional-too-small', value: spend, min: instrument.minOrderAmt };
  }
  if (compareDecimal(spend, instrument.maxOrderAmt) > 0) return { ok: false, reason: 'amount-too-large', value: spend, max: instrument.maxOrderAmt };
  return { ok: true, qty: spend, value: plain(spend), marketUnit: 'quoteCoin' };
}

/**
 * Spot sell at market: the held base coin (all of it, or the alert's `qty`, or `amount` USDT worth),
 * rounded down to the base precision so it never sells more than is held.
 */
export function spotSell(
  input: { amountUsdt: DecimalInput | null; price: DecimalInput; qty: DecimalInput | null; held: DecimalInput },
  instrument: SpotInstrument,
): Sized {
  if (compareDecimal(input.held, '0') <= 0) return { ok: false, reason: 'nothing-to-sell', coin: instrument.baseCoin };
  const price = dec(input.price);
  const wanted = input.qty !== null ? dec(input.qty) : input.amountUsdt !== null ? dec(input.amountUsdt).div(price) : null;
  if (wanted !== null && compareDecimal(wanted, input.held) > 0) {
    return { ok: false, reason: 'insufficient-holding', qty: shown(wanted), held: plain(input.held), coin: instrument.baseCoin };
  }
  const raw = wanted ?? dec(input.held);
  const qty = floorToStep(raw, instrument.basePrecision);
  const sized = checkSpotBase(qty, raw, price, instrument);
  return sized.ok ? { ...sized, marketUnit: 'baseCoin' } : sized;
}

function checkSpotBase(qty: string, raw: DecimalInput, price: DecimalInput, instrument: SpotInstrument): Sized {
  if (compareDecimal(qty, instrument.minOrderQty) < 0 || compareDecimal(qty, '0') <= 0) {
    return { ok: false, reason: 'qty-too-small', qty: shown(raw), min: instrument.minOrderQty };
  }
  if (compareDecimal(qty, instrument.maxMarketOrderQty) > 0) return { ok: false, reason: 'qty-too-large', qty, max: instrument.maxMarketOrderQty };
  const value = dec(qty).times(dec(price));
  if (compareDecimal(value, instrument.minOrderAmt) < 0) return { ok: false, reason: 'notional-too-small', value: plain(value), min: instrument.minOrderAmt };
  return { ok: true, qty, value: plain(value) };
}
