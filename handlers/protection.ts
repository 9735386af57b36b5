/**
 * Protective orders as an alert (or the user's defaults) asks for them: a stop-loss, a take-profit
 * or a ladder of them, a trailing stop, and "stop to breakeven after the first take-profit".
 * Pure: only the shape and the numbers are checked here; where the levels fall against the
 * entry, and whether each rung is big enough for the symbol, is decided when the order is sized.
 */

/** A level as written: an absolute price, or a distance from the entry in percent. */
export type Level = { kind: 'price'; value: string } | { kind: 'percent'; value: string };

/** One take-profit; `sizePercent` is the share of the position it closes (null: all of it). */
export interface TakeProfitRung {
  at: Level;
  sizePercent: string | null;
}

/**
 * Each field: undefined = not said (the user's default applies), null = explicitly off ("off"
 * in the alert turns a default off for that alert).
 */
export interface ProtectionRequest {
  stopLoss?: Level | null;
  takeProfit?: TakeProfitRung[] | null;
  trailingStop?: Level | null;
  breakeven?: boolean;
}

type Checked<T> = { value: T } | { error: string };

const DECIMAL = /^\d+(\.\d+)?$/;
const MAX_RUNGS = 10;

function isOff(value: unknown): boolean {
  return value === false || (typeof value === 'string' && /^\s*(off|none|-)\s*$/i.test(value));
}

/** `50000`, `"50000"` (a price) or `"1.5%"` (percent from the entry). */
export function parseLevel(value: unknown, field: string, options: { percentOnly?: boolean; maxPercent?: number } = {}): Checked<Level> {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : null;
  const bad = options.percentOnly ? `${field} must be a percentage such as "1.5%"` : `${field} must be a price such as 50000 or a percentage from the entry such as "1.5%"`;
  if (text === null) return { error: bad };
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) {
    const amount = percent[1] as string;
    const max = options.maxPercent ?? 1000;
    if (!(Number(amount) > 0 && Number(amount) <= max)) return { error: `${field} must be above 0% and at most ${max}%` };
    return { value: { kind: 'percent', value: amount } };
  }
  if (options.percentOnly || !DECIMAL.test(text) || !(Number(text) > 0)) return { error: bad };
  return { value: { kind: 'price', value: text } };
}

function parseSize(value: unknown, field: string): Checked<string> {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim().replace(/\s*%$/, '') : '';
  if (!DECIMAL.test(text) || !(Number(text) > 0 && Number(text) <= 100)) return { error: `${field} must be a share of the position from above 0% to 100%, such as "50%"` };
  return { value: text };
}

/**
 * `tp`: one level, or a ladder `[{"at":"1%","size":"50%"}, ...]` (or `"1%:50% 3%:50%"`) whose
 * sizes add up to at most 100%.
 */
