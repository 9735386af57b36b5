import type { I18n } from '@grammyjs/i18n';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { Agenda } from 'agenda';
import { Api, GrammyError, webhookCallback } from 'grammy';
import type { FastifyInstance } from 'fastify';
import { createBot, registerCommands } from '../bot/bot.js';
import { integrationBotDeps, type BotDeps, type IntegrationBotDeps } from '../bot/context.js';
import { EndpointRepository } from '../models/endpoints.js';
import { PromptRepository } from '../models/prompts.js';
import { UserRepository } from '../models/users.js';
import { ConfigError, type Config } from './config.js';
import { openDatabase, runMigrations, waitForDatabase, type Database } from './db/database.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './db/embedded.js';
import { createI18n } from './i18n.js';
import { startScheduler } from './jobs/scheduler.js';
import type { Logger } from './logger.js';
import { avitoModule } from './modules/avito.js';
import { falModule } from './modules/fal.js';
import { mapsScrapesModule } from './modules/mapsScrapes.js';
import type { IntegrationModule, ModuleHost } from './modules/module.js';
import { tradingModule } from './modules/trading.js';
import { whatsappModule } from './modules/whatsapp.js';
import { buildServer } from './server/app.js';
import { ConnectionCache } from './services/inbound/connectionCache.js';
import { telegramWebhookRoute } from './server/routes/telegramWebhook.js';
import { DuplicateNotices } from './services/inbound/duplicateNotices.js';
import { EndpointCache } from './services/inbound/endpointCache.js';
import { IngestWriter } from './services/inbound/ingestWriter.js';
import { EventLog } from './services/events/eventLog.js';
import { ReplayConfirm } from './services/events/replayConfirm.js';
import { Replays } from './services/events/replays.js';
import { RefusedRequests } from './services/inbound/refusedRequests.js';
import { EventProcessor } from './services/inbound/processor.js';
import { findRelayedEvent } from './services/relay/relayedEvents.js';
import { RelayNotifications } from './services/relay/relayNotifications.js';
import { LostGroups } from './services/relay/lostGroups.js';
import { QuickReplies } from './services/relay/quickReplies.js';
import { loadSecretBox } from './services/secrets/secretBox.js';
import { enqueueMessages, OutboxWorker, type OutgoingMessage } from './services/telegram/outbox.js';
import { ForumTopics } from './services/telegram/forumTopics.js';
import { ForumTopicRepository, RelayRouteRepository } from '../models/relayRoutes.js';
import { acquirePollingLock, releasePollingLock } from './services/telegram/pollingLock.js';
import { TelegramHealth } from './services/telegram/telegramHealth.js';
import { readSystemStats } from './services/metrics/systemStats.js';
import { FeedSnapshots } from './services/liveFeed/feedSnapshot.js';
import { LiveFeed } from './services/liveFeed/liveFeed.js';
import { webViewRoutes } from './server/routes/webView.js';

export const roles = ['web', 'worker', 'bot'] as const;
export type Role = (typeof roles)[number];

export interface Hookbot {
  /** Where the HTTP server listens, when this process has the web role. */
  url: string | undefined;
  database: Database;
  stop(): Promise<void>;
}

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';

/** The updates the bot asks Telegram for; my_chat_member tells it at once when a group removed it. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

/**
 * Starts the roles asked for in this process. `web` answers HTTP (and acts on what it stores at
 * once), `worker` runs the outbox and the scheduled jobs, `bot` talks to Telegram (long polling,
 * or registering the webhook that `web` then serves).
 */
