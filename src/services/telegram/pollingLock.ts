import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { Logger } from '../../logger.js';
import { backoffMs } from '../backoff.js';

const POLLING_LOCK = 7_320_002;

export interface PollingLock {
  client: pg.PoolClient;
  /** Resolves when the connection (and so the lock) is gone. */
  lost: Promise<void>;
}

/**
 * Telegram allows one getUpdates consumer per bot. Every process with the bot role waits here; the
 * one holding this session-level advisory lock polls, the others stand by and take over when its
 * connection (and so its lock) goes away. While the database is unreachable it keeps trying, with
 * the shared backoff, until it is back or we stop.
 */
export async function acquirePollingLock(pool: pg.Pool, log: Logger, signal: AbortSignal): Promise<PollingLock | undefined> {
  let announced = false;
  let failures = 0;
  while (!signal.aborted) {
    let client: pg.PoolClient | undefined;
    try {
      client = await pool.connect();
      const held = client;
      let gone = false;
      const lost = new Promise<void>((resolve) => {
        const done = () => {
          gone = true;
          resolve();
        };
        held.on('error', done);
        held.on('end', done);
      });
      const { rows } = await held.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [POLLING_LOCK]);
      failures = 0;
      if (rows[0]?.locked && !gone) return { client: held, lost };
      held.release();
      client = undefined;
      if (!announced) log.info('another process is polling Telegram; standing by');
      announced = true;
      await sleep(5_000, undefined, { signal }).catch(() => undefined);
    } catch (error) {
      client?.release(true);
      failures += 1;
      const waitMs = backoffMs(failures);
      log.warn({ error: error instanceof Error ? error.message : String(error), retryInMs: waitMs }, 'cannot reach the database for the Telegram polling lock; trying again');
      await sleep(waitMs, undefined, { signal }).catch(() => undefined);
    }
  }
  return undefined;
}

export async function releasePollingLock(lock: PollingLock): Promise<void> {
  try {
    await lock.client.query('SELECT pg_advisory_unlock($1)', [POLLING_LOCK]);
    lock.client.release();
  } catch {
    // The connection is gone, and the lock with it: close it rather than pool it.
    lock.client.release(true);
  }
}
