import type { Browser, Page } from 'playwright-core';
import type { Agent } from 'undici';
import {
  placeFromDom,
  placeFromInitializationState,
  PlaceParseError,
  type ParsedPlace,
  type Place,
  type PlaceDom,
} from '../../../handlers/mapsPlace.js';
import type { Logger } from '../../logger.js';
import { launchChromium } from './browser.js';
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
  log: Logger;
}

export interface ScrapeRequest {
  query: string;
  /** Results wanted in all, counting those in `already`. */
  maxResults: number;
  language: string;
  signal?: AbortSignal;
  /** What an earlier run of the same job already delivered (a resume after a restart). */
  already?: { placeIds: Iterable<string>; links: Iterable<string>; count: number };
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
  /** Why the feed stopped: enough links, the end marker, no growth, or a single-result page. */
  feedEnd: 'enough' | 'end-marker' | 'no-growth' | 'single-result';
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

const PAGE_DOM = `(() => {
  const text = (selector) => { const node = document.querySelector(selector); return node ? (node.textContent || '').trim() || null : null; };
  const phoneButton = document.querySelector('button[data-item-id^="phone:tel:"]');
  const site = document.querySelector('a[data-item-id="authority"]');
  return {
    name: text('h1'),
    category: text('button.DkEaL, button[jsaction*="category"]'),
    address: text('button[data-item-id="address"]'),
    phone: phoneButton ? (phoneButton.textContent || '').trim() || null : null,
    website: site ? site.getAttribute('href') : null,
    ratingText: text('div.F7nice span[aria-hidden="true"]'),
    reviewsText: text('div.F7nice span:not([aria-hidden])'),
    url: location.href,
  };
})()`;

/** Place pages one worker page reads before it is replaced by a fresh one. */
const PAGE_RECYCLE_EVERY = 20;

/** The same place under another link: Maps adds query parameters to repeated (sponsored) entries. */
const linkKey = (link: string) => link.split('?')[0] ?? link;

function isBlocked(url: string): boolean {
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
  const summary: ScrapeSummary = { extracted: 0, unreadable: 0, duplicates: 0, feedEnd: 'enough' };
  if (target <= 0) return summary;

  const browser = await launchChromium(options.executablePath, options.browserNice);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= closeBrowser(browser, log));
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

  // Shared state of the feed scroller and the place workers.
  const queue: string[] = [];
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
  let position = request.already?.count ?? 0;
  let delivering: Promise<void> = Promise.resolve();

  try {
    const context = await browser.newContext({ locale: request.language, viewport: { width: 1280, height: 900 } });
    context.setDefaultNavigationTimeout(options.navigationTimeoutMs ?? 30_000);
    context.setDefaultTimeout(options.navigationTimeoutMs ?? 30_000);

    const feedPage = await context.newPage();
    const searchUrl = new URL(`/maps/search/${encodeURIComponent(request.query).replace(/%20/g, '+')}`, options.baseUrl);
    searchUrl.searchParams.set('hl', request.language);
    await openSearch(feedPage, searchUrl.href);

    const addLinks = (links: string[]) => {
      for (const link of links) {
        const key = linkKey(link);
        if (seenLinks.has(key)) continue;
        seenLinks.add(key);
        queue.push(link);
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
        const needMore = queue.length + inFlight + summary.extracted < target;
        const state = (await feedPage.evaluate(feedState(needMore))) as { links: string[]; end: boolean } | null;
        if (!state) throw new Error('the results feed disappeared from the search page');
        if (state.links.length !== lastCount) {
          lastCount = state.links.length;
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
      let page = await context.newPage();
      let visits = 0;
      try {
        while (!failure && !enough()) {
          const link = queue.shift();
          if (!link) {
            if (feedDone) return;
            await changed(1_000);
            continue;
          }
          if (visits === PAGE_RECYCLE_EVERY) {
            // A fresh page (and renderer) now and then keeps memory flat over long scrapes.
            await page.close().catch(() => undefined);
            page = await context.newPage();
            visits = 0;
          }
          visits += 1;
          inFlight += 1;
          try {
            await readPlace(page, link);
          } finally {
            inFlight -= 1;
            wake();
          }
        }
      } finally {
        await page.close().catch(() => undefined);
      }
    };

    const readPlace = async (page: Page, link: string) => {
      let parsed: ParsedPlace;
      try {
        await page.goto(link, { waitUntil: 'domcontentloaded' });
        if (isBlocked(page.url())) throw new ScrapeBlockedError(page.url());
        parsed = await extractPlace(page);
      } catch (error) {
        if (error instanceof ScrapeBlockedError || failure) throw error;
        summary.unreadable += 1;
        log.warn({ link, error: error instanceof Error ? error.message : String(error) }, 'could not read a place page');
        return;
      }
      if (parsed.problems.length > 0) log.warn({ link, problems: parsed.problems }, 'place page read with problems');
      const place = { ...parsed.place, google_maps_url: link };
      if (seenIds.has(place.place_id) || enough()) {
        if (seenIds.has(place.place_id)) summary.duplicates += 1;
        return;
      }
      seenIds.add(place.place_id);
      if (place.website) place.email = await findWebsiteEmail(place.website, options.emailTimeoutMs, signal, options.websiteAgent);
      if (failure || enough()) return;
      summary.extracted += 1;
      position += 1;
      const at = position;
      // Delivered one at a time in the order extracted, whatever the pages' timing.
      delivering = delivering.then(() => request.onResult(place, at));
      await delivering;
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
  }
}

async function closeBrowser(browser: Browser, log: Logger): Promise<void> {
  try {
    await browser.close();
  } catch (error) {
    log.warn({ error: error instanceof Error ? error.message : String(error) }, 'closing Chromium failed');
  }
}

/** Opens the search, accepting the consent page when one stands in front of it. */
async function openSearch(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
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

async function extractPlace(page: Page): Promise<ParsedPlace> {
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
