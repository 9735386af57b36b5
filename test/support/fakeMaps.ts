/**
 * A Maps-like site on 127.0.0.1, shaped like Google Maps where the scraper looks:
 *
 * - `/maps/search/<query>?hl=`: a results feed (`div[role=feed]`) that loads more links as it is
 *   scrolled, then shows the end-of-list marker; a query matching one place redirects to that
 *   place (as Maps does); query `blocked` redirects to `/sorry/index`.
 * - `/maps/place/<name>/data=!…!1s<feature id>…`: the place page with
 *   `window.APP_INITIALIZATION_STATE` built from the real captures, or only the DOM.
 * - `/maps/place/?q=place_id:<id>`: redirects to that place's page, as Maps does; an id it does
 *   not know shows the map with no place on it.
 * - a consent interstitial (`/consent`) in front of everything until it is accepted (cookie).
 * - `/sites/<slug>/`: small business websites, with an e-mail on the home page, only on a
 *   contact page, or none.
 * - areas: `/maps/search/<query>/@lat,lng,<zoom>z` lists only the places the camera sees in a
 *   1280×900 window (Web Mercator), at most `cap` of them (Maps stops at about 120), so
 *   neighbouring cells whose views overlap share places; a search for a region's name (`regions`)
 *   moves to `/maps/place/<name>/@lat,lng,<zoom>z/…` with the camera fitted to the region, the
 *   way Maps rewrites its address once the map has moved. Searches without a camera are not
 *   capped, so long single feeds stay testable.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { initializationState, placeIdOf, placeName, standardPlaces, type FixturePlace } from './mapsFixtures.js';

export interface FakeMapsOptions {
  places?: FixturePlace[];
  /** Links in the first page of the feed and in each scroll load. */
  pageSize?: number;
  /** Delay of each scroll load and of each place page, ms. */
  feedDelayMs?: number;
  placeDelayMs?: number;
  /** Extra delay of the pages of particular places, ms by place name. */
  slowPlaces?: Record<string, number>;
  /** Show the consent page first (like a fresh EU browser). */
  consent?: boolean;
  /** Repeat some links in the feed (Maps repeats sponsored places). */
  duplicateLinks?: boolean;
  /** Never show the end marker: the scraper must stop on "no growth". */
  noEndMarker?: boolean;
  /** Most places a search by camera lists (default 120, as Maps). */
  cap?: number;
  /** Named regions ([south, west, north, east]) that a search for the name moves to. */
  regions?: Record<string, [number, number, number, number]>;
}

