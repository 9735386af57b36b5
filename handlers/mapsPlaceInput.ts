/**
 * A list of places to enrich, as users paste them: Google Maps place links
 * (`https://www.google.com/maps/place/<name>/data=!4m…!1s0x…:0x…`, or `…/maps/place/?q=place_id:ChIJ…`)
 * or bare place ids (`ChIJ…`). Pure: each item becomes the path to open on the Maps site, or a
 * problem that says which item is wrong and why.
 */

export interface PlaceInput {
  /** As the user gave it (trimmed): reported back with its result or error. */
  input: string;
  /** Path and query to open on the Maps site (the scraper's base URL). */
  path: string;
}

/** Google place ids: base64url text; those of businesses start with ChIJ (others with GhIJ, Ei, Eh). */
const PLACE_ID = /^(?:ChIJ|GhIJ|E[hi])[A-Za-z0-9_-]{10,400}$/;
const FEATURE_ID = /!1s(0x[0-9a-f]{1,16}:0x[0-9a-f]{1,16})/i;
/** www.google.com, maps.google.de, google.co.uk: Google's own hosts only. */
const GOOGLE_HOST = /^(?:(?:www|maps)\.)?google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/i;

export const placeIdPath = (placeId: string) => `/maps/place/?q=place_id:${placeId}`;

/** One item -> what to open, or why not. `mapsHost` (the configured site) is accepted beside Google's. */
export function parsePlaceInput(raw: string, mapsHost?: string): PlaceInput | { problem: string } {
  const input = raw.trim();
  const shown = input.length > 80 ? `${input.slice(0, 77)}…` : input;
  if (PLACE_ID.test(input)) return { input, path: placeIdPath(input) };
  if (!/^https?:\/\//i.test(input)) return { problem: `"${shown}" is neither a Google Maps place link nor a place id (ChIJ…)` };
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { problem: `"${shown}" is not a valid URL` };
  }
  if (!GOOGLE_HOST.test(url.hostname) && url.host !== mapsHost) return { problem: `"${shown}" is not a Google Maps link` };
  if (!url.pathname.startsWith('/maps/place/')) return { problem: `"${shown}" is not a link to one place (/maps/place/…)` };
  const byId = /^place_id:(.+)$/.exec(url.searchParams.get('q') ?? '')?.[1];
  if (byId) {
    if (!PLACE_ID.test(byId)) return { problem: `"${shown}" names no valid place id` };
    return { input, path: placeIdPath(byId) };
  }
  if (!FEATURE_ID.test(url.pathname)) return { problem: `"${shown}" carries no place data id (!1s0x…:0x…); copy the link from the place's page` };
  return { input, path: url.pathname };
}

/** Every item, or the problems (numbered from 1) when any item is wrong; repeats are kept once. */
export function parsePlaceList(items: readonly string[], mapsHost?: string): { places: PlaceInput[]; problems: string[] } {
  const places: PlaceInput[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const parsed = parsePlaceInput(item, mapsHost);
    if ('problem' in parsed) problems.push(`places[${index}]: ${parsed.problem}`);
    else if (!seen.has(parsed.path)) {
      seen.add(parsed.path);
      places.push(parsed);
    }
  });
  return { places, problems };
}

/** Free text (a bot message): the links and ids in it, one per line or separated by spaces. */
export function placeItemsOfText(text: string): string[] {
  return text.split(/\s+/).map((word) => word.trim()).filter(Boolean);
}

/** What a place-list job is called where a search shows its query. */
export const placeListLabel = (count: number) => `place list (${count})`;
