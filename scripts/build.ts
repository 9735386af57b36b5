/**
 * `npm run build`: compiles Hookbot to JavaScript that starts with plain `node` (no TypeScript
 * loader at run time), then copies next to it every file the compiled code reads from disk:
 * whatever in the compiled folders is not TypeScript (SQL migrations, Fluent locales, ...).
 *
 *   node --import tsx scripts/build.ts [outDir]      (default: dist)
 */
import { execFileSync } from 'node:child_process';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const project = path.join(root, 'tsconfig.build.json');

/** Every file under `folder` (relative to the root) that the compiler does not handle itself. */
async function assetsUnder(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(root, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

async function build(outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', project, '--outDir', outDir], { cwd: root, stdio: 'inherit' });
  // The folders compiled are the ones tsconfig.build.json lists: one list, so they cannot drift.
  const { include } = JSON.parse(await readFile(project, 'utf8')) as { include: string[] };
  for (const folder of include) {
    for (const asset of await assetsUnder(folder)) await cp(path.join(root, asset), path.join(outDir, asset));
  }
}

await build(path.resolve(process.argv[2] ?? path.join(root, 'dist')));
