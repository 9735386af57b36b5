import { avito } from '../../bot/features/avito.js';
import { AvitoConnectionRepository } from '../../models/connections.js';
import { RelayRouteRepository } from '../../models/relayRoutes.js';
import { RelayNotifications } from '../services/relay/relayNotifications.js';
import { QuickReplies } from '../services/relay/quickReplies.js';
import { RelayTargets } from '../services/relay/relayTarget.js';
import { AvitoService } from '../services/avito/avitoService.js';
import { relayAvitoEvent } from '../services/avito/relayAvito.js';
import { ConnectionHealth } from '../services/health/connectionHealth.js';
import { AvitoWatchdog } from '../services/health/avitoWatchdog.js';
import { IngestWriter } from '../services/inbound/ingestWriter.js';
import { avitoProvider } from '../services/inbound/messengerProviders.js';
import type { IntegrationModule, ModuleHost } from './module.js';

/**
 * Avito messenger: webhooks relayed into the chat, replies sent back, and a polling fallback that
 * fetches what no webhook brought, stored through the same path (and dedupe key) as a webhook.
 */
export function avitoModule(host: ModuleHost): IntegrationModule {
  const { config, database, endpoints, secrets, log, pool, i18n } = host;
  const connections = new AvitoConnectionRepository(database.db);
  const service = new AvitoService({
    connections,
    endpoints,
    secrets,
    log,
    pool,
    publicUrl: config.http.publicUrl,
    apiUrl: config.providers.avitoApiUrl,
    timeoutMs: config.providers.timeoutMs,
    quietSeconds: config.providers.avitoQuietSeconds,
  });
  const ingest = new IngestWriter(pool);
  const health = new ConnectionHealth(pool, i18n);
  const watchdog = new AvitoWatchdog({
    connections,
    service,
    health,
    log,
    intervalSeconds: config.providers.healthIntervalSeconds,
    pollIntervalSeconds: config.providers.avitoPollIntervalSeconds,
    onQueued: host.wakeOutbox,
  });
  return {
    name: 'avito',
    inbound: { avito: avitoProvider(service, host.connectionCache, log) },
    actions: { avito: relayAvitoEvent(i18n, connections, service, new RelayTargets(new RelayRouteRepository(database.db), new RelayNotifications(pool), new QuickReplies(pool)), health) },
    bot: { features: [avito], deps: { avito: service } },
    jobs: {
      recurring: [
        {
          name: 'avito-poll',
          intervalSeconds: config.providers.avitoPollIntervalSeconds,
          run: () => service.pollAll(ingest, host.inlineProcessor()),
        },
        { name: 'avito-health', intervalSeconds: config.providers.healthIntervalSeconds, run: () => watchdog.checkAll() },
      ],
    },
  };
}
