/**
 * A Maps-like site on 127.0.0.1, shaped like Google Maps where the scraper looks:
 *
 * - `/maps/search/<query>?hl=`: a results feed (`div[role=feed]`) that loads more links as it is
 *   scrolled, then shows the end-of-list marker; a query matching one place redirects to that
 *   place (as Maps does); query `blocked` redirects to `/sorry/index`.
 * - `/maps/place/<name>/data=!…!1s<feature id>…`: the place page with
 *   `window.APP_INITIALIZATION_STATE` built from the real captures, or only the DOM.
 * - a consent interstitial (`/consent`) in front of everything until it is accepted (cookie).
 * - `/sites/<slug>/`: small business websites, with an e-mail on the home page, only on a
 *   contact page, or none.
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
  /** Show the consent page first (like a fresh EU browser). */
  consent?: boolean;
  /** Repeat some links in the feed (Maps repeats sponsored places). */
  duplicateLinks?: boolean;
  /** Never show the end marker: the scraper must stop on "no growth". */
  noEndMarker?: boolean;
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
  /** Setup for later requests. */
  setOptions(options: Partial<FakeMapsOptions>): void;
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

function placePage(place: FixturePlace, index: number): string {
  const array = place.array;
  const stats = array[4] as unknown[] | null;
  const phone = (array[178] as unknown[][] | null)?.[0]?.[0];
  const website = (array[7] as unknown[] | null)?.[0];
  const dom = `
    <div role="main" aria-label="${esc(placeName(place))}">
      <h1 class="DUwDvf">${esc(placeName(place))}</h1>
      <div class="F7nice"><span aria-hidden="true">${esc(String(stats?.[7] ?? ''))}</span><span>(${esc(String(stats?.[8] ?? ''))})</span></div>
      <button class="DkEaL" jsaction="category">${esc(String((array[13] as string[] | null)?.[0] ?? ''))}</button>
      <button data-item-id="address"><div class="Io6YTe">${esc(String(array[18] ?? ''))}</div></button>
      ${website ? `<a data-item-id="authority" href="${esc(String(website))}"><div class="Io6YTe">site</div></a>` : ''}
      ${phone ? `<button data-item-id="phone:tel:${esc(String(phone).replace(/\s/g, ''))}"><div class="Io6YTe">${esc(String(phone))}</div></button>` : ''}
    </div>`;
  const state = place.domOnly
    ? ''
    : `<script>window.APP_INITIALIZATION_STATE=${JSON.stringify(
        initializationState([null, null, null, null, null, null, array], place.slot ?? 6),
      ).replace(/</g, '\\u003c')};</script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(placeName(place))} - Google Maps</title>${state}</head><body>${dom}<!-- ${index} --></body></html>`;
}

function searchPage(query: string, links: string[], initial: number, options: FakeMapsOptions): string {
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
      const response = await fetch('/maps/feed?q=' + encodeURIComponent(${JSON.stringify(query)}) + '&offset=' + offset);
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

  function linksFor(query: string): string[] {
    const links: string[] = [];
    for (const { place, index } of matching(query)) {
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
      const query = decodeURIComponent(url.pathname.slice('/maps/search/'.length).replace(/\+/g, ' ')).replace(/\/.*$/, '');
      if (query.trim().toLowerCase() === 'blocked') return redirect(`/sorry/index?continue=${encodeURIComponent(url.href)}`);
      const found = matching(query);
      if (found.length === 1) return redirect(placePath(found[0]!.place, found[0]!.index));
      return html(searchPage(query, linksFor(query), options.pageSize ?? 6, options));
    }
    if (url.pathname === '/maps/feed') {
      await sleep(options.feedDelayMs);
      const links = linksFor(url.searchParams.get('q') ?? '');
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const page = links.slice(offset, offset + (options.pageSize ?? 6));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ links: page, end: offset + page.length >= links.length }));
      return;
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
        await sleep(options.placeDelayMs);
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
    setOptions(changes) {
      options = { ...options, ...changes };
    },
    siteUrl: (slug) => `${url}/sites/${slug}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
