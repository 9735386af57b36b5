/**
 * Opening hours per day from a Maps place array. Two shapes carry them:
 *
 * - `[203][0]` (today's pages): `[day name, day number 1 = Monday … 7 = Sunday, [y, m, d],
 *   [[text, [[h1, m1], [h2, m2]]], …], 0, state]`; an empty `[]` is 0 (`[[], [23]]` is 00:00–23:00).
 * - `[34][1]` (older, still sent): `[day name, [texts], null, null, "YYYY-MM-DD", state,
 *   [[h1, m1, h2, m2], …], 0]`.
 *
 * `state` 2 is a day the place is closed (no times). Day names are in the page's language, so
 * the weekday comes from the number or the date, never from the name. Both lists start "today";
 * the result runs Monday to Sunday.
 */
import { at, show, type Path } from './mapsPaths.js';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `HH:MM`, 24-hour; a range that ends at midnight ends at `24:00`. */
export interface OpeningRange {
  open: string;
  close: string;
}

/** One weekday; `hours` is empty on a day the place is closed. */
export interface OpeningDay {
  day: Weekday;
  hours: OpeningRange[];
}

const CLOSED_DAY = 2;

const isHour = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 24;
const isMinute = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 60;

const clock = (hour: number, minute: number) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

function range(h1: unknown, m1: unknown, h2: unknown, m2: unknown): OpeningRange | undefined {
  const [openHour, openMinute, closeHour, closeMinute] = [h1 ?? 0, m1 ?? 0, h2 ?? 0, m2 ?? 0];
  if (!isHour(openHour) || !isMinute(openMinute) || !isHour(closeHour) || !isMinute(closeMinute)) return undefined;
  // 00:00 as the end of a range is the midnight that ends the day.
  const close = closeHour === 0 && closeMinute === 0 ? '24:00' : clock(closeHour, closeMinute);
  return { open: clock(openHour, openMinute), close };
}

/** A `[203][0]` time pair `[[h1, m1?], [h2, m2?]]`. */
function rangeOfPair(pair: unknown): OpeningRange | undefined {
  if (!Array.isArray(pair) || !Array.isArray(pair[0]) || !Array.isArray(pair[1])) return undefined;
  const [from, to] = pair as [unknown[], unknown[]];
  return range(from[0], from[1], to[0], to[1]);
}

/** A `[34][1]` quadruple `[h1, m1, h2, m2]`. */
function rangeOfQuad(quad: unknown): OpeningRange | undefined {
  if (!Array.isArray(quad) || quad.length < 4) return undefined;
  return range(quad[0], quad[1], quad[2], quad[3]);
}

type DayReader = (entry: unknown) => { weekday: number; hours: OpeningRange[] } | undefined;

const readNewDay: DayReader = (entry) => {
  if (!Array.isArray(entry)) return undefined;
  const weekday = entry[1];
  if (typeof weekday !== 'number' || !Number.isInteger(weekday) || weekday < 1 || weekday > 7) return undefined;
  if (entry[5] === CLOSED_DAY) return { weekday: weekday - 1, hours: [] };
  const slots = entry[3];
  if (!Array.isArray(slots)) return undefined;
  const hours: OpeningRange[] = [];
  for (const slot of slots) {
    const parsed = Array.isArray(slot) ? rangeOfPair(slot[1]) : undefined;
    if (!parsed) return undefined;
    hours.push(parsed);
  }
  return hours.length > 0 ? { weekday: weekday - 1, hours } : undefined;
};

const readOldDay: DayReader = (entry) => {
  if (!Array.isArray(entry) || typeof entry[4] !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(entry[4])) return undefined;
  const date = new Date(`${entry[4]}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  // getUTCDay: 0 = Sunday; ours: 0 = Monday.
  const weekday = (date.getUTCDay() + 6) % 7;
  if (entry[5] === CLOSED_DAY) return { weekday, hours: [] };
  const quads = entry[6];
  if (!Array.isArray(quads)) return undefined;
  const hours: OpeningRange[] = [];
  for (const quad of quads) {
    const parsed = rangeOfQuad(quad);
    if (!parsed) return undefined;
    hours.push(parsed);
  }
  return hours.length > 0 ? { weekday, hours } : undefined;
};

const SOURCES: ReadonlyArray<{ path: Path; read: DayReader }> = [
  { path: [203, 0], read: readNewDay },
  { path: [34, 1], read: readOldDay },
];

/**
 * The week's hours, Monday first (only the days Maps lists), or null when the place shows none.
 * A list of another shape is a problem; the other list is tried then.
 */
export function openingHoursOf(place: unknown, problems: string[]): OpeningDay[] | null {
  for (const { path, read } of SOURCES) {
    const list = at(place, path);
    if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) continue;
    if (!Array.isArray(list)) {
      problems.push(`opening_hours: unexpected ${typeof list} at ${show(path)}`);
      continue;
    }
    const days = list.map(read);
    const bad = days.findIndex((day) => day === undefined);
    if (bad >= 0) {
      problems.push(`opening_hours: unexpected day at ${show([...path, bad])}`);
      continue;
    }
    const byWeekday = new Map<number, OpeningRange[]>();
    for (const day of days) byWeekday.set(day!.weekday, day!.hours);
    return [...byWeekday.entries()].sort(([a], [b]) => a - b).map(([weekday, hours]) => ({ day: WEEKDAYS[weekday]!, hours }));
  }
  return null;
}

const SHORT_DAY: Record<Weekday, string> = {
  monday: 'Mon',
  tuesday: 'Tue',
  wednesday: 'Wed',
  thursday: 'Thu',
  friday: 'Fri',
  saturday: 'Sat',
  sunday: 'Sun',
};

/** One readable line for a spreadsheet cell: `Mon 12:30–22:00; …; Sun closed`. */
export function formatOpeningHours(days: readonly OpeningDay[] | null | undefined): string {
  if (!days || days.length === 0) return '';
  return days
    .map((day) => `${SHORT_DAY[day.day]} ${day.hours.length === 0 ? 'closed' : day.hours.map((hours) => `${hours.open}–${hours.close}`).join(', ')}`)
    .join('; ');
}
