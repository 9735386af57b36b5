import type pg from 'pg';
import type { BrowserContext } from 'playwright-core';
import type { Place } from '../../../handlers/mapsPlace.js';
import type { ScrapeArea } from '../../../models/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Logger } from '../../logger.js';
import { areaProblem, boxFromArray, cameraFor, estimateTotal, gridCells, splitCell, type AreaLimits, type Box } from './areaGrid.js';
import { launchChromium } from './browser.js';
import { findPlaceBox, openContext, scrapeMaps, ScrapeCancelledError, type ScraperOptions } from './mapsScraper.js';

/** An area the user asked for that cannot be searched (too large, not found): the job fails with this text. */
export class AreaRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AreaRefusedError';
  }
}

export interface AreaProgress {
  cellsDone: number;
  cellsTotal: number;
  /** `total_expected` of an area: an estimate (see estimateTotal). */
  estimate: number;
}

export interface AreaSearch {
  pool: pg.Pool;
  log: Logger;
  /** How pages are read (concurrency, timeouts); the browser is the area's own, shared by its cells. */
  scraper: Omit<ScraperOptions, 'context'>;
  limits: AreaLimits & { cellCap: number };
  job: { id: string; query: string; language: string; max_results: number; area: ScrapeArea };
  signal: AbortSignal;
  /** What earlier runs of this job delivered: never searched for or delivered again. */
  already: { placeIds: string[]; links: string[]; count: number };
  known?: { placeIds: string[]; featureIds: string[] } | undefined;
  /** One new place, numbered across the whole area; the search waits for it. */
  onResult(place: Place, position: number, progress: AreaProgress): Promise<void>;
  /** The cell count or the estimate moved (for the progress message). */
  onProgress(progress: AreaProgress): void;
}

export interface AreaSummary {
  cellsSearched: number;
  cellsSplit: number;
  /** Cells whose feed hit the cap but could not be split further (depth or cell limit). */
  cellsCapped: number;
  places: number;
  limitReached: boolean;
}

interface CellRow {
  seq: number;
  depth: number;
  south: number;
  west: number;
  north: number;
  east: number;
}

/** The area's box: the bbox given, or the viewport of the place named, found on Maps itself. */
async function areaBox(search: AreaSearch, context: BrowserContext): Promise<Box> {
  const { area } = search.job;
  if (area.bbox) return boxFromArray(area.bbox);
  if (!area.place) throw new AreaRefusedError('the area needs a bbox or a place');
  try {
    return await findPlaceBox(context, search.scraper, area.place, search.job.language, search.signal);
  } catch (error) {
    if (search.signal.aborted) throw search.signal.reason;
    throw error;
  }
}

/** The cells of a new area, once: a run that finds them already made resumes them. */
async function planCells(search: AreaSearch, context: BrowserContext): Promise<void> {
  const { pool, job, limits } = search;
  const { rows } = await pool.query<{ count: string }>('SELECT count(*) FROM scrape_cells WHERE job_id = $1', [job.id]);
  if (Number(rows[0]?.count ?? 0) > 0) return;
  const box = await areaBox(search, context);
  const plan = { cellKm: job.area.cell_km, autoSplit: job.area.split === 'auto' || job.area.cell_km === undefined };
  const problem = areaProblem(box, plan, limits);
  if (problem) throw new AreaRefusedError(job.area.place ? `${job.area.place}: ${problem}` : problem);
  const cells = gridCells(box, plan.cellKm);
  await pool.query(
    `INSERT INTO scrape_cells (job_id, seq, depth, south, west, north, east)
     SELECT $1, ordinality, 0, s, w, n, e FROM unnest($2::float8[], $3::float8[], $4::float8[], $5::float8[]) WITH ORDINALITY AS c(s, w, n, e)
     ON CONFLICT DO NOTHING`,
    [job.id, cells.map((c) => c.south), cells.map((c) => c.west), cells.map((c) => c.north), cells.map((c) => c.east)],
  );
}

/** Cells searched (or split) and cells in all, for progress. */
export async function cellCounts(pool: pg.Pool, jobId: string): Promise<{ done: number; total: number }> {
  const { rows } = await pool.query<{ done: string; total: string }>(
    `SELECT count(*) FILTER (WHERE status <> 'pending') AS done, count(*) AS total FROM scrape_cells WHERE job_id = $1`,
    [jobId],
  );
  return { done: Number(rows[0]?.done ?? 0), total: Number(rows[0]?.total ?? 0) };
}

