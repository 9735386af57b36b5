import { describe, expect, it } from 'vitest';
import { placeChange, ratingCrossed, snapshotOf } from '../handlers/mapsPlaceChanges.js';
import type { Place } from '../handlers/mapsPlace.js';
import { parsePlaceInput, parsePlaceList } from '../handlers/mapsPlaceInput.js';
import { isTimeZone, nextRunAt } from '../src/services/watches/schedule.js';

const place = (changes: Partial<Place> = {}): Place =>
  ({
    business_name: 'Cafe',
    phone: '+30 21 0000 0000',
    website: 'https://cafe.example/',
    rating: 4.4,
    business_status: 'OPERATIONAL',
    place_id: 'ChIJcafe',
    ...changes,
  }) as Place;

describe('when a watch runs next', () => {
  it('daily at an hour of the zone, the next one strictly later', () => {
    const daily = { frequency: 'daily' as const, hour: 9, weekday: null, timeZone: 'Europe/Berlin' };
    // 08:30 in Berlin (winter, UTC+1) -> 09:00 the same day.
    expect(nextRunAt(daily, new Date('2026-01-22T07:30:00Z')).toISOString()).toBe('2026-01-22T08:00:00.000Z');
    // Exactly at 09:00 -> tomorrow.
    expect(nextRunAt(daily, new Date('2026-01-22T08:00:00Z')).toISOString()).toBe('2026-01-23T08:00:00.000Z');
    // Summer time (UTC+2).
    expect(nextRunAt(daily, new Date('2026-07-01T00:00:00Z')).toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(nextRunAt({ ...daily, timeZone: 'UTC', hour: 0 }, new Date('2026-12-31T23:59:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('weekly on its weekday, and across a DST change', () => {
    const weekly = { frequency: 'weekly' as const, hour: 7, weekday: 3, timeZone: 'Europe/Berlin' };
    // Thursday 2026-01-22 -> Wednesday 2026-01-28 07:00 Berlin.
    expect(nextRunAt(weekly, new Date('2026-01-22T12:00:00Z')).toISOString()).toBe('2026-01-28T06:00:00.000Z');
    // Clocks go forward on Sunday 2026-03-29: 02:00 does not exist that day, 03:00 does (UTC+2).
    const gap = { frequency: 'weekly' as const, hour: 2, weekday: 7, timeZone: 'Europe/Berlin' };
    expect(nextRunAt(gap, new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    const after = { ...weekly, weekday: 1, hour: 9 };
    expect(nextRunAt(after, new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(isTimeZone('Asia/Riyadh')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('what a watch reports', () => {
  it('new, closed, changed fields with their old values, or nothing', () => {
    const before = snapshotOf(place());
    expect(placeChange(null, place(), null)).toEqual({ change: 'new' });
    expect(placeChange(null, place({ business_status: 'CLOSED_PERMANENTLY' }), null)).toEqual({ change: 'closed', previous: null });
    expect(placeChange(before, place({ business_status: 'CLOSED_TEMPORARILY' }), null)).toEqual({ change: 'closed', previous: { business_status: 'OPERATIONAL' } });
    expect(placeChange(before, place({ phone: '+30 21 0555 0000', rating: 4.6 }), null)).toEqual({
      change: 'changed',
      changed_fields: ['phone', 'rating'],
      previous: { phone: '+30 21 0000 0000', rating: 4.4 },
    });
    // The same phone and site written differently, a phone that disappears, a small rating move: nothing.
    expect(placeChange(before, place({ phone: '+302100000000', website: 'http://www.cafe.example', rating: 4.3 }), null)).toBeNull();
    expect(placeChange(before, place({ phone: null }), null)).toBeNull();
    expect(placeChange({ ...before, website: null }, place(), null)).toEqual({ change: 'changed', changed_fields: ['website'], previous: { website: null } });
  });

  it('a rating crosses a half star, or the watch threshold either way', () => {
    expect(ratingCrossed(4.4, 4.5, null)).toBe(true);
    expect(ratingCrossed(4.5, 4.6, null)).toBe(false);
    expect(ratingCrossed(4.0, 3.9, null)).toBe(true);
    expect(ratingCrossed(4.6, 4.4, 4.5)).toBe(true);
    expect(ratingCrossed(4.4, 4.6, 4.7)).toBe(false);
    expect(ratingCrossed(null, 4.6, null)).toBe(false);
  });
});

describe('place list items', () => {
  it('links with a data id, place_id links and bare ids become paths; anything else a problem naming the item', () => {
    expect(parsePlaceInput('https://www.google.com/maps/place/Cafe/data=!4m7!3m6!1s0x14e7:0x8a1f!8m2?entry=ttu')).toEqual({
      input: 'https://www.google.com/maps/place/Cafe/data=!4m7!3m6!1s0x14e7:0x8a1f!8m2?entry=ttu',
      path: '/maps/place/Cafe/data=!4m7!3m6!1s0x14e7:0x8a1f!8m2',
    });
    expect(parsePlaceInput(' ChIJN1t_tDeuEmsRUsoyG83frY4 ')).toEqual({ input: 'ChIJN1t_tDeuEmsRUsoyG83frY4', path: '/maps/place/?q=place_id:ChIJN1t_tDeuEmsRUsoyG83frY4' });
    expect(parsePlaceInput('https://maps.google.de/maps/place/?q=place_id:ChIJN1t_tDeuEmsRUsoyG83frY4')).toMatchObject({ path: '/maps/place/?q=place_id:ChIJN1t_tDeuEmsRUsoyG83frY4' });
    expect(parsePlaceInput('https://google.evil.com/maps/place/x/data=!1s0x1:0x2')).toEqual({ problem: '"https://google.evil.com/maps/place/x/data=!1s0x1:0x2" is not a Google Maps link' });
    const { places, problems } = parsePlaceList(['ChIJN1t_tDeuEmsRUsoyG83frY4', 'ChIJN1t_tDeuEmsRUsoyG83frY4', 'pizza']);
    expect(places).toHaveLength(1);
    expect(problems).toEqual(['places[2]: "pizza" is neither a Google Maps place link nor a place id (ChIJ…)']);
  });
});
