import type { I18n } from '@grammyjs/i18n';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { Api, GrammyError, webhookCallback } from 'grammy';
import type { FastifyInstance } from 'fastify';
import { createBot, registerCommands } from '../bot/bot.js';
import { parseTradeAlert } from '../handlers/tradeSignal.js';
import { AvitoConnectionRepository, WhatsAppConnectionRepository } from '../models/connections.js';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { Agenda } from 'agenda';
import { ApiKeyRepository } from '../models/apiKeys.js';
import { EndpointRepository } from '../models/endpoints.js';
import { PromptRepository } from '../models/prompts.js';
import { BybitKeyRepository, TradeSignalRepository, TradingSettingsRepository } from '../models/trading.js';
import { UserRepository } from '../models/users.js';
import { ConfigError, type Config } from './config.js';
import { openDatabase, runMigrations, type Database } from './db/database.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './db/embedded.js';
import { createI18n } from './i18n.js';
import { startScheduler, type RecurringJob } from './jobs/scheduler.js';
import type { Logger } from './logger.js';
import { buildServer } from './server/app.js';
import { falProvider } from './services/fal/falProvider.js';
import { FalJwks } from './services/fal/jwks.js';
import { relayFalWebhook } from './services/fal/relayFal.js';
import { AvitoService } from './services/avito/avitoService.js';
import { relayAvitoEvent } from './services/avito/relayAvito.js';
import { ConnectionCache } from './services/inbound/connectionCache.js';
import { avitoProvider, whatsappProvider } from './services/inbound/messengerProviders.js';
import { findRelayedEvent } from './services/relay/relayedEvents.js';
import { relayWhatsAppEvent } from './services/whatsapp/relayWhatsApp.js';
import { WhatsAppService } from './services/whatsapp/whatsappService.js';
import { loadSecretBox } from './services/secrets/secretBox.js';
import { EndpointCache } from './services/inbound/endpointCache.js';
import { IngestWriter } from './services/inbound/ingestWriter.js';
import type { InboundProvider } from './services/inbound/providers.js';
import { EventProcessor } from './services/inbound/processor.js';
import { enqueueMessages, OutboxWorker, type OutgoingMessage } from './services/telegram/outbox.js';
import { acquirePollingLock, releasePollingLock } from './services/telegram/pollingLock.js';
import { tradeTradingViewAlert } from './services/trading/recordSignal.js';
import { TradingService } from './services/trading/service.js';
import { SCRAPE_JOB, SCRAPE_RECOVER_JOB, ScrapeJobs } from './services/scraper/scrapeJobs.js';
import { hostResolver } from './services/webhooks/addressGuard.js';
import { WebhookDispatcher } from './services/webhooks/dispatcher.js';
import { guardedAgent } from './services/webhooks/guardedAgent.js';

export const roles = ['web', 'worker', 'bot'] as const;
export type Role = (typeof roles)[number];

export interface Hookbot {
  /** Where the HTTP server listens, when this process has the web role. */
  url: string | undefined;
  database: Database;
  stop(): Promise<void>;
}

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';

/**
 * Starts the roles asked for in this process. `web` answers HTTP (and acts on what it stores at
 * once), `worker` runs the outbox and the scheduled jobs, `bot` talks to Telegram (long polling,
 * or registering the webhook that `web` then serves).
 */
