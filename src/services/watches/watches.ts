import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from '../../logger.js';
import { inTransaction } from '../../db/transaction.js';
import type { ScrapeJobs } from '../scraper/scrapeJobs.js';
import { nextRunAt, wallClock, type WatchFrequency, type WatchSchedule } from './schedule.js';

export const WATCH_TICK_JOB = 'maps-watch-tick';

export interface WatchRow {
  id: string;
  user_id: string;
  chat_id: string;
  query: string;
  max_results: number;
  language: string;
  webhook_url: string | null;
  frequency: WatchFrequency;
  hour: number;
  weekday: number | null;
  time_zone: string;
  rating_threshold: number | null;
  status: 'draft' | 'active' | 'paused';
  next_run_at: Date | null;
  last_run_at: Date | null;
  last_job_id: string | null;
  runs: number;
  created_at: Date;
}

export interface NewWatch {
  userId: number;
  chatId: number;
  query: string;
  maxResults: number;
  language: string;
  webhookUrl?: string | undefined;
  ratingThreshold?: number | undefined;
  /** Unset: a draft, whose schedule the bot asks for next (not counted, not run). */
  schedule?: WatchSchedule | undefined;
}

export class TooManyWatchesError extends Error {
  constructor(readonly limit: number) {
    super(`at most ${limit} watches per user; delete one first`);
    this.name = 'TooManyWatchesError';
  }
}

export interface WatchesDeps {
  pool: pg.Pool;
  log: Logger;
  scrapes: ScrapeJobs;
  /** Puts a run (a scrape job) on the scheduler. */
  schedule(jobId: string): Promise<void>;
  perUser: number;
}

export const scheduleOf = (watch: Pick<WatchRow, 'frequency' | 'hour' | 'weekday' | 'time_zone'>): WatchSchedule => ({
  frequency: watch.frequency,
  hour: watch.hour,
  weekday: watch.weekday,
  timeZone: watch.time_zone,
});

/** Watches per user at most; drafts the bot never finished are dropped after a day. */
const DRAFT_HOURS = 24;
/** Runs started per tick: the rest are due on the next one. */
const DUE_PER_TICK = 20;

/**
 * Saved searches run again on a schedule. A due watch becomes one scrape job (source 'watch') in
 * the same transaction that moves its next run on, with the row locked and locked rows skipped:
 * however many workers look at once, each due run is started exactly once.
 */
export class Watches {
  constructor(private readonly deps: WatchesDeps) {}

