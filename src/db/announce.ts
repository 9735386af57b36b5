import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Db } from './database.js';

const local = new EventEmitter();
local.setMaxListeners(0);

/**
 * Tells every process that something its caches hold has changed: NOTIFY for the others, and at
 * once for this one. A NOTIFY reaches even its own sender only after a round trip through the
 * server's listening backend, which under load can come after this process has already answered
 * the next request from the stale cache. Call it after the change committed (outside a
 * transaction), so whatever reloads the cache reads the new state.
 */
export async function announce(db: Db, channel: string): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${channel}, '')`);
  local.emit(channel);
}

/** Runs `listener` whenever this process announces on `channel`; returns the unsubscribe. */
export function onLocalAnnouncement(channel: string, listener: () => void): () => void {
  local.on(channel, listener);
  return () => local.off(channel, listener);
}