export function parseTakeProfit(value: unknown, options: { percentOnly?: boolean } = {}): Checked<TakeProfitRung[]> {
  // The short form of a ladder, as /settings takes it too: "1%:50% 3%:50%" (level:share).
  if (typeof value === 'string' && value.includes(':')) {
    value = value
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((entry) => {
        const [at, size] = entry.split(':');
        return { at, size };
      });
  }
  if (!Array.isArray(value)) {
    const level = parseLevel(value, 'tp', options);
    return 'error' in level ? level : { value: [{ at: level.value, sizePercent: null }] };
  }
  if (value.length === 0 || value.length > MAX_RUNGS) return { error: `tp ladder must have 1 to ${MAX_RUNGS} steps` };
  const rungs: TakeProfitRung[] = [];
  let total = 0;
  for (const [index, entry] of value.entries()) {
    const field = `tp[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { error: `${field} must be an object like {"at":"1%","size":"50%"}` };
    const step = entry as Record<string, unknown>;
    const at = parseLevel(step.at, `${field}.at`, options);
    if ('error' in at) return at;
    const size = parseSize(step.size, `${field}.size`);
    if ('error' in size) return size;
    total += Number(size.value);
    rungs.push({ at: at.value, sizePercent: size.value });
  }
  if (total > 100 + 1e-9) return { error: `tp ladder sizes add up to ${Number(total.toFixed(6))}%, more than the whole position (100%)` };
  const seen = new Set(rungs.map((rung) => `${rung.at.kind}:${Number(rung.at.value)}`));
  if (seen.size !== rungs.length) return { error: 'tp ladder has two steps at the same level' };
  return { value: rungs };
}

/**
 * The protective fields of a JSON alert: `sl`, `tp`, `trailing` (alias `trailing_stop`) and
 * `breakeven`. Each may be "off" to drop the user's default for this alert.
 */
export function protectionFrom(extra: Record<string, unknown>): Checked<ProtectionRequest> {
  const result: ProtectionRequest = {};
  const present = (value: unknown) => value !== undefined && value !== null && value !== '';
  if (present(extra.sl)) {
    if (isOff(extra.sl)) result.stopLoss = null;
    else {
      const level = parseLevel(extra.sl, 'sl', { maxPercent: 99 });
      if ('error' in level) return level;
      result.stopLoss = level.value;
    }
  }
  if (present(extra.tp)) {
    if (isOff(extra.tp)) result.takeProfit = null;
    else {
      const rungs = parseTakeProfit(extra.tp);
      if ('error' in rungs) return rungs;
      result.takeProfit = rungs.value;
    }
  }
  const trailing = extra.trailing ?? extra.trailing_stop;
  if (present(trailing)) {
    if (isOff(trailing)) result.trailingStop = null;
    else {
      const level = parseLevel(trailing, 'trailing', { maxPercent: 99 });
      if ('error' in level) return level;
      result.trailingStop = level.value;
    }
  }
  if (present(extra.breakeven)) {
    if (typeof extra.breakeven !== 'boolean') return { error: 'breakeven must be true or false' };
    result.breakeven = extra.breakeven;
  }
  return { value: result };
}

/** The alert's fields over the user's defaults, field by field. */
export function mergeProtection(defaults: ProtectionRequest, alert: ProtectionRequest): ProtectionRequest {
  return {
    stopLoss: alert.stopLoss !== undefined ? alert.stopLoss : (defaults.stopLoss ?? null),
    takeProfit: alert.takeProfit !== undefined ? alert.takeProfit : (defaults.takeProfit ?? null),
    trailingStop: alert.trailingStop !== undefined ? alert.trailingStop : (defaults.trailingStop ?? null),
    breakeven: alert.breakeven ?? defaults.breakeven ?? false,
  };
}

export const hasProtection = (p: ProtectionRequest): boolean =>
  Boolean(p.stopLoss || (p.takeProfit && p.takeProfit.length > 0) || p.trailingStop || p.breakeven);

/**
 * The defaults a user types in /settings: `sl 1.5% tp 1%:50% 3%:50% trailing 0.5% breakeven`.
 * Only percentages: a default price would be wrong for every symbol but one.
 */
export function parseProtectionText(text: string): Checked<ProtectionRequest> {
  const words = text.trim().toLowerCase().replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  const result: ProtectionRequest = {};
  let index = 0;
  while (index < words.length) {
    const word = words[index] as string;
    index += 1;
    if (word === 'breakeven' || word === 'be') {
      result.breakeven = true;
      continue;
    }
    const values: string[] = [];
    while (index < words.length && /^[\d.]/.test(words[index] as string)) values.push(words[index++] as string);
    if (values.length === 0) return { error: `"${word}" needs a value` };
    if (word === 'sl') {
      const level = parseLevel(values[0], 'sl', { percentOnly: true, maxPercent: 99 });
      if ('error' in level || values.length > 1) return 'error' in level ? level : { error: 'sl takes one value' };
      result.stopLoss = level.value;
    } else if (word === 'tp') {
      const rungs = parseTakeProfit(values.length > 1 ? values.join(' ') : values[0], { percentOnly: true });
      if ('error' in rungs) return rungs;
      result.takeProfit = rungs.value;
    } else if (word === 'trailing' || word === 'trail') {
      const level = parseLevel(values[0], 'trailing', { percentOnly: true, maxPercent: 99 });
      if ('error' in level || values.length > 1) return 'error' in level ? level : { error: 'trailing takes one value' };
      result.trailingStop = level.value;
    } else {
      return { error: `"${word}" is not one of sl, tp, trailing, breakeven` };
    }
  }
  if (!hasProtection(result)) return { error: 'nothing given' };
  return { value: result };
}

/** The defaults back as the text the user typed them in (for the /settings view). */
export function protectionText(p: ProtectionRequest): string {
  const level = (l: Level) => (l.kind === 'percent' ? `${l.value}%` : l.value);
  const parts: string[] = [];
  if (p.stopLoss) parts.push(`sl ${level(p.stopLoss)}`);
  if (p.takeProfit && p.takeProfit.length > 0) {
    parts.push(`tp ${p.takeProfit.map((rung) => (rung.sizePercent === null ? level(rung.at) : `${level(rung.at)}:${rung.sizePercent}%`)).join(' ')}`);
  }
  if (p.trailingStop) parts.push(`trailing ${level(p.trailingStop)}`);
  if (p.breakeven) parts.push('breakeven');
  return parts.join(' ');
}
