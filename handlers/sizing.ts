/**
 * How an opening order is sized, beyond a fixed amount or quantity: a share of the account's
 * equity or of its available balance (the margin on futures, the spend on spot), or the share of
 * equity to lose if the stop-loss is hit (risk sizing). Pure: the balances come later.
 */
export const sizingModes = ['fixed', 'equity', 'available', 'risk'] as const;
export type SizingMode = (typeof sizingModes)[number];

/** A percentage-based sizing; `percent` is decimal text ("1.5"). */
export interface PercentSizing {
  mode: Exclude<SizingMode, 'fixed'>;
  percent: string;
}

type Checked<T> = { value: T } | { error: string };

/** The upper bound of each mode's percentage. */
const MAX_PERCENT: Record<PercentSizing['mode'], number> = { equity: 100, available: 100, risk: 100 };

export function parsePercent(value: unknown, field: string, max: number): Checked<string> {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim().replace(/\s*%$/, '') : '';
  if (!/^\d+(\.\d+)?$/.test(text) || !(Number(text) > 0 && Number(text) <= max)) return { error: `${field} must be a percentage above 0% and at most ${max}%, such as "1%"` };
  return { value: text };
}

/**
 * The alert's sizing field: `equity` ("10%" of equity), `available` ("10%" of the available
 * balance) or `risk` ("1%" of equity lost at the stop). At most one, and not together with
 * `amount` or `qty`: two sizes in one alert are a mistake, not a choice to guess at.
 */
export function sizingFrom(extra: Record<string, unknown>): Checked<PercentSizing | null> {
  const given = (['equity', 'available', 'risk'] as const).filter((field) => extra[field] !== undefined && extra[field] !== null && extra[field] !== '');
  if (given.length === 0) return { value: null };
  const fixed = (['amount', 'qty'] as const).filter((field) => extra[field] !== undefined && extra[field] !== null && extra[field] !== '');
  if (given.length > 1 || fixed.length > 0) return { error: `give one size only: ${[...fixed, ...given].join(' and ')} were both given` };
  const mode = given[0] as PercentSizing['mode'];
  const percent = parsePercent(extra[mode], mode, MAX_PERCENT[mode]);
  return 'error' in percent ? percent : { value: { mode, percent: percent.value } };
}

/**
 * The /settings answer: `25` (fixed USDT, the amount), `10% equity`, `10% available`, `1% risk`
 * or `fixed` (back to the fixed amount).
 */
export function parseSizingText(text: string): Checked<{ mode: 'fixed'; amount: number | null } | PercentSizing> {
  const words = text.trim().toLowerCase().replace(/,/g, '.');
  if (words === 'fixed') return { value: { mode: 'fixed', amount: null } };
  const amount = /^(\d+(?:\.\d+)?)\s*(?:usdt)?$/.exec(words);
  if (amount) {
    const value = Number(amount[1]);
    if (!(value > 0 && value <= 1_000_000)) return { error: 'the amount must be above 0 and at most 1000000 USDT' };
    return { value: { mode: 'fixed', amount: value } };
  }
  const percent = /^(\d+(?:\.\d+)?)\s*%\s*(?:of\s+)?(equity|available|risk)$/.exec(words) ?? /^(equity|available|risk)\s+(\d+(?:\.\d+)?)\s*%$/.exec(words);
  if (!percent) return { error: 'not understood' };
  const [number, mode] = /^\d/.test(percent[1] as string) ? [percent[1], percent[2]] : [percent[2], percent[1]];
  const checked = parsePercent(number, mode as string, MAX_PERCENT[mode as PercentSizing['mode']]);
  return 'error' in checked ? checked : { value: { mode: mode as PercentSizing['mode'], percent: checked.value } };
}
