import type { PlaceChange } from '../../../handlers/mapsPlaceChanges.js';
import type { Place } from '../../../handlers/mapsPlace.js';
import type { Translator } from '../../i18n.js';
import { escapeHtml } from '../telegram/html.js';
import { placeCardHtml } from '../scraper/messages.js';
import type { WatchSchedule } from './schedule.js';

/** A place card with what changed under its name: new, closed, or the fields with their old values. */
export function watchCardHtml(t: Translator, language: string, place: Place, position: number, change: PlaceChange): string {
  const [title, ...rest] = placeCardHtml(t, language, place, position).split('\n');
  let line: string;
  if (change.change === 'new') line = t(language, 'watch-change-new');
  else if (change.change === 'closed') line = t(language, 'watch-change-closed');
  else {
    const was = (value: unknown) => (value === null || value === undefined ? '—' : escapeHtml(String(value)));
    const parts = change.changed_fields.map((field) => `${t(language, `watch-field-${field}`)} (${t(language, 'watch-was', { value: was(change.previous[field]) })})`);
    line = t(language, 'watch-change-changed', { fields: parts.join(', ') });
  }
  return [title, line, ...rest].join('\n');
}

/** `daily 09:00 (Europe/Berlin)` / `weekly, Mon 09:00 (UTC)`, in the user's language. */
export function scheduleText(t: Translator, language: string, schedule: WatchSchedule): string {
  const time = `${String(schedule.hour).padStart(2, '0')}:00`;
  return schedule.frequency === 'weekly'
    ? t(language, 'watch-schedule-weekly', { day: t(language, `watch-weekday-${schedule.weekday ?? 1}`), time, zone: escapeHtml(schedule.timeZone) })
    : t(language, 'watch-schedule-daily', { time, zone: escapeHtml(schedule.timeZone) });
}

/** The counts of one run's changes. */
export function changeCounts(changes: readonly PlaceChange[]): { fresh: number; changed: number; closed: number } {
  return {
    fresh: changes.filter((change) => change.change === 'new').length,
    changed: changes.filter((change) => change.change === 'changed').length,
    closed: changes.filter((change) => change.change === 'closed').length,
  };
}
