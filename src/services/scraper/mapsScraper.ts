import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Agent } from 'undici';
import {
  idsFromPlaceUrl,
  placeFromDom,
  placeFromInitializationState,
  PlaceParseError,
  type ParsedPlace,
  type Place,
  type PlaceDom,
} from '../../../handlers/mapsPlace.js';
import type { Logger } from '../../logger.js';
import { backoffMs } from '../backoff.js';
import { boxOfCamera, cameraFromUrl, cameraPath, MAPS_VIEWPORT, type Box, type Camera } from './areaGrid.js';
import { launchChromium } from './browser.js';
import { playwrightProxy, ProxyWatch } from './proxyFailures.js';
import type { ScrapeProxy } from './proxyList.js';
import { findWebsiteEmail } from './websiteEmail.js';

export class ScrapeBlockedError extends Error {
  constructor(url: string) {
    super(`Google Maps is blocking automated traffic from this address (redirected to ${new URL(url).pathname}); try again later`);
    this.name = 'ScrapeBlockedError';
  }
}

export class ScrapeCancelledError extends Error {
  constructor() {
    super('the scrape was cancelled');
    this.name = 'ScrapeCancelledError';
  }
}

export interface ScraperOptions {
  executablePath: string;
  /** e.g. https://www.google.com (tests: the fixture site). */
  baseUrl: string;
  /** Place pages open at once. */
  concurrency: number;
  /** Time allowed to find an e-mail on a place's website (home and contact page together). */
  emailTimeoutMs: number;
  /** How long the feed may stay the same size before we call it the end. */
  stallMs?: number;
  /** Timeout of one page load. */
  navigationTimeoutMs?: number;
  /** HTTP agent for the websites visited for e-mails (the address-guarded one in the app). */
  websiteAgent?: Agent;
  /** Nice value of the browser's processes (0 or unset: unchanged). */
  browserNice?: number;
  /** The proxy this scrape's browser context goes through (unset: direct). */
  proxy?: ScrapeProxy | undefined;
  /**
   * A browser context to search in instead of launching a browser (an area search runs all its
   * cells in one, so a consent given once holds, and no browser starts per cell); the scrape then
   * closes only the pages it opened.
   */
  context?: BrowserContext;
  log: Logger;
}

export interface ScrapeRequest {
  query: string;
  /** Search where this camera looks (`/maps/search/<query>/@lat,lng,zoomz`): one cell of an area. */
  camera?: Camera;
  /** Results wanted in all, counting those in `already`. */
  maxResults: number;
  language: string;
  signal?: AbortSignal;
  /** What an earlier run of the same job already delivered (a resume after a restart). */
  already?: { placeIds: Iterable<string>; links: Iterable<string>; count: number };
  /**
   * Places the user already has from other scrapes: neither delivered nor counted. A link whose
   * feature id is known is not even opened; the rest are told apart by place id once read.
   */
  known?: { placeIds: Iterable<string>; featureIds: Iterable<string> };
  /** Called once per new place, in extraction order; the scrape waits for it (keep it quick). */
  onResult(place: Place, position: number): Promise<void> | void;
  /** Links found in the feed so far (for progress). */
  onFeedGrowth?(links: number): void;
}

export interface ScrapeSummary {
  /** New results of this run. */
  extracted: number;
  /** Pages that could not be read at all. */
  unreadable: number;
  /** Duplicates skipped (same place id). */
  duplicates: number;
  /** Places left out because the user already has them (`known`). */
  known: number;
  /** Why the feed stopped: enough links, the end marker, no growth, or a single-result page. */
  feedEnd: 'enough' | 'end-marker' | 'no-growth' | 'single-result';
  /** Distinct places the feed listed (an area cell whose feed reaches Maps' cap is cut short). */
  feedLinks: number;
}

/** The feed's links and whether it shows the end marker; scrolling it to the bottom loads more. */
const feedState = (scroll: boolean) => `(() => {
  const feed = document.querySelector('div[role="feed"]');
  if (!feed) return null;
  if (${scroll}) feed.scrollTop = feed.scrollHeight;
  const links = Array.from(feed.querySelectorAll('a[href*="/maps/place/"]'), (a) => a.href);
  const last = feed.lastElementChild;
  const end = !!feed.querySelector('.HlvSq') || /reached the end of the list/i.test(last ? last.textContent || '' : '');
  return { links, end };
})()`;

