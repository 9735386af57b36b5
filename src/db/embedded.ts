import { createHash, randomBytes } from 'node:crypto';
import { chown, lstat, mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import { reachableBinaries } from './postgres/binaries.js';
import { DatabaseSetupError } from './postgres/errors.js';
import { canReach, postgresUser, type RunAs } from './postgres/osUser.js';
import { PostgresServer } from './postgres/server.js';

export interface EmbeddedServer {
  url: string;
  /** The running postmaster (to restart it, this process watches it). */
  server: PostgresServer;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** DATA_DIR: the password, the owner file and (normally) the cluster as `pg`. */
  dataDir: string;
  /** EMBEDDED_PG_HOME: as root, where the postgres user gets the binaries and, if need be, the cluster. */
  home: string;
}

/** Only the name of the socket file: the server listens on no TCP port. */
const SOCKET_PORT = 5432;
/** sun_path is 108 bytes on Linux (104 on macOS); the socket's full path must fit. */
const MAX_SOCKET_PATH = 100;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function exists(target: string): Promise<boolean> {
  return lstat(target).then(
    () => true,
    () => false,
  );
}

/** The parent pid of a process (Linux), to tell a live Hookbot's server from an orphan. */
async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields?.[1] ? Number(fields[1]) : undefined;
}

/**
 * A server left running by a Hookbot that was killed (SIGKILL, OOM) still holds the cluster: shut it
 * down cleanly (SIGINT is PostgreSQL's fast shutdown) so we can start. A server whose Hookbot is
 * still alive is not ours to stop.
 */
async function takeOverCluster(clusterDir: string, ownerFile: string, log: Logger): Promise<void> {
  const pidFile = await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(pidFile?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid)) return;
  const owner = Number((await readFile(ownerFile, 'utf8').catch(() => '')).trim());
  const parent = await parentOf(pid);
  if (owner > 0 && owner !== process.pid && isRunning(owner) && (parent === undefined || parent === owner)) {
    throw new DatabaseSetupError(
      `another Hookbot (pid ${owner}) is running on the embedded PostgreSQL in ${clusterDir}: stop it first, ` +
        'or give this one a DATA_DIR of its own (several processes share one database through DATABASE_URL)',
    );
  }
  log.warn({ pid }, 'embedded PostgreSQL from an earlier run is still running; shutting it down');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isRunning(pid); waited += 100) {
    if (waited > 30_000) throw new DatabaseSetupError(`PostgreSQL (pid ${pid}) from an earlier run did not stop; stop it (kill ${pid}) and start again`);
    await sleep(100);
  }
}

/**
 * Where the cluster lives. Normally `DATA_DIR/pg`. As root, PostgreSQL runs as the postgres user;
 * when that user cannot enter DATA_DIR (a checkout under /root, which is 0700), the cluster goes to
 * `<home>/clusters/<name>-<hash of DATA_DIR>/pg`, found again on every start from the same DATA_DIR,
 * and `DATA_DIR/pg` becomes a link to it so an operator finds it where the README says.
 */
async function clusterLocation(dataDir: string, home: string, user: RunAs | undefined, log: Logger): Promise<string> {
  const link = path.join(dataDir, 'pg');
  if (await exists(link)) {
    const clusterDir = await realpath(link);
    if (!canReach(clusterDir, user)) {
      throw new DatabaseSetupError(
        `the postgres user cannot reach the PostgreSQL cluster in ${clusterDir} (a folder above it is closed to others): ` +
          `move it to ${path.join(home, 'clusters')} and leave a link at ${link}, or let that user in (chmod o+x on the folders above it)`,
      );
    }
    return clusterDir;
  }
  if (canReach(dataDir, user)) return link;

  const real = await realpath(dataDir);
  const name = `${path.basename(path.dirname(real)) || 'hookbot'}-${createHash('sha256').update(real).digest('hex').slice(0, 10)}`;
  const clusterParent = path.join(home, 'clusters', name);
  try {
    await mkdir(clusterParent, { recursive: true, mode: 0o755 });
  } catch (error) {
    throw new DatabaseSetupError(`cannot create ${clusterParent} (${(error as Error).message}): set EMBEDDED_PG_HOME to a folder root can write, or set DATABASE_URL`);
  }
  if (!canReach(clusterParent, user)) {
    throw new DatabaseSetupError(
      `the postgres user cannot reach ${clusterParent}: set EMBEDDED_PG_HOME to a folder every user may enter (every folder above it needs o+x), or set DATABASE_URL`,
    );
  }
  const clusterDir = path.join(clusterParent, 'pg');
  log.info({ dataDir, clusterDir }, 'the postgres user cannot enter DATA_DIR; keeping the cluster where it can, linked from DATA_DIR/pg');
  await symlink(clusterDir, link, 'dir');
  return clusterDir;
}

/** A short enough folder for the Unix socket: the cluster itself, else one named after it in /tmp. */
async function socketLocation(clusterDir: string, user: RunAs | undefined): Promise<string> {
  if (`${clusterDir}/.s.PGSQL.${SOCKET_PORT}`.length <= MAX_SOCKET_PATH) return clusterDir;
  const dir = path.join('/tmp', `hookbot-pg-${createHash('sha256').update(clusterDir).digest('hex').slice(0, 12)}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (user) await chown(dir, user.uid, user.gid);
  return dir;
}

/**
 * Runs the PostgreSQL server shipped on npm for this Hookbot: a cluster under DATA_DIR (see
 * clusterLocation), reached through a Unix socket in the cluster's folder and no TCP port, so
 * nothing else on the machine (another PostgreSQL, a second Hookbot) can be in its way. As root
 * it runs as the postgres user (created when missing), from binaries that user can reach. The
 * password is generated once and kept in DATA_DIR. This process restarts the server if it dies.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions, log: Logger): Promise<EmbeddedServer> {
  const { dataDir, home } = options;
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    throw new DatabaseSetupError(`cannot create DATA_DIR ${dataDir} (${(error as Error).message}): set DATA_DIR to a folder you can write`);
  }
  const user = await postgresUser();
  const binaries = await reachableBinaries(user, home, log);
  const clusterDir = await clusterLocation(dataDir, home, user, log);
  const socketDir = await socketLocation(clusterDir, user);
  const ownerFile = path.join(dataDir, 'pg-owner.pid');

  const passwordFile = path.join(dataDir, 'pg-password');
  const existing = await readFile(passwordFile, 'utf8').catch(() => undefined);
  const password = existing?.trim() || randomBytes(18).toString('base64url');
  if (!existing) await writeFile(passwordFile, password, { mode: 0o600 });

  const server = new PostgresServer({ binaries, clusterDir, socketDir, port: SOCKET_PORT, runAs: user, log });
  if (await exists(path.join(clusterDir, 'PG_VERSION'))) {
    await takeOverCluster(clusterDir, ownerFile, log);
  } else {
    log.info({ clusterDir }, 'creating embedded PostgreSQL cluster');
    await server.initialise('hookbot', password);
  }
  await server.start();
  await writeFile(ownerFile, `${process.pid}\n`);
  const url = `postgres://hookbot:${encodeURIComponent(password)}@localhost/postgres?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}`;
  log.info({ socketDir }, `embedded PostgreSQL is listening on a Unix socket (psql -h ${socketDir} -U hookbot postgres)`);
  return { url, server, stop: () => server.stop() };
}
