/**
 * Google Maps place pages carry the place as JSON: `window.APP_INITIALIZATION_STATE[3][6]` (or
 * `[5]` on some pages) is a string starting with the anti-JSON-hijacking prefix `)]}'`, and the
 * place array is index 6 of what it parses to. Pure: no I/O here, the scraper hands us the state.
 *
 * Google moves these paths from time to time, so every field is read through a probe that says
 * which path it tried: a field whose path holds something of the wrong shape is reported by
 * name, never silently turned into a wrong value.
 */

export interface Place {
  business_name: string;
  category: string | null;
  categories: string[];
  address: string | null;
  phone: string | null;
  website: string | null;
  rating: number | null;
  review_count: number | null;
  one_star: number | null;
  two_star: number | null;
  three_star: number | null;
  four_star: number | null;
  five_star: number | null;
  latitude: number | null;
  longitude: number | null;
  place_id: string;
  google_maps_url: string;
  email: string | null;
}

export interface ParsedPlace {
  place: Place;
  /** Fields whose path held data of an unexpected shape (the field is null): Google moved something. */
  problems: string[];
}

export class PlaceParseError extends Error {
  constructor(readonly problems: string[]) {
    super(`cannot read the place: ${problems.join('; ')}`);
    this.name = 'PlaceParseError';
  }
}

const XSSI_PREFIX = ")]}'";

type Path = readonly number[];

function at(root: unknown, path: Path): unknown {
  let node = root;
  for (const index of path) {
    if (!Array.isArray(node)) return undefined;
    node = node[index];
  }
  return node;
}

const show = (path: Path) => path.map((index) => `[${index}]`).join('');

/**
 * Reads a field: absent (undefined or null anywhere on the path) is null, the expected shape is
 * the value, anything else is a problem named after the field.
 */
function probe<T>(
  place: unknown,
  field: string,
  path: Path,
  accept: (value: unknown) => T | undefined,
  problems: string[],
): T | null {
  const value = at(place, path);
  if (value === undefined || value === null) return null;
  const accepted = accept(value);
  if (accepted === undefined) {
    problems.push(`${field}: unexpected ${Array.isArray(value) ? 'array' : typeof value} at ${show(path)}`);
    return null;
  }
  return accepted;
}

const asText = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const asNumber = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const asCount = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);
const asTexts = (value: unknown) =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
const asHistogram = (value: unknown) =>
  Array.isArray(value) && value.length === 5 && value.every((item) => asCount(item) !== undefined) ? (value as number[]) : undefined;

/** Coordinates come as doubles such as 34.670595399999996; seven decimals is ~1 cm, what Maps shows. */
const roundCoordinate = (value: number) => Number(value.toFixed(7));

/** Google sometimes links a website through its redirector: `/url?q=<site>&...`. */
export function unwrapGoogleRedirect(url: string): string {
  const match = /^(?:https?:\/\/[^/]+)?\/url\?(.*)$/.exec(url);
  if (!match) return url;
  const target = new URLSearchParams(match[1]).get('q');
  return target ?? url;
}

/** Today's histogram is at [175][3]; captures from 2022 and before keep it at [52][3]. */
const HISTOGRAM_PATHS: readonly Path[] = [
  [175, 3],
  [52, 3],
];

/**
 * The place array (`jd[6]`) -> a Place. `pageUrl` is where it was read (the Maps link kept with
 * the result). Throws PlaceParseError when even the name or the place id cannot be read.
 */
export function placeFromArray(place: unknown, pageUrl?: string): ParsedPlace {
  if (!Array.isArray(place)) throw new PlaceParseError(['the place data is not an array']);
  const problems: string[] = [];
  const name = probe(place, 'business_name', [11], asText, problems);
  const placeId = probe(place, 'place_id', [78], asText, problems);
  const missing = [...(name ? [] : ['business_name: missing at [11]']), ...(placeId ? [] : ['place_id: missing at [78]'])];
  if (!name || !placeId) throw new PlaceParseError([...missing, ...problems]);

  const categories = probe(place, 'category', [13], asTexts, problems) ?? [];
  const website = probe(place, 'website', [7, 0], asText, problems);

  let histogram: number[] | null = null;
  for (const path of HISTOGRAM_PATHS) {
    // A path that holds something else (e.g. [52] holds reviews on today's pages) is not a problem
    // while another path has the histogram.
    const found = asHistogram(at(place, path));
    if (found) {
      histogram = found;
      break;
    }
  }
  const reviewCount = probe(place, 'review_count', [4, 8], asCount, problems);
  if (!histogram && reviewCount) {
    // Reviews exist but no path held five counts: the layout moved.
    problems.push(`star histogram: not found at ${HISTOGRAM_PATHS.map(show).join(' or ')}`);
  }
  const latitude = probe(place, 'latitude', [9, 2], asNumber, problems);
  const longitude = probe(place, 'longitude', [9, 3], asNumber, problems);

  return {
    place: {
      business_name: name,
      category: categories[0] ?? null,
      categories,
      address: probe(place, 'address', [18], asText, problems),
      phone: probe(place, 'phone', [178, 0, 0], asText, problems),
      website: website ? unwrapGoogleRedirect(website) : null,
      rating: probe(place, 'rating', [4, 7], asNumber, problems),
      review_count: reviewCount,
      one_star: histogram?.[0] ?? null,
      two_star: histogram?.[1] ?? null,
      three_star: histogram?.[2] ?? null,
      four_star: histogram?.[3] ?? null,
      five_star: histogram?.[4] ?? null,
      latitude: latitude === null ? null : roundCoordinate(latitude),
      longitude: longitude === null ? null : roundCoordinate(longitude),
      place_id: placeId,
      google_maps_url: pageUrl ?? `https://www.google.com/maps/place/?q=place_id:${placeId}`,
      email: null,
    },
    problems,
  };
}

