import { describe, expect, it } from 'vitest';
import { fullChange, mergeChanges, parseFeedNotification } from '../src/services/liveFeed/feedChange.js';

describe('live feed notifications', () => {
  it('reads what each names: events, refusals, trade signals by event, scrapes', () => {
    expect(parseFeedNotification('42:e7,9')).toEqual({ userId: 42, change: { full: false, parts: new Set(['entries']), entries: { events: [7, 9], refused: [] } } });
    expect(parseFeedNotification('42:r3')).toEqual({ userId: 42, change: { full: false, parts: new Set(['entries']), entries: { events: [], refused: [3] } } });
    expect(parseFeedNotification('42:o7')).toEqual({ userId: 42, change: { full: false, parts: new Set(['entries', 'orders']), entries: { events: [7], refused: [] } } });
    expect(parseFeedNotification('42:s')).toEqual({ userId: 42, change: { full: false, parts: new Set(['scrapes']), entries: undefined } });
  });

  it('reads a whole part when the ids were left out, and everything for a bare user id', () => {
    expect(parseFeedNotification('42:e')?.change).toEqual({ full: false, parts: new Set(['entries']), entries: undefined });
    expect(parseFeedNotification('42')).toEqual({ userId: 42, change: fullChange() });
  });

  it('ignores what it does not understand', () => {
    for (const payload of ['', 'sentinel-1', '42:x1', '42:e1,,2', '42:e1;DROP', 'abc:e1', '42:e-1']) expect(parseFeedNotification(payload), payload).toBeUndefined();
  });

  it('merges changes into one read of their union', () => {
    const events = parseFeedNotification('1:e5')!.change;
    const signal = parseFeedNotification('1:o5,6')!.change;
    const refused = parseFeedNotification('1:r2')!.change;
    const scrapes = parseFeedNotification('1:s')!.change;
    expect(mergeChanges(mergeChanges(events, signal), refused)).toEqual({
      full: false,
      parts: new Set(['entries', 'orders']),
      entries: { events: [5, 6], refused: [2] },
    });
    // Scrapes alone leave the entries out; a whole entries part wins over rows; full wins over all.
    expect(mergeChanges(scrapes, events)).toEqual({ full: false, parts: new Set(['scrapes', 'entries']), entries: { events: [5], refused: [] } });
    expect(mergeChanges(events, parseFeedNotification('1:e')!.change).entries).toBeUndefined();
    expect(mergeChanges(undefined, scrapes)).toBe(scrapes);
    expect(mergeChanges(events, fullChange())).toEqual(fullChange());
  });
});
