import { FEED_PARTS, type ChangedEntries, type FeedPart } from './feedSnapshot.js';

/**
 * What a page must read again: whole parts, and of the entries either the whole part or the rows
 * named. `full` also reads the user's language and forgets what was read before.
 */
export interface FeedChange {
  full: boolean;
  parts: Set<FeedPart>;
  /** Undefined: the whole entries part (when `parts` has it). */
  entries: ChangedEntries | undefined;
}

export const fullChange = (): FeedChange => ({ full: true, parts: new Set(FEED_PARTS), entries: undefined });

const IDS = /^\d{1,18}(,\d{1,18})*$/;

/**
 * A notification of the live feed's triggers, "<user id>:<part><ids>" (migration
 * live_feed_changed_rows): e events, r refused requests, o trade signals (by event id: the
 * orders and those events' entries), s scrapes; ids left out when too many. A bare user id (the
 * triggers before it) reads everything. Undefined for anything else.
 */
export function parseFeedNotification(payload: string): { userId: number; change: FeedChange } | undefined {
  const match = /^(\d{1,18})(?::([eros])([\d,]*))?$/.exec(payload);
  if (!match) return undefined;
  const userId = Number(match[1]);
  const [, , tag, list = ''] = match;
  if (!tag) return { userId, change: fullChange() };
  if (list !== '' && !IDS.test(list)) return undefined;
  const ids = list === '' ? undefined : list.split(',').map(Number);
  switch (tag) {
    case 's':
      return { userId, change: { full: false, parts: new Set(['scrapes']), entries: undefined } };
    case 'o':
      return { userId, change: { full: false, parts: new Set(['entries', 'orders']), entries: ids && { events: ids, refused: [] } } };
    case 'r':
      return { userId, change: { full: false, parts: new Set(['entries']), entries: ids && { events: [], refused: ids } } };
    default:
      return { userId, change: { full: false, parts: new Set(['entries']), entries: ids && { events: ids, refused: [] } } };
  }
}

/** Two changes as one read: the union of what each asks for. */
export function mergeChanges(a: FeedChange | undefined, b: FeedChange): FeedChange {
  if (!a) return b;
  if (a.full || b.full) return fullChange();
  const parts = new Set([...a.parts, ...b.parts]);
  // A side that wants the entries part whole (or an entries change named no rows) wins.
  const wholeEntries = (a.parts.has('entries') && !a.entries) || (b.parts.has('entries') && !b.entries);
  const entries = wholeEntries
    ? undefined
    : parts.has('entries')
      ? { events: [...new Set([...(a.entries?.events ?? []), ...(b.entries?.events ?? [])])], refused: [...new Set([...(a.entries?.refused ?? []), ...(b.entries?.refused ?? [])])] }
      : undefined;
  return { full: false, parts, entries };
}
