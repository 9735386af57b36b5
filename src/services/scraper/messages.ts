import type { Place } from '../../../handlers/mapsPlace.js';
import type { Translator } from '../../i18n.js';
import { escapeHtml } from '../telegram/html.js';

const BAR_WIDTH = 12;

/** `▓▓▓▓░░░░░░░░` for done/total. */
export function progressBar(done: number, total: number): string {
  const filled = total > 0 ? Math.min(BAR_WIDTH, Math.round((done / total) * BAR_WIDTH)) : 0;
  return `${'▓'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
}

export type ScrapePhase = 'queued' | 'searching' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface ProgressView {
  query: string;
  done: number;
  total: number;
  phase: ScrapePhase;
  /** Links seen in the feed so far. */
  found: number;
  elapsedSeconds: number;
  /** An area search: cells searched and in all (`total` is then an estimate). */
  cells?: { done: number; total: number } | undefined;
}

/** The one progress message, edited in place as the job moves. */
export function progressHtml(t: Translator, language: string, view: ProgressView): string {
  if (view.cells) {
    return t(language, 'scrape-progress-area', {
      query: escapeHtml(view.query),
      bar: progressBar(view.cells.done, view.cells.total),
      cellsDone: view.cells.done,
      cellsTotal: view.cells.total,
      done: view.done,
      total: Math.max(view.total, view.done),
      seconds: view.elapsedSeconds,
      phase: t(language, `scrape-phase-${view.phase}`),
    });
  }
  return t(language, 'scrape-progress', {
    query: escapeHtml(view.query),
    bar: progressBar(view.done, view.total),
    done: view.done,
    total: view.total,
    found: view.found,
    seconds: view.elapsedSeconds,
    phase: t(language, `scrape-phase-${view.phase}`),
  });
}

/**
 * A compact card for one place; icons instead of labels, so it reads the same in every language.
 * A closed business is no lead: its name is struck through and the next line says it is closed.
 */
export function placeCardHtml(t: Translator, language: string, place: Place, position: number): string {
  // Results stored before the status existed have none: they were read as trading places.
  const closed = place.business_status === 'CLOSED_PERMANENTLY' || place.business_status === 'CLOSED_TEMPORARILY';
  const name = closed ? `<s>${escapeHtml(place.business_name)}</s>` : escapeHtml(place.business_name);
  const lines = [`<b>${position}. ${name}</b>${place.category ? ` · ${escapeHtml(place.category)}` : ''}`];
  if (place.business_status === 'CLOSED_PERMANENTLY') lines.push(t(language, 'scrape-card-closed-permanently'));
  if (place.business_status === 'CLOSED_TEMPORARILY') lines.push(t(language, 'scrape-card-closed-temporarily'));
  if (place.rating !== null) lines.push(`★ ${place.rating}${place.review_count !== null ? ` (${place.review_count})` : ''}`);
  if (place.phone) lines.push(`📞 ${escapeHtml(place.phone)}`);
  if (place.website) lines.push(`🌐 ${escapeHtml(place.website)}`);
  if (place.email) lines.push(`✉️ ${escapeHtml(place.email)}`);
  if (place.address) lines.push(`📍 ${escapeHtml(place.address)}`);
  lines.push(`<a href="${escapeHtml(place.google_maps_url).replace(/"/g, '&quot;')}">Google Maps</a>`);
  return lines.join('\n');
}

/** A file name for the CSV: the query's letters and digits (any script), and the job id. */
export function csvFileName(query: string, jobId: string): string {
  const slug = query
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'places'}-${jobId}.csv`;
}