  /** The first run starts at once (every place it finds is new to it); later ones on the schedule. */
  async create(input: NewWatch): Promise<WatchRow> {
    const watch = await inTransaction(this.deps.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(7320015, $1::int)', [input.userId % 2_147_483_647]);
      const { rows: counted } = await client.query<{ count: string }>(`SELECT count(*) FROM maps_watches WHERE user_id = $1 AND status <> 'draft'`, [input.userId]);
      if (input.schedule && Number(counted[0]?.count ?? 0) >= this.deps.perUser) throw new TooManyWatchesError(this.deps.perUser);
      const schedule = input.schedule;
      const { rows } = await client.query<WatchRow>(
        `INSERT INTO maps_watches (id, user_id, chat_id, query, max_results, language, webhook_url, rating_threshold, frequency, hour, weekday, time_zone, status, next_run_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, CASE WHEN $13 = 'active' THEN now() END) RETURNING *`,
        [
          randomBytes(9).toString('base64url'),
          input.userId,
          input.chatId,
          input.query,
          input.maxResults,
          input.language,
          input.webhookUrl ?? null,
          input.ratingThreshold ?? null,
          schedule?.frequency ?? 'daily',
          schedule?.hour ?? 9,
          schedule?.weekday ?? null,
          schedule?.timeZone ?? 'UTC',
          schedule ? 'active' : 'draft',
        ],
      );
      return rows[0]!;
    });
    if (watch.status === 'active') this.startDueSoon();
    return watch;
  }

  /** A new watch's first run: started now rather than at the next tick (any process may start it). */
  private startDueSoon(): void {
    this.runDue().catch((error: unknown) => this.deps.log.warn({ err: error }, 'starting due watch runs failed; the next tick will'));
  }

  /** A draft gets its schedule (from the bot's buttons) and starts; undefined: no such draft, or over the limit. */
  async activate(userId: number, watchId: string, schedule: WatchSchedule): Promise<WatchRow | TooManyWatchesError | undefined> {
    const result = await inTransaction(this.deps.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(7320015, $1::int)', [userId % 2_147_483_647]);
      const { rows: counted } = await client.query<{ count: string }>(`SELECT count(*) FROM maps_watches WHERE user_id = $1 AND status <> 'draft'`, [userId]);
      if (Number(counted[0]?.count ?? 0) >= this.deps.perUser) return new TooManyWatchesError(this.deps.perUser);
      const { rows } = await client.query<WatchRow>(
        `UPDATE maps_watches SET frequency = $3, hour = $4, weekday = $5, time_zone = $6, status = 'active', next_run_at = now()
          WHERE id = $1 AND user_id = $2 AND status = 'draft' RETURNING *`,
        [watchId, userId, schedule.frequency, schedule.hour, schedule.weekday, schedule.timeZone],
      );
      return rows[0];
    });
    if (result && !(result instanceof TooManyWatchesError)) this.startDueSoon();
    return result;
  }

  async list(userId: number): Promise<WatchRow[]> {
    const { rows } = await this.deps.pool.query<WatchRow>(`SELECT * FROM maps_watches WHERE user_id = $1 AND status <> 'draft' ORDER BY created_at, id`, [userId]);
    return rows;
  }

  /** A watch of this user (someone else's is as unknown as a missing one). */
  async find(userId: number, watchId: string): Promise<WatchRow | undefined> {
    const { rows } = await this.deps.pool.query<WatchRow>(`SELECT * FROM maps_watches WHERE id = $1 AND user_id = $2 AND status <> 'draft'`, [watchId, userId]);
    return rows[0];
  }

  /** Paused: no runs. Resumed: the next run at the next scheduled hour (not at once). */
  async setPaused(userId: number, watchId: string, paused: boolean): Promise<WatchRow | undefined> {
    const watch = await this.find(userId, watchId);
    if (!watch) return undefined;
    const next = paused ? null : nextRunAt(scheduleOf(watch), new Date());
    const { rows } = await this.deps.pool.query<WatchRow>(
      `UPDATE maps_watches SET status = $3, next_run_at = $4 WHERE id = $1 AND user_id = $2 AND status <> 'draft' RETURNING *`,
      [watchId, userId, paused ? 'paused' : 'active', next],
    );
    return rows[0];
  }

  /** Deletes a watch and what it saw; a run under way is stopped (its worker sees the cancel). */
  async remove(userId: number, watchId: string): Promise<boolean> {
    return inTransaction(this.deps.pool, async (client) => {
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM maps_watches WHERE id = $1 AND user_id = $2 FOR UPDATE`, [watchId, userId]);
      if (!rows[0]) return false;
      await client.query(
        `UPDATE scrape_jobs SET cancel_requested = true,
                status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
                finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
          WHERE watch_id = $1 AND status IN ('queued', 'running')`,
        [watchId],
      );
      await client.query(`DELETE FROM maps_watches WHERE id = $1`, [watchId]);
      return true;
    });
  }

  /** The time zone the user gave for quiet hours, if any: watches run on the same clock. */
  async defaultTimeZone(userId: number): Promise<string> {
    const { rows } = await this.deps.pool.query<{ time_zone: string }>(
      `SELECT time_zone FROM relay_notifications WHERE user_id = $1 AND time_zone <> 'UTC' ORDER BY provider LIMIT 1`,
      [userId],
    );
    return rows[0]?.time_zone ?? 'UTC';
  }

  /** Today's weekday (1 = Monday) on the zone's clock: where the bot's weekly watches fall. */
  static weekdayNow(timeZone: string): number {
    return wallClock(new Date(), timeZone).weekday;
  }

  /**
   * Starts the runs that are due (called by the agenda tick on one worker at a time; safe on
   * several at once). A watch whose last run is still going skips this turn.
   */
  async runDue(): Promise<number> {
    const now = new Date();
    const jobIds = await inTransaction(this.deps.pool, async (client) => {
      await client.query(`DELETE FROM maps_watches WHERE status = 'draft' AND created_at < now() - make_interval(hours => $1)`, [DRAFT_HOURS]);
      const { rows: due } = await client.query<WatchRow>(
        `SELECT w.* FROM maps_watches w JOIN users u ON u.id = w.user_id
          WHERE w.status = 'active' AND w.next_run_at <= now() AND u.active
          ORDER BY w.next_run_at LIMIT $1
          FOR UPDATE OF w SKIP LOCKED`,
        [DUE_PER_TICK],
      );
      const started: string[] = [];
      for (const watch of due) {
        const next = nextRunAt(scheduleOf(watch), now);
        const { rows: busy } = await client.query(`SELECT 1 FROM scrape_jobs WHERE watch_id = $1 AND status IN ('queued', 'running') LIMIT 1`, [watch.id]);
        if (busy.length > 0) {
          this.deps.log.info({ watchId: watch.id }, 'watch due while its last run is still going; skipping this turn');
          await client.query(`UPDATE maps_watches SET next_run_at = $2 WHERE id = $1`, [watch.id, next]);
          continue;
        }
        const job = await this.deps.scrapes.insert(client, {
          userId: Number(watch.user_id),
          chatId: Number(watch.chat_id),
          source: 'watch',
          query: watch.query,
          maxResults: watch.max_results,
          language: watch.language,
          webhookUrl: watch.webhook_url ?? undefined,
          watchId: watch.id,
        });
        await client.query(`UPDATE maps_watches SET next_run_at = $2, last_run_at = now(), last_job_id = $3, runs = runs + 1 WHERE id = $1`, [watch.id, next, job.id]);
        started.push(job.id);
      }
      return started;
    });
    for (const jobId of jobIds) await this.deps.schedule(jobId);
    return jobIds.length;
  }
}
