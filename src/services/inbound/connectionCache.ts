import { CONNECTIONS_CHANNEL } from '../../../models/connections.js';
import { NotifiedCache } from './notifiedCache.js';

/**
 * What the WhatsApp and Avito webhooks are checked against (a bearer token, an account id), kept
 * in memory so the hot path makes no query of its own; a change to a connection takes effect at
 * once (see NotifiedCache).
 */
export class ConnectionCache extends NotifiedCache<unknown> {
  constructor(ttlMs = 30_000) {
    super({ name: 'connection cache', channel: CONNECTIONS_CHANNEL, ttlMs: () => ttlMs, maxEntries: 50_000 });
  }

  override get<T>(key: string, load: () => Promise<T>): Promise<T> {
    return super.get(key, load) as Promise<T>;
  }
}
