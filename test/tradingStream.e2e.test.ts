import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/database.js';
import { addStandardMarkets, startFakeBybit, type FakeBybit } from './support/fakeBybit.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from './support/fakeTelegram.js';
import { registerUser, spawnHookbot, startTestHookbot, testEnv, type ChildHookbot, type TestHookbot } from './support/hookbot.js';
import { enterKeys } from './support/trading.js';
import { until } from './support/until.js';

let telegram: FakeTelegram;
let bybit: FakeBybit;
let hookbot: TestHookbot;
const children: ChildHookbot[] = [];

beforeAll(async () => {
  telegram = await startFakeTelegram();
  bybit = await startFakeBybit();
  addStandardMarkets(bybit);
  hookbot = await startTestHookbot(telegram, {
    env: { BYBIT_BASE_URL: bybit.url, BYBIT_DEMO_BASE_URL: bybit.url, BYBIT_WS_URL: bybit.wsUrl, BYBIT_DEMO_WS_URL: bybit.wsUrl, BYBIT_STREAM_LEASE_SECONDS: '3' },
  });
});

afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await hookbot?.stop();
  await telegram?.close();
  await bybit?.close();
});


let nextId = 9400;

async function trader(): Promise<{ user: FakeUser; apiKey: string }> {
  nextId += 1;
  const user: FakeUser = { id: nextId, first_name: `Streamer${nextId}`, language_code: 'en' };
  const apiKey = `STREAMKEY${nextId}ABCDEF`;
  const secret = `streamsecret${nextId}abcdefghijklmnopqrst`;
  bybit.addAccount({ apiKey, secret });
  await registerUser(telegram, user);
  expect((await enterKeys(telegram, user, 'demo', apiKey, secret)).plainText).toContain('checked with Bybit and saved');
  return { user, apiKey };
}

const texts = (chatId: number, fragment: string) => telegram.sent(chatId).filter((m) => (m.plainText ?? '').includes(fragment));

/** The key's cursor: moves once a catch-up after (re)connecting has recorded what it found. */
async function caughtUpTo(telegramId: number): Promise<number> {
  const rows = await hookbot.query<{ at: string }>(
    `SELECT (extract(epoch FROM s.caught_up_to) * 1000)::bigint AS at FROM bybit_streams s JOIN bybit_keys k USING (user_id, account) JOIN users u ON u.id = s.user_id
      WHERE u.telegram_id = $1`,
    [telegramId],
  );
  return Number(rows[0]?.at ?? 0);
}

describe('account events from the private WebSocket', () => {
  it('reports a stop-loss hit of a position opened outside Hookbot as it happens, once, also after a reconnect', async () => {
    const { user, apiKey } = await trader();
    bybit.setPosition(apiKey, 'BTCUSDT', 0.002);
    await until('the worker has subscribed the key', () => bybit.streams(apiKey) === 1);

    bybit.triggerStop(apiKey, 'BTCUSDT', 'StopLoss', 49_000);
    const stop = await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('Stop-loss hit'), 15_000);
    expect(stop.plainText).toContain('Sell 0.002 BTCUSDT at 49000');
    expect(stop.plainText).toContain('Fee: 0.0539');
    expect(stop.plainText).not.toContain('connection to Bybit was down');

    // A dropped connection is reconnected and caught up; what the stream told is not told again.
    const auths = bybit.streamAuths(apiKey);
    const before = await caughtUpTo(user.id);
    bybit.dropStreams(apiKey);
    await until('the stream is back', () => bybit.streamAuths(apiKey) > auths && bybit.streams(apiKey) === 1);
    await until('the catch-up after it has run', async () => (await caughtUpTo(user.id)) > before);
    expect(texts(user.id, 'Stop-loss hit')).toHaveLength(1);
    const rows = await hookbot.query<{ source: string }>(`SELECT source FROM bybit_executions e JOIN users u ON u.id = e.user_id WHERE u.telegram_id = $1`, [user.id]);
    expect(rows.map((row) => row.source)).toEqual(['stream']);
    expect(bybit.maxStreams(apiKey)).toBe(1);
  });

  it('a take-profit that fills while the connection is down is reported once, after the reconnect catches up', async () => {
    const { user, apiKey } = await trader();
    bybit.setPosition(apiKey, 'ETHUSDT', 0.1);
    await until('the worker has subscribed the key', () => bybit.streams(apiKey) === 1);

    bybit.streamsDown = true;
    bybit.dropStreams(apiKey);
    await until('the connection is gone', () => bybit.streams(apiKey) === 0);
    bybit.triggerStop(apiKey, 'ETHUSDT', 'TakeProfit', 3_300);
    bybit.streamsDown = false;

    const tp = await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('Take-profit hit'), 30_000);
    expect(tp.plainText).toContain('Sell 0.1 ETHUSDT at 3300');
    expect(tp.plainText).toContain('connection to Bybit was down');
    const after = await caughtUpTo(user.id);
    // Another gap and catch-up over the same fill: still one message.
    bybit.dropStreams(apiKey);
    await until('the next catch-up has run', async () => (await caughtUpTo(user.id)) > after);
    expect(texts(user.id, 'Take-profit hit')).toHaveLength(1);
    expect(bybit.calls.some((c) => c.path === '/v5/execution/list' && c.apiKey === apiKey)).toBe(true);
  });

  it('tells a live fill at once while a catch-up still waits for Bybit to answer it', async () => {
    const { user, apiKey } = await trader();
    bybit.setPosition(apiKey, 'DOGEUSDT', 100);
    await until('the worker has subscribed the key', () => bybit.streams(apiKey) === 1);

    // The next catch-up (the reconnect's, or the follow-up of the first connection) asks for
    // missed fills, and Bybit takes 8 s to answer it.
    const executionLists = () => bybit.calls.filter((c) => c.path === '/v5/execution/list' && c.apiKey === apiKey);
    const asked = executionLists().length;
    bybit.failNext('/v5/execution/list', 1, { kind: 'delay', ms: 8000 }, apiKey);
    bybit.dropStreams(apiKey);
    await until('the stream is back and a catch-up waits for its answer', () => bybit.streams(apiKey) === 1 && executionLists().length > asked);
    const held = executionLists()[asked]!;

    bybit.triggerStop(apiKey, 'DOGEUSDT', 'StopLoss', 0.09);
    const stop = await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('Stop-loss hit'), 15_000);
    expect(stop.plainText).toContain('DOGEUSDT');
    // Told from the stream before Bybit answered the catch-up: it did not wait in line behind it.
    expect(Date.now()).toBeLessThan(held.at + 8000);
    const before = await caughtUpTo(user.id);
    await until('the held catch-up has finished', async () => (await caughtUpTo(user.id)) > before, 30_000);
    expect(texts(user.id, 'Stop-loss hit')).toHaveLength(1);
  });

  it('refuses a connection whose auth signature is wrong (the fake checks it as Bybit does)', async () => {
    const { WebSocket } = await import('ws');
    bybit.addAccount({ apiKey: 'WRONGSIGKEY1234567', secret: 'rightsecret1234567890abcdefghijklm' });
    const socket = new WebSocket(bybit.wsUrl);
    await new Promise((resolve) => socket.once('open', resolve));
    const answer = new Promise<Record<string, unknown>>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>)));
    socket.send(JSON.stringify({ op: 'auth', args: ['WRONGSIGKEY1234567', Date.now() + 5000, 'not-the-signature'] }));
    expect(await answer).toMatchObject({ op: 'auth', success: false });
    socket.terminate();
  });
});