/**
 * Searches an area cell by cell, in the order of their numbers, in one browser. Places are
 * numbered across the area and each is delivered once: a place seen in an earlier cell (or an
 * earlier run) is skipped by its link before its page is opened, or by its id once read. A cell
 * is marked searched only when it is done, so a run cut short searches it again and delivers only
 * what it had not yet delivered. A cell whose feed reaches the cap is split into four when the
 * plan allows it.
 */
export async function searchArea(search: AreaSearch): Promise<AreaSummary> {
  const { pool, log, job, limits, signal } = search;
  const summary: AreaSummary = { cellsSearched: 0, cellsSplit: 0, cellsCapped: 0, places: 0, limitReached: false };
  const autoSplit = job.area.split === 'auto' || job.area.cell_km === undefined;
  const seenIds = new Set(search.already.placeIds);
  const seenLinks = new Set(search.already.links);
  let position = search.already.count;
  const browser = await launchChromium(search.scraper.executablePath, search.scraper.browserNice);
  try {
    // One context for every cell: a consent accepted once holds, and each cell opens only pages.
    const context = await openContext(browser, search.scraper, job.language);
    await planCells(search, context);
    let counts = await cellCounts(pool, job.id);
    let deliveredWhenCellsEnded = position;
    let currentFeed = 0;
    const progress = (): AreaProgress => ({
      cellsDone: counts.done,
      cellsTotal: counts.total,
      estimate: estimateTotal({ delivered: position, deliveredWhenCellsEnded, cellsDone: counts.done, cellsTotal: counts.total, currentFeed, limit: job.max_results }),
    });
    search.onProgress(progress());
    for (;;) {
      if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new ScrapeCancelledError();
      if (position >= job.max_results) {
        summary.limitReached = true;
        break;
      }
      const { rows } = await pool.query<CellRow>(
        `SELECT seq, depth, south, west, north, east FROM scrape_cells WHERE job_id = $1 AND status = 'pending' ORDER BY seq LIMIT 1`,
        [job.id],
      );
      const cell = rows[0];
      if (!cell) break;
      currentFeed = 0;
      let newPlaces = 0;
      const cellStarted = Date.now();
      const result = await scrapeMaps(
        { ...search.scraper, context },
        {
          query: job.query,
          camera: cameraFor(cell),
          maxResults: job.max_results,
          language: job.language,
          signal,
          already: { placeIds: seenIds, links: seenLinks, count: position },
          known: search.known,
          onResult: async (place, at) => {
            seenIds.add(place.place_id);
            seenLinks.add(place.google_maps_url.split('?')[0] ?? place.google_maps_url);
            position = at;
            newPlaces += 1;
            await search.onResult(place, at, progress());
          },
          onFeedGrowth: (links) => {
            currentFeed = links;
          },
        },
      );
      const capped = result.feedLinks >= limits.cellCap;
      const split = capped && autoSplit && cell.depth < limits.maxDepth && counts.total + 4 <= limits.maxCells;
      await inTransaction(pool, async (client) => {
        const { rowCount } = await client.query(
          `UPDATE scrape_cells SET status = $3, feed_links = $4, new_places = $5, finished_at = now() WHERE job_id = $1 AND seq = $2 AND status = 'pending'`,
          [job.id, cell.seq, split ? 'split' : 'done', result.feedLinks, newPlaces],
        );
        if (!rowCount || !split) return;
        const children = splitCell(cell);
        await client.query(
          `INSERT INTO scrape_cells (job_id, seq, parent_seq, depth, south, west, north, east)
           SELECT $1, (SELECT max(seq) FROM scrape_cells WHERE job_id = $1) + ordinality, $2, $3, s, w, n, e
             FROM unnest($4::float8[], $5::float8[], $6::float8[], $7::float8[]) WITH ORDINALITY AS c(s, w, n, e)`,
          [job.id, cell.seq, cell.depth + 1, children.map((c) => c.south), children.map((c) => c.west), children.map((c) => c.north), children.map((c) => c.east)],
        );
      });
      summary.cellsSearched += 1;
      if (split) summary.cellsSplit += 1;
      else if (capped) {
        summary.cellsCapped += 1;
        log.warn({ jobId: job.id, cell: cell.seq, depth: cell.depth, feedLinks: result.feedLinks }, 'an area cell hit the results cap and may not be split further');
      }
      summary.places += newPlaces;
      log.info({ jobId: job.id, cell: cell.seq, depth: cell.depth, feedLinks: result.feedLinks, newPlaces, split, ms: Date.now() - cellStarted }, 'area cell searched');
      counts = await cellCounts(pool, job.id);
      deliveredWhenCellsEnded = position;
      search.onProgress(progress());
    }
    return summary;
  } finally {
    await browser.close().catch((error: unknown) => log.warn({ error: error instanceof Error ? error.message : String(error) }, 'closing Chromium failed'));
  }
}
