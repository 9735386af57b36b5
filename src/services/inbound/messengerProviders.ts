import { parseAvitoWebhook } from '../../../handlers/avito.js';
import { parseGreenApiWebhook } from '../../../handlers/whatsapp.js';
import type { Logger } from '../../logger.js';
import type { AvitoService } from '../avito/avitoService.js';
import type { WhatsAppService } from '../whatsapp/whatsappService.js';
import type { ConnectionCache } from './connectionCache.js';
import type { InboundProvider } from './providers.js';

/** Green API webhooks: the endpoint's stored bearer token and instance, then the pure handler. */
export function whatsappProvider(whatsapp: WhatsAppService, cache: ConnectionCache): InboundProvider {
  return {
    accept: async (request, owner) =>
      parseGreenApiWebhook(request, await cache.get(`whatsapp:${owner.userId}`, () => whatsapp.webhookSecret(owner.userId))),
  };
}

/**
 * Avito webhooks: the connected account, then the pure handler. Any real delivery while the
 * fallback polls (a duplicate or our own echo included) proves the webhook works again.
 */
export function avitoProvider(avito: AvitoService, cache: ConnectionCache, log: Logger): InboundProvider {
  return {
    accept: async (request, owner) => {
      const account = await cache.get(`avito:${owner.userId}`, () => avito.webhookAccount(owner.userId));
      const result = parseAvitoWebhook(request, account?.accountId);
      const delivery = result.ok === true || (result.ok === 'ignored' && result.reason !== 'probe');
      if (account?.polling && delivery) {
        // Not awaited: the answer to Avito must not wait for bookkeeping.
        avito.markPushWorks(owner.userId).catch((error: unknown) => log.warn({ err: error }, 'could not record that Avito webhooks work'));
      }
      return result;
    },
  };
}
