import { ENDPOINTS_CHANNEL, type EndpointOwner, type EndpointRepository } from '../../../models/endpoints.js';
import { NotifiedCache } from './notifiedCache.js';

/**
 * Token -> owner lookups for the hot path: a rotated token or a deactivated user takes effect at
 * once (see NotifiedCache).
 */
export class EndpointCache extends NotifiedCache<EndpointOwner | undefined> {
  constructor(
    private readonly repository: EndpointRepository,
    ttlMs = 30_000,
    maxEntries = 50_000,
  ) {
    // Unknown tokens are cached briefly too, so guessing does not turn into database load.
    super({ name: 'endpoint cache', channel: ENDPOINTS_CHANNEL, ttlMs: (owner) => (owner ? ttlMs : 5_000), maxEntries });
  }

  lookup(provider: string, token: string): Promise<EndpointOwner | undefined> {
    return this.get(`${provider}/${token}`, () => this.repository.findOwner(provider, token));
  }
}