describe('a worker killed while holding connections', () => {
  it('another worker takes its keys over after the lease and reports the fill it missed, once', async () => {
    // A chat of its own: the processes below poll it, the in-process bot above polls the other.
    const telegram = await startFakeTelegram();
    const texts = (chatId: number, fragment: string) => telegram.sent(chatId).filter((m) => (m.plainText ?? '').includes(fragment));
    const databaseUrl = await createTestDatabase();
    const env = testEnv(telegram, databaseUrl, {
      BYBIT_BASE_URL: bybit.url,
      BYBIT_DEMO_BASE_URL: bybit.url,
      BYBIT_WS_URL: bybit.wsUrl,
      BYBIT_DEMO_WS_URL: bybit.wsUrl,
      BYBIT_STREAM_LEASE_SECONDS: '3',
    });
    const web = await spawnHookbot(env, 'web,bot');
    children.push(web);
    const workers = [await spawnHookbot(env, 'worker'), await spawnHookbot(env, 'worker')];
    children.push(...workers);

    nextId += 1;
    const user: FakeUser = { id: nextId, first_name: 'Takeover', language_code: 'en' };
    const apiKey = `TAKEOVERKEY${nextId}AB`;
    const secret = `takeoversecret${nextId}abcdefghijklmnop`;
    bybit.addAccount({ apiKey, secret });
    await registerUser(telegram, user, 20_000);
    expect((await enterKeys(telegram, user, 'demo', apiKey, secret)).plainText).toContain('checked with Bybit and saved');
    bybit.setPosition(apiKey, 'BTCUSDT', 0.01);
    await until('a worker has subscribed the key', () => bybit.streams(apiKey) === 1, 30_000);

    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const holderOf = async () => (await client.query<{ holder: string | null }>(`SELECT holder FROM bybit_streams`)).rows[0]?.holder ?? null;
      const first = await holderOf();
      const holding = workers.find((worker) => first?.includes(`:${worker.process.pid}:`));
      const other = workers.find((worker) => worker !== holding);
      expect(holding).toBeDefined();
      await holding!.kill('SIGKILL');
      await until('the dead worker\'s connection is gone', () => bybit.streams(apiKey) === 0);

      // The stop fills while nobody holds the key.
      bybit.triggerStop(apiKey, 'BTCUSDT', 'StopLoss', 48_000);
      const stop = await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('Stop-loss hit'), 30_000);
      expect(stop.plainText).toContain('Sell 0.01 BTCUSDT at 48000');
      expect(await holderOf()).toContain(`:${other!.process.pid}:`);
      await until('the new holder is subscribed', () => bybit.streams(apiKey) === 1);
      expect(texts(user.id, 'Stop-loss hit')).toHaveLength(1);
      expect(bybit.maxStreams(apiKey)).toBe(1);
    } finally {
      await client.end();
      for (const child of children.splice(0)) await child.kill('SIGKILL');
      await telegram.close();
    }
  }, 120_000);
});