const INITIALIZATION_STATE = `(() => { try { return window.APP_INITIALIZATION_STATE ?? null; } catch { return null; } })()`;

/**
 * What a place page shows. An info row (address, phone, plus code) holds an icon drawn with a glyph of
 * Maps' icon font (private-use code points) next to its text, so the text is read from the row's
 * text element (.Io6YTe), else from the row with those glyphs removed; the address row shows
 * the postal address alone.
 */
const PAGE_DOM = `(() => {
  const text = (selector) => { const node = document.querySelector(selector); return node ? (node.textContent || '').trim() || null : null; };
  const row = (selector) => {
    const node = document.querySelector(selector);
    if (!node) return null;
    const inner = node.querySelector('.Io6YTe');
    const shown = (inner || node).textContent || '';
    return shown.replace(/[\\uE000-\\uF8FF]/g, '').replace(/\\s+/g, ' ').trim() || null;
  };
  // The state line ("Permanently closed", "Open ⋅ Closes 11 pm") sits in the block under the name
  // and in the hours row: their short texts, the name itself left out (a bar may be called "Closed").
  const stateTexts = () => {
    const heading = document.querySelector('h1');
    const header = heading ? heading.closest('.TIHn2') || (heading.parentElement && heading.parentElement.parentElement) : null;
    const blocks = [header, ...document.querySelectorAll('.OqCZI, .ZDu9vd, [data-item-id="oh"]')].filter(Boolean);
    const texts = [];
    for (const block of blocks) {
      for (const node of [block, ...block.querySelectorAll('*')]) {
        if (node.children.length > 0 || (heading && heading.contains(node))) continue;
        const shown = (node.textContent || '').replace(/[\\uE000-\\uF8FF]/g, '').replace(/\\s+/g, ' ').trim();
        if (shown && shown.length <= 80) texts.push(shown);
      }
    }
    return texts;
  };
  const site = document.querySelector('a[data-item-id="authority"]');
  return {
    name: text('h1'),
    category: text('button.DkEaL, button[jsaction*="category"]'),
    address: row('button[data-item-id="address"]'),
    phone: row('button[data-item-id^="phone:tel:"]'),
    website: site ? site.getAttribute('href') : null,
    ratingText: text('div.F7nice span[aria-hidden="true"]'),
    reviewsText: text('div.F7nice span:not([aria-hidden])'),
    stateTexts: stateTexts(),
    plusCode: row('button[data-item-id="oloc"]'),
    url: location.href,
  };
})()`;

/** Tries at reading one place page before it counts as unreadable. */
const PLACE_READ_ATTEMPTS = 2;

/** Place pages one worker page reads before it is replaced by a fresh one. */
const PAGE_RECYCLE_EVERY = 20;

/** The same place under another link: Maps adds query parameters to repeated (sponsored) entries. */
const linkKey = (link: string) => link.split('?')[0] ?? link;

export function isBlocked(url: string): boolean {
  try {
    return new URL(url).pathname.startsWith('/sorry/');
  } catch {
    return false;
  }
}

/**
 * Scrapes one Maps search: a feed page scrolled for links while `concurrency` pages read the
 * places, so the first result goes out while the feed is still loading. The browser is this
 * scrape's own and is closed on every way out (done, error, cancel).
 */
