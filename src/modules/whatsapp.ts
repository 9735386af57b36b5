import { whatsapp } from '../../bot/features/whatsapp.js';
import { WhatsAppConnectionRepository } from '../../models/connections.js';
import { RelayRouteRepository } from '../../models/relayRoutes.js';
import { RelayNotifications } from '../services/relay/relayNotifications.js';
import { QuickReplies } from '../services/relay/quickReplies.js';
import { RelayTargets } from '../services/relay/relayTarget.js';
import { ConnectionHealth } from '../services/health/connectionHealth.js';
import { WhatsAppWatchdog } from '../services/health/whatsappWatchdog.js';
import { whatsappProvider } from '../services/inbound/messengerProviders.js';
import { relayWhatsAppEvent } from '../services/whatsapp/relayWhatsApp.js';
import { WhatsAppService } from '../services/whatsapp/whatsappService.js';
import type { IntegrationModule, ModuleHost } from './module.js';

/** WhatsApp through Green API: messages relayed into the chat, replies sent back, the instance watched. */
export function whatsappModule(host: ModuleHost): IntegrationModule {
  const { config, database, endpoints, secrets, log, i18n } = host;
  const connections = new WhatsAppConnectionRepository(database.db);
  const service = new WhatsAppService({
    connections,
    endpoints,
    secrets,
    log,
    publicUrl: config.http.publicUrl,
    timeoutMs: config.providers.timeoutMs,
  });
  const health = new ConnectionHealth(host.pool, i18n);
  const targets = new RelayTargets(new RelayRouteRepository(database.db), new RelayNotifications(host.pool), new QuickReplies(host.pool));
  const watchdog = new WhatsAppWatchdog({
    connections,
    endpoints,
    service,
    health,
    pool: host.pool,
    log,
    intervalSeconds: config.providers.healthIntervalSeconds,
    graceSeconds: config.providers.healthWebhookGraceSeconds,
    timeoutMs: config.providers.timeoutMs,
    onQueued: host.wakeOutbox,
  });
  return {
    name: 'whatsapp',
    inbound: { whatsapp: whatsappProvider(service, host.connectionCache) },
    actions: { whatsapp: relayWhatsAppEvent(i18n, connections, targets, health) },
    bot: { features: [whatsapp], deps: { whatsapp: service } },
    jobs: { recurring: [{ name: 'whatsapp-health', intervalSeconds: config.providers.healthIntervalSeconds, run: () => watchdog.checkAll() }] },
  };
}
