import { scrape } from '../../bot/features/scrape.js';
import { watch } from '../../bot/features/watch.js';
import { watchRoutes } from '../server/routes/watches.js';
import { ProxyRotation } from '../services/scraper/proxyRotation.js';
import { enqueueMessages } from '../services/telegram/outbox.js';
import { Watches, WATCH_TICK_JOB } from '../services/watches/watches.js';
import { ApiKeyRepository } from '../../models/apiKeys.js';
import { scrapeRoutes } from '../server/routes/scrape.js';
import { SCRAPE_JOB, SCRAPE_RECOVER_JOB, ScrapeJobs } from '../services/scraper/scrapeJobs.js';
import { hostResolver } from '../services/webhooks/addressGuard.js';
import { WebhookDispatcher } from '../services/webhooks/dispatcher.js';
import { guardedAgent } from '../services/webhooks/guardedAgent.js';
import type { IntegrationModule, ModuleHost } from './module.js';

/**
 * Google Maps scrapes, started from the bot or `POST /scrape`, run by workers (agenda), each result
 * streamed to the chat and to the user's own signed webhook.
 */
export function mapsScrapesModule(host: ModuleHost): IntegrationModule {
  const { config, pool, log, i18n, secrets, database } = host;
  const apiKeys = new ApiKeyRepository(database.db);
  const resolveHost = hostResolver(config.webhooks.dnsServers);
  // One agent for every outgoing request of a scrape: the users' webhooks and the places' websites.
  const agent = guardedAgent(resolveHost, config.webhooks.allowPrivate);
  host.onStop('outbound HTTP agent', () => agent.close());
  let dispatcher: WebhookDispatcher | undefined;
  const proxies = new ProxyRotation({
    pool,
    log,
    proxies: config.scrape.proxies,
    downMinutes: config.scrape.proxyDownMinutes,
    // The administrators hear of a proxy taken out (host and port only, never its credentials).
    async report(proxy, reason) {
      const { rows } = await pool.query<{ telegram_id: string; language: string }>(`SELECT telegram_id, language FROM users WHERE telegram_id = ANY($1::bigint[])`, [
        config.adminIds,
      ]);
      const languageOf = (id: number) => rows.find((row) => Number(row.telegram_id) === id)?.language ?? 'en';
      const text = (id: number) => i18n.t(languageOf(id), 'scrape-proxy-down', { proxy: proxy.label, reason, minutes: config.scrape.proxyDownMinutes });
      await enqueueMessages(pool, config.adminIds.map((id) => ({ chatId: id, html: text(id) })));
      host.wakeOutbox();
    },
  });
  const scrapes = new ScrapeJobs({
    pool,
    log,
    t: i18n.t.bind(i18n),
    config,
    schedule: (jobId) => host.scheduleJob(SCRAPE_JOB, { jobId }),
    wakeOutbox: host.wakeOutbox,
    webhooks: () => dispatcher,
    websiteAgent: agent,
    proxies,
  });
  const watches = new Watches({
    pool,
    log,
    scrapes,
    schedule: (jobId) => host.scheduleJob(SCRAPE_JOB, { jobId }),
    perUser: config.scrape.watchesPerUser,
  });
  const routeDeps = { apiKeys, resolveHost, allowPrivateWebhooks: config.webhooks.allowPrivate, maxResults: config.scrape.maxResults };
  return {
    name: 'maps-scrapes',
    bot: { features: [scrape, watch], deps: { scrapes, apiKeys, watches } },
    async routes(app) {
      await app.register(
        scrapeRoutes({
          ...routeDeps,
          scrapes,
          placeListMax: config.scrape.placeListMax,
          mapsHost: new URL(config.scrape.mapsBaseUrl).host,
          area: config.scrape.area,
          pool,
        }),
      );
      await app.register(watchRoutes({ ...routeDeps, watches }));
    },
    jobs: {
      // Due watches become scrape jobs; agenda runs this on one worker at a time, and the claim
      // in runDue() keeps a run single even if two workers ever look at once.
      recurring: [
        {
          name: WATCH_TICK_JOB,
          intervalSeconds: config.scrape.watchCheckSeconds,
          async run() {
            const started = await watches.runDue();
            if (started > 0) log.info({ started }, 'watch runs started');
          },
        },
      ],
      define(agenda) {
        agenda.define<{ jobId: string }>(SCRAPE_JOB, (job) => scrapes.run(job.attrs.data.jobId, () => job.touch()), {
          concurrency: config.scrape.jobsPerWorker,
          lockLifetime: 60_000,
        });
        agenda.define(SCRAPE_RECOVER_JOB, async () => {
          const scheduled = await scrapes.recover();
          if (scheduled > 0) log.info({ scheduled }, 'scrapes left by a stopped worker scheduled again');
        });
      },
    },
    async startWorker({ agenda }) {
      dispatcher = new WebhookDispatcher({ pool, log, agent, openSecret: (sealed) => secrets.decrypt(sealed) });
      await dispatcher.start();
      host.onStop('webhook dispatcher', () => dispatcher!.stop());
      // Stops first (steps run in reverse): running scrapes are handed back, to resume on the next start.
      host.onStop('scrapes', () => scrapes.handBack());
      await agenda.every('15 seconds', SCRAPE_RECOVER_JOB);
      await scrapes.recover();
    },
  };
}