export async function startHookbot(config: Config, wanted: readonly Role[], log: Logger): Promise<Hookbot> {
  const has = (role: Role) => wanted.includes(role);
  const stops: Array<{ name: string; stop: () => Promise<unknown> }> = [];
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
      embedded = await startEmbeddedPostgres(config.database.dataDir, config.database.embeddedPort, log);
      stops.push({ name: 'embedded postgres', stop: () => embedded!.stop() });
      databaseUrl = embedded.url;
      log.info({ dataDir: config.database.dataDir }, 'using the embedded PostgreSQL (DATABASE_URL is not set)');
    }
    const secrets = await loadSecretBox({ encryptionKey: config.encryptionKey, embedded: embedded !== undefined, dataDir: config.database.dataDir });
    const database = openDatabase(databaseUrl, log, 20);
    stops.push({ name: 'database pool', stop: () => database.close() });
    await runMigrations(database, log);

    const i18n = createI18n();
    const users = new UserRepository(database.db);
    const endpoints = new EndpointRepository(database.db);
    // Issue #5: WhatsApp (Green API) and Avito.
    const whatsappConnections = new WhatsAppConnectionRepository(database.db);
    const avitoConnections = new AvitoConnectionRepository(database.db);
    const whatsapp = new WhatsAppService({
      connections: whatsappConnections,
      endpoints,
      secrets,
      log,
      publicUrl: config.http.publicUrl,
      timeoutMs: config.providers.timeoutMs,
    });
    const avito = new AvitoService({
      connections: avitoConnections,
      endpoints,
      secrets,
      log,
      pool: database.pool,
      publicUrl: config.http.publicUrl,
      apiUrl: config.providers.avitoApiUrl,
      timeoutMs: config.providers.timeoutMs,
      quietSeconds: config.providers.avitoQuietSeconds,
    });
    const outboxApi = new Api(config.telegram.token, { apiRoot: config.telegram.apiRoot, timeoutSeconds: 30 });

    let outbox: OutboxWorker | undefined;
    const wakeOutbox = () => outbox?.wake();
    const notify = async (messages: OutgoingMessage[]) => {
      await enqueueMessages(database.pool, messages);
      wakeOutbox();
    };
    const trading = new TradingService({ pool: database.pool, log, i18n, secrets, settings: config.trading, onQueued: wakeOutbox });
    // Stopped after the processor has drained (stops run in reverse), before the pool closes.
    stops.push({ name: 'trading', stop: () => trading.stop() });
    const processor = new EventProcessor({
      pool: database.pool,
      log,
      actions: {
        tradingview: tradeTradingViewAlert(i18n, (userId) => trading.wakeUser(userId)),
        fal: relayFalWebhook(i18n),
        whatsapp: relayWhatsAppEvent(i18n, whatsappConnections),
        avito: relayAvitoEvent(i18n, avitoConnections, avito),
      },
      onQueued: wakeOutbox,
    });

    // Maps scrapes (issue #4): created by the bot and the API, run by agenda on workers.
    const apiKeys = new ApiKeyRepository(database.db);
    const resolveHost = hostResolver(config.webhooks.dnsServers);
    const guarded = guardedAgent(resolveHost, config.webhooks.allowPrivate);
    stops.push({ name: 'outbound HTTP agent', stop: () => guarded.close() });
    let dispatcher: WebhookDispatcher | undefined;
    let jobAgenda: Agenda | undefined;
    const scrapes = new ScrapeJobs({
      pool: database.pool,
      log,
      t: i18n.t.bind(i18n),
      config,
      schedule: async (jobId) => {
        if (!jobAgenda) {
          // A process without the worker role only puts jobs on the queue; workers run them.
          jobAgenda = new Agenda({ backend: new PostgresBackend({ pool: database.pool }), name: `hookbot-enqueue-${process.pid}` });
          await jobAgenda.ready;
        }
        await jobAgenda.now(SCRAPE_JOB, { jobId });
      },
      wakeOutbox,
      wakeWebhooks: () => dispatcher?.wake(),
      websiteAgent: guarded,
    });

    const needsBot = has('bot') || (has('web') && config.telegram.mode === 'webhook');
    const bot = needsBot ? createBot({
          config,
          users,
          endpoints,
          prompts: new PromptRepository(database.db),
          i18n,
          log,
          notify,
          secrets,
          whatsapp,
          avito,
          findRelayed: (chatId, messageId) => findRelayedEvent(database.pool, chatId, messageId),
          trading: {
            service: trading,
            settings: new TradingSettingsRepository(database.db),
            keys: new BybitKeyRepository(database.db),
            signals: new TradeSignalRepository(database.db),
          },
          apiKeys,
          scrapes,
        }) : undefined;

    if (has('worker')) {
      outbox = new OutboxWorker({
        pool: database.pool,
        api: outboxApi,
        log,
        ratePerSecond: config.telegram.ratePerSecond,
        concurrency: config.outbox.concurrency,
        leaseSeconds: config.outbox.leaseSeconds,
        onChatBlocked: (chatId) => users.markBlocked(chatId),
      });
      await outbox.start();
      stops.push({ name: 'outbox', stop: () => outbox!.stop() });
      dispatcher = new WebhookDispatcher({ pool: database.pool, log, agent: guarded, openSecret: (sealed) => secrets.decrypt(sealed) });
      await dispatcher.start();
      stops.push({ name: 'webhook dispatcher', stop: () => dispatcher!.stop() });
      const scheduler = await startScheduler({
        pool: database.pool,
        processor,
        log,
        sweepIntervalSeconds: config.processing.sweepIntervalSeconds,
        sweepMinAgeSeconds: config.processing.sweepMinAgeSeconds,
        define: (agenda) => {
          agenda.define<{ jobId: string }>(SCRAPE_JOB, (job) => scrapes.run(job.attrs.data.jobId, () => job.touch()), {
            concurrency: config.scrape.jobsPerWorker,
            lockLifetime: 60_000,
          });
          agenda.define(SCRAPE_RECOVER_JOB, async () => {
            const scheduled = await scrapes.recover();
            if (scheduled > 0) log.info({ scheduled }, 'scrapes left by a stopped worker scheduled again');
          });
        },
        jobs: [avitoPollJob(avito, new IngestWriter(database.pool), config.processing.inline ? processor : undefined, config.providers.avitoPollIntervalSeconds)],
      });
      jobAgenda = scheduler.agenda;
      stops.push({ name: 'scheduler', stop: () => scheduler.stop() });
      trading.startSweeper(config.processing.sweepIntervalSeconds);
      trading.wake();
      // Before the scheduler drains: running scrapes are handed back, to resume on the next start.
      stops.push({ name: 'scrapes', stop: () => scrapes.handBack() });
      await scheduler.agenda.every('15 seconds', SCRAPE_RECOVER_JOB);
      await scrapes.recover();
    }

    let url: string | undefined;
    if (has('web')) {
      const cache = new EndpointCache(endpoints);
      await cache.listen(database.pool);
      stops.push({ name: 'endpoint cache', stop: () => cache.close() });
      const ingest = new IngestWriter(database.pool);
      const connectionCache = new ConnectionCache();
      await connectionCache.listen(database.pool);
      stops.push({ name: 'connection cache', stop: () => connectionCache.close() });
      // Only the fast path queues work in the processor; the sweeper's runs end with the scheduler.
      stops.push({ name: 'inline processing', stop: () => processor.drain() });
      stops.push({ name: 'ingest writer', stop: () => ingest.drain() });
      const server = await buildServer({
        log,
        pool: database.pool,
        endpoints: cache,
        ingest,
        processor: config.processing.inline ? processor : undefined,
        hooks: config.hooks,
        scrape: {
          scrapes,
          apiKeys,
          resolveHost,
          allowPrivateWebhooks: config.webhooks.allowPrivate,
          maxResults: config.scrape.maxResults,
        },
        legacyWebhook: config.legacyWebhook && {
          passphrase: config.legacyWebhook.passphrase,
          owner: async () => {
            const user = await users.findByTelegramId(config.legacyWebhook!.ownerTelegramId);
            if (!user) return undefined;
            const endpoint = await endpoints.getOrCreate(user.id, 'tradingview');
            return cache.lookup('tradingview', endpoint.token);
          },
        },
        providers: new Map<string, InboundProvider>([
          ['tradingview', { accept: (request) => parseTradeAlert(request, config.hooks.dedupeWindowSeconds) }],
          [
            'fal',
            falProvider(
              new FalJwks({
                url: config.fal.jwksUrl,
                log,
                maxAgeSeconds: config.fal.jwksCacheSeconds,
                minRefreshSeconds: config.fal.jwksMinRefreshSeconds,
              }),
              log,
            ),
          ],
          ['whatsapp', whatsappProvider(whatsapp, connectionCache)],
          ['avito', avitoProvider(avito, connectionCache, log)],
        ]),
        extraRoutes: bot && config.telegram.mode === 'webhook' ? (app) => mountTelegramWebhook(app, bot, config) : undefined,
      });
      await server.listen({ host: config.http.host, port: config.http.port });
      const address = server.server.address();
      const port = typeof address === 'object' && address ? address.port : config.http.port;
      url = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${port}`;
      log.info({ url, publicUrl: config.http.publicUrl }, 'HTTP server listening');
      // Closing stops new connections and waits for requests in flight to be answered.
      stops.push({ name: 'http server', stop: () => server.close() });
    }

    if (has('bot') && bot) {
      const telegram = await startBotRole(bot, outboxApi, i18n, config, database, log);
      stops.push({ name: 'telegram bot', stop: () => telegram.stop() });
    }

    return { url, database, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Issue #5: the Avito fallback, run by one worker at a time. */
function avitoPollJob(avito: AvitoService, ingest: IngestWriter, processor: EventProcessor | undefined, intervalSeconds: number): RecurringJob {
  return { name: 'avito-poll', intervalSeconds, run: () => avito.pollAll(ingest, processor) };
}

function mountTelegramWebhook(app: FastifyInstance, bot: ReturnType<typeof createBot>, config: Config): void {
  const handle = webhookCallback(bot, 'fastify', { secretToken: config.telegram.webhookSecret, onTimeout: 'return' });
  app.post(TELEGRAM_WEBHOOK_PATH, { schema: { hide: true } }, handle);
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
        allowed_updates: ['message', 'callback_query'],
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
        const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: ['message', 'callback_query'] } } });
        log.info({ bot: bot.botInfo.username }, 'polling Telegram for updates');
        await Promise.race([runner.task(), lock.lost, aborted]);
        if (runner.isRunning()) await runner.stop();
      } finally {
        await releasePollingLock(lock.client);
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
