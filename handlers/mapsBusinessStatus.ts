/**
 * Whether a place still trades. Maps says so in words only: the place's state line (`[203][1][4][0]`,
 * `[203][1][8][0]`, and the older `[34][4][4]`; on the page, next to the name and the hours) reads
 * "Permanently closed" or "Temporarily closed" instead of "Open ⋅ Closes 11 pm", in the page's
 * language (the scraper asks for the job's language with `hl`). "Closed ⋅ Opens 12:30 pm Tue" is
 * an ordinary closed-for-the-night place, not a closed business.
 *
 * The values are those of Google's Places API, which lead tools already know.
 */
import { at, type Path } from './mapsPaths.js';

export type BusinessStatus = 'OPERATIONAL' | 'CLOSED_TEMPORARILY' | 'CLOSED_PERMANENTLY';

/** Arabic short vowels and tanween come and go ("نهائيًا" / "نهائيا"); matching ignores them. */
const withoutArabicMarks = (text: string) => text.replace(/[\u064B-\u065F\u0670]/g, '').replace(/[أإآ]/g, 'ا');

const PERMANENTLY: readonly RegExp[] = [
  /permanently\s+closed|closed\s+permanently/i,
  /закрыт\p{L}*\s+навсегда|навсегда\s+закрыт|больше\s+не\s+работает/iu,
  /مغلق\S*\s+(?:نهائيا|بشكل\s+(?:دائم|نهائي))/u,
];

const TEMPORARILY: readonly RegExp[] = [
  /temporarily\s+closed|closed\s+temporarily/i,
  /временно\s+закрыт|закрыт\p{L}*\s+временно/iu,
  /مغلق\S*\s+(?:مؤقتا|موقتا|بشكل\s+مؤقت)/u,
];

/** The status a piece of Maps' text states, or null when it states none. */
export function businessStatusOfText(text: string): Exclude<BusinessStatus, 'OPERATIONAL'> | null {
  const normalized = withoutArabicMarks(text.normalize('NFC'));
  if (PERMANENTLY.some((pattern) => pattern.test(normalized))) return 'CLOSED_PERMANENTLY';
  if (TEMPORARILY.some((pattern) => pattern.test(normalized))) return 'CLOSED_TEMPORARILY';
  return null;
}

/** The first closed status among these texts; a place that says nothing of the kind trades. */
export function businessStatusOfTexts(texts: ReadonlyArray<string | null | undefined>): BusinessStatus {
  for (const text of texts) {
    const status = text ? businessStatusOfText(text) : null;
    if (status) return status;
  }
  return 'OPERATIONAL';
}

export const STATE_TEXT_PATHS: readonly Path[] = [
  [203, 1, 4, 0],
  [203, 1, 8, 0],
  [34, 4, 4],
];

/** The state lines of a place array, where there are any ("Open ⋅ Closes 11 pm", "Permanently closed"). */
export function stateTextsOf(place: unknown): string[] {
  return STATE_TEXT_PATHS.map((path) => at(place, path)).filter((text): text is string => typeof text === 'string');
}