export async function scrapeMaps(options: ScraperOptions, request: ScrapeRequest): Promise<ScrapeSummary> {
  const { log } = options;
  const signal = request.signal;
  if (signal?.aborted) throw new ScrapeCancelledError();

  const seenIds = new Set(request.already?.placeIds ?? []);
  const seenLinks = new Set([...(request.already?.links ?? [])].map(linkKey));
  const target = request.maxResults - (request.already?.count ?? 0);
  const knownIds = new Set(request.known?.placeIds ?? []);
  const knownFeatures = new Set(request.known?.featureIds ?? []);
  const summary: ScrapeSummary = { extracted: 0, unreadable: 0, duplicates: 0, known: 0, feedEnd: 'enough', feedLinks: 0 };
  if (target <= 0) return summary;

  const shared = options.context;
  const browser = shared ? undefined : await launchChromium(options.executablePath, options.browserNice);
  /** Pages this scrape opened: in a borrowed context, closing them ends whatever they were loading. */
  const ownPages = new Set<Page>();
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= browser ? closeBrowser(browser, log) : closePages(ownPages));
  let failure: unknown;
  const fail = (error: unknown) => {
    if (failure === undefined) {
      failure = error;
      // Pages still loading would hold the scrape until their timeout: closing the browser ends
      // them at once (cancel, block, or any other failure stops everything anyway).
      void close();
    }
    wake();
  };
  const onAbort = () => fail(new ScrapeCancelledError());
  signal?.addEventListener('abort', onAbort, { once: true });

  // Shared state of the feed scroller and the place workers. Links are numbered in feed order;
  // pages are read several at a time, but results are delivered in that order (Maps' ranking),
  // so "the first 20" are the same 20 however long each page or website takes.
  const queue: Array<{ link: string; rank: number }> = [];
  let ranks = 0;
  /** Pages read and not yet delivered, by rank: a place, or null (unreadable). */
  const settled = new Map<number, Place | null>();
  let nextRank = 0;
  let feedDone = false;
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  function wake() {
    const current = waiters;
    waiters = [];
    for (const resolve of current) resolve();
  }
  const changed = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  const enough = () => summary.extracted >= target;
  /** Pages read or being read that may still become results: enough of them, and reading more waits. */
  const candidates = () => inFlight + settled.size;
  let position = request.already?.count ?? 0;
  let delivering: Promise<void> = Promise.resolve();

  /** Delivers every settled page whose turn has come, one at a time. */
  const deliverInOrder = async () => {
    while (!failure && !enough() && settled.has(nextRank)) {
      const place = settled.get(nextRank)!;
      settled.delete(nextRank);
      nextRank += 1;
      if (!place) continue;
      if (seenIds.has(place.place_id)) {
        summary.duplicates += 1;
        continue;
      }
      if (knownIds.has(place.place_id)) {
        summary.known += 1;
        continue;
      }
      seenIds.add(place.place_id);
      summary.extracted += 1;
      position += 1;
      await request.onResult(place, position);
    }
    wake();
  };

  try {
    const context = shared ?? (await openContext(browser!, options, request.language));
    const proxyWatch = new ProxyWatch(options.proxy);
    const newPage = async () => {
      const page = await context.newPage();
      ownPages.add(page);
      if (failure) throw failure;
      return page;
    };

    const feedPage = await newPage();
    const searchPath = `/maps/search/${encodeURIComponent(request.query).replace(/%20/g, '+')}${request.camera ? `/${cameraPath(request.camera)}` : ''}`;
    const searchUrl = new URL(searchPath, options.baseUrl);
    searchUrl.searchParams.set('hl', request.language);
    await openSearch(feedPage, searchUrl.href, proxyWatch);

    const addLinks = (links: string[]) => {
      for (const link of links) {
        const key = linkKey(link);
        if (seenLinks.has(key)) continue;
        seenLinks.add(key);
        const featureId = idsFromPlaceUrl(link).featureId;
        if (featureId && knownFeatures.has(featureId)) {
          summary.known += 1;
          continue;
        }
        queue.push({ link, rank: ranks++ });
      }
      wake();
    };

    const scroller = (async () => {
      if (feedPage.url().includes('/maps/place/')) {
        summary.feedEnd = 'single-result';
        addLinks([feedPage.url()]);
        return;
      }
      const stallMs = options.stallMs ?? 8_000;
      let lastCount = -1;
      let lastGrowth = Date.now();
      while (!failure && !enough()) {
        // Enough links waiting or being read: look again without scrolling, in case some turn out
        // duplicates or unreadable.
        const needMore = queue.length + candidates() + summary.extracted < target;
        const state = (await feedPage.evaluate(feedState(needMore))) as { links: string[]; end: boolean } | null;
        if (!state) throw new Error('the results feed disappeared from the search page');
        if (state.links.length !== lastCount) {
          lastCount = state.links.length;
          summary.feedLinks = new Set(state.links.map(linkKey)).size;
          lastGrowth = Date.now();
          addLinks(state.links);
          request.onFeedGrowth?.(state.links.length);
        }
        if (state.end) {
          summary.feedEnd = 'end-marker';
          return;
        }
        if (!needMore) {
          lastGrowth = Date.now();
          await changed(1_000);
          continue;
        }
        if (Date.now() - lastGrowth > stallMs) {
          summary.feedEnd = 'no-growth';
          return;
        }
        await changed(250);
      }
    })()
      .catch(fail)
      .finally(() => {
        feedDone = true;
        wake();
      });

    const worker = async () => {
      let page = await newPage();
      let visits = 0;
      try {
        while (!failure && !enough()) {
          // Pages already read (or being read) that could fill what is left: wait for their turn
          // rather than read further ahead.
          const next = candidates() < target - summary.extracted ? queue.shift() : undefined;
          if (!next) {
            if (feedDone && queue.length === 0 && candidates() === 0) return;
            await changed(1_000);
            continue;
          }
          if (visits === PAGE_RECYCLE_EVERY) {
            // A fresh page (and renderer) now and then keeps memory flat over long scrapes.
            await page.close().catch(() => undefined);
            page = await newPage();
            visits = 0;
          }
          visits += 1;
          inFlight += 1;
          let place: Place | null = null;
          try {
            place = await readPlace(page, next.link);
          } finally {
            inFlight -= 1;
            settled.set(next.rank, place);
            delivering = delivering.then(deliverInOrder);
          }
          await delivering;
        }
      } finally {
        await page.close().catch(() => undefined);
      }
    };

    /** The place behind a link, or null when its page cannot be read (after one more try). */
    const readPlace = async (page: Page, link: string): Promise<Place | null> => {
      let parsed: ParsedPlace | undefined;
      for (let attempt = 1; !parsed; attempt += 1) {
        try {
          proxyWatch.answered(await page.goto(link, { waitUntil: 'domcontentloaded' }));
          if (isBlocked(page.url())) throw new ScrapeBlockedError(page.url());
          parsed = await extractPlace(page);
        } catch (error) {
          const proxyFailure = proxyWatch.failed(error);
          if (proxyFailure) throw proxyFailure;
          if (error instanceof ScrapeBlockedError || failure) throw error;
          const message = error instanceof Error ? error.message : String(error);
          if (attempt >= PLACE_READ_ATTEMPTS) {
            summary.unreadable += 1;
            log.warn({ link, error: message }, 'could not read a place page');
            return null;
          }
          log.info({ link, error: message, attempt }, 'reading a place page failed; trying again');
          await changed(backoffMs(attempt, { baseMs: 1_000 }));
          if (failure) throw failure;
        }
      }
      if (parsed.problems.length > 0) log.warn({ link, problems: parsed.problems }, 'place page read with problems');
      const place = { ...parsed.place, google_maps_url: link };
      // Already delivered (by an earlier run or rank) or known to the user: no need to look for its e-mail.
      if (seenIds.has(place.place_id) || knownIds.has(place.place_id)) return place;
      if (place.website) place.email = await findWebsiteEmail(place.website, options.emailTimeoutMs, signal, options.websiteAgent);
      return place;
    };

    const workers = Array.from({ length: Math.max(1, options.concurrency) }, () => worker().catch(fail));
    await Promise.all([scroller, ...workers]);
    await delivering;
    if (failure) throw failure;
    return summary;
  } catch (error) {
    // Closing the browser under a pending navigation makes it throw something less telling.
    throw failure ?? error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await close();
    // Pages opened after an early close (a cancel while one was being opened) go too.
    if (shared) await closePages(ownPages);
  }
}

