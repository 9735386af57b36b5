/**
 * The real Google Maps captures in test/fixtures/maps (see its README), and places derived from
 * them for the fixture site: variants without phone or website, non-Latin names, the old
 * histogram path, and as many distinct copies as a benchmark needs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../fixtures/maps/', import.meta.url));
const cache = new Map<string, unknown>();

function load(file: string): unknown {
  if (!cache.has(file)) cache.set(file, JSON.parse(readFileSync(`${dir}${file}`, 'utf8')));
  return structuredClone(cache.get(file));
}

/** A place capture: the parsed document (`jd`), its place array at [6]. */
export function capture(name: 'kipriakon' | 'happy-island'): unknown[] {
  return load(`place-${name}.json`) as unknown[];
}

/** The place arrays of the 20 results in the real search response. */
export function searchPlaces(): unknown[][] {
  const document = load('search-coffee-greece.json') as unknown[][];
  const entries = (document[0]?.[1] ?? []) as unknown[][];
  return entries.map((entry) => entry?.[14]).filter((place): place is unknown[] => Array.isArray(place));
}

/** What a place page embeds: `APP_INITIALIZATION_STATE` with the `)]}'`-prefixed document at [3][slot]. */
export function initializationState(document: unknown, slot: 5 | 6 = 6): unknown[] {
  const inner: unknown[] = [null, null, null, null, null, null, null];
  inner[slot] = `)]}'\n${JSON.stringify(document)}`;
  return [[null, [null, null, 34.5, 33.0]], null, null, inner];
}

export interface FixturePlace {
  /** jd[6]: the place array the page embeds. */
  array: unknown[];
  /** No APP_INITIALIZATION_STATE: only the DOM tells. */
  domOnly?: boolean;
  /** Embed at [3][5] instead of [3][6]. */
  slot?: 5 | 6;
}

export const placeName = (place: FixturePlace) => String(place.array[11]);
export const placeIdOf = (place: FixturePlace) => String(place.array[78]);

/** A star histogram that adds up to the review count and gives the rating (roughly): deterministic. */
function histogramFor(reviews: number, rating: number): number[] {
  const five = Math.round(reviews * Math.max(0, Math.min(1, (rating - 3.5) / 1.5)));
  const rest = reviews - five;
  const four = Math.round(rest * 0.5);
  const three = Math.round(rest * 0.25);
  const two = Math.round(rest * 0.1);
  return [rest - four - three - two, two, three, four, five];
}

function withHistogram(array: unknown[]): unknown[] {
  const stats = array[4] as unknown[] | null;
  const reviews = Number(stats?.[8] ?? 0);
  const rating = Number(stats?.[7] ?? 0);
  const copy = [...array];
  while (copy.length <= 178) copy.push(null);
  copy[175] = [null, [null, 1], 0, histogramFor(reviews, rating)];
  return copy;
}

/**
 * The catalogue the fixture site serves by default: both real place captures and the 20 real
 * search results (given histograms, as their place pages would have), in that order.
 */
export function standardPlaces(): FixturePlace[] {
  return [
    { array: capture('kipriakon')[6] as unknown[] },
    { array: capture('happy-island')[6] as unknown[], slot: 5 },
    ...searchPlaces().map((array) => ({ array: withHistogram(array) })),
  ];
}

/** A copy of a place under a new name and id (and optionally other fields), for variants and bulk. */
export function variant(base: FixturePlace, changes: { id: string; name: string } & Partial<Record<number, unknown>>): FixturePlace {
  const array = [...base.array];
  while (array.length <= 203) array.push(null);
  array[11] = changes.name;
  array[78] = changes.id;
  for (const [key, value] of Object.entries(changes)) {
    const index = Number(key);
    if (Number.isInteger(index)) array[index] = value;
  }
  return { ...base, array };
}

/**
 * A place whose state line says it is closed, put where Maps puts it (`[203][1][4][0]`,
 * `[203][1][8][0]`, `[34][4][4]`) in the page's language, e.g. "Permanently closed" or
 * "Закрыто навсегда". A permanently closed place shows no hours any more; a temporarily closed
 * one keeps them.
 */
export function closedVariant(base: FixturePlace, changes: { id: string; name: string }, stateText: string, keepHours: boolean): FixturePlace {
  const place = variant(base, changes);
  const array = place.array;
  while (array.length <= 203) array.push(null);
  const line = [stateText, [[0, stateText.length, [null, [4291176488, 4294967295]]]]];
  const hours = keepHours ? ((array[203] as unknown[] | null)?.[0] ?? null) : null;
  array[203] = [hours, [null, null, null, null, line, line, null, null, line], 1, 2, null, null, 1];
  const oldHours = keepHours ? ((array[34] as unknown[] | null)?.[1] ?? null) : null;
  array[34] = [null, oldHours, null, null, [null, null, null, null, stateText], null, null, 2];
  return place;
}

/** `count` distinct places cloned round-robin from the standard ones (for long feeds and benchmarks). */
export function bulkPlaces(count: number): FixturePlace[] {
  const sources = standardPlaces();
  return Array.from({ length: count }, (_, index) => {
    const source = sources[index % sources.length]!;
    return variant(source, { id: `ChIJbulk${String(index).padStart(6, '0')}`, name: `${placeName(source)} #${index + 1}` });
  });
}

/**
 * `count` distinct places spread evenly over a box ([south, west, north, east]) on a grid of
 * `columns`, each at the middle of its grid square (so none sits on a cell's edge), with names
 * `<prefix> #<n>` and ids `ChIJ<prefix><n>`. Without websites: the captures' are real sites on the
 * internet, whose e-mail lookups would only wait out their timeout here.
 */
export function areaPlaces(count: number, [south, west, north, east]: [number, number, number, number], options: { prefix?: string; columns?: number } = {}): FixturePlace[] {
  const sources = standardPlaces();
  const prefix = options.prefix ?? 'area';
  const columns = options.columns ?? Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / columns);
  return Array.from({ length: count }, (_, index) => {
    const source = sources[index % sources.length]!;
    const lat = south + ((Math.floor(index / columns) + 0.5) / rows) * (north - south);
    const lng = west + (((index % columns) + 0.5) / columns) * (east - west);
    const coords = [...((source.array[9] as unknown[] | null) ?? [null, null, 0, 0])];
    coords[2] = Number(lat.toFixed(7));
    coords[3] = Number(lng.toFixed(7));
    return variant(source, { id: `ChIJ${prefix}${String(index).padStart(6, '0')}`, name: `${placeName(source)} ${prefix} #${index + 1}`, 7: null, 9: coords });
  });
}
