import { describe, expect, it } from 'vitest';
import { deliveryFor, inQuietHours, parseQuietHours, validTimeZone } from '../src/services/relay/notificationPolicy.js';

const settings = (mode: string, quiet?: { from: number; to: number; timeZone: string }) => ({
  mode,
  quietFrom: quiet?.from ?? null,
  quietTo: quiet?.to ?? null,
  timeZone: quiet?.timeZone ?? 'UTC',
});

describe('quiet hours', () => {
  const night = { from: 22 * 60, to: 8 * 60, timeZone: 'Europe/Moscow' };

  it('are read on the wall clock of the time zone, across midnight', () => {
    // 20:30 UTC is 23:30 in Moscow: quiet; 06:00 UTC is 09:00 there: not.
    expect(inQuietHours({ quietFrom: night.from, quietTo: night.to, timeZone: night.timeZone }, new Date('2026-01-10T20:30:00Z'))).toBe(true);
    expect(inQuietHours({ quietFrom: night.from, quietTo: night.to, timeZone: night.timeZone }, new Date('2026-01-10T04:59:00Z'))).toBe(true);
    expect(inQuietHours({ quietFrom: night.from, quietTo: night.to, timeZone: night.timeZone }, new Date('2026-01-10T05:00:00Z'))).toBe(false);
    expect(inQuietHours({ quietFrom: night.from, quietTo: night.to, timeZone: night.timeZone }, new Date('2026-01-10T06:00:00Z'))).toBe(false);
  });

  it('a daytime range does not wrap', () => {
    const lunch = { quietFrom: 13 * 60, quietTo: 14 * 60, timeZone: 'Asia/Dubai' };
    expect(inQuietHours(lunch, new Date('2026-01-10T09:30:00Z'))).toBe(true);
    expect(inQuietHours(lunch, new Date('2026-01-10T10:00:00Z'))).toBe(false);
  });

  it('make a loud connection silent, never louder, and a pause keeps everything', () => {
    const quietNow = new Date('2026-01-10T20:30:00Z');
    const dayNow = new Date('2026-01-10T09:00:00Z');
    expect(deliveryFor(undefined, quietNow)).toBe('loud');
    expect(deliveryFor(settings('loud', night), quietNow)).toBe('silent');
    expect(deliveryFor(settings('loud', night), dayNow)).toBe('loud');
    expect(deliveryFor(settings('silent'), dayNow)).toBe('silent');
    expect(deliveryFor(settings('paused', night), quietNow)).toBe('held');
  });

  it('parses ranges and time zones, refusing what is not one', () => {
    expect(parseQuietHours('22:00-08:00')).toEqual({ from: 1320, to: 480 });
    expect(parseQuietHours('7:30 - 9:05')).toEqual({ from: 450, to: 545 });
    for (const bad of ['24:00-08:00', '22:00', '22:60-01:00', '10:00-10:00', 'night']) expect(parseQuietHours(bad), bad).toBeUndefined();
    expect(validTimeZone('Europe/Moscow')).toBe('Europe/Moscow');
    expect(validTimeZone('Mars/Olympus')).toBeUndefined();
  });
});