async function closePages(pages: Set<Page>): Promise<void> {
  await Promise.all([...pages].map((page) => page.close().catch(() => undefined)));
}

/** A place name that does not lead Maps to one place with a viewport. */
export class AreaNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AreaNotFoundError';
  }
}

/**
 * The box a place name covers, as Maps shows it: searching a city or district moves Maps to that
 * place (`/maps/place/<name>/@lat,lng,zoomz/…`) with its camera fitted to the place's viewport in
 * the window; the camera and the window give the box. A name with several matches shows a
 * results feed instead, and is refused.
 */
export async function findPlaceBox(
  context: BrowserContext,
  where: { baseUrl: string; proxy?: ScrapeProxy | undefined },
  name: string,
  language: string,
  signal?: AbortSignal,
): Promise<Box> {
  const page = await context.newPage();
  const onAbort = () => void page.close().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const url = new URL(`/maps/search/${encodeURIComponent(name).replace(/%20/g, '+')}`, where.baseUrl);
    url.searchParams.set('hl', language);
    await openSearch(page, url.href, new ProxyWatch(where.proxy));
    // Maps rewrites the address with the camera once the map has moved to the place.
    const moved = await page
      .waitForURL((current) => current.pathname.includes('/maps/place/') && cameraFromUrl(current.href) !== undefined, { timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    if (signal?.aborted) throw signal.reason;
    const camera = moved ? cameraFromUrl(page.url()) : undefined;
    if (!camera) {
      throw new AreaNotFoundError(`Google Maps did not find one place called "${name}" (it showed a list of results): name it more precisely, or send a bbox`);
    }
    return boxOfCamera(camera);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await page.close().catch(() => undefined);
  }
}

/** The scrape's browser context: its language, and its proxy when one is set. */
export async function openContext(browser: Browser, options: ScraperOptions, language: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: language,
    viewport: { ...MAPS_VIEWPORT },
    ...(options.proxy ? { proxy: playwrightProxy(options.proxy) } : {}),
  });
  context.setDefaultNavigationTimeout(options.navigationTimeoutMs ?? 30_000);
  context.setDefaultTimeout(options.navigationTimeoutMs ?? 30_000);
  return context;
}

