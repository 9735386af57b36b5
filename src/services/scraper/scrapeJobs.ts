import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from '../../db/transaction.js';
import type { Agent } from 'undici';
import { idsFromPlaceUrl, type Place } from '../../../handlers/mapsPlace.js';
import type { Config } from '../../config.js';
import type { Translator } from '../../i18n.js';
import type { Logger } from '../../logger.js';
import { enqueueMessages, enqueueStreamItem, outboxUpload, streamItemStatement, type OutgoingMessage } from '../telegram/outbox.js';
import { escapeHtml } from '../telegram/html.js';
import { CLAIMED_COLUMNS, leaseEnd, WEBHOOKS_CHANNEL, type ClaimedDelivery, type WebhookDispatcher } from '../webhooks/dispatcher.js';
import { BrowserNotFoundError, resolveChromium } from './browser.js';
import { placesToCsv } from './csv.js';
import type { ScrapeArea } from '../../../models/schema.js';
import { cellCounts, searchArea, type AreaProgress } from './areaSearch.js';
import { scrapeMaps, ScrapeBlockedError, ScrapeCancelledError } from './mapsScraper.js';
import { csvFileName, placeCardHtml, progressHtml, type ScrapePhase } from './messages.js';
import { scrapeJobsFinished, scrapePlaces } from '../metrics/metrics.js';
import type { PlaceInput } from '../../../handlers/mapsPlaceInput.js';
import type { PlaceChange } from '../../../handlers/mapsPlaceChanges.js';
import { storeWatchResult } from '../watches/watchResults.js';
import { changeCounts } from '../watches/watchMessages.js';
import { scrapePlaceList } from './placeList.js';
import { AllProxiesDownError } from './proxyFailures.js';
import type { ProxyRotation } from './proxyRotation.js';
import type { ScrapeProxy } from './proxyList.js';

export const SCRAPE_JOB = 'maps-scrape';
export const SCRAPE_RECOVER_JOB = 'maps-scrape-recover';

/** Per-result and final webhook timeouts (the contract in DESIGN.md). */
export const RESULT_WEBHOOK_TIMEOUT_MS = 10_000;
export const FINAL_WEBHOOK_TIMEOUT_MS = 30_000;
/** A running job whose heartbeat is older than this lost its worker. */
const STALE_SECONDS = 20;
const HEARTBEAT_MS = 2_000;
/** Progress edits at most this often (Telegram allows about one edit a second per chat). */
const PROGRESS_EVERY_MS = 2_000;
const MAX_ATTEMPTS = 3;
/** Jobs queued or running at once for one user. */
export const ACTIVE_JOBS_PER_USER = 2;

