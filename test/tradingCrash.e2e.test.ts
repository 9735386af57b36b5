import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/database.js';
import { addStandardMarkets, startFakeBybit, type FakeBybit } from './support/fakeBybit.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, spawnHookbot, testEnv, type ChildHookbot } from './support/hookbot.js';
import { enterKeys } from './support/trading.js';

let telegram: FakeTelegram;
let bybit: FakeBybit;
const children: ChildHookbot[] = [];
const user = { id: 8301, first_name: 'Crash', language_code: 'en' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  bybit = await startFakeBybit();
  addStandardMarkets(bybit);
});

afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await telegram?.close();
  await bybit?.close();
});

async function query<R>(databaseUrl: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as R[];
  } finally {
    await client.end();
  }
}

describe('a process killed while placing an order', () => {
  it('after the lease, another process finds the order by its orderLinkId and reports it: one order, one message', async () => {
    const databaseUrl = await createTestDatabase();
    const env = testEnv(telegram, databaseUrl, { BYBIT_BASE_URL: bybit.url, BYBIT_DEMO_BASE_URL: bybit.url, TRADE_LEASE_SECONDS: '5', LOG_LEVEL: 'info' });
    bybit.addAccount({ apiKey: 'CRASHKEY1234567890', secret: 'crashsecret1234567890abcdefghijklmno' });

    const first = await spawnHookbot(env);
    children.push(first);
    await registerUser(telegram, user);
    await enterKeys(telegram, user, 'demo', 'CRASHKEY1234567890', 'crashsecret1234567890abcdefghijklmno');
    const token = await personalToken(telegram, user.id);

    // Bybit takes the order but answers slowly; the process dies before it hears back.
    bybit.failNext('/v5/order/create', 1, { kind: 'delay', ms: 1500 });
    expect((await postAlert(first.url, token, { symbol: 'ETHUSDT', action: 'buy', qty: 0.1 })).status).toBe(200);
    while (!bybit.calls.some((c) => c.path === '/v5/order/create')) await new Promise((resolve) => setTimeout(resolve, 20));
    await first.kill('SIGKILL');
    await bybit.waitForOrders(1);
    expect(await query(databaseUrl, `SELECT status FROM trade_signals`)).toEqual([{ status: 'placing' }]);

    const second = await spawnHookbot(env);
    children.push(second);
    const message = await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('order placed'), 20_000);
    expect(message.plainText).toContain('ETHUSDT');
    expect(bybit.orders).toHaveLength(1);
    const [signal] = await query<{ status: string; attempts: number }>(databaseUrl, `SELECT status, attempts FROM trade_signals`);
    expect(signal).toEqual({ status: 'placed', attempts: 2 });
    const creates = bybit.calls.filter((c) => c.path === '/v5/order/create');
    expect(creates).toHaveLength(1); // the second process looked the order up instead of sending it again
  });
});
