import type { Place } from '../../../handlers/mapsPlace.js';

export const CSV_COLUMNS = [
  'business_name',
  'category',
  'address',
  'phone',
  'website',
  'email',
  'rating',
  'review_count',
  'one_star',
  'two_star',
  'three_star',
  'four_star',
  'five_star',
  'latitude',
  'longitude',
  'place_id',
  'google_maps_url',
] as const satisfies readonly (keyof Place)[];

/** Excel opens a UTF-8 file as UTF-8 (Arabic, Cyrillic, Greek intact) only when it starts with a BOM. */
export const UTF8_BOM = '\uFEFF';

/**
 * A cell that starts like a formula (`=`, `@`, or `+`/`-` not followed by a digit: a phone such
 * as +30 21… stays as it is) would run as one in a spreadsheet; a leading quote keeps it text.
 */
function neutralize(text: string): string {
  return /^[=@\t\r]|^[+-](?![\d\s(])/.test(text) ? `'${text}` : text;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = neutralize(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 (CRLF, quoted when needed), UTF-8 with BOM. */
export function placesToCsv(places: readonly Place[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const place of places) lines.push(CSV_COLUMNS.map((column) => cell(place[column])).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