export async function startHookbot(config: Config, wanted: readonly Role[], log: Logger): Promise<Hookbot> {
  const has = (role: Role) => wanted.includes(role);
  const stops: Array<{ name: string; stop: () => Promise<unknown> }> = [];
  const onStop = (name: string, stop: () => Promise<unknown>) => void stops.push({ name, stop });
  const stopAll = async () => {
    for (const { name, stop } of stops.reverse()) {
      await stop().catch((error: unknown) => log.error({ err: error, part: name }, 'shutdown step failed'));
    }
    stops.length = 0;
  };

  try {
    let embedded: EmbeddedServer | undefined;
    let databaseUrl = config.database.url;
    if (!databaseUrl) {
      embedded = await startEmbeddedPostgres({ dataDir: config.database.dataDir, home: config.database.embeddedHome }, log);
      onStop('embedded postgres', () => embedded!.stop());
      databaseUrl = embedded.url;
      log.info({ dataDir: config.database.dataDir }, 'using the embedded PostgreSQL (DATABASE_URL is not set)');
    } else {
      await waitForDatabase(databaseUrl, config.database.waitSeconds, log);
    }
    const secrets = await loadSecretBox({ encryptionKey: config.encryptionKey, embedded: embedded !== undefined, dataDir: config.database.dataDir });
    const database = openDatabase(databaseUrl, log, 20);
    onStop('database pool', () => database.close());
    await runMigrations(database, log);

    const i18n = createI18n();
    const users = new UserRepository(database.db);
    const endpoints = new EndpointRepository(database.db);
    const outboxApi = new Api(config.telegram.token, { apiRoot: config.telegram.apiRoot, timeoutSeconds: 30 });

    let outbox: OutboxWorker | undefined;
    let processor: EventProcessor | undefined = undefined;
    let jobAgenda: Agenda | undefined;
    const host: ModuleHost = {
      config,
      log,
      database,
      pool: database.pool,
      secrets,
      i18n,
      users,
      endpoints,
      connectionCache: new ConnectionCache(),
      inlineProcessor: () => (config.processing.inline ? processor : undefined),
      wakeOutbox: () => outbox?.wake(),
      scheduleJob: async (name, data) => {
        if (!jobAgenda) {
          // A process without the worker role only puts jobs on the queue; workers run them.
          jobAgenda = new Agenda({ backend: new PostgresBackend({ pool: database.pool }), name: `hookbot-enqueue-${process.pid}` });
          await jobAgenda.ready;
        }
        await jobAgenda.now(name, data);
      },
      onStop,
    };

    // The integrations. Each declares what it contributes; the roles below take the parts they run.
    const modules: IntegrationModule[] = [tradingModule(host), falModule(host), mapsScrapesModule(host), whatsappModule(host), avitoModule(host)];

    processor = new EventProcessor({
      pool: database.pool,
      log,
      actions: collect(modules, (module) => module.actions),
      onQueued: host.wakeOutbox,
      replayMark: (language, originalEventId) => i18n.t(language, 'event-replay-mark', { id: String(originalEventId) }),
    });

    const replays = new Replays({ pool: database.pool, processor: () => host.inlineProcessor() });
    const needsBot = has('bot') || (has('web') && config.telegram.mode === 'webhook');
    const bot = needsBot
      ? createBot(
          {
            config,
            users,
            endpoints,
            prompts: new PromptRepository(database.db),
            i18n,
            log,
            notify: async (messages: OutgoingMessage[]) => {
              await enqueueMessages(database.pool, messages);
              host.wakeOutbox();
            },
            secrets,
            findRelayed: (chatId, messageId) => findRelayedEvent(database.pool, chatId, messageId),
            relayRoutes: new RelayRouteRepository(database.db),
            forumTopics: new ForumTopicRepository(database.db),
            relayNotifications: new RelayNotifications(database.pool),
            quickReplies: new QuickReplies(database.pool),
            lostGroups: new LostGroups(database.pool, i18n, log),
            wakeOutbox: host.wakeOutbox,
            systemStats: () => readSystemStats(database.pool),
            events: { log: new EventLog(database.pool), replays, confirm: new ReplayConfirm(database.pool, replays) },
            ...botDepsOf(modules),
          },
          modules.flatMap((module) => module.bot?.features ?? []),
        )
      : undefined;

    // Only the bot role talks to Telegram for updates: only its /ready depends on Telegram.
    const telegramHealth = bot && has('bot') ? new TelegramHealth(bot.api) : undefined;
    if (has('worker')) {
      const lostGroups = new LostGroups(database.pool, i18n, log);
      outbox = new OutboxWorker({
        pool: database.pool,
        api: outboxApi,
        log,
        ratePerSecond: config.telegram.ratePerSecond,
        concurrency: config.outbox.concurrency,
        leaseSeconds: config.outbox.leaseSeconds,
        onChatBlocked: (chatId) => users.markBlocked(chatId),
        topics: new ForumTopics(new ForumTopicRepository(database.db), outboxApi),
        onGroupLost: (chatId) => lostGroups.lost(chatId),
      });
      await outbox.start();
      onStop('outbox', () => outbox!.stop());
      const scheduler = await startScheduler({
        pool: database.pool,
        processor,
        log,
        sweepIntervalSeconds: config.processing.sweepIntervalSeconds,
        sweepMinAgeSeconds: config.processing.sweepMinAgeSeconds,
        define: (agenda) => {
          for (const module of modules) module.jobs?.define?.(agenda);
        },
        jobs: modules.flatMap((module) => module.jobs?.recurring ?? []),
      });
      jobAgenda = scheduler.agenda;
      onStop('scheduler', () => scheduler.stop());
      for (const module of modules) await module.startWorker?.({ agenda: scheduler.agenda });
    }

    let url: string | undefined;
    if (has('web')) {
      const cache = new EndpointCache(endpoints);
      await cache.listen(database.pool, log);
      onStop('endpoint cache', () => cache.close());
      await host.connectionCache.listen(database.pool, log);
      onStop('connection cache', () => host.connectionCache.close());
      const ingest = new IngestWriter(database.pool);
      // Only the fast path queues work in the processor; the sweeper's runs end with the scheduler.
      onStop('inline processing', () => processor.drain());
      onStop('ingest writer', () => ingest.drain());
      const refused = new RefusedRequests({
        pool: database.pool,
        log,
        keepPerUrl: config.hooks.refusedKeepPerUrl,
        perMinute: config.hooks.refusedPerMinute,
      });
      onStop('refused requests', () => refused.drain());
      const eventLog = new EventLog(database.pool);
      const liveFeed = new LiveFeed({
        pool: database.pool,
        log,
        snapshots: new FeedSnapshots(database.pool, eventLog, i18n),
        maxPerUser: config.webView.streamsPerUser,
        maxTotal: config.webView.maxStreams,
      });
      await liveFeed.start();
      onStop('live feed', () => liveFeed.stop());
      const routes = modules.flatMap((module) => (module.routes ? [module.routes] : []));
      routes.push(
        webViewRoutes({
          botToken: config.telegram.token,
          initDataMaxAgeSeconds: config.webView.initDataMaxAgeSeconds,
          users,
          events: eventLog,
          feed: liveFeed,
          i18n,
        }),
      );
      if (bot && config.telegram.mode === 'webhook') routes.push(async (app) => mountTelegramWebhook(app, bot, config));
      const server = await buildServer({
        log,
        pool: database.pool,
        endpoints: cache,
        ingest,
        processor: host.inlineProcessor(),
        hooks: config.hooks,
        metrics: config.metrics,
        server: config.server,
        telegramFailure: telegramHealth && (() => telegramHealth.failure()),
        refused,
        duplicateNotices: new DuplicateNotices({
          pool: database.pool,
          log,
          i18n,
          intervalSeconds: config.hooks.duplicateNoticeIntervalSeconds,
          dedupeWindowSeconds: config.hooks.dedupeWindowSeconds,
          onQueued: host.wakeOutbox,
        }),
        trustProxy: config.http.trustProxy,
        legacyWebhook: config.legacyWebhook && {
          passphrase: config.legacyWebhook.passphrase,
          owner: async () => {
            const user = await users.findByTelegramId(config.legacyWebhook!.ownerTelegramId);
            if (!user) return undefined;
            const endpoint = await endpoints.getOrCreate(user.id, 'tradingview');
            return cache.lookup('tradingview', endpoint.token);
          },
        },
        providers: new Map(Object.entries(collect(modules, (module) => module.inbound))),
        routes,
      });
      await server.listen({ host: config.http.host, port: config.http.port });
      const address = server.server.address();
      const port = typeof address === 'object' && address ? address.port : config.http.port;
      url = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${port}`;
      log.info({ url, publicUrl: config.http.publicUrl }, 'HTTP server listening');
      // Closing stops new connections and waits for requests in flight to be answered.
      onStop('http server', () => server.close());
    }

    if (has('bot') && bot) {
      const telegram = await startBotRole(bot, outboxApi, i18n, config, database, log);
      onStop('telegram bot', () => telegram.stop());
    }

    return { url, database, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** One registry from every module's entries (providers, actions); a name claimed twice is a wiring bug. */
function collect<T>(modules: readonly IntegrationModule[], entries: (module: IntegrationModule) => Readonly<Record<string, T>> | undefined): Record<string, T> {
  const all: Record<string, T> = {};
  for (const module of modules) {
    for (const [name, entry] of Object.entries(entries(module) ?? {})) {
      if (name in all) throw new Error(`"${name}" is contributed by two integration modules (the second is ${module.name})`);
      all[name] = entry;
    }
  }
  return all;
}

/** What the integrations' bot features need in ctx.deps; a missing one stops start-up, not a chat. */
function botDepsOf(modules: readonly IntegrationModule[]): IntegrationBotDeps {
  const deps: Partial<BotDeps> = Object.assign({}, ...modules.map((module) => module.bot?.deps ?? {}));
  const missing = integrationBotDeps.filter((key) => deps[key] === undefined);
  if (missing.length > 0) throw new Error(`no integration module provides the bot's ${missing.join(', ')}`);
  return deps as IntegrationBotDeps;
}

function mountTelegramWebhook(app: FastifyInstance, bot: ReturnType<typeof createBot>, config: Config): void {
  const handle = webhookCallback(bot, 'fastify', { secretToken: config.telegram.webhookSecret, onTimeout: 'return' });
  telegramWebhookRoute(app, TELEGRAM_WEBHOOK_PATH, config.telegram.webhookSecret, handle);
}

/**
 * Connects the bot. A token Telegram refuses stops start-up with a clear line; an unreachable
 * Telegram does not: webhooks keep being stored and acted on while the bot keeps trying.
 */
async function startBotRole(
  bot: ReturnType<typeof createBot>,
  probe: Api,
  i18n: I18n,
  config: Config,
  database: Database,
  log: Logger,
): Promise<{ stop(): Promise<void> }> {
  try {
    // A plain client: the bot's own retries network errors for ever, which would hide the answer.
    bot.botInfo = await probe.getMe();
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
      throw new ConfigError([`TELEGRAM_BOT_TOKEN was refused by Telegram (${error.description}); check it with @BotFather`]);
    }
    log.warn({ apiRoot: config.telegram.apiRoot, error: error instanceof Error ? error.message : String(error) }, 'cannot reach Telegram yet; will keep trying');
  }
  const abort = new AbortController();
  let polling: { stop(): Promise<void> } | undefined;
  const connecting = (async () => {
    // grammY's signal type comes from a shim; the platform AbortSignal is what it uses at run time.
    await bot.init(abort.signal as Parameters<typeof bot.init>[0]); // retries network errors until it gets through
    if (abort.signal.aborted) return;
    await registerCommands(bot.api, i18n, config.adminIds).catch((error: unknown) =>
      log.warn({ error: error instanceof Error ? error.message : String(error) }, 'could not register the command list with Telegram'),
    );
    if (abort.signal.aborted) return;
    if (config.telegram.mode === 'webhook') {
      await bot.api.setWebhook(`${config.http.publicUrl}${TELEGRAM_WEBHOOK_PATH}`, {
        secret_token: config.telegram.webhookSecret,
        allowed_updates: ALLOWED_UPDATES,
      });
      log.info({ bot: bot.botInfo.username }, 'Telegram webhook registered');
    } else {
      polling = startPolling(bot, database, log);
    }
  })();
  connecting.catch((error: unknown) => {
    if (!abort.signal.aborted) log.error({ err: error }, 'could not connect the bot to Telegram');
  });
  return {
    async stop() {
      abort.abort();
      await connecting.catch(() => undefined);
      await polling?.stop();
    },
  };
}

/** Long polling through the runner, only while this process holds the polling lock. */
function startPolling(bot: ReturnType<typeof createBot>, database: Database, log: Logger): { stop(): Promise<void> } {
  const abort = new AbortController();
  const aborted = new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve(), { once: true }));
  const loop = (async () => {
    while (!abort.signal.aborted) {
      const lock = await acquirePollingLock(database.pool, log, abort.signal);
      if (!lock) return;
      try {
        if (abort.signal.aborted) return;
        await bot.api.deleteWebhook().catch((error: unknown) => log.warn({ err: error }, 'deleteWebhook failed'));
        const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
        log.info({ bot: bot.botInfo.username }, 'polling Telegram for updates');
        await Promise.race([runner.task(), lock.lost, aborted]);
        if (runner.isRunning()) await runner.stop();
      } finally {
        await releasePollingLock(lock);
      }
    }
  })();
  loop.catch((error: unknown) => log.error({ err: error }, 'telegram polling stopped'));
  return {
    async stop() {
      abort.abort();
      await loop.catch(() => undefined);
    },
  };
}
