import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/database.js';
import { addStandardMarkets, startFakeBybit, type FakeBybit } from './support/fakeBybit.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser, type SentMessage } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, spawnHookbot, testEnv, type ChildHookbot } from './support/hookbot.js';
import { enterKeys } from './support/trading.js';
import { until as pollUntil } from './support/until.js';

let telegram: FakeTelegram;
let bybit: FakeBybit;
let database: pg.Client;
const children: ChildHookbot[] = [];

beforeAll(async () => {
  telegram = await startFakeTelegram();
  bybit = await startFakeBybit();
  addStandardMarkets(bybit);
});

afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await database?.end();
  await telegram?.close();
  await bybit?.close();
});

/** Polls until `check` holds; 30_000 ms bound a hang on a loaded machine, they are not a speed target. */
const until = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) => pollUntil(what, check, timeoutMs);

function cardText(card: SentMessage): string {
  const message = telegram.chat(card.chatId).messages.find((m) => m.message_id === card.messageId);
  return message && 'text' in message ? (message.text ?? '') : '';
}

describe('stop to breakeven after the first take-profit', () => {
  it('moves the stop to the entry once, with two workers and a takeover, and the card says so', async () => {
    const databaseUrl = await createTestDatabase();
    database = new pg.Client({ connectionString: databaseUrl });
    await database.connect();
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

    const user: FakeUser = { id: 9901, first_name: 'Breakeven', language_code: 'en' };
    const apiKey = 'BREAKEVENKEY9901ABCD';
    bybit.addAccount({ apiKey, secret: 'breakevensecret9901abcdefghijklmnop' });
    await registerUser(telegram, user, 20_000);
    expect((await enterKeys(telegram, user, 'demo', apiKey, 'breakevensecret9901abcdefghijklmnop')).plainText).toContain('checked with Bybit and saved');
    const token = await personalToken(telegram, user.id, 20_000);
    await until('a worker has subscribed the key', () => bybit.streams(apiKey) === 1);

    const alert = { symbol: 'BTCUSDT', action: 'buy', qty: '0.002', sl: 48_000, tp: [{ at: 51_000, size: '50%' }, { at: 52_000, size: '50%' }], breakeven: true };
    expect((await postAlert(web.url, token, alert)).status).toBe(200);
    const card = await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('order placed'), 30_000);
    await until('the card shows the fill', () => cardText(card).includes('Filled 0.002 at 50000'));
    const movesToEntry = () => bybit.tradingStops.filter((call) => call.apiKey === apiKey && call.body.stopLoss === '50000');
    expect(movesToEntry()).toEqual([]);

    // The first take-profit of the ladder fills on Bybit.
    bybit.triggerStop(apiKey, 'BTCUSDT', 'PartialTakeProfit', 51_000, 0.001);
    await until('the card shows the stop moved', () => cardText(card).includes('Stop moved to 50000'));
    expect(cardText(card)).toContain('Take-profit 1 hit: 0.001 at 51000');
    expect(movesToEntry()).toHaveLength(1);
    expect(movesToEntry()[0]).toMatchObject({ retCode: 0, body: { category: 'linear', symbol: 'BTCUSDT', tpslMode: 'Full', positionIdx: 0 } });
    expect(bybit.conditionals.filter((c) => c.apiKey === apiKey && c.stopOrderType === 'StopLoss').map((c) => c.triggerPrice)).toEqual(['50000']);

    // The worker holding the key dies; the other takes it over and catches up over the same fill.
    const holderOf = async () => (await database.query<{ holder: string | null }>(`SELECT holder FROM bybit_streams`)).rows[0]?.holder ?? null;
    const cursor = async () => Number((await database.query<{ at: string }>(`SELECT (extract(epoch FROM caught_up_to) * 1000)::bigint AS at FROM bybit_streams`)).rows[0]?.at ?? 0);
    const first = await holderOf();
    const holding = workers.find((worker) => first?.includes(`:${worker.process.pid}:`));
    const other = workers.find((worker) => worker !== holding);
    expect(holding).toBeDefined();
    const before = await cursor();
    await holding!.kill('SIGKILL');
    await until('the other worker holds the key', async () => (await holderOf())?.includes(`:${other!.process.pid}:`) === true);
    await until('its catch-up has run', async () => (await cursor()) > before);

    expect(movesToEntry()).toHaveLength(1);
    expect(cardText(card).split('Stop moved to 50000')).toHaveLength(2);
    const state = await database.query<{ breakeven_state: string }>(`SELECT breakeven_state FROM trade_cards`);
    expect(state.rows.map((row) => row.breakeven_state)).toEqual(['done']);
  }, 150_000);
});
