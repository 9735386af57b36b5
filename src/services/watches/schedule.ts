/**
 * When a watch runs next: daily, or weekly on one weekday, at a whole hour on the wall clock of
 * its time zone (IANA name). A day where that hour does not exist (the spring DST gap) runs an
 * hour later, as clocks show it.
 */
export type WatchFrequency = 'daily' | 'weekly';

export interface WatchSchedule {
  frequency: WatchFrequency;
  /** 0-23 on the zone's wall clock. */
  hour: number;
  /** Weekly: 1 = Monday … 7 = Sunday. */
  weekday: number | null;
  timeZone: string;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '';
  return {
    year: Number(part('year')),
    month: Number(part('month')),
    day: Number(part('day')),
    hour: Number(part('hour')),
    minute: Number(part('minute')),
    weekday: WEEKDAYS.indexOf(part('weekday')) + 1,
  };
}

/** The zone's offset from UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const clock = wallClock(new Date(instant), timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

/** The instant a wall-clock time of the zone names (the later one after a gap). */
function instantOf(year: number, month: number, day: number, hour: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

/** The first run strictly after `after`. */
export function nextRunAt(schedule: WatchSchedule, after: Date): Date {
  const today = wallClock(after, schedule.timeZone);
  for (let days = 0; days <= 8; days += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
    const weekday = ((date.getUTCDay() + 6) % 7) + 1;
    if (schedule.frequency === 'weekly' && weekday !== schedule.weekday) continue;
    const at = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), schedule.hour, schedule.timeZone);
    if (at > after.getTime()) return new Date(at);
  }
  throw new Error('no next run within eight days (invalid weekday?)');
}
