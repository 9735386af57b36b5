import { compareDecimal, dec, plain, rounded, type DecimalInput } from './decimal.js';

/**
 * The checks between a sized order and the exchange that protect a user from an alert that does
 * not mean what it says. Each has a message in the locales (`trade-reason-<reason>`).
 */
export type GuardProblem =
  | { reason: 'price-off-market'; price: string; marketPrice: string; deviation: string; tolerance: string }
  | { reason: 'order-value-too-large'; value: string; max: string };

/** How far `price` is from `marketPrice`, in percent of the market price (exact). */
export function deviationPercent(price: DecimalInput, marketPrice: DecimalInput): string {
  const market = dec(marketPrice);
  return plain(dec(price).minus(market).abs().times('100').div(market));
}

/**
 * An alert's price that is further from the market's last price than the user's tolerance is not
 * a price of this symbol now (a wrong field, contracts mistaken for a price, another symbol's
 * chart): no order is sized from anything it says. Exactly at the tolerance passes.
 */
export function checkAlertPrice(price: DecimalInput, marketPrice: DecimalInput, tolerancePercent: DecimalInput): GuardProblem | undefined {
  const deviation = deviationPercent(price, marketPrice);
  if (compareDecimal(deviation, tolerancePercent) <= 0) return undefined;
  return {
    reason: 'price-off-market',
    price: plain(price),
    marketPrice: plain(marketPrice),
    deviation: rounded(deviation, 2),
    tolerance: plain(tolerancePercent),
  };
}

/**
 * The last guard: what an opening order is worth (USDT, at the price it was sized with) against
 * the user's maximum per order. Closing orders are never checked: they only reduce what is at
 * risk, and refusing one would leave the user holding the very position they asked to leave.
 */
export function checkOrderValue(value: DecimalInput, maxUsdt: DecimalInput): GuardProblem | undefined {
  if (compareDecimal(value, maxUsdt) <= 0) return undefined;
  return { reason: 'order-value-too-large', value: rounded(value, 2), max: plain(maxUsdt) };
}