export interface ScrapeJobRow {
  id: string;
  user_id: string;
  chat_id: string;
  source: string;
  query: string;
  max_results: number;
  language: string;
  webhook_url: string | null;
  skip_known: boolean;
  /** Set on the runs of a watch (source 'watch'). */
  watch_id: string | null;
  /** A place list instead of a search. */
  places: PlaceInput[] | null;
  area: ScrapeArea | null;
  status: string;
  cancel_requested: boolean;
  error: string | null;
  result_count: number;
  attempts: number;
  progress_outbox_id: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** An area's size is known only once all its cells are searched: until then, an estimate. */
const areaExpected = (area: AreaProgress) => ({
  total_expected: area.estimate,
  total_is_estimate: true,
  cells_done: area.cellsDone,
  cells_total: area.cellsTotal,
});

export interface NewScrape {
  userId: number;
  chatId: number;
  source: 'bot' | 'api' | 'watch';
  query: string;
  maxResults: number;
  language: string;
  webhookUrl?: string | undefined;
  /** Leave out places this user already got from an earlier scrape. */
  skipKnown?: boolean | undefined;
  /** A run of this watch: no progress message, outside the per-user limit (watches have their own). */
  watchId?: string | undefined;
  /** Open these places instead of searching (`query` is then a label such as "3 places"). */
  places?: PlaceInput[] | undefined;
  /** Search an area cell by cell instead of one Maps search (maxResults: places in all). */
  area?: ScrapeArea | undefined;
}

export interface ScrapeJobsDeps {
  pool: pg.Pool;
  log: Logger;
  t: Translator;
  config: Config;
  /** Puts the job on the scheduler (agenda). */
  schedule(jobId: string): Promise<void>;
  /** In-process nudges after a commit (other processes hear NOTIFY). */
  wakeOutbox(): void;
  /**
   * This process's webhook dispatcher, while one runs: woken after a commit, and handed a
   * result's request at once when it was inserted leased to it.
   */
  webhooks(): Pick<WebhookDispatcher, 'wake' | 'takesLeased' | 'sendLeased'> | undefined;
  /** Address-guarded HTTP agent for the places' websites (same rule as webhooks). */
  websiteAgent?: Agent;
  /** The browser's proxies, when SCRAPE_PROXIES sets any. */
  proxies?: ProxyRotation | undefined;
}

export class TooManyScrapesError extends Error {
  constructor() {
    super(`at most ${ACTIVE_JOBS_PER_USER} scrapes may be queued or running at once; wait for one to finish or cancel it`);
    this.name = 'TooManyScrapesError';
  }
}

const newJobId = () => randomBytes(9).toString('base64url');

/** `2026-01-22T13:53:21+00:00`: the contract's timestamp form. */
const timestamp = (date = new Date()) => date.toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** What a chat is told about a failure, by kind; the API gets the English text as it is. */
function errorKey(error: unknown): { key: string; detail: string } {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof ScrapeBlockedError) return { key: 'scrape-error-blocked', detail };
  if (error instanceof BrowserNotFoundError) return { key: 'scrape-error-browser', detail };
  if (error instanceof AllProxiesDownError) return { key: 'scrape-error-proxies', detail };
  return { key: 'scrape-error-other', detail };
}

/**
 * Scrape jobs: created by the bot or the API, run by agenda on a worker, persisted with their
 * results. Every result is committed together with its chat card and its webhook request, so
 * neither is lost nor sent for a result that was not stored.
 */