export async function closeBrowser(browser: Browser, log: Logger): Promise<void> {
  try {
    await browser.close();
  } catch (error) {
    log.warn({ error: error instanceof Error ? error.message : String(error) }, 'closing Chromium failed');
  }
}

/** Opens the search, accepting the consent page when one stands in front of it. */
async function openSearch(page: Page, url: string, proxyWatch: ProxyWatch): Promise<void> {
  try {
    proxyWatch.answered(await page.goto(url, { waitUntil: 'domcontentloaded' }));
  } catch (error) {
    throw proxyWatch.failed(error) ?? error;
  }
  if (isBlocked(page.url())) throw new ScrapeBlockedError(page.url());
  const onConsent = () => /\/consent|consent\.google\./.test(page.url());
  if (onConsent()) {
    const accept = page
      .locator('button[aria-label="Accept all"], form[action*="consent"] button:has-text("Accept all"), button:has-text("Accept all")')
      .first();
    await Promise.all([page.waitForURL((current) => !/\/consent|consent\.google\./.test(current.href)), accept.click()]);
    if (isBlocked(page.url())) throw new ScrapeBlockedError(page.url());
  }
  // Maps answers with the feed, or moves to the place itself when only one matches.
  await page.waitForFunction(`location.pathname.includes('/maps/place/') || location.pathname.startsWith('/sorry/') || !!document.querySelector('div[role="feed"]')`);
  if (isBlocked(page.url())) throw new ScrapeBlockedError(page.url());
}

export async function extractPlace(page: Page): Promise<ParsedPlace> {
  const state = await page.evaluate(INITIALIZATION_STATE);
  if (state !== null && state !== undefined) {
    try {
      return placeFromInitializationState(state, page.url());
    } catch (error) {
      if (!(error instanceof PlaceParseError)) throw error;
      const fromDom = placeFromDom((await page.evaluate(PAGE_DOM)) as PlaceDom);
      return { ...fromDom, problems: [...error.problems, ...fromDom.problems] };
    }
  }
  return placeFromDom((await page.evaluate(PAGE_DOM)) as PlaceDom);
}
