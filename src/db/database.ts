import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Logger } from '../logger.js';
import * as schema from '../../models/schema.js';

export type Db = NodePgDatabase<typeof schema>;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

// node-postgres returns int8 as strings; our bigints (ids, Telegram ids) fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function openDatabase(url: string, log: Logger, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'hookbot' });
  // An idle client losing its connection is normal during restarts; the pool replaces it.
  pool.on('error', (error: Error & { code?: string }) => log.warn({ error: error.message, code: error.code }, 'idle database connection lost'));
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