export class ScrapeJobs {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly deps: ScrapeJobsDeps) {}

  async create(input: NewScrape): Promise<ScrapeJobRow> {
    const job = await inTransaction(this.deps.pool, (client) => this.insert(client, input));
    this.deps.wakeOutbox();
    await this.deps.schedule(job.id);
    return job;
  }

  /** The job's row (and progress message) in the caller's transaction; the caller schedules it after the commit. */
  async insert(client: pg.PoolClient, input: NewScrape): Promise<ScrapeJobRow> {
    const { t } = this.deps;
    if (!input.watchId) {
      // One at a time per user decides the count, so two requests cannot both slip under the limit.
      await client.query('SELECT pg_advisory_xact_lock(7320004, $1::int)', [input.userId % 2_147_483_647]);
      const { rows: active } = await client.query<{ count: string }>(
        `SELECT count(*) FROM scrape_jobs WHERE user_id = $1 AND status IN ('queued', 'running') AND source <> 'watch'`,
        [input.userId],
      );
      if (Number(active[0]?.count ?? 0) >= ACTIVE_JOBS_PER_USER) throw new TooManyScrapesError();
    }
    const { rows } = await client.query<ScrapeJobRow>(
      `INSERT INTO scrape_jobs (id, user_id, chat_id, source, query, max_results, language, webhook_url, skip_known, watch_id, places, area)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [
        newJobId(),
        input.userId,
        input.chatId,
        input.source,
        input.query,
        input.maxResults,
        input.language,
        input.webhookUrl ?? null,
        input.skipKnown ?? false,
        input.watchId ?? null,
        input.places ? JSON.stringify(input.places) : null,
        input.area ? JSON.stringify(input.area) : null,
      ],
    );
    const job = rows[0]!;
    // A watch speaks only when its run has something to say (see finish()).
    if (input.watchId) return job;
    const html = progressHtml(t, job.language, {
      query: job.query,
      done: 0,
      total: job.max_results,
      phase: 'queued',
      found: 0,
      elapsedSeconds: 0,
      cells: job.area ? { done: 0, total: 0 } : undefined,
    });
    const [progressId] = await enqueueMessages(client, [{ chatId: input.chatId, html }]);
    await client.query('UPDATE scrape_jobs SET progress_outbox_id = $2 WHERE id = $1', [job.id, progressId]);
    job.progress_outbox_id = String(progressId);
    return job;
  }

  async find(jobId: string): Promise<ScrapeJobRow | undefined> {
    const { rows } = await this.deps.pool.query<ScrapeJobRow>('SELECT * FROM scrape_jobs WHERE id = $1', [jobId]);
    return rows[0];
  }

  /** What the job delivered, in order; for a watch run, the places that changed (what its cards and webhooks carried). */
  async results(jobId: string): Promise<Place[]> {
    const { rows } = await this.deps.pool.query<{ data: Place }>(
      `SELECT data FROM scrape_results r
        WHERE job_id = $1 AND (r.change IS NOT NULL OR NOT EXISTS (SELECT 1 FROM scrape_jobs j WHERE j.id = $1 AND j.source = 'watch'))
        ORDER BY position`,
      [jobId],
    );
    return rows.map((row) => row.data);
  }

  async deliveries(jobId: string): Promise<{ delivered: number; pending: number; failed: number }> {
    const { rows } = await this.deps.pool.query<{ status: string; count: string }>(
      'SELECT status, count(*) FROM webhook_deliveries WHERE job_id = $1 GROUP BY status',
      [jobId],
    );
    const count = (status: string) => Number(rows.find((row) => row.status === status)?.count ?? 0);
    return { delivered: count('delivered'), pending: count('pending'), failed: count('failed') };
  }

  /**
   * Cancels the user's latest active job. A queued one ends at once; a running one is stopped by
   * its worker (in this process at once, in another within a heartbeat).
   */
  async cancelLatest(userId: number): Promise<ScrapeJobRow | undefined> {
    const { rows } = await this.deps.pool.query<ScrapeJobRow>(
      `UPDATE scrape_jobs SET cancel_requested = true
        WHERE id = (SELECT id FROM scrape_jobs WHERE user_id = $1 AND status IN ('queued', 'running') AND NOT cancel_requested
                     ORDER BY created_at DESC LIMIT 1)
      RETURNING *`,
      [userId],
    );
    const job = rows[0];
    if (!job) return undefined;
    this.running.get(job.id)?.abort(new ScrapeCancelledError());
    if (job.status === 'queued') {
      // Not started: nobody else will finish it. The claim in run() refuses cancelled jobs.
      const { rowCount } = await this.deps.pool.query(`UPDATE scrape_jobs SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status = 'queued'`, [
        job.id,
      ]);
      if (rowCount) await this.finish({ ...job, status: 'cancelled' }, 'cancelled', [], Date.now(), undefined);
    }
    return job;
  }

  /**
   * Jobs a dead worker left running, and jobs a shutdown handed back: queued and scheduled again,
   * once (a cleared heartbeat marks them as scheduled).
   */
  async recover(): Promise<number> {
    const { rows } = await this.deps.pool.query<{ id: string }>(
      `UPDATE scrape_jobs SET status = 'queued', heartbeat_at = NULL
        WHERE (status = 'running' AND heartbeat_at < now() - make_interval(secs => $1))
           OR (status = 'queued' AND heartbeat_at IS NOT NULL)
      RETURNING id`,
      [STALE_SECONDS],
    );
    for (const { id } of rows) await this.deps.schedule(id);
    return rows.length;
  }

  /** Stops the scrapes of this process for a shutdown; they are handed back and resumed later. */
  async handBack(): Promise<void> {
    for (const controller of this.running.values()) controller.abort(new ShutdownSignal());
    const deadline = Date.now() + 15_000;
    while (this.running.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /**
   * Runs a job (called by agenda). Claims it first: a job already running on a live worker, or
   * already finished, is left alone, so a duplicate schedule is harmless.
   */
  async run(jobId: string, touch: () => Promise<void>): Promise<void> {
    const { pool, log, config } = this.deps;
    const { rows } = await pool.query<ScrapeJobRow>(
      `UPDATE scrape_jobs
          SET status = 'running', attempts = attempts + 1, heartbeat_at = now(), started_at = coalesce(started_at, now())
        WHERE id = $1 AND NOT cancel_requested
          AND (status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $2)))
      RETURNING *`,
      [jobId, STALE_SECONDS],
    );
    const job = rows[0];
    if (!job) return;
    const startedAt = Date.now();
    const { rows: owner } = await pool.query<{ active: boolean }>('SELECT active FROM users WHERE id = $1', [job.user_id]);
    if (!owner[0]?.active) {
      await this.fail(job, new Error('the account was deactivated by an administrator'), startedAt);
      return;
    }
    if (job.attempts > MAX_ATTEMPTS) {
      await this.fail(job, new Error(`interrupted ${job.attempts - 1} times (worker restarts); giving up`), startedAt);
      return;
    }
    const controller = new AbortController();
    this.running.set(job.id, controller);
    const progress = new ProgressReporter(this, job, startedAt);
    let lastTouch = Date.now();
    const heartbeat = setInterval(() => {
      void (async () => {
        const { rows: state } = await pool.query<{ cancel_requested: boolean; active: boolean }>(
          `UPDATE scrape_jobs j SET heartbeat_at = now() FROM users u WHERE j.id = $1 AND u.id = j.user_id
           RETURNING j.cancel_requested, u.active`,
          [job.id],
        );
        if (state[0]?.cancel_requested) controller.abort(new ScrapeCancelledError());
        // Nothing of a deactivated user is processed: their scrape stops too.
        else if (state[0] && !state[0].active) controller.abort(new Error('the account was deactivated by an administrator'));
        if (Date.now() - lastTouch > 20_000) {
          lastTouch = Date.now();
          await touch();
        }
        await progress.maybeEdit(false);
      })().catch((error: unknown) => log.warn({ err: error, jobId: job.id }, 'scrape heartbeat failed'));
    }, HEARTBEAT_MS);

    // One attempt through one proxy (or none); after a proxy fails, the next resumes from what is stored.
    const attempt = async (proxy: ScrapeProxy | undefined) => {
      const options = {
        executablePath: resolveChromium(config.scrape.chromiumPath),
        baseUrl: config.scrape.mapsBaseUrl,
        concurrency: config.scrape.concurrency,
        emailTimeoutMs: config.scrape.emailTimeoutSeconds * 1000,
        websiteAgent: this.deps.websiteAgent,
        browserNice: config.scrape.browserNice,
        proxy,
        log,
      };
      if (job.places) return this.runPlaceList(job, options, controller.signal, progress);
      const { rows: done } = await pool.query<{ place_id: string; link: string }>(
        `SELECT place_id, data->>'google_maps_url' AS link FROM scrape_results WHERE job_id = $1`,
        [job.id],
      );
      const known = job.skip_known ? await this.knownPlaces(job) : undefined;
      progress.done = done.length;
      progress.phase = 'searching';
      await progress.maybeEdit(true);
      if (job.area) {
        const area = job.area;
        return searchArea({
          pool,
          log,
          scraper: options,
          limits: config.scrape.area,
          job: { ...job, area },
          signal: controller.signal,
          already: { placeIds: done.map((row) => row.place_id), links: done.map((row) => row.link), count: done.length },
          known,
          onResult: async (place, position, view) => {
            await this.storeResult(job, place, position, areaExpected(view));
            progress.done = position;
            progress.phase = 'running';
            progress.area = view;
            await progress.maybeEdit(false);
          },
          onProgress: (view) => {
            progress.area = view;
            void progress.maybeEdit(false).catch((error: unknown) => log.warn({ err: error, jobId: job.id }, 'scrape progress edit failed'));
          },
        });
      }
      return scrapeMaps(
        options,
        {
          query: job.query,
          maxResults: job.max_results,
          language: job.language,
          signal: controller.signal,
          already: { placeIds: done.map((row) => row.place_id), links: done.map((row) => row.link), count: done.length },
          known,
          onResult: async (place, position) => {
            if (job.source === 'watch') await this.storeWatchResult(job, place, position);
            else await this.storeResult(job, place, position);
            progress.done = position;
            progress.phase = 'running';
            await progress.maybeEdit(false);
          },
          onFeedGrowth: (links) => {
            progress.found = Math.max(progress.found, links);
          },
        },
      );
    };

    try {
      const proxies = this.deps.proxies;
      const summary = proxies && proxies.size > 0 ? await proxies.run(attempt) : await attempt(undefined);
      log.info({ jobId: job.id, ...summary }, 'scrape finished');
      await this.complete(job, startedAt);
    } catch (error) {
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
      if (reason instanceof ShutdownSignal) {
        // Handed back for the next start (recover() schedules it again); not a failure.
        await pool.query(`UPDATE scrape_jobs SET status = 'queued', attempts = attempts - 1 WHERE id = $1 AND status = 'running'`, [job.id]);
        log.info({ jobId: job.id }, 'scrape handed back for shutdown');
      } else if (reason instanceof ScrapeCancelledError) {
        await this.cancelled(job, startedAt);
      } else {
        log.warn({ jobId: job.id, error: reason instanceof Error ? reason.message : String(reason) }, 'scrape failed');
        await this.fail(job, reason, startedAt);
      }
    } finally {
      clearInterval(heartbeat);
      this.running.delete(job.id);
    }
  }

  /**
   * What the user already has from their other scrapes: place ids, and the feature ids of their
   * Maps links (a DOM-read place's id is its feature id), so a known link is not even opened.
   */
  private async knownPlaces(job: ScrapeJobRow): Promise<{ placeIds: string[]; featureIds: string[] }> {
    const { rows } = await this.deps.pool.query<{ place_id: string; link: string | null }>(
      `SELECT DISTINCT r.place_id, r.data->>'google_maps_url' AS link
         FROM scrape_results r JOIN scrape_jobs j ON j.id = r.job_id
        WHERE j.user_id = $1 AND j.id <> $2`,
      [job.user_id, job.id],
    );
    const placeIds = rows.map((row) => row.place_id);
    const featureIds = rows.flatMap((row) => {
      const fromLink = row.link ? idsFromPlaceUrl(row.link).featureId : null;
      return fromLink ? [fromLink, row.place_id] : [row.place_id];
    });
    return { placeIds, featureIds };
  }

  /** One result, its card and its webhook request, in one commit (`extra`: more payload fields). */
  private async storeResult(job: ScrapeJobRow, place: Place, position: number, extra: Record<string, unknown> = {}, count = position): Promise<void> {
    const dispatcher = this.deps.webhooks();
    const payload = job.webhook_url
      ? JSON.stringify({
          job_id: job.id,
          status: 'processing',
          current_result: position,
          total_expected: job.max_results,
          ...extra,
          result: webhookResult(place),
          timestamp: timestamp(),
        })
      : null;
    const card = streamItemStatement({ chatId: Number(job.chat_id), html: placeCardHtml(this.deps.t, job.language, place, position) }, `scrape:${job.id}`, 12);
    // One statement, so one round trip and its own transaction, for the result, the count, the
    // chat card and the webhook request: the webhook's lag starts here.
    // The request is leased to this process's dispatcher as it is inserted when nothing earlier
    // of the job is still pending (results are stored one at a time per job, so the order
    // holds), and sent right after the commit; otherwise the dispatchers are notified.
    const { rows } = await this.deps.pool.query<Partial<ClaimedDelivery> & { leased: boolean | null }>(
      `WITH result AS (
         INSERT INTO scrape_results (job_id, position, place_id, data) VALUES ($1, $2, $3, $4)
       ), counted AS (
         UPDATE scrape_jobs SET result_count = $10 WHERE id = $1
       ), webhook AS (
         INSERT INTO webhook_deliveries AS d (job_id, seq, url, message_id, payload, timeout_ms, deadline_at, attempts, locked_until)
         SELECT $1, $2, $5, $6, $7::jsonb, $8::int, now() + make_interval(secs => $9),
                CASE WHEN lease.here THEN 1 ELSE 0 END, CASE WHEN lease.here THEN ${leaseEnd('$8::int')} END
           FROM (SELECT $11::boolean AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.job_id = $1 AND p.status = 'pending') AS here) AS lease
          WHERE $5::text IS NOT NULL
         ON CONFLICT (job_id, seq) DO NOTHING
         RETURNING d.locked_until IS NOT NULL AS leased, ${CLAIMED_COLUMNS}
       ), ${card.ctes}
       SELECT w.*, CASE WHEN NOT w.leased THEN pg_notify('${WEBHOOKS_CHANNEL}', '') END AS notified,
              (SELECT count(*) FROM (${card.ids}) AS queued) AS cards
         FROM (SELECT 1) AS one LEFT JOIN webhook w ON true`,
      [
        job.id,
        position,
        place.place_id,
        JSON.stringify(place),
        job.webhook_url,
        `msg_${job.id}_${position}`,
        payload,
        RESULT_WEBHOOK_TIMEOUT_MS,
        this.deps.config.webhooks.retrySeconds,
        count,
        dispatcher?.takesLeased ?? false,
        ...card.params,
      ],
    );
    scrapePlaces.inc();
    const leased = rows[0];
    if (leased?.leased) dispatcher!.sendLeased(leased as ClaimedDelivery);
    else dispatcher?.wake();
    this.deps.wakeOutbox();
  }

  /** A watch run's place: streamed only when it changed since the watch's last run. */
  private async storeWatchResult(job: ScrapeJobRow, place: Place, position: number): Promise<void> {
    const change = await inTransaction(this.deps.pool, (client) =>
      storeWatchResult(
        client,
        {
          t: this.deps.t,
          retrySeconds: this.deps.config.webhooks.retrySeconds,
          resultTimeoutMs: RESULT_WEBHOOK_TIMEOUT_MS,
          timestamp: () => timestamp(),
          webhookResult,
        },
        job,
        place,
        position,
      ),
    );
    if (!change) return;
    scrapePlaces.inc();
    this.deps.webhooks()?.wake();
    this.deps.wakeOutbox();
  }

  /**
   * A place list: every item in order, a place or why there is none, so `current_result` counts
   * the list 1..n exactly. Items settled by an earlier attempt are not opened again.
   */
  private async runPlaceList(
    job: ScrapeJobRow,
    options: Parameters<typeof scrapePlaceList>[0],
    signal: AbortSignal,
    progress: ProgressReporter,
  ): Promise<{ found: number; missing: number }> {
    const { rows } = await this.deps.pool.query<{ position: number; found: boolean }>(
      `SELECT position, true AS found FROM scrape_results WHERE job_id = $1 UNION ALL SELECT position, false FROM scrape_item_errors WHERE job_id = $1`,
      [job.id],
    );
    let found = rows.filter((row) => row.found).length;
    progress.done = rows.length;
    progress.phase = 'running';
    await progress.maybeEdit(true);
    return scrapePlaceList(options, {
      items: job.places ?? [],
      language: job.language,
      signal,
      done: new Set(rows.map((row) => row.position)),
      onItem: async (item, position, outcome) => {
        if ('place' in outcome) await this.storeResult(job, outcome.place, position, { input: item.input }, ++found);
        else await this.storeItemError(job, item, position, outcome.error);
        progress.done = position;
        await progress.maybeEdit(false);
      },
    });
  }

  /** A listed place that could not be had: its own line in the chat and its own webhook request, in its turn. */
  private async storeItemError(job: ScrapeJobRow, item: PlaceInput, position: number, error: string): Promise<void> {
    await inTransaction(this.deps.pool, async (client) => {
      await client.query(`INSERT INTO scrape_item_errors (job_id, position, input, error) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
        job.id,
        position,
        item.input,
        error,
      ]);
      if (job.webhook_url) {
        await this.queueWebhook(client, job, position, RESULT_WEBHOOK_TIMEOUT_MS, {
          job_id: job.id,
          status: 'processing',
          current_result: position,
          total_expected: job.max_results,
          input: item.input,
          result: null,
          error,
          timestamp: timestamp(),
        });
      }
      const html = this.deps.t(job.language, 'scrape-item-missing', { position, input: escapeHtml(item.input), error: escapeHtml(error) });
      await enqueueStreamItem(client, { chatId: Number(job.chat_id), html }, `scrape:${job.id}`);
    });
    this.deps.webhooks()?.wake();
    this.deps.wakeOutbox();
  }

  private async queueWebhook(client: pg.PoolClient | pg.Pool, job: ScrapeJobRow, seq: number, timeoutMs: number, payload: object): Promise<void> {
    await client.query(
      `INSERT INTO webhook_deliveries (job_id, seq, url, message_id, payload, timeout_ms, deadline_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))
       ON CONFLICT (job_id, seq) DO NOTHING`,
      [job.id, seq, job.webhook_url, `msg_${job.id}_${seq}`, JSON.stringify(payload), timeoutMs, this.deps.config.webhooks.retrySeconds],
    );
    await client.query(`SELECT pg_notify('${WEBHOOKS_CHANNEL}', '')`);
  }

  private async complete(job: ScrapeJobRow, startedAt: number): Promise<void> {
    const { rows } = await this.deps.pool.query<ScrapeJobRow>(
      `UPDATE scrape_jobs SET status = 'completed', finished_at = now() WHERE id = $1 AND status = 'running' RETURNING *`,
      [job.id],
    );
    if (rows[0]) await this.finish(rows[0], 'completed', await this.results(job.id), startedAt, undefined);
  }

  private async cancelled(job: ScrapeJobRow, startedAt: number): Promise<void> {
    const { rows } = await this.deps.pool.query<ScrapeJobRow>(
      `UPDATE scrape_jobs SET status = 'cancelled', error = 'cancelled by the user', finished_at = now() WHERE id = $1 AND status = 'running' RETURNING *`,
      [job.id],
    );
    if (rows[0]) await this.finish(rows[0], 'cancelled', await this.results(job.id), startedAt, undefined);
  }

  private async fail(job: ScrapeJobRow, error: unknown, startedAt: number): Promise<void> {
    const { detail } = errorKey(error);
    const { rows } = await this.deps.pool.query<ScrapeJobRow>(
      `UPDATE scrape_jobs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('running', 'queued') RETURNING *`,
      [job.id, detail],
    );
    if (rows[0]) await this.finish(rows[0], 'failed', await this.results(job.id), startedAt, error);
  }

  /** The end of a job: last progress edit, the CSV, the summary, and the final webhook, in one commit. */
  private async finish(job: ScrapeJobRow, phase: 'completed' | 'failed' | 'cancelled', places: Place[], startedAt: number, error: unknown): Promise<void> {
    const { pool, t, config } = this.deps;
    const language = job.language;
    const chatId = Number(job.chat_id);
    scrapeJobsFinished.inc({ outcome: phase });
    const seconds = Math.round((Date.now() - startedAt) / 1000);
    const messages: OutgoingMessage[] = [];
    if (job.progress_outbox_id) {
      const cells = job.area ? await cellCounts(pool, job.id) : undefined;
      messages.push({
        chatId,
        editOf: Number(job.progress_outbox_id),
        html: progressHtml(t, language, {
          query: job.query,
          done: places.length,
          // An area's total is known at its end: what it held.
          total: cells ? places.length : job.max_results,
          phase,
          found: places.length,
          elapsedSeconds: seconds,
          cells,
        }),
      });
    }
    if (places.length > 0) {
      const caption = t(language, 'scrape-csv-caption', { count: places.length, query: escapeHtml(job.query) });
      messages.push({
        chatId,
        // The caption, or the text alone if Telegram refuses the file.
        html: caption,
        call: {
          method: 'sendDocument',
          params: {
            document: outboxUpload(csvFileName(job.query, job.id), Buffer.from(placesToCsv(places), 'utf8')),
            caption,
            parse_mode: 'HTML',
          },
        },
      });
    }
    if (phase === 'completed' && job.source === 'watch') {
      messages.push({ chatId, html: await this.watchSummary(job) });
    } else if (phase === 'completed') {
      messages.push({
        chatId,
        html: t(language, 'scrape-summary', {
          count: places.length,
          query: escapeHtml(job.query),
          seconds,
          phones: places.filter((place) => place.phone).length,
          websites: places.filter((place) => place.website).length,
          emails: places.filter((place) => place.email).length,
        }),
      });
    } else if (phase === 'cancelled') {
      messages.push({ chatId, html: t(language, 'scrape-cancelled', { count: places.length, query: escapeHtml(job.query) }) });
    } else {
      const { key, detail } = errorKey(error);
      messages.push({ chatId, html: t(language, key, { query: escapeHtml(job.query), error: escapeHtml(detail), count: places.length }) });
    }

    await inTransaction(pool, async (client) => {
      await enqueueMessages(client, messages);
      if (job.webhook_url) {
        const finalPayload =
          phase === 'completed'
            ? {
                job_id: job.id,
                status: 'completed',
                total_results: places.length,
                completed_at: timestamp(),
                download_url: `/download/${job.id}`,
                message: `Scraped ${places.length} places for "${job.query}"; CSV at ${config.http.publicUrl}/download/${job.id}`,
                ...(job.watch_id ? { watch_id: job.watch_id } : {}),
              }
            : {
                job_id: job.id,
                status: 'failed',
                error: phase === 'cancelled' ? 'cancelled by the user' : errorKey(error).detail,
                completed_at: timestamp(),
                total_results: places.length,
              };
        // After every result: the final request keeps its place at the end of the job's order.
        await this.queueWebhook(client, job, job.max_results + 1, FINAL_WEBHOOK_TIMEOUT_MS, finalPayload);
      }
    });
    this.deps.wakeOutbox();
    this.deps.webhooks()?.wake();
  }

  /** The end of a watch run: what changed, in one line, or that nothing did. */
  private async watchSummary(job: ScrapeJobRow): Promise<string> {
    const { rows } = await this.deps.pool.query<{ change: PlaceChange }>(`SELECT change FROM scrape_results WHERE job_id = $1 AND change IS NOT NULL`, [job.id]);
    const query = escapeHtml(job.query);
    if (rows.length === 0) return this.deps.t(job.language, 'watch-run-nothing', { query });
    return this.deps.t(job.language, 'watch-run-summary', { query, ...changeCounts(rows.map((row) => row.change)) });
  }

  /** For the progress reporter: queue an edit of the progress message. */
  async editProgress(job: ScrapeJobRow, html: string): Promise<void> {
    if (!job.progress_outbox_id) return;
    await enqueueMessages(this.deps.pool, [{ chatId: Number(job.chat_id), editOf: Number(job.progress_outbox_id), html }]);
    this.deps.wakeOutbox();
  }

  progressText(job: ScrapeJobRow, view: { done: number; phase: ScrapePhase; found: number; elapsedSeconds: number; area?: AreaProgress | undefined }): string {
    const { area, ...rest } = view;
    if (job.area) {
      return progressHtml(this.deps.t, job.language, {
        query: job.query,
        ...rest,
        total: area?.estimate ?? job.max_results,
        cells: { done: area?.cellsDone ?? 0, total: area?.cellsTotal ?? 0 },
      });
    }
    return progressHtml(this.deps.t, job.language, { query: job.query, total: job.max_results, ...rest });
  }
}

