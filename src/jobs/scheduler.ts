import { PostgresBackend } from '@agendajs/postgres-backend';
import { Agenda } from 'agenda';
import type pg from 'pg';
import type { Logger } from '../logger.js';
import type { EventProcessor } from '../services/inbound/processor.js';
import { InboundSweeper } from '../services/inbound/sweeper.js';

export interface SchedulerOptions {
  pool: pg.Pool;
  processor: EventProcessor;
  log: Logger;
  sweepIntervalSeconds: number;
  sweepMinAgeSeconds: number;
  /** Further recurring jobs of the integrations (e.g. the Avito polling fallback). */
  jobs?: RecurringJob[];
  /** More job types, defined before the scheduler starts (e.g. the Maps scrapes). */
  define?: (agenda: Agenda) => Promise<void> | void;
}

export interface RecurringJob {
  name: string;
  intervalSeconds: number;
  run(): Promise<void>;
}

export const jobNames = { purge: 'maintenance-purge' } as const;

/** Before the sweeper ran on its own timer (InboundSweeper), it was this agenda job. */
const FORMER_SWEEP_JOB = 'inbound-sweep';

/**
 * Recurring work shared by all worker processes; agenda's locks run each job on one of them at a
 * time. The inbound sweeper runs beside it in every worker (see InboundSweeper for why not here).
 */
export async function startScheduler(options: SchedulerOptions): Promise<{ agenda: Agenda; stop(): Promise<void> }> {
  const { pool, processor, log } = options;
  const backend = new PostgresBackend({ pool });
  const agenda = new Agenda({
    backend,
    name: `hookbot-${process.pid}`,
    processEvery: `${options.sweepIntervalSeconds} seconds`,
    defaultLockLifetime: 60_000,
  });
  agenda.on('error', (error: unknown) => log.error({ err: error }, 'job scheduler error'));
  // The LISTEN connection reconnects by itself; an unheard 'error' event would end the process.
  const channel = backend.notificationChannel as unknown as NodeJS.EventEmitter | undefined;
  channel?.on('error', (error: Error) => log.warn({ error: error.message }, 'job notification channel lost; reconnecting'));

  agenda.define(
    jobNames.purge,
    async () => {
      const dedupe = await pool.query(`DELETE FROM inbound_dedupe WHERE expires_at < now()`);
      const outbox = await pool.query(`DELETE FROM telegram_outbox WHERE status NOT IN ('pending', 'held') AND created_at < now() - interval '30 days'`);
      log.info({ dedupe: dedupe.rowCount, outbox: outbox.rowCount }, 'purged expired dedupe keys and old outbox rows');
    },
    { concurrency: 1 },
  );

  for (const job of options.jobs ?? []) agenda.define(job.name, () => job.run(), { concurrency: 1, lockLifetime: 120_000 });

  await options.define?.(agenda);
  const sweeper = new InboundSweeper({
    processor,
    log,
    intervalSeconds: options.sweepIntervalSeconds,
    minAgeSeconds: options.sweepMinAgeSeconds,
  });
  sweeper.start();
  try {
    await agenda.start();
    await agenda.cancel({ name: FORMER_SWEEP_JOB });
    await agenda.every('1 hour', jobNames.purge);
    for (const job of options.jobs ?? []) await agenda.every(`${job.intervalSeconds} seconds`, job.name);
  } catch (error) {
    await sweeper.stop();
    throw error;
  }
  return {
    agenda,
    async stop() {
      await sweeper.stop();
      await agenda.drain(10_000);
    },
  };
}
