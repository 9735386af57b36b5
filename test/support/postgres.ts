import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reachableBinaries } from '../../src/db/postgres/binaries.js';
import { postgresUser } from '../../src/db/postgres/osUser.js';
import { PostgresServer } from '../../src/db/postgres/server.js';
import { createLogger } from '../../src/logger.js';
import { freePort } from './processes.js';

export interface TemporaryPostgres {
  /** Admin URL (database "postgres"). */
  url: string;
  /** The server, to stop and start it again (a database outage) on the same folder and port. */
  server: PostgresServer;
  stop(): Promise<void>;
}

/**
 * Where a test run's PostgreSQL binaries are copied when the postgres user cannot reach this
 * checkout (root, under a closed folder): the same mechanism and default as `npm start`.
 */
export const testPostgresHome = process.env.EMBEDDED_PG_HOME ?? '/var/lib/hookbot';

/**
 * A real PostgreSQL server, run the way Hookbot runs its embedded one (src/db/postgres), in a
 * temporary folder removed on stop. Tests turn fsync off for speed; benchmarks keep it on, as
 * production runs. It listens on 127.0.0.1 (the URL every test process gets) and on a Unix socket.
 */
export async function startTemporaryPostgres(options: {
  fsync: boolean;
  maxConnections: number;
  /** No TCP: the URL points at the Unix socket (a server whose address cannot be taken while it is down). */
  socketOnly?: boolean;
}): Promise<TemporaryPostgres> {
  const log = createLogger('silent');
  const dir = await mkdtemp(path.join(tmpdir(), 'hookbot-pg-'));
  // PostgreSQL runs as the unprivileged postgres user when we are root: it must reach the folder.
  await chmod(dir, 0o755);
  const user = await postgresUser();
  const port = await freePort();
  const server = new PostgresServer({
    binaries: await reachableBinaries(user, testPostgresHome, log),
    clusterDir: path.join(dir, 'data'),
    socketDir: path.join(dir, 'data'),
    port,
    tcp: !options.socketOnly,
    runAs: user,
    settings: { max_connections: String(options.maxConnections), fsync: options.fsync ? 'on' : 'off' },
    log,
  });
  await server.initialise('hookbot', 'hookbot');
  await server.start();
  return {
    url: options.socketOnly
      ? `postgres://hookbot:hookbot@localhost/postgres?host=${encodeURIComponent(path.join(dir, 'data'))}&port=${port}`
      : `postgres://hookbot:hookbot@127.0.0.1:${port}/postgres`,
    server,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
