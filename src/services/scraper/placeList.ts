import type { Page } from 'playwright-core';
import { type Place } from '../../../handlers/mapsPlace.js';
import type { PlaceInput } from '../../../handlers/mapsPlaceInput.js';
import { launchChromium } from './browser.js';
import { closeBrowser, extractPlace, isBlocked, openContext, ScrapeBlockedError, ScrapeCancelledError, type ScraperOptions } from './mapsScraper.js';
import { ProxyWatch } from './proxyFailures.js';
import { findWebsiteEmail } from './websiteEmail.js';

export interface PlaceListRequest {
  /** In the user's order; position n is items[n-1]. */
  items: readonly PlaceInput[];
  language: string;
  signal?: AbortSignal;
  /** Positions an earlier run of the same job already settled (a resume). */
  done?: ReadonlySet<number>;
  /** Called once per item, in list order: the place, or why it could not be had. */
  onItem(item: PlaceInput, position: number, outcome: { place: Place } | { error: string }): Promise<void> | void;
}

export interface PlaceListSummary {
  found: number;
  missing: number;
}

/** Maps answers an id or link it does not know with a page without a place: no heading, no place data. */
const NOT_FOUND = 'Google Maps shows no place for this link or id';

/**
 * Opens each place of a list directly (no search), `concurrency` pages at a time, and hands the
 * items over in list order. One item that cannot be found is reported as such; the list goes on.
 */
export async function scrapePlaceList(options: ScraperOptions, request: PlaceListRequest): Promise<PlaceListSummary> {
  const { log } = options;
  const signal = request.signal;
  if (signal?.aborted) throw new ScrapeCancelledError();
  const summary: PlaceListSummary = { found: 0, missing: 0 };
  const pending = request.items.map((item, index) => ({ item, position: index + 1 })).filter(({ position }) => !request.done?.has(position));
  if (pending.length === 0) return summary;

  const browser = await launchChromium(options.executablePath, options.browserNice);
  let failure: unknown;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= closeBrowser(browser, log));
  // Closing the browser ends pages still loading at once: a cancel or a failure stops everything anyway.
  const fail = (error: unknown) => {
    failure ??= error;
    void close();
  };
  const onAbort = () => fail(new ScrapeCancelledError());
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const context = await openContext(browser, options, request.language);
    const proxyWatch = new ProxyWatch(options.proxy);
    const outcomes = new Map<number, { place: Place } | { error: string }>();
    let nextToDeliver = 0;
    let delivering: Promise<void> = Promise.resolve();
    const deliver = async () => {
      while (!failure && nextToDeliver < pending.length && outcomes.has(pending[nextToDeliver]!.position)) {
        const { item, position } = pending[nextToDeliver]!;
        const outcome = outcomes.get(position)!;
        outcomes.delete(position);
        nextToDeliver += 1;
        if ('place' in outcome) summary.found += 1;
        else summary.missing += 1;
        await request.onItem(item, position, outcome);
      }
    };

    const read = async (page: Page, item: PlaceInput): Promise<{ place: Place } | { error: string }> => {
      const url = new URL(item.path, options.baseUrl);
      url.searchParams.set('hl', request.language);
      let lastError = NOT_FOUND;
      for (let attempt = 1; attempt <= 2; attempt += 1) {
        try {
          const response = await page.goto(url.href, { waitUntil: 'domcontentloaded' });
          proxyWatch.answered(response);
          if (isBlocked(page.url())) throw new ScrapeBlockedError(page.url());
          // A 404 or a page without the place's heading: not there, no use asking twice.
          if (response && response.status() === 404) return { error: NOT_FOUND };
          const parsed = await extractPlace(page).catch(() => undefined);
          if (!parsed) return { error: NOT_FOUND };
          if (parsed.problems.length > 0) log.warn({ path: item.path, problems: parsed.problems }, 'place page read with problems');
          const place: Place = { ...parsed.place, google_maps_url: page.url() };
          if (place.website) place.email = await findWebsiteEmail(place.website, options.emailTimeoutMs, signal, options.websiteAgent);
          return { place };
        } catch (error) {
          const proxyFailure = proxyWatch.failed(error);
          if (proxyFailure) throw proxyFailure;
          if (error instanceof ScrapeBlockedError || failure) throw failure ?? error;
          lastError = `the page could not be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
          log.info({ path: item.path, attempt, error: lastError }, 'reading a listed place failed');
        }
      }
      return { error: lastError };
    };

    let next = 0;
    const worker = async () => {
      const page = await context.newPage();
      try {
        while (!failure && next < pending.length) {
          const { item, position } = pending[next++]!;
          const outcome = await read(page, item);
          outcomes.set(position, outcome);
          delivering = delivering.then(deliver);
          await delivering;
        }
      } finally {
        await page.close().catch(() => undefined);
      }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency, pending.length)) }, () =>
      worker().catch(fail),
    );
    await Promise.all(workers);
    await delivering;
    if (failure) throw failure;
    return summary;
  } catch (error) {
    throw failure ?? error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await close();
  }
}
