/**
 * Google Maps place pages carry the place as JSON: `window.APP_INITIALIZATION_STATE[3][6]` (or
 * `[5]` on some pages) is a string starting with the anti-JSON-hijacking prefix `)]}'`, and the
 * place array is index 6 of what it parses to. Pure: no I/O here, the scraper hands us the state.
 *
 * Google moves these paths from time to time, so every field is read through a probe that says
 * which path it tried: a field whose path holds something of the wrong shape is reported by
 * name, never silently turned into a wrong value.
 */
import { businessStatusOfTexts, stateTextsOf, type BusinessStatus } from './mapsBusinessStatus.js';
import { openingHoursOf, type OpeningDay } from './mapsOpeningHours.js';
import { asCount, asNumber, asText, asTexts, at, probe, show, type Path } from './mapsPaths.js';

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
  /** Google Places API's values; a closed place is still delivered, marked as closed. */
  business_status: BusinessStatus;
  /** Monday first; a day without hours is closed that day. Null: Maps shows no hours. */
  opening_hours: OpeningDay[] | null;
  /** As Maps shows it: "€€", "$". */
  price_range: string | null;
  /** The global plus code ("8G6MM2CR+6X") and the one relative to a town ("M2CR+6X Limassol"). */
  plus_code: string | null;
  plus_code_compound: string | null;
  /** The address in parts; `country_code` is ISO 3166-1 alpha-2 ("CY"). */
  street: string | null;
  city: string | null;
  postal_code: string | null;
  state: string | null;
  country_code: string | null;
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
 * The postal address alone. `[39]` holds it; `[18]` is the name and the address together (the
 * name first, sometimes in the middle), so it is never the address as it stands: a CSV row or a
 * CRM import would carry the business name inside the address. When `[39]` is gone (Google moved
 * it), the address lines at `[2]` give the same text; failing those, `[18]` with the name's
 * segments taken out. Either fallback is reported, so a moved path is noticed.
 */
function addressOf(place: unknown[], name: string, problems: string[]): string | null {
  // A wrong shape at [39] is reported by probe; the fallbacks below still apply.
  const postal = probe(place, 'address', [39], asText, problems);
  if (postal !== null) return postal;
  const lines = asTexts(at(place, [2]))?.map((line) => line.trim()).filter((line) => line !== '');
  if (lines && lines.length > 0) {
    problems.push('address: nothing usable at [39]; read from the address lines at [2]');
    return lines.join(', ');
  }
  const combined = asText(at(place, [18]));
  if (combined === undefined) return null;
  const withoutName = removeSegments(combined, name);
  problems.push(
    withoutName === null
      ? 'address: nothing usable at [39] or [2], and the name cannot be told apart from the address in [18]'
      : 'address: nothing usable at [39] or [2]; read from [18] without the name',
  );
  return withoutName;
}

/** `[183][1]` = `[null, street, street, city, postal code, state, country code]`. */
function addressPartsOf(place: unknown[], problems: string[]): Pick<Place, 'street' | 'city' | 'postal_code' | 'state' | 'country_code'> {
  return {
    street: probe(place, 'street', [183, 1, 1], asText, problems),
    city: probe(place, 'city', [183, 1, 3], asText, problems),
    postal_code: probe(place, 'postal_code', [183, 1, 4], asText, problems),
    state: probe(place, 'state', [183, 1, 5], asText, problems),
    country_code: probe(place, 'country_code', [183, 1, 6], (value) => {
      const text = asText(value);
      return text && /^[A-Za-z]{2}$/.test(text) ? text.toUpperCase() : undefined;
    }, problems),
  };
}

/** `text` split at commas without the first run of segments that spells `name`; null if there is none. */
function removeSegments(text: string, name: string): string | null {
  const segments = text.split(',').map((segment) => segment.trim());
  const nameSegments = name.split(',').map((segment) => segment.trim());
  for (let start = 0; start + nameSegments.length <= segments.length; start += 1) {
    if (nameSegments.every((segment, offset) => segments[start + offset] === segment)) {
      const rest = [...segments.slice(0, start), ...segments.slice(start + nameSegments.length)].filter((segment) => segment !== '');
      return rest.length > 0 ? rest.join(', ') : null;
    }
  }
  return null;
}

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
      address: addressOf(place, name, problems),
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
      business_status: businessStatusOfTexts(stateTextsOf(place)),
      opening_hours: openingHoursOf(place, problems),
      price_range: probe(place, 'price_range', [4, 2], asText, problems),
      plus_code: probe(place, 'plus_code', [183, 2, 1, 0], asText, problems),
      plus_code_compound: probe(place, 'plus_code_compound', [183, 2, 2, 0], asText, problems),
      ...addressPartsOf(place, problems),
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
  /** The state lines the page shows by the name and the hours ("Open ⋅ Closes 11 pm", "Permanently closed"). */
  stateTexts: string[];
  /** The plus code row ("M2CR+6X Limassol", or a global code). */
  plusCode: string | null;
  url: string;
}

/** A global plus code: eight code digits, `+`, two or three more ("8G6MM2CR+6X"). */
const GLOBAL_PLUS_CODE = /^[23456789CFGHJMPQRVWX]{8}\+[23456789CFGHJMPQRVWX]{2,3}$/i;

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
      business_status: businessStatusOfTexts(dom.stateTexts),
      opening_hours: null,
      price_range: null,
      plus_code: dom.plusCode && GLOBAL_PLUS_CODE.test(dom.plusCode) ? dom.plusCode : null,
      plus_code_compound: dom.plusCode && !GLOBAL_PLUS_CODE.test(dom.plusCode) ? dom.plusCode : null,
      street: null,
      city: null,
      postal_code: null,
      state: null,
      country_code: null,
    },
    problems,
  };
}
