import { acceptFalWebhook, verifyFalSignature } from '../../../handlers/fal.js';
import { rejected } from '../../../handlers/types.js';
import type { Logger } from '../../logger.js';
import type { InboundProvider } from '../inbound/providers.js';
import type { FalJwks } from './jwks.js';

/**
 * FAL's endpoint: fetches FAL's keys (cached) and hands them to the pure handler. A signature
 * that none of the cached keys made may come from a key FAL has just added, so it is checked
 * once more against a fresh key set before being refused.
 */
export function falProvider(jwks: FalJwks, log: Logger, now: () => number = Date.now): InboundProvider {
  return {
    async accept(request) {
      // Missing headers, a stale timestamp or a malformed signature need no keys to refuse.
      const precheck = verifyFalSignature(request, [], now() / 1000);
      if (!precheck.ok && !precheck.unknownKey) return precheck;
      let keys;
      try {
        keys = await jwks.current();
      } catch (error) {
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'FAL webhook cannot be verified now');
        return rejected("cannot check the FAL signature now: FAL's signing keys (FAL_JWKS_URL) cannot be fetched; retry later", 503);
      }
      const result = acceptFalWebhook(request, keys, now() / 1000);
      if (result.ok || !result.unknownKey) return result;
      const fresh = await jwks.refreshed();
      return fresh ? acceptFalWebhook(request, fresh, now() / 1000) : result;
    },
  };
}
