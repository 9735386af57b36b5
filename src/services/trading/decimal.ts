import BigJs from 'big.js';

type Big = BigJs.Big;

/**
 * Exact decimals for order sizes, prices and values. Bybit refuses a quantity that is not a
 * multiple of the instrument's step and floats cannot say 0.1 exactly, so every sizing sum is
 * done in decimal (big.js), never in floating point.
 *
 * A constructor of our own, so the settings below never touch another user of big.js. Divisions
 * keep 40 decimal places and cut the rest off (round down): the quotient is never above the true
 * one, so flooring it to a step of up to 40 decimals gives exactly the floor of the true value.
 */
const Decimal = BigJs();
Decimal.DP = 40;
Decimal.RM = BigJs.roundDown;

export type Dec = Big;
export type DecimalInput = Big | number | string;

const DECIMAL_TEXT = /^-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A value as an exact decimal. A number is read as the shortest decimal that is that number
 * (`String(0.1)` is "0.1"), i.e. the figure the user typed or the JSON carried, not the float's
 * binary expansion.
 */
export function dec(value: DecimalInput): Big {
  if (typeof value === 'object') return value instanceof Decimal ? value : new Decimal(String(value as object));
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!DECIMAL_TEXT.test(text)) throw new Error(`not a decimal number: "${text}"`);
  return new Decimal(text);
}

/** Decimal places of a step such as "0.001" (3) or "5" (0). */
export function decimalsOf(step: string): number {
  const value = dec(step);
  // big.js keeps digits in `c` and the exponent in `e`: decimals = digits after the point.
  return Math.max(0, value.c.length - value.e - 1);
}

/** The largest multiple of `step` not above `value`, written with the step's decimal places. */
export function floorToStep(value: DecimalInput, step: string): string {
  const stepValue = dec(step);
  if (stepValue.lte('0')) throw new Error(`invalid step "${step}"`);
  const multiples = dec(value).div(stepValue).round(0, BigJs.roundDown);
  return multiples.times(stepValue).toFixed(decimalsOf(step));
}

/** Compares two decimals exactly: -1, 0, 1. */
export function compareDecimal(a: DecimalInput, b: DecimalInput): number {
  return dec(a).cmp(dec(b));
}

/** Plain decimal text (never exponent notation), without trailing zeros. */
export function plain(value: DecimalInput): string {
  const text = dec(value).toFixed();
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** For messages: at most `significant` significant digits, cut (not rounded) so it never overstates. */
export function shown(value: DecimalInput, significant = 12): string {
  const exact = dec(value);
  if (exact.eq('0')) return '0';
  return plain(exact.prec(significant, BigJs.roundDown));
}

/** For messages: a value rounded half-up to `places` decimals, trailing zeros dropped. */
export function rounded(value: DecimalInput, places: number): string {
  return plain(dec(value).round(places, BigJs.roundHalfUp));
}