/** The `)]}'`-prefixed string -> the parsed document (`jd`). */
export function parsePlaceDocument(text: string): unknown {
  const body = text.startsWith(XSSI_PREFIX) ? text.slice(XSSI_PREFIX.length) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new PlaceParseError(['the place JSON does not parse']);
  }
}

/**
 * `window.APP_INITIALIZATION_STATE` -> a Place. The place string sits at [3][6] on most pages and
 * at [3][5] on some; the first that parses to a document with a place array wins.
 */
export function placeFromInitializationState(state: unknown, pageUrl?: string): ParsedPlace {
  const tried: string[] = [];
  for (const slot of [6, 5]) {
    const text = at(state, [3, slot]);
    if (typeof text !== 'string' || !text.startsWith(XSSI_PREFIX)) {
      tried.push(`[3][${slot}] holds no place string`);
      continue;
    }
    const document = parsePlaceDocument(text);
    const place = at(document, [6]);
    if (!Array.isArray(place)) {
      tried.push(`[3][${slot}] has no place array at [6]`);
      continue;
    }
    return placeFromArray(place, pageUrl);
  }
  throw new PlaceParseError([`APP_INITIALIZATION_STATE: ${tried.join(', ')}`]);
}

/** What the DOM of a place page shows, read when the embedded JSON is missing or unreadable. */
export interface PlaceDom {
  name: string | null;
  category: string | null;
  address: string | null;
  phone: string | null;
  website: string | null;
  /** e.g. "4.2" */
  ratingText: string | null;
  /** e.g. "(1,396)" or "396 reviews" */
  reviewsText: string | null;
  url: string;
}

/** Maps place URLs carry the feature id (`!1s0x…:0x…`) and the coordinates (`!3d…!4d…`). */
export function idsFromPlaceUrl(url: string): { featureId: string | null; latitude: number | null; longitude: number | null } {
  const feature = /!1s(0x[0-9a-f]+:0x[0-9a-f]+)/i.exec(url);
  const lat = /!3d(-?\d+(?:\.\d+)?)/.exec(url);
  const lng = /!4d(-?\d+(?:\.\d+)?)/.exec(url);
  return {
    featureId: feature?.[1] ?? null,
    latitude: lat?.[1] ? Number(lat[1]) : null,
    longitude: lng?.[1] ? Number(lng[1]) : null,
  };
}

const digitsOf = (text: string | null) => {
  const digits = text?.replace(/[^\d]/g, '') ?? '';
  return digits === '' ? null : Number(digits);
};

/** The DOM fallback. Without a place id in the page, the feature id from the URL identifies it. */
export function placeFromDom(dom: PlaceDom): ParsedPlace {
  const problems: string[] = ['APP_INITIALIZATION_STATE: missing; read from the page instead'];
  if (!dom.name) throw new PlaceParseError(['business_name: no heading on the page', ...problems]);
  const ids = idsFromPlaceUrl(dom.url);
  if (!ids.featureId) throw new PlaceParseError(['place_id: no place id in the page or its URL', ...problems]);
  const rating = dom.ratingText ? Number(dom.ratingText.replace(',', '.').trim()) : null;
  return {
    place: {
      business_name: dom.name,
      category: dom.category,
      categories: dom.category ? [dom.category] : [],
      address: dom.address,
      phone: dom.phone,
      website: dom.website ? unwrapGoogleRedirect(dom.website) : null,
      rating: rating !== null && Number.isFinite(rating) ? rating : null,
      review_count: digitsOf(dom.reviewsText),
      one_star: null,
      two_star: null,
      three_star: null,
      four_star: null,
      five_star: null,
      latitude: ids.latitude,
      longitude: ids.longitude,
      place_id: ids.featureId,
      google_maps_url: dom.url,
      email: null,
    },
    problems,
  };
}