/** A shutdown, not a cancel: the job goes back to the queue. */
class ShutdownSignal extends Error {
  constructor() {
    super('shutting down');
    this.name = 'ShutdownSignal';
  }
}

/** The webhook's `result`: the contract's fields first, then the rest of what we know. */
function webhookResult(place: Place): Record<string, unknown> {
  const { categories: _categories, ...rest } = place;
  return rest;
}

/** Edits the progress message at most every PROGRESS_EVERY_MS, and never with the same text. */
class ProgressReporter {
  done = 0;
  found = 0;
  phase: ScrapePhase = 'queued';
  area: AreaProgress | undefined;
  private lastText: string | undefined;
  private lastEditAt = 0;
  private editing = false;

  constructor(
    private readonly jobs: ScrapeJobs,
    private readonly job: ScrapeJobRow,
    private readonly startedAt: number,
  ) {}

  async maybeEdit(force: boolean): Promise<void> {
    if (this.editing) return;
    if (!force && Date.now() - this.lastEditAt < PROGRESS_EVERY_MS) return;
    const text = this.jobs.progressText(this.job, {
      done: this.done,
      phase: this.phase,
      found: Math.max(this.found, this.done),
      // Whole seconds change the text on every tick; tens of seconds are enough to show life.
      elapsedSeconds: Math.floor((Date.now() - this.startedAt) / 10_000) * 10,
      area: this.area,
    });
    if (text === this.lastText) return;
    this.editing = true;
    try {
      this.lastText = text;
      this.lastEditAt = Date.now();
      await this.jobs.editProgress(this.job, text);
    } finally {
      this.editing = false;
    }
  }
}
