import { formatOpeningHours } from '../../../handlers/mapsOpeningHours.js';
import type { Place } from '../../../handlers/mapsPlace.js';

/**
 * Spreadsheets and CRM imports map these columns by position: new ones go at the end, never
 * between existing ones.
 */

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
  'business_status',
  'opening_hours',
  'price_range',
  'plus_code',
  'plus_code_compound',
  'street',
  'city',
  'postal_code',
  'state',
  'country_code',
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

/** A column's text; the week's hours as one readable line. */
function columnValue(place: Place, column: (typeof CSV_COLUMNS)[number]): unknown {
  // Results stored before a column existed lack it: an empty cell.
  if (column === 'opening_hours') return formatOpeningHours(place.opening_hours);
  return place[column];
}

/** RFC 4180 (CRLF, quoted when needed), UTF-8 with BOM. */
export function placesToCsv(places: readonly Place[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const place of places) lines.push(CSV_COLUMNS.map((column) => cell(columnValue(place, column))).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
