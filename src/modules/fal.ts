import { fal } from '../../bot/features/fal.js';
import { falProvider } from '../services/fal/falProvider.js';
import { FalJwks } from '../services/fal/jwks.js';
import { relayFalWebhook } from '../services/fal/relayFal.js';
import type { IntegrationModule, ModuleHost } from './module.js';

/** FAL AI queue webhooks: ED25519-verified against FAL's published keys, reported in the chat. */
export function falModule(host: ModuleHost): IntegrationModule {
  const { config, log, i18n } = host;
  const jwks = new FalJwks({
    url: config.fal.jwksUrl,
    log,
    maxAgeSeconds: config.fal.jwksCacheSeconds,
    minRefreshSeconds: config.fal.jwksMinRefreshSeconds,
  });
  return {
    name: 'fal',
    inbound: { fal: falProvider(jwks, log) },
    actions: { fal: relayFalWebhook(i18n) },
    bot: { features: [fal] },
  };
}
