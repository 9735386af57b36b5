/**
 * A chat's messages leave in the order their events were acknowledged, whichever process acts on
 * them and when. The earlier alert is stored by a web process that only stores (INLINE_PROCESSING
 * =false, so the sweeper acts on it a little later), the next one by a process that acts at once:
 * the later alert is acted on first, as when two web processes behind nginx race.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStandardMarkets, startFakeBybit, type FakeBybit } from './support/fakeBybit.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, startTestHookbot, startTestRoles, type TestHookbot } from './support/hookbot.js';
import { enterKeys } from './support/trading.js';
import { waitUntil } from './support/until.js';

let telegram: FakeTelegram;
let bybit: FakeBybit;
let hookbot: TestHookbot;
/** A web process on the same database that stores alerts and leaves them to the sweeper. */
let storeOnly: Awaited<ReturnType<typeof startTestRoles>> & { url: string };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  bybit = await startFakeBybit();
  addStandardMarkets(bybit);
  hookbot = await startTestHookbot(telegram, { env: { BYBIT_BASE_URL: bybit.url, BYBIT_DEMO_BASE_URL: bybit.url } });
  const started = await startTestRoles(telegram, { roles: ['web'], databaseUrl: hookbot.databaseUrl, env: { INLINE_PROCESSING: 'false' } });
  storeOnly = { ...started, url: started.url! };
});

afterAll(async () => {
  await storeOnly?.stop();
  await hookbot?.stop();
  await telegram?.close();
  await bybit?.close();
});

const texts = (chatId: number, marker: string) => telegram.sent(chatId).map((m) => m.plainText ?? '').filter((text) => text.includes(marker));

describe('per-chat order across processes', () => {
  it('an alert acted on after a later one still reaches the chat first', async () => {
    const user: FakeUser = { id: 7801, first_name: 'Order', language_code: 'en' };
    await registerUser(telegram, user);
    const token = await personalToken(telegram, user.id);

    expect((await postAlert(storeOnly.url, token, { symbol: 'ORDERUSDT', action: 'buy', id: 'order-1', step: 'first' })).status).toBe(200);
    expect((await postAlert(hookbot.url, token, { symbol: 'ORDERUSDT', action: 'sell', id: 'order-2', step: 'second' })).status).toBe(200);

    await waitUntil(() => texts(user.id, 'ORDERUSDT').length >= 2, 20_000, 'both alerts in the chat');
    const steps = texts(user.id, 'ORDERUSDT').map((text) => /step: (\w+)/.exec(text)?.[1]);
    expect(steps).toEqual(['first', 'second']);
  });

  it('a close is placed, and reported, only after the buy it closes', async () => {
    const user: FakeUser = { id: 7802, first_name: 'Closer', language_code: 'en' };
    const apiKey = 'ORDERKEY1234567890AB';
    const secret = 'ordersecret1234567890abcdefghijklmno';
    bybit.addAccount({ apiKey, secret });
    await registerUser(telegram, user);
    expect((await enterKeys(telegram, user, 'demo', apiKey, secret)).plainText).toContain('checked with Bybit and saved');
    const token = await personalToken(telegram, user.id);

    expect((await postAlert(storeOnly.url, token, { symbol: 'ETHUSDT', action: 'buy', qty: 0.5, id: 'trade-1' })).status).toBe(200);
    expect((await postAlert(hookbot.url, token, { symbol: 'ETHUSDT', action: 'close', id: 'trade-2' })).status).toBe(200);

    const outcomes = () => texts(user.id, 'ETHUSDT').filter((text) => /order placed|nothing to do/.test(text));
    await waitUntil(() => outcomes().length >= 2, 20_000, 'both outcomes in the chat');
    const orders = bybit.orders.filter((order) => order.apiKey === apiKey).map((order) => [order.side, Number(order.qty), order.reduceOnly]);
    expect(orders).toEqual([
      ['Buy', 0.5, false],
      ['Sell', 0.5, true],
    ]);
    expect(bybit.position(apiKey, 'ETHUSDT')).toBe(0);
    expect(outcomes().map((text) => text.split('\n')[0])).toEqual([
      expect.stringMatching(/BUY ETHUSDT: order placed/),
      expect.stringMatching(/CLOSE ETHUSDT: order placed/),
    ]);
  });
});
