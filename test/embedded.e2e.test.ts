import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, spawnHookbot, testEnv, type ChildHookbot } from './support/hookbot.js';

let telegram: FakeTelegram;
let dataDir: string;
let env: Record<string, string>;
const children: ChildHookbot[] = [];
const squatters: Server[] = [];

/** Holds a TCP port the way another PostgreSQL would; already held by someone else is as good. */
async function occupy(port: number): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve() : reject(error)));
    server.listen(port, '127.0.0.1', () => {
      squatters.push(server);
      resolve();
    });
  });
}
const user = { id: 9001, first_name: 'Embedded' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  dataDir = await mkdtemp(path.join(tmpdir(), 'hookbot-embedded-'));
  await chmod(dataDir, 0o755);
  // Exactly what a user runs: no DATABASE_URL, so the embedded PostgreSQL under DATA_DIR.
  // and no ENCRYPTION_KEY, so one is generated there too.
  const { DATABASE_URL: _unset, ENCRYPTION_KEY: _generated, ...rest } = testEnv(telegram, '');
  env = { ...rest, DATA_DIR: dataDir };
  // PostgreSQL's usual ports taken (another PostgreSQL, another Hookbot): ours must not need them.
  await occupy(5432);
  await occupy(5433);
});

afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await telegram?.close();
  await rm(dataDir, { recursive: true, force: true });
  for (const server of squatters) server.close();
});

/** Polls the embedded server, as an operator would with psql, until nothing is left to send. */
async function waitUntilSent(): Promise<void> {
  const password = (await readFile(path.join(dataDir, 'pg-password'), 'utf8')).trim();
  // The server listens on a Unix socket in the cluster's folder only.
  const socketDir = path.join(dataDir, 'pg');
  const client = new pg.Client({ connectionString: `postgres://hookbot:${encodeURIComponent(password)}@localhost/postgres?host=${encodeURIComponent(socketDir)}` });
  await client.connect();
  try {
    for (let i = 0; i < 100; i += 1) {
      const { rows } = await client.query(`SELECT 1 FROM telegram_outbox WHERE status = 'pending'`);
      if (rows.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('outbox still pending after 5 s');
  } finally {
    await client.end();
  }
}

async function start(): Promise<ChildHookbot> {
  const child = await spawnHookbot(env);
  children.push(child);
  return child;
}

describe('embedded PostgreSQL (DATABASE_URL unset)', () => {
  it('starts on a fresh machine with the PostgreSQL ports taken, keeps data across restarts, and recovers from a SIGKILL', async () => {
    const first = await start();
    expect(first.output()).toContain('creating embedded PostgreSQL cluster');
    expect(await (await fetch(`${first.url}/ready`)).json()).toEqual({ status: 'ready' });
    await registerUser(telegram, user);
    const token = await personalToken(telegram, user.id);
    expect(await first.kill('SIGTERM'), first.output()).toBe(0);
    const keyFile = path.join(dataDir, 'encryption.key');
    const key = await readFile(keyFile, 'utf8');
    expect(key.trim()).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);

    // Same data folder: the cluster is reused, the user and their URL are still there.
    const second = await start();
    expect(second.output()).not.toContain('creating embedded PostgreSQL cluster');
    expect((await postAlert(second.url, token, 'buy EMBEDUSDT')).status).toBe(200);
    await telegram.waitForMessage(user.id, (m) => (m.text ?? '').includes('EMBEDUSDT'));

    // A SIGKILL leaves the PostgreSQL child running; the next start shuts it down and carries on.
    // (Killed only once the delivery is recorded: a kill between Telegram's answer and that record
    // is the at-least-once window, covered in durability.e2e.test.ts.)
    await waitUntilSent();
    await second.kill('SIGKILL');
    const third = await start();
    expect(third.output()).toContain('still running; shutting it down');
    expect((await postAlert(third.url, token, 'sell EMBEDUSDT again')).status).toBe(200);
    await telegram.waitForMessage(user.id, (m) => (m.text ?? '').includes('again'));
    expect(await third.kill('SIGTERM'), third.output()).toBe(0);
    // The same key across restarts: what was sealed before stays readable.
    expect(await readFile(keyFile, 'utf8')).toBe(key);
  }, 180_000);
});
