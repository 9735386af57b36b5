import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { Logger } from '../../logger.js';

const POLLING_LOCK = 7_320_002;

/**
 * Telegram allows one getUpdates consumer per bot. Every process with the bot role waits here; the
 * one holding this session-level advisory lock polls, the others stand by and take over when its
 * connection (and so its lock) goes away.
 */
export async function acquirePollingLock(
  pool: pg.Pool,
  log: Logger,
  signal: AbortSignal,
): Promise<{ client: pg.PoolClient; lost: Promise<void> } | undefined> {
  let announced = false;
  while (!signal.aborted) {
    const client = await pool.connect();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [POLLING_LOCK]);
    if (rows[0]?.locked) {
      const lost = new Promise<void>((resolve) => client.once('error', () => resolve()));
      return { client, lost };
    }
    client.release();
    if (!announced) log.info('another process is polling Telegram; standing by');
    announced = true;
    await sleep(5_000, undefined, { signal }).catch(() => undefined);
  }
  return undefined;
}

export async function releasePollingLock(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_unlock($1)', [POLLING_LOCK]).catch(() => undefined);
  client.release();
}