export interface FakeMaps {
  url: string;
  /** Request paths in arrival order (query strings included). */
  hits: string[];
  placeVisits(): number;
  /** Most place pages being served at the same moment. */
  maxConcurrentPlaces(): number;
  /** Places whose pages were opened, by place id. */
  visitsOf(placeId: string): number;
  /** The cameras of the searches by camera, in arrival order. */
  cameraSearches(): Array<{ lat: number; lng: number; zoom: number }>;
  /** Setup for later requests. */
  setOptions(options: Partial<FakeMapsOptions>): void;
  /** The path of a place's page (`/maps/place/<name>/data=…!1s<feature id>…`), as Maps links it. */
  placePathOf(placeId: string): string;
  /** A website of the fixture site: `mail` on the home page, `contact` only on /contact, or `none`. */
  siteUrl(slug: string): string;
  close(): Promise<void>;
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function featureIdOf(index: number): string {
  return `0x14a1a3${(0x100000 + index).toString(16)}:0x${(0x1c00bd30206d0000 + index * 7919).toString(16)}`;
}

function placePath(place: FixturePlace, index: number): string {
  const coords = place.array[9] as unknown[] | null;
  const lat = Number(coords?.[2] ?? 0).toFixed(7);
  const lng = Number(coords?.[3] ?? 0).toFixed(7);
  return `/maps/place/${encodeURIComponent(placeName(place)).replace(/%20/g, '+')}/data=!4m7!3m6!1s${featureIdOf(index)}!8m2!3d${lat}!4d${lng}!16s%2Fg%2F11fixture`;
}

/**
 * Maps draws each info row's icon with a glyph of its icon font (private-use code points), inside
 * the row next to the text, and repeats the text, with a localized label, in `aria-label`.
 */
const ICON_PLACE = '\ue0c8';
const ICON_PHONE = '\ue0b0';
const ICON_WEBSITE = '\ue80b';
const ICON_PLUS_CODE = '\ue55f';
const ICON_HOURS = '\ue8b5';

const infoRow = (tag: 'a' | 'button', attributes: string, label: string, icon: string, text: string) =>
  `<${tag} class="CsEnBe" ${attributes} aria-label="${esc(label)} " data-tooltip="Copy"><div class="AeaXub">` +
  `<div class="cXHGnc"><span class="google-symbols NhBTye" aria-hidden="true">${icon}</span></div>` +
  `<div class="rogA2c"><div class="Io6YTe fontBodyMedium kR99db">${esc(text)}</div><div class="gSkmPd fontBodySmall"></div></div>` +
  `</div></${tag}>`;

/** Maps shows a website as its host name (the link keeps the whole URL). */
function shownHost(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
}

function placePage(place: FixturePlace, index: number): string {
  const array = place.array;
  const stats = array[4] as unknown[] | null;
  const phone = (array[178] as unknown[][] | null)?.[0]?.[0];
  const website = (array[7] as unknown[] | null)?.[0];
  // The page shows the postal address alone (what [39] holds), never [18]'s "name, address".
  const address = typeof array[39] === 'string' ? array[39] : null;
  const plusCode = (((array[183] as unknown[] | null)?.[2] as unknown[] | null)?.[2] as unknown[] | null)?.[0];
  // The state line ("Open ⋅ Closes 11 pm", "Permanently closed") heads the hours row.
  const stateLine = (((array[203] as unknown[] | null)?.[1] as unknown[] | null)?.[4] as unknown[] | null)?.[0] ?? (array[34] as unknown[][] | null)?.[4]?.[4];
  const dom = `
    <div role="main" aria-label="${esc(placeName(place))}">
      <div class="TIHn2"><div class="tAiQdd">
        <h1 class="DUwDvf">${esc(placeName(place))}</h1>
        <div class="F7nice"><span aria-hidden="true">${esc(String(stats?.[7] ?? ''))}</span><span>(${esc(String(stats?.[8] ?? ''))})</span></div>
        <button class="DkEaL" jsaction="category">${esc(String((array[13] as string[] | null)?.[0] ?? ''))}</button>
      </div></div>
      ${address ? infoRow('button', 'data-item-id="address"', `Address: ${address}`, ICON_PLACE, address) : ''}
      ${typeof stateLine === 'string' ? `<div class="OqCZI"><div class="MkV9" aria-expanded="false"><span class="google-symbols" aria-hidden="true">${ICON_HOURS}</span><span class="ZDu9vd"><span>${esc(stateLine)}</span></span></div></div>` : ''}
      ${typeof plusCode === 'string' ? infoRow('button', 'data-item-id="oloc"', `Plus code: ${plusCode}`, ICON_PLUS_CODE, plusCode) : ''}
      ${website ? infoRow('a', `data-item-id="authority" href="${esc(String(website))}"`, `Website: ${shownHost(String(website))}`, ICON_WEBSITE, shownHost(String(website))) : ''}
      ${phone ? infoRow('button', `data-item-id="phone:tel:${esc(String(phone).replace(/\s/g, ''))}"`, `Phone: ${String(phone)}`, ICON_PHONE, String(phone)) : ''}
    </div>`;
  const state = place.domOnly
    ? ''
    : `<script>window.APP_INITIALIZATION_STATE=${JSON.stringify(
        initializationState([null, null, null, null, null, null, array], place.slot ?? 6),
      ).replace(/</g, '\\u003c')};</script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(placeName(place))} - Google Maps</title>${state}</head><body>${dom}<!-- ${index} --></body></html>`;
}

/** What a camera shows in the fake's window: Web Mercator, 1280×900 pixels. */
const WINDOW = { width: 1280, height: 900 };
const metresPerPixel = (lat: number, zoom: number) => (156_543.033_92 * Math.cos((lat * Math.PI) / 180)) / 2 ** zoom;

function cameraBox(camera: { lat: number; lng: number; zoom: number }): { south: number; west: number; north: number; east: number } {
  const perPixel = metresPerPixel(camera.lat, camera.zoom);
  const halfLat = (perPixel * WINDOW.height) / 2 / 111_320;
  const halfLng = (perPixel * WINDOW.width) / 2 / (111_320 * Math.cos((camera.lat * Math.PI) / 180));
  return { south: camera.lat - halfLat, west: camera.lng - halfLng, north: camera.lat + halfLat, east: camera.lng + halfLng };
}

/** The camera Maps moves to for a region: its centre, zoomed to fit the window (whole levels). */
function regionCamera([south, west, north, east]: [number, number, number, number]): { lat: number; lng: number; zoom: number } {
  const lat = (south + north) / 2;
  const lng = (west + east) / 2;
  const heightM = (north - south) * 111_320;
  const widthM = (east - west) * 111_320 * Math.cos((lat * Math.PI) / 180);
  const fit = Math.min(Math.log2((metresPerPixel(lat, 0) * WINDOW.height) / heightM), Math.log2((metresPerPixel(lat, 0) * WINDOW.width) / widthM));
  return { lat: Number(lat.toFixed(7)), lng: Number(lng.toFixed(7)), zoom: Math.floor(fit) };
}

function parseCamera(text: string | null | undefined): { lat: number; lng: number; zoom: number } | undefined {
  const match = /@(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?),(\d+(?:\.\d+)?)z/.exec(text ?? '');
  return match ? { lat: Number(match[1]), lng: Number(match[2]), zoom: Number(match[3]) } : undefined;
}

function searchPage(query: string, links: string[], initial: number, options: FakeMapsOptions, camera?: string): string {
  const items = links
    .slice(0, initial)
    .map((href) => `<div class="Nv2PK" style="height:120px"><a class="hfpxzc" href="${esc(href)}" aria-label="r"></a></div>`)
    .join('');
  // The feed grows when scrolled near its end, like Maps; the end marker comes after the last page.
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(query)} - Google Maps</title></head><body>
  <div role="feed" aria-label="Results for ${esc(query)}" style="height:600px;overflow-y:auto">${items}</div>
  <script>
    const feed = document.querySelector('div[role=feed]');
    let offset = ${initial}, loading = false, done = ${initial >= links.length};
    const endMarker = ${options.noEndMarker ? 'false' : 'true'};
    function finish() {
      done = true;
      if (endMarker) feed.insertAdjacentHTML('beforeend', '<div class="m6QErb"><span class="HlvSq">You\\'ve reached the end of the list.</span></div>');
    }
    if (done) finish();
    feed.addEventListener('scroll', async () => {
      if (loading || done || feed.scrollTop + feed.clientHeight < feed.scrollHeight - 200) return;
      loading = true;
      const response = await fetch('/maps/feed?q=' + encodeURIComponent(${JSON.stringify(query)}) + '&at=' + encodeURIComponent(${JSON.stringify(camera ?? '')}) + '&offset=' + offset);
      const page = await response.json();
      for (const href of page.links) {
        feed.insertAdjacentHTML('beforeend', '<div class="Nv2PK" style="height:120px"><a class="hfpxzc" aria-label="r"></a></div>');
        feed.lastElementChild.firstElementChild.setAttribute('href', href);
      }
      offset += page.links.length;
      loading = false;
      if (page.end) finish();
    });
  </script></body></html>`;
}

const consentPage = (target: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Before you continue</title></head><body>
  <h1>Before you continue to Google</h1>
  <form action="/consent/save" method="post"><input type="hidden" name="continue" value="${esc(target)}">
    <button type="submit" aria-label="Reject all" name="set_eom" value="true">Reject all</button>
    <button type="submit" aria-label="Accept all" name="set_eom" value="false">Accept all</button>
  </form></body></html>`;

const sites: Record<string, (url: string) => string> = {
  mail: () => `<html><body><h1>Cafe</h1><a href="mailto:hello@mail-cafe.gr">Write to us</a> <a href="/sites/mail/contact">Contact</a></body></html>`,
  contact: (base) => `<html><body><h1>Taverna</h1><a href="${base}/sites/contact/menu">Menu</a> <a href="${base}/sites/contact/contact">Επικοινωνία</a></body></html>`,
  'contact/contact': () => `<html><body><p>Reservations: bookings@taverna-contact.gr</p></body></html>`,
  none: () => `<html><body><h1>No mail here</h1><a href="/sites/none/contact">Contact</a></body></html>`,
  'none/contact': () => `<html><body><p>Call us.</p></body></html>`,
};

export async function startFakeMaps(initial: FakeMapsOptions = {}): Promise<FakeMaps> {
  let options: FakeMapsOptions = { pageSize: 6, feedDelayMs: 30, placeDelayMs: 0, ...initial };
  const hits: string[] = [];
  const visits = new Map<string, number>();
  const cameras: Array<{ lat: number; lng: number; zoom: number }> = [];
  let servingPlaces = 0;
  let maxServingPlaces = 0;
  const places = () => options.places ?? standardPlaces();
  const sleep = (ms: number | undefined) => new Promise((resolve) => setTimeout(resolve, ms ?? 0));

  /** Places matching a query: every word must appear in the name or category; `*` or `all` match all. */
  function matching(query: string): Array<{ place: FixturePlace; index: number }> {
    const all = places().map((place, index) => ({ place, index }));
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.some((word) => word === '*' || word === 'all' || word === 'everything')) return all;
    return all.filter(({ place }) => {
      const text = `${placeName(place)} ${((place.array[13] as string[] | null) ?? []).join(' ')} ${String(place.array[18] ?? '')}`.toLowerCase();
      return words.every((word) => text.includes(word));
    });
  }

  /** Places matching a query, and with a camera only those it sees, `cap` at most, in rank order. */
  function found(query: string, camera: { lat: number; lng: number; zoom: number } | undefined): Array<{ place: FixturePlace; index: number }> {
    const all = matching(query);
    if (!camera) return all;
    const box = cameraBox(camera);
    const seen = all.filter(({ place }) => {
      const coords = place.array[9] as unknown[] | null;
      const lat = Number(coords?.[2]);
      const lng = Number(coords?.[3]);
      return lat >= box.south && lat <= box.north && lng >= box.west && lng <= box.east;
    });
    return seen.slice(0, options.cap ?? 120);
  }

  function linksFor(query: string, camera?: { lat: number; lng: number; zoom: number }): string[] {
    const links: string[] = [];
    for (const { place, index } of found(query, camera)) {
      links.push(placePath(place, index));
      // Maps repeats some results (sponsored ones) further down; the copy has other query params.
      if (options.duplicateLinks && index % 3 === 0) links.push(`${placePath(place, index)}?authuser=0&hl=en&rclk=1`);
    }
    return links;
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fixture');
    hits.push(`${url.pathname}${url.search}`);
    const html = (body: string, status = 200) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
      response.end(body);
    };
    const redirect = (location: string) => {
      response.writeHead(302, { location });
      response.end();
    };
    const consented = /(?:^|;\s*)SOCS=accepted/.test(request.headers.cookie ?? '');

    if (url.pathname.startsWith('/sites/')) {
      const key = url.pathname.slice('/sites/'.length).replace(/\/$/, '');
      const site = sites[key];
      if (!site) return html('<html><body>not found</body></html>', 404);
      return html(site(`http://${request.headers.host ?? ''}`));
    }
    if (url.pathname === '/consent/save' && request.method === 'POST') {
      let body = '';
      for await (const chunk of request) body += String(chunk);
      const form = new URLSearchParams(body);
      response.writeHead(302, { location: form.get('continue') ?? '/', 'set-cookie': 'SOCS=accepted; Path=/' });
      response.end();
      return;
    }
    if (url.pathname === '/consent') return html(consentPage(url.searchParams.get('continue') ?? '/'));
    if (url.pathname.startsWith('/sorry/')) return html('<html><body>Our systems have detected unusual traffic from your computer network.</body></html>', 429);
    if (options.consent && !consented && url.pathname.startsWith('/maps/')) {
      return redirect(`/consent?continue=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
    }

    if (url.pathname.startsWith('/maps/search/')) {
      const rest = url.pathname.slice('/maps/search/'.length);
      const query = decodeURIComponent(rest.replace(/\+/g, ' ')).replace(/\/.*$/, '');
      const cameraText = /\/(@[^/]+)/.exec(rest)?.[1];
      const camera = parseCamera(cameraText);
      if (camera) cameras.push(camera);
      if (query.trim().toLowerCase() === 'blocked') return redirect(`/sorry/index?continue=${encodeURIComponent(url.href)}`);
      const region = Object.entries(options.regions ?? {}).find(([name]) => name.toLowerCase() === query.trim().toLowerCase());
      if (region && !camera) {
        // Maps loads the search, then moves the map to the place and rewrites the address.
        const at = regionCamera(region[1]);
        const target = `/maps/place/${encodeURIComponent(region[0])}/@${at.lat},${at.lng},${at.zoom}z/data=!3m1!4b1!4m2!3m1!1s0x0:0x${region[0].length.toString(16)}`;
        return html(
          `<!doctype html><html><head><meta charset="utf-8"><title>${esc(region[0])} - Google Maps</title></head><body><h1>${esc(region[0])}</h1>` +
            `<script>setTimeout(() => history.replaceState(null, '', ${JSON.stringify(target)}), 50);</script></body></html>`,
        );
      }
      const results = found(query, camera);
      if (results.length === 1) return redirect(placePath(results[0]!.place, results[0]!.index));
      return html(searchPage(query, linksFor(query, camera), options.pageSize ?? 6, options, cameraText));
    }
    if (url.pathname === '/maps/feed') {
      await sleep(options.feedDelayMs);
      const links = linksFor(url.searchParams.get('q') ?? '', parseCamera(url.searchParams.get('at')));
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const page = links.slice(offset, offset + (options.pageSize ?? 6));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ links: page, end: offset + page.length >= links.length }));
      return;
    }
    if (url.pathname === '/maps/place/' && url.searchParams.has('q')) {
      const wanted = /^place_id:(.+)$/.exec(url.searchParams.get('q') ?? '')?.[1];
      const index = places().findIndex((place) => placeIdOf(place) === wanted);
      if (index < 0) return html(`<!doctype html><html><head><title>Google Maps</title></head><body><div id="scene"></div></body></html>`);
      return redirect(`${placePath(places()[index]!, index)}${url.search.replace(/^\?q=[^&]*&?/, '?').replace(/\?$/, '')}`);
    }
    if (url.pathname.startsWith('/maps/place/')) {
      const feature = /!1s(0x[0-9a-f]+:0x[0-9a-f]+)/.exec(url.pathname)?.[1];
      const all = places();
      const index = all.findIndex((_, i) => featureIdOf(i) === feature);
      const place = all[index];
      if (!place) return html('<html><body>no such place</body></html>', 404);
      visits.set(placeIdOf(place), (visits.get(placeIdOf(place)) ?? 0) + 1);
      servingPlaces += 1;
      maxServingPlaces = Math.max(maxServingPlaces, servingPlaces);
      try {
        await sleep((options.placeDelayMs ?? 0) + (options.slowPlaces?.[placeName(place)] ?? 0));
      } finally {
        servingPlaces -= 1;
      }
      return html(placePage(place, index));
    }
    html('<html><body>not found</body></html>', 404);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    placeVisits: () => [...visits.values()].reduce((sum, count) => sum + count, 0),
    maxConcurrentPlaces: () => maxServingPlaces,
    visitsOf: (placeId) => visits.get(placeId) ?? 0,
    cameraSearches: () => [...cameras],
    setOptions(changes) {
      options = { ...options, ...changes };
    },
    placePathOf(placeId) {
      const index = places().findIndex((place) => placeIdOf(place) === placeId);
      if (index < 0) throw new Error(`no fixture place ${placeId}`);
      return placePath(places()[index]!, index);
    },
    siteUrl: (slug) => `${url}/sites/${slug}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
