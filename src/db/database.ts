import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { backoffMs } from '../services/backoff.js';
import * as schema from '../../models/schema.js';
import { DatabaseSetupError } from './postgres/errors.js';
import { isDatabaseUnavailable } from './unavailable.js';

export type Db = NodePgDatabase<typeof schema>;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

// node-postgres returns int8 as strings; our bigints (ids, Telegram ids) fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * The pool every part of Hookbot shares. A lost server must cost requests an error (a 503), never
 * the process: an idle client's loss is reported by the pool, and every client gets a listener of
 * its own for the loss while it is checked out (without one, node-postgres's 'error' event would
 * end the process). Connecting gives up after a few seconds, so a request never hangs on a server
 * that is away; TCP keep-alive notices a server that vanished without closing the connection.
 */
export function openDatabase(url: string, log: Logger, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'hookbot', connectionTimeoutMillis: 5_000, keepAlive: true });
  // An idle client losing its connection is normal during restarts; the pool replaces it.
  pool.on('error', (error: Error & { code?: string }) => log.warn({ error: error.message, code: error.code }, 'idle database connection lost'));
  // The query in flight gets the error; whoever holds a client for long (LISTEN, locks) listens too.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzle(pool, { schema });
  return { pool, db, close: () => pool.end() };
}

const MIGRATION_LOCK = 7_320_001;
const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Several processes may start at once; the advisory lock makes one of them migrate and the rest wait. */
export async function runMigrations(database: Database, log: Logger): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client, { schema }), { migrationsFolder });
    log.debug('database migrations applied');
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** Where a database URL points, without its password, for messages. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.searchParams.get('host') ?? parsed.host;
    return `${host}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/**
 * Start-up against a database that may still be starting (containers started together, a reboot):
 * tries until it answers, for at most `seconds`, with one line per failed attempt. A refusal from a
 * working server (wrong password, no such database) ends at once: waiting would not fix it.
 */
export async function waitForDatabase(url: string, seconds: number, log: Logger): Promise<void> {
  const where = describeDatabase(url);
  const deadline = Date.now() + seconds * 1000;
  for (let attempt = 1; ; attempt += 1) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, application_name: 'hookbot' });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      if (attempt > 1) log.info({ database: where, attempt }, `the database at ${where} answers; starting`);
      return;
    } catch (error) {
      const reason = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
      if (!isDatabaseUnavailable(error)) {
        throw new DatabaseSetupError(`the database at ${where} refused the connection (${reason}): check DATABASE_URL`);
      }
      const waitMs = backoffMs(attempt, { baseMs: 500, maxMs: 5_000 });
      if (Date.now() + waitMs > deadline) {
        throw new DatabaseSetupError(
          `the database at ${where} did not answer within ${seconds} s (${reason}): start it or check DATABASE_URL; DATABASE_WAIT_SECONDS sets how long to wait`,
        );
      }
      log.warn(
        { database: where, attempt, retryInMs: waitMs, error: reason },
        `the database at ${where} is not reachable yet (${reason}); attempt ${attempt}, trying again in ${(waitMs / 1000).toFixed(1)} s`,
      );
      await sleep(waitMs);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
