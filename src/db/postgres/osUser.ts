import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { DatabaseSetupError } from './errors.js';

const run = promisify(execFile);

/** Who the PostgreSQL processes run as: PostgreSQL refuses to run as root. */
export interface RunAs {
  uid: number;
  gid: number;
}

export const isRoot = (): boolean => process.getuid?.() === 0;

async function lookup(name: string): Promise<RunAs | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * As root: the unprivileged `postgres` user (created as a system user when missing). Otherwise
 * undefined: PostgreSQL runs as whoever runs Hookbot.
 */
export async function postgresUser(): Promise<RunAs | undefined> {
  if (!isRoot()) return undefined;
  const existing = await lookup('postgres');
  if (existing) return existing;
  try {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new DatabaseSetupError(
      `PostgreSQL cannot run as root and the "postgres" user to run it as could not be created (${reason}): ` +
        'create it (useradd --system postgres), run Hookbot as a normal user, or set DATABASE_URL',
    );
  }
  const created = await lookup('postgres');
  if (!created) throw new DatabaseSetupError('the "postgres" user was created but cannot be found (id postgres); create it by hand or set DATABASE_URL');
  return created;
}

/**
 * Whether `user` can reach `target`: for a folder, enter it (every folder above it must let that
 * user through too); for a file, run it. Asked of the system as that user, so ACLs and groups count.
 */
export function canReach(target: string, user: RunAs | undefined): boolean {
  if (!user) return true;
  const probe = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', target], { uid: user.uid, gid: user.gid, stdio: 'ignore', env: {} });
  return probe.status === 0;
}
