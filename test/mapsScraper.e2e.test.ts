import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Place } from '../handlers/mapsPlace.js';
import { createLogger } from '../src/logger.js';
import { BrowserNotFoundError, resolveChromium } from '../src/services/scraper/browser.js';
import { scrapeMaps, ScrapeBlockedError, ScrapeCancelledError, type ScraperOptions } from '../src/services/scraper/mapsScraper.js';
import { chromiumDescendants } from './support/chromiumProcesses.js';
import { startFakeMaps, type FakeMaps } from './support/fakeMaps.js';
import { bulkPlaces, capture, closedVariant, standardPlaces, variant } from './support/mapsFixtures.js';

let maps: FakeMaps;
let options: ScraperOptions;

beforeAll(async () => {
  maps = await startFakeMaps();
  options = {
    executablePath: resolveChromium(process.env.CHROMIUM_PATH),
    baseUrl: maps.url,
    concurrency: 3,
    emailTimeoutMs: 5_000,
    stallMs: 1_500,
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
  };
});

afterEach(() => {
  maps.setOptions({ places: undefined, consent: false, duplicateLinks: false, noEndMarker: false, placeDelayMs: 0 });
  // Whatever a test did, no Chromium may outlive its scrape.
  expect(chromiumDescendants()).toEqual([]);
});

afterAll(async () => {
  await maps?.close();
});

async function scrape(query: string, maxResults: number, extra: Partial<Parameters<typeof scrapeMaps>[1]> = {}) {
  const places: Array<{ place: Place; position: number }> = [];
  const summary = await scrapeMaps(options, {
    query,
    maxResults,
    language: 'en',
    onResult: (place, position) => {
      places.push({ place, position });
    },
    ...extra,
  });
  return { places: places.map((entry) => entry.place), positions: places.map((entry) => entry.position), summary };
}

