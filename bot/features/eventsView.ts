import { InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { LoggedEvent, LogPage } from '../../src/services/events/eventLog.js';
import { entryBlock, type Translate } from '../../src/services/events/eventWording.js';


/** Entries on one /events page: their text stays well inside one Telegram message. */
export const EVENTS_PAGE_SIZE = 5;

/** Callback data of the /events buttons. */
export const eventsPageData = (page: number): string => `events:page:${page}`;
export const replayData = (eventId: number): string => `events:replay:${eventId}`;

/** One /events page: its text and its buttons (a replay per event that was acted on, and paging). */
export function eventsPageView(view: LogPage, page: number, t: Translate, language: string): { html: string; keyboard?: InlineKeyboardMarkup } {
  const rows: InlineKeyboardButton[][] = [];
  const replayable = view.entries.filter((entry): entry is LoggedEvent => entry.kind === 'event' && entry.status !== 'pending');
  if (replayable.length > 0) rows.push(replayable.map((event) => InlineKeyboard.text(t('btn-replay', { id: String(event.id) }), replayData(event.id))));
  const paging: InlineKeyboardButton[] = [];
  if (page > 1) paging.push(InlineKeyboard.text(t('btn-prev'), eventsPageData(page - 1)));
  if (view.hasNext) paging.push(InlineKeyboard.text(t('btn-next'), eventsPageData(page + 1)));
  if (paging.length > 0) rows.push(paging);
  const keyboard = rows.length > 0 ? { inline_keyboard: rows } : undefined;
  if (view.entries.length === 0) return { html: t(page === 1 ? 'events-empty' : 'events-page-empty'), keyboard };
  const blocks = view.entries.map((entry) => entryBlock(entry, t, language));
  return { html: [t('events-title', { page: String(page) }), ...blocks].join('\n\n'), keyboard };
}
