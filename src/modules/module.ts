import type { I18n } from '@grammyjs/i18n';
import type { Agenda } from 'agenda';
import type { FastifyPluginAsync } from 'fastify';
import type { Composer } from 'grammy';
import type pg from 'pg';
import type { BotContext, BotDeps } from '../../bot/context.js';
import type { EndpointRepository } from '../../models/endpoints.js';
import type { UserRepository } from '../../models/users.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { RecurringJob } from '../jobs/scheduler.js';
import type { Logger } from '../logger.js';
import type { ConnectionCache } from '../services/inbound/connectionCache.js';
import type { InboundProvider } from '../services/inbound/providers.js';
import type { EventAction, EventProcessor } from '../services/inbound/processor.js';
import type { SecretBox } from '../services/secrets/secretBox.js';

/** What the composition root hands every integration module: shared services, no roles' insides. */
export interface ModuleHost {
  config: Config;
  log: Logger;
  database: Database;
  pool: pg.Pool;
  secrets: SecretBox;
  i18n: I18n;
  users: UserRepository;
  endpoints: EndpointRepository;
  /** Per-user provider secrets read on the webhook path, dropped everywhere when they change. */
  connectionCache: ConnectionCache;
  /**
   * Acts on an event stored outside a request (a poll) at once, where this process processes events
   * inline; undefined leaves it to the sweeper. A function: the processor is made from the modules.
   */
  inlineProcessor(): EventProcessor | undefined;
  /** Wakes this process's Telegram outbox after messages were queued (a no-op without one). */
  wakeOutbox(): void;
  /** Puts a one-off job on the shared queue, from any process; a worker runs it. */
  scheduleJob(name: string, data: Record<string, unknown>): Promise<void>;
  /** Runs at shutdown; steps run in the reverse order of their registration. */
  onStop(name: string, stop: () => Promise<unknown>): void;
}

/** The worker role's shared scheduler, for modules that run jobs. */
export interface WorkerHost {
  agenda: Agenda;
}

/**
 * One integration (TradingView trading, FAL, WhatsApp, Avito, Maps scrapes, …) and everything it
 * contributes. The composition root lists modules and starts the roles; each role takes from every
 * module only the parts it runs, so adding an integration means writing its module and listing it.
 */
export interface IntegrationModule {
  readonly name: string;
  /** Providers served under `/hooks/<provider>/<token>` (web role). */
  readonly inbound?: Readonly<Record<string, InboundProvider>>;
  /** What a stored event of each of its providers becomes, inside the event's transaction. */
  readonly actions?: Readonly<Record<string, EventAction>>;
  /** Its bot commands (one Composer per feature) and what those features find in `ctx.deps`. */
  readonly bot?: { readonly features: readonly Composer<BotContext>[]; readonly deps?: Partial<BotDeps> };
  /** HTTP routes of its own beside the hooks (web role), as an encapsulated Fastify plugin. */
  readonly routes?: FastifyPluginAsync;
  /** Job types it defines before the scheduler starts, and its recurring jobs (worker role). */
  readonly jobs?: { define?(agenda: Agenda): void; recurring?: readonly RecurringJob[] };
  /** Starts its worker-side services once the scheduler runs (worker role). */
  startWorker?(worker: WorkerHost): Promise<void>;
}