describe('Maps scraper on the fixture site, in real Chromium', () => {
  it('runs the whole browser at the lower priority asked for, renderers started later too', async () => {
    maps.setOptions({ places: bulkPlaces(30) });
    // Every Chromium process's scheduling group, seen while the scrape runs (pages are renewed every 20 places).
    const processes = new Set<number>();
    const groups = new Set<string>();
    const look = () => {
      for (const pid of chromiumDescendants()) {
        try {
          groups.add(readFileSync(`/proc/${pid}/autogroup`, 'utf8').trim().replace(/^\/autogroup-\d+/, 'group'));
          processes.add(pid);
        } catch {
          // ended meanwhile
        }
      }
    };
    // The feed of a browser a tenth as fast may pause longer than the other tests allow it.
    const summary = await scrapeMaps({ ...options, browserNice: 10, stallMs: 60_000 }, { query: 'all', maxResults: 25, language: 'en', onResult: look });
    expect(summary.extracted).toBe(25);
    // The browser, its helpers and the renderers of both page generations.
    expect(processes.size).toBeGreaterThanOrEqual(5);
    expect([...groups]).toEqual(['group nice 10']);
    // At nice 10 the browser gets about a tenth of a core busy with other work (the other test files
    // in CI): the priority is the point, so this scrape may take ten times as long as alone (7 s).
  }, 180_000);

  it('scrolls the feed until it has enough, reading each place with its real values', async () => {
    maps.setOptions({ places: [...standardPlaces(), ...bulkPlaces(30)] });
    const { places, positions, summary } = await scrape('all', 15);
    expect(places).toHaveLength(15);
    expect(positions).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(new Set(places.map((place) => place.place_id)).size).toBe(15);
    expect(summary.feedEnd).toBe('enough');
    // 6 links per feed page: 15 results needed scroll loads.
    expect(maps.hits.filter((hit) => hit.startsWith('/maps/feed')).length).toBeGreaterThanOrEqual(2);
    const kipriakon = places.find((place) => place.place_id === 'ChIJDdnwdv0y5xQRRytw1ihZQeU');
    expect(kipriakon).toMatchObject({
      business_name: 'Kipriakon',
      category: 'Restaurant',
      address: 'Old port, Limassol 3042',
      phone: '25 101555',
      rating: 4.2,
      review_count: 396,
      one_star: 37,
      five_star: 256,
      latitude: 34.6705954,
      longitude: 33.0424567,
      website: null,
      email: null,
    });
    expect(kipriakon?.google_maps_url).toMatch(new RegExp(`^${maps.url}/maps/place/Kipriakon/data=`));
    // Happy Island's page embeds the place at [3][5].
    expect(places.find((place) => place.business_name === 'Happy Island Restaurant')).toMatchObject({
      address: '65 Natalia Court, Poseidonos Ave, Paphos 8042',
      phone: '26 937077',
      five_star: 415,
    });
  });

  it('stops at the end-of-list marker with fewer than asked', async () => {
    const { places, summary } = await scrape('coffee shop', 100);
    expect(summary.feedEnd).toBe('end-marker');
    // The real search response: 20 coffee places, of which these categories say "Coffee shop".
    expect(places.length).toBeGreaterThan(10);
    expect(places.every((place) => place.categories.includes('Coffee shop'))).toBe(true);
  });

  it('calls it the end when the feed stops growing and shows no marker', async () => {
    maps.setOptions({ noEndMarker: true });
    const { places, summary } = await scrape('restaurant', 50);
    expect(summary.feedEnd).toBe('no-growth');
    expect(places.map((place) => place.business_name).sort()).toEqual(['Happy Island Restaurant', 'Kipriakon', 'NooK']);
  });

  it('accepts the consent page first', async () => {
    maps.setOptions({ consent: true });
    const { places } = await scrape('restaurant', 3);
    expect(places).toHaveLength(3);
    expect(maps.hits.some((hit) => hit.startsWith('/consent?continue='))).toBe(true);
    expect(maps.hits.some((hit) => hit === '/consent/save')).toBe(true);
  });

  it('follows the redirect of a single result to the place', async () => {
    const { places, summary } = await scrape('Kipriakon', 10);
    expect(summary.feedEnd).toBe('single-result');
    expect(places.map((place) => place.place_id)).toEqual(['ChIJDdnwdv0y5xQRRytw1ihZQeU']);
  });

  it('stops with a clear error when Google blocks (/sorry/)', async () => {
    await expect(scrape('blocked', 5)).rejects.toThrow(ScrapeBlockedError);
    await expect(scrape('blocked', 5)).rejects.toThrow(/blocking automated traffic.*\/sorry\/index/);
  });

  it('never returns the same place twice, even when the feed repeats it', async () => {
    maps.setOptions({ duplicateLinks: true });
    const { places } = await scrape('all', 40);
    expect(places).toHaveLength(22);
    expect(new Set(places.map((place) => place.place_id)).size).toBe(22);
  });

  it('skips what an earlier run delivered when resuming', async () => {
    const first = await scrape('coffee', 5);
    const second = await scrape('coffee', 8, {
      already: { placeIds: first.places.map((p) => p.place_id), links: first.places.map((p) => p.google_maps_url), count: 5 },
    });
    expect(second.places).toHaveLength(3);
    expect(second.positions).toEqual([6, 7, 8]);
    expect(second.places.some((place) => first.places.some((done) => done.place_id === place.place_id))).toBe(false);
  });

  it('reads the variants: no phone, no website, non-Latin names, old histogram path, DOM only', async () => {
    const [kipriakon, happy] = standardPlaces();
    const oldHistogram = variant(happy!, { id: 'ChIJold', name: 'مطعم الجزيرة السعيدة', 175: null, 52: [null, null, null, [1, 2, 3, 4, 5]] });
    const places = [
      variant(kipriakon!, { id: 'ChIJnophone', name: 'Таверна Без Телефона', 178: null }),
      oldHistogram,
      { ...variant(kipriakon!, { id: 'ChIJdom', name: 'Ταβέρνα DOM' }), domOnly: true },
      { ...variant(happy!, { id: 'ChIJdomhappy', name: 'Happy DOM' }), domOnly: true },
      variant(kipriakon!, { id: 'ChIJmail', name: 'Mail Cafe', 7: [maps.siteUrl('mail')] }),
      variant(kipriakon!, { id: 'ChIJcontact', name: 'Contact Taverna', 7: [maps.siteUrl('contact')] }),
      variant(kipriakon!, { id: 'ChIJnone', name: 'Silent Bistro', 7: [maps.siteUrl('none')] }),
      variant(kipriakon!, { id: 'ChIJsocial', name: 'Insta Bar', 7: ['https://www.instagram.com/insta_bar'] }),
    ];
    maps.setOptions({ places });
    const { places: found } = await scrape('all', 10);
    const byId = new Map(found.map((place) => [place.place_id, place]));
    expect(byId.get('ChIJnophone')).toMatchObject({ business_name: 'Таверна Без Телефона', phone: null, website: null, review_count: 396 });
    expect(byId.get('ChIJold')).toMatchObject({ business_name: 'مطعم الجزيرة السعيدة', one_star: 1, five_star: 5 });
    const dom = found.find((place) => place.business_name === 'Ταβέρνα DOM');
    // The page shows the postal address alone, next to an icon glyph that is not part of it.
    expect(dom).toMatchObject({ phone: '25 101555', rating: 4.2, review_count: 396, address: 'Old port, Limassol 3042' });
    expect(dom?.place_id).toMatch(/^0x[0-9a-f]+:0x[0-9a-f]+$/);
    expect(found.find((place) => place.business_name === 'Happy DOM')).toMatchObject({
      phone: '26 937077',
      address: '65 Natalia Court, Poseidonos Ave, Paphos 8042',
    });
    expect(byId.get('ChIJmail')).toMatchObject({ website: maps.siteUrl('mail'), email: 'hello@mail-cafe.gr' });
    expect(byId.get('ChIJcontact')?.email).toBe('bookings@taverna-contact.gr');
    expect(byId.get('ChIJnone')?.email).toBeNull();
    expect(byId.get('ChIJsocial')).toMatchObject({ website: 'https://www.instagram.com/insta_bar', email: null });
    expect(found).toHaveLength(8);
    expect(capture('kipriakon')).toBeDefined();
  });

  it('reads hours, price, plus codes and the address in parts, and marks closed businesses, from the JSON and from the page', async () => {
    const [kipriakon, happy] = standardPlaces();
    const places = [
      kipriakon!,
      happy!,
      closedVariant(kipriakon!, { id: 'ChIJgone', name: 'Gone Taverna' }, 'Permanently closed', false),
      closedVariant(happy!, { id: 'ChIJpaused', name: 'Paused Grill' }, 'Temporarily closed', true),
      // The page's language: the scraper asks Maps for the job's language.
      closedVariant(kipriakon!, { id: 'ChIJgone-ru', name: 'Таверна Закрыта' }, 'Закрыто навсегда', false),
      { ...closedVariant(happy!, { id: 'ChIJgone-dom', name: 'Gone DOM' }, 'مغلق نهائيًا', false), domOnly: true },
      { ...closedVariant(kipriakon!, { id: 'ChIJpaused-dom', name: 'Paused DOM' }, 'Temporarily closed', true), domOnly: true },
      { ...variant(kipriakon!, { id: 'ChIJopen-dom', name: 'Open DOM' }), domOnly: true },
    ];
    maps.setOptions({ places });
    const { places: found } = await scrape('all', 10);
    expect(found).toHaveLength(8);
    const byName = new Map(found.map((place) => [place.business_name, place]));
    expect(byName.get('Kipriakon')).toMatchObject({
      business_status: 'OPERATIONAL',
      price_range: '€€',
      plus_code: '8G6MM2CR+6X',
      plus_code_compound: 'M2CR+6X Limassol',
      street: 'Old port',
      city: 'Limassol',
      postal_code: '3042',
      country_code: 'CY',
      address: 'Old port, Limassol 3042',
    });
    expect(byName.get('Kipriakon')?.opening_hours).toHaveLength(7);
    expect(byName.get('Kipriakon')?.opening_hours?.[0]).toEqual({ day: 'monday', hours: [{ open: '12:30', close: '22:00' }] });
    expect(byName.get('Happy Island Restaurant')?.opening_hours?.[2]).toEqual({ day: 'wednesday', hours: [{ open: '00:00', close: '22:45' }] });
    expect(byName.get('Gone Taverna')).toMatchObject({ business_status: 'CLOSED_PERMANENTLY', opening_hours: null, phone: '25 101555' });
    expect(byName.get('Paused Grill')).toMatchObject({ business_status: 'CLOSED_TEMPORARILY', city: 'Paphos' });
    expect(byName.get('Paused Grill')?.opening_hours).toHaveLength(7);
    expect(byName.get('Таверна Закрыта')?.business_status).toBe('CLOSED_PERMANENTLY');
    // Without the JSON, the state line and the plus code row of the page tell.
    expect(byName.get('Gone DOM')).toMatchObject({ business_status: 'CLOSED_PERMANENTLY', plus_code_compound: 'QC39+VV Paphos', phone: '26 937077' });
    expect(byName.get('Paused DOM')).toMatchObject({ business_status: 'CLOSED_TEMPORARILY', plus_code_compound: 'M2CR+6X Limassol' });
    // "Closed ⋅ Opens 12:30 pm Tue" on the page: closed for the night only.
    expect(byName.get('Open DOM')).toMatchObject({ business_status: 'OPERATIONAL', plus_code_compound: 'M2CR+6X Limassol' });
  });

  it('reads several places at once', async () => {
    maps.setOptions({ places: bulkPlaces(12), placeDelayMs: 150 });
    const { places } = await scrape('all', 12);
    expect(places).toHaveLength(12);
    expect(maps.maxConcurrentPlaces()).toBeGreaterThanOrEqual(2);
    expect(maps.maxConcurrentPlaces()).toBeLessThanOrEqual(options.concurrency);
  });

  it('stops when cancelled, leaving no Chromium behind', async () => {
    maps.setOptions({ places: bulkPlaces(40), placeDelayMs: 100 });
    const abort = new AbortController();
    const seen: string[] = [];
    const run = scrapeMaps(options, {
      query: 'all',
      maxResults: 40,
      language: 'en',
      signal: abort.signal,
      onResult: (place) => {
        seen.push(place.place_id);
        if (seen.length === 3) abort.abort();
      },
    });
    await expect(run).rejects.toThrow(ScrapeCancelledError);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeLessThan(40);
    expect(chromiumDescendants()).toEqual([]);
  });

  it('says how to get a browser when none is found', () => {
    expect(() => resolveChromium('/nowhere/chrome')).toThrow(BrowserNotFoundError);
    expect(() => resolveChromium(undefined, () => false)).toThrow(/npx playwright install chromium.*CHROMIUM_PATH/);
  });
});
