import { execFile } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, spawnHookbot, testEnv, type ChildHookbot } from './support/hookbot.js';
import { runToCompletion } from './support/processes.js';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('..', import.meta.url));

let telegram: FakeTelegram;
/** A mktemp -d folder: mode 0700, like /root. */
let closed: string;
let checkout: string;
/** EMBEDDED_PG_HOME for these tests (the default is /var/lib/hookbot). */
let home: string;
let env: Record<string, string>;
const children: ChildHookbot[] = [];
const user = { id: 9101, first_name: 'Root' };

beforeAll(async () => {
  // The case under test is root's: PostgreSQL then runs as the postgres user, who cannot enter 0700 folders.
  expect(process.getuid?.(), 'these tests are about running as root; run them as root').toBe(0);
  telegram = await startFakeTelegram();
  closed = await mkdtemp(path.join(tmpdir(), 'hookbot-closed-'));
  expect((await stat(closed)).mode & 0o777).toBe(0o700);
  home = await mkdtemp(path.join(tmpdir(), 'hookbot-home-'));
  await chmod(home, 0o755);
  // A checkout as `git clone … && npm install` leaves it: the sources and a node_modules of its own
  // (hard links: same files, no copying of 300 MB).
  checkout = path.join(closed, 'hookbot');
  await mkdir(checkout);
  for (const part of ['src', 'bot', 'models', 'handlers', 'package.json', 'tsconfig.json']) {
    await run('cp', ['-r', path.join(repository, part), path.join(checkout, part)]);
  }
  await mkdir(path.join(checkout, 'test'));
  await run('cp', ['-r', path.join(repository, 'test', 'support'), path.join(checkout, 'test', 'support')]);
  await run('cp', ['-al', path.join(repository, 'node_modules'), path.join(checkout, 'node_modules')]);
  // npm start's defaults: DATA_DIR=./data inside the checkout, no DATABASE_URL.
  const { DATABASE_URL: _unset, ...rest } = testEnv(telegram, '');
  env = { ...rest, EMBEDDED_PG_HOME: home };
}, 300_000);

afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await telegram?.close();
  await rm(closed, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
});

async function start(): Promise<ChildHookbot> {
  const child = await spawnHookbot(env, 'all', { checkout });
  children.push(child);
  return child;
}

describe('as root, from a checkout under a folder closed to others (mode 0700)', () => {
  it('npm start runs the embedded PostgreSQL where the postgres user can reach it, and keeps its data across restarts', async () => {
    const first = await start();
    expect(first.output()).toContain('copying the PostgreSQL binaries where it can');
    expect(first.output()).toContain('creating embedded PostgreSQL cluster');
    // The cluster lives under EMBEDDED_PG_HOME, and ./data/pg points at it.
    const link = path.join(checkout, 'data', 'pg');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toMatch(new RegExp(`^${home}/clusters/[^/]+/pg$`));
    expect(await (await fetch(`${first.url}/ready`)).json()).toEqual({ status: 'ready' });
    await registerUser(telegram, user);
    const token = await personalToken(telegram, user.id);
    expect((await postAlert(first.url, token, 'buy ROOTUSDT')).status).toBe(200);
    await telegram.waitForMessage(user.id, (m) => (m.text ?? '').includes('ROOTUSDT'), 30_000);
    expect(await first.kill('SIGTERM'), first.output()).toBe(0);

    const second = await start();
    expect(second.output()).not.toContain('creating embedded PostgreSQL cluster');
    expect(second.output()).not.toContain('copying the PostgreSQL binaries');
    expect((await postAlert(second.url, token, 'sell ROOTUSDT again')).status).toBe(200);
    await telegram.waitForMessage(user.id, (m) => (m.text ?? '').includes('again'), 30_000);
    expect(await second.kill('SIGTERM'), second.output()).toBe(0);
  }, 300_000);

  it("the test suite's own PostgreSQL starts from that checkout too", async () => {
    await writeFile(
      path.join(checkout, 'probe.ts'),
      `import pg from 'pg';
import { startTemporaryPostgres } from './test/support/postgres.js';
const server = await startTemporaryPostgres({ fsync: false, maxConnections: 20 });
const client = new pg.Client({ connectionString: server.url });
await client.connect();
const { rows } = await client.query('SELECT 40 + 2 AS answer');
await client.end();
await server.stop();
console.log('answer', rows[0].answer);
`,
    );
    const result = await runToCompletion('probe.ts', [], { EMBEDDED_PG_HOME: home }, { checkout });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('answer 42');
    expect(result.code).toBe(0);
  }, 300_000);

  it('what cannot work ends in one line saying what to do, without a stack trace', async () => {
    // A home the postgres user cannot enter either: nothing Hookbot can do about that by itself.
    const unreachableHome = path.join(closed, 'pg-home');
    const result = await runToCompletion('src/main.ts', [], { ...env, EMBEDDED_PG_HOME: unreachableHome, LOG_LEVEL: 'info' }, { checkout });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^Hookbot failed to start: the postgres user cannot reach the PostgreSQL binaries in .*pg-home.*: set EMBEDDED_PG_HOME to a folder every user may enter/);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  }, 300_000);
});
