/**
 * Exact decimal steps for order sizes. Bybit refuses a quantity that is not a multiple of the
 * instrument's step, and floats cannot say 0.1 exactly, so quantities are computed as scaled
 * integers from the step's own decimal places.
 */

function decimalsOf(step: string): number {
  const dot = step.indexOf('.');
  return dot < 0 ? 0 : step.length - dot - 1;
}

/**
 * A float as the decimal it stands for: 15 significant digits (which drops float noise such as
 * 0.30000000000000004), written out in full without rounding further.
 */
function plainDecimal(value: number): string {
  const text = value.toPrecision(15);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', first = '', rest = '', exponent = '0'] = match;
  const digits = first + rest;
  const point = 1 + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** `"0.001"` -> 1000n-scaled integer, truncating any further digits. */
function toScaled(value: number | string, decimals: number): bigint {
  const text = typeof value === 'number' ? plainDecimal(value) : value.trim();
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const scaled = BigInt(whole + fraction.padEnd(decimals, '0').slice(0, decimals));
  return negative ? -scaled : scaled;
}

function fromScaled(scaled: bigint, decimals: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const text = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return negative ? `-${text}` : text;
}

/** The largest multiple of `step` not above `value`, written with the step's decimal places. */
export function floorToStep(value: number | string, step: string): string {
  const decimals = decimalsOf(step);
  const stepScaled = toScaled(step, decimals);
  if (stepScaled <= 0n) throw new Error(`invalid step "${step}"`);
  const scaled = toScaled(value, decimals);
  return fromScaled((scaled / stepScaled) * stepScaled, decimals);
}

/** Compares decimal strings (or numbers) exactly enough for limits: -1, 0, 1. */
export function compareDecimal(a: number | string, b: number | string): number {
  const decimals = Math.max(decimalsOf(String(a)), decimalsOf(String(b)), 12);
  const x = toScaled(a, decimals);
  const y = toScaled(b, decimals);
  return x < y ? -1 : x > y ? 1 : 0;
}
