import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase } from './support/database.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, spawnHookbot, testEnv, type ChildHookbot } from './support/hookbot.js';

let telegram: FakeTelegram;
const children: ChildHookbot[] = [];
const user = { id: 8001, first_name: 'Durable' };

async function spawn(env: Record<string, string>, role = 'all'): Promise<ChildHookbot> {
  const child = await spawnHookbot(env, role);
  children.push(child);
  return child;
}

async function settle(ms: number) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

async function count(databaseUrl: string, sql: string, params: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(sql, params);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** Registers the user through a full process and returns the token, then stops it cleanly. */
async function prepare(env: Record<string, string>): Promise<string> {
  const first = await spawn(env);
  await registerUser(telegram, user);
  const token = await personalToken(telegram, user.id);
  expect(await first.kill('SIGTERM'), first.output()).toBe(0);
  return token;
}

const delivered = (marker: string) => telegram.sent(user.id).filter((m) => (m.text ?? '').includes(marker));

beforeAll(async () => {
  telegram = await startFakeTelegram();
});

afterEach(async () => {
  for (const child of children.splice(0)) await child.kill('SIGKILL');
  telegram.reset();
});

afterAll(async () => {
  await telegram?.close();
});

describe('crash safety', () => {
  it('an alert answered 200 and then SIGKILLed before relaying is delivered exactly once after restart', async () => {
    const databaseUrl = await createTestDatabase();
    const env = testEnv(telegram, databaseUrl, { LOG_LEVEL: 'info' });
    const token = await prepare(env);

    // A web process that only stores (the workers act): the alert is committed, nothing more.
    const web = await spawn({ ...env, INLINE_PROCESSING: 'false' }, 'web');
    const answer = await postAlert(web.url, token, { action: 'buy', symbol: 'CRASHUSDT', id: 'crash-1' });
    expect(answer.status).toBe(200);
    await web.kill('SIGKILL');
    expect(await count(databaseUrl, `SELECT count(*)::int AS n FROM inbound_events WHERE status = 'pending'`)).toBe(1);
    expect(delivered('CRASHUSDT')).toHaveLength(0);

    await spawn(env);
    await telegram.waitForMessage(user.id, (m) => (m.text ?? '').includes('CRASHUSDT'), 15_000);
    await settle(2_500); // a few sweeper cycles
    expect(delivered('CRASHUSDT')).toHaveLength(1);
    expect(await count(databaseUrl, `SELECT count(*)::int AS n FROM inbound_events WHERE status = 'processed'`)).toBe(1);
  });

  it('a message queued while Telegram is down survives a SIGKILL and is sent once', async () => {
    const databaseUrl = await createTestDatabase();
    // Default 30 s lease: a dead worker's messages must not wait for it.
    const env = testEnv(telegram, databaseUrl);
    const token = await prepare(env);

    const down = await spawn(env);
    telegram.failNext('sendMessage', 1_000, { kind: 'server', status: 502 }, { chatId: user.id });
    expect((await postAlert(down.url, token, 'buy DOWNUSDT')).status).toBe(200);
    await telegram.waitForCall('sendMessage', (call) => String(call.params.text).includes('DOWNUSDT'));
    await down.kill('SIGKILL');

    telegram.reset();
    await spawn(env);
    await telegram.waitForMessage(user.id, (m) => (m.text ?? '').includes('DOWNUSDT'), 10_000);
    await settle(2_000);
    expect(delivered('DOWNUSDT')).toHaveLength(1);
  });

  it('SIGTERM stops taking requests and exits cleanly', async () => {
    const databaseUrl = await createTestDatabase();
    const child = await spawn(testEnv(telegram, databaseUrl));
    expect(await child.kill('SIGTERM'), child.output()).toBe(0);
    expect(child.output()).toContain('shutting down');
  });
});

describe('scale-out', () => {
  it('two processes on one database: one polls Telegram, the other stands by and takes over', async () => {
    const databaseUrl = await createTestDatabase();
    const env = testEnv(telegram, databaseUrl);
    const first = await spawn(env);
    const second = await spawn(env);
    await settle(500);
    expect(second.output()).toContain('standing by');

    await registerUser(telegram, user);
    await settle(500);
    expect(telegram.sent(user.id)).toHaveLength(1);

    await first.kill('SIGKILL');
    telegram.sendUserMessage(user, '/help');
    await telegram.waitForMessage(user.id, undefined, 20_000);
  });

  it('alerts hitting two web processes are each relayed exactly once', async () => {
    const databaseUrl = await createTestDatabase();
    const env = testEnv(telegram, databaseUrl);
    const token = await prepare(env);
    const a = await spawn(env);
    const b = await spawn(env);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => postAlert(i % 2 ? a.url : b.url, token, { action: 'buy', symbol: 'PAIRUSDT', id: `pair-${i % 15}` })),
    );
    expect(answers.filter((r) => r.body.ok === true)).toHaveLength(15);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(delivered('PAIRUSDT')).toHaveLength(15);
  });
});
