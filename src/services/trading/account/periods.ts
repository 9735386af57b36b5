/**
 * Days as the user lives them: local midnights in an IANA time zone, as UTC instants (ms). Bybit
 * takes times in ms since the epoch; a "today" that starts at UTC midnight would split a trader's
 * evening in Moscow or Dubai in two.
 */

const DAY_MS = 86_400_000;
/** Bybit's closed PnL answers at most 7 days per request (endTime − startTime ≤ 7 days). */
export const CLOSED_PNL_WINDOW_MS = 7 * DAY_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall clock of `timeZone` at `at`. */
export function wallClock(at: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { year: value('year'), month: value('month'), day: value('day'), hour: value('hour'), minute: value('minute') };
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function offsetMs(at: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The instant local midnight began `daysBack` days before the local day of `at`. */
export function startOfLocalDay(at: number, timeZone: string, daysBack = 0): number {
  const { year, month, day } = wallClock(at, timeZone);
  const midnight = Date.UTC(year, month - 1, day - daysBack);
  // The offset at midnight may differ from now's (a daylight-saving change in between): a second
  // pass takes the offset at the first guess.
  const guess = midnight - offsetMs(midnight, timeZone);
  return midnight - offsetMs(guess, timeZone);
}

/** `2026-12-02` of the local day of `at`. */
export function localDay(at: number, timeZone: string): string {
  const { year, month, day } = wallClock(at, timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface Period {
  name: 'today' | 'yesterday' | 'week' | 'month';
  from: number;
  to: number;
}

/** Today so far, the last 7 and the last 30 days (today included), each from a local midnight. */
export function pnlPeriods(now: number, timeZone: string): Period[] {
  return [
    { name: 'today', from: startOfLocalDay(now, timeZone), to: now },
    { name: 'week', from: startOfLocalDay(now, timeZone, 6), to: now },
    { name: 'month', from: startOfLocalDay(now, timeZone, 29), to: now },
  ];
}

/** Yesterday (whole) and today so far, for the daily summary. */
export function summaryPeriods(now: number, timeZone: string): Period[] {
  const today = startOfLocalDay(now, timeZone);
  return [
    { name: 'yesterday', from: startOfLocalDay(now, timeZone, 1), to: today - 1 },
    { name: 'today', from: today, to: now },
  ];
}

/**
 * [from, to] cut into contiguous windows Bybit accepts (each at most 7 days, bounds inclusive),
 * newest first, none overlapping: a record on a boundary is fetched once.
 */
export function closedPnlWindows(from: number, to: number): Array<{ startTime: number; endTime: number }> {
  const windows: Array<{ startTime: number; endTime: number }> = [];
  for (let endTime = to; endTime >= from; ) {
    const startTime = Math.max(from, endTime - CLOSED_PNL_WINDOW_MS);
    windows.push({ startTime, endTime });
    endTime = startTime - 1;
  }
  return windows;
}
