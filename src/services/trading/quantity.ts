import { compareDecimal, floorToStep } from './decimal.js';
import type { LinearInstrument, SpotInstrument } from './instruments.js';

/** Why an order cannot be sized; each has a message in the locales (`trade-reason-<reason>`). */
export type SizeProblem =
  | { reason: 'qty-too-small'; qty: string; min: string }
  | { reason: 'qty-too-large'; qty: string; max: string }
  | { reason: 'notional-too-small'; value: string; min: string }
  | { reason: 'amount-too-large'; value: string; max: string }
  | { reason: 'nothing-to-sell'; coin: string }
  | { reason: 'insufficient-holding'; qty: string; held: string; coin: string };

export type Sized = { ok: true; qty: string; marketUnit?: 'baseCoin' | 'quoteCoin' } | ({ ok: false } & SizeProblem);

const fmt = (value: number) => String(Number(value.toPrecision(12)));

/**
 * Futures: the position size a margin of `amountUsdt` at `leverage` buys at `price`, rounded down
 * to the qty step (never above what the user asked for), within the instrument's limits.
 */
export function linearQty(input: { amountUsdt: number; leverage: number; price: number; qty: number | null }, instrument: LinearInstrument): Sized {
  const raw = input.qty ?? (input.amountUsdt * input.leverage) / input.price;
  const qty = floorToStep(raw, instrument.qtyStep);
  if (compareDecimal(qty, instrument.minOrderQty) < 0 || compareDecimal(qty, 0) <= 0) {
    return { ok: false, reason: 'qty-too-small', qty: fmt(raw), min: instrument.minOrderQty };
  }
  if (compareDecimal(qty, instrument.maxMktOrderQty) > 0) return { ok: false, reason: 'qty-too-large', qty, max: instrument.maxMktOrderQty };
  const notional = Number(qty) * input.price;
  if (compareDecimal(fmt(notional), instrument.minNotionalValue) < 0) {
    return { ok: false, reason: 'notional-too-small', value: fmt(notional), min: instrument.minNotionalValue };
  }
  return { ok: true, qty };
}

/**
 * Spot buy at market. With an amount, Bybit is given the USDT to spend (marketUnit quoteCoin), so
 * the order spends exactly that however the price moves; with a base quantity, that quantity.
 */
export function spotBuy(input: { amountUsdt: number; price: number; qty: number | null }, instrument: SpotInstrument): Sized {
  if (input.qty !== null) {
    const qty = floorToStep(input.qty, instrument.basePrecision);
    const sized = checkSpotBase(qty, input.qty, input.price, instrument);
    return sized.ok ? { ...sized, marketUnit: 'baseCoin' } : sized;
  }
  const spend = floorToStep(input.amountUsdt, instrument.quotePrecision);
  if (compareDecimal(spend, instrument.minOrderAmt) < 0 || compareDecimal(spend, 0) <= 0) {
    return { ok: false, reason: 'notional-too-small', value: spend, min: instrument.minOrderAmt };
  }
  if (compareDecimal(spend, instrument.maxOrderAmt) > 0) return { ok: false, reason: 'amount-too-large', value: spend, max: instrument.maxOrderAmt };
  return { ok: true, qty: spend, marketUnit: 'quoteCoin' };
}

/**
 * Spot sell at market: the held base coin (all of it, or the alert's `qty`, or `amount` USDT worth),
 * rounded down to the base precision so it never sells more than is held.
 */
export function spotSell(
  input: { amountUsdt: number | null; price: number; qty: number | null; held: string },
  instrument: SpotInstrument,
): Sized {
  if (compareDecimal(input.held, 0) <= 0) return { ok: false, reason: 'nothing-to-sell', coin: instrument.baseCoin };
  const wanted = input.qty ?? (input.amountUsdt !== null ? input.amountUsdt / input.price : null);
  if (wanted !== null && compareDecimal(fmt(wanted), input.held) > 0) {
    return { ok: false, reason: 'insufficient-holding', qty: fmt(wanted), held: input.held, coin: instrument.baseCoin };
  }
  const qty = floorToStep(wanted ?? input.held, instrument.basePrecision);
  const sized = checkSpotBase(qty, wanted ?? Number(input.held), input.price, instrument);
  return sized.ok ? { ...sized, marketUnit: 'baseCoin' } : sized;
}

function checkSpotBase(qty: string, raw: number, price: number, instrument: SpotInstrument): Sized {
  if (compareDecimal(qty, instrument.minOrderQty) < 0 || compareDecimal(qty, 0) <= 0) {
    return { ok: false, reason: 'qty-too-small', qty: fmt(raw), min: instrument.minOrderQty };
  }
  if (compareDecimal(qty, instrument.maxMarketOrderQty) > 0) return { ok: false, reason: 'qty-too-large', qty, max: instrument.maxMarketOrderQty };
  const value = fmt(Number(qty) * price);
  if (compareDecimal(value, instrument.minOrderAmt) < 0) return { ok: false, reason: 'notional-too-small', value, min: instrument.minOrderAmt };
  return { ok: true, qty };
}
