import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStandardMarkets, startFakeBybit, type FakeBybit } from './support/fakeBybit.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';
import { enterKeys } from './support/trading.js';

const OWNER: FakeUser = { id: 6100, first_name: 'Owner', language_code: 'en' };
const PASSPHRASE = 'correct horse battery';
const LIMIT = 4;
const WINDOW_MS = 1000;

let telegram: FakeTelegram;
let demo: FakeBybit;
let hookbot: TestHookbot;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  demo = await startFakeBybit();
  addStandardMarkets(demo);
  hookbot = await startTestHookbot(telegram, {
    env: {
      BYBIT_BASE_URL: demo.url,
      BYBIT_DEMO_BASE_URL: demo.url,
      BYBIT_RATE_LIMIT: String(LIMIT),
      BYBIT_RATE_WINDOW_MS: String(WINDOW_MS),
      OWNER_TELEGRAM_ID: String(OWNER.id),
      WEBHOOK_PASSPHRASE: PASSPHRASE,
    },
  });
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
  await demo?.close();
});

const postLegacy = async (body: unknown) => {
  const response = await fetch(`${hookbot.url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('legacy shared POST /webhook', () => {
  it('refuses before the owner has registered, and without the right passphrase', async () => {
    expect(await postLegacy({ passphrase: PASSPHRASE, symbol: 'BTCUSDT', action: 'buy' })).toEqual({
      status: 409,
      body: { error: 'the owner account (OWNER_TELEGRAM_ID) has not sent /start to the bot yet' },
    });
    expect(await postLegacy({ symbol: 'BTCUSDT', action: 'buy' })).toEqual({ status: 401, body: { error: 'passphrase is missing' } });
    expect(await postLegacy({ passphrase: 'guess', symbol: 'BTCUSDT', action: 'buy' })).toEqual({ status: 401, body: { error: 'wrong passphrase' } });
    expect((await postLegacy('buy BTCUSDT')).status).toBe(400);
    expect((await postLegacy('[1]')).body).toEqual({ error: 'body must be a JSON object' });
  });

  it('trades for the owner with the owner\'s settings and keys; the passphrase is not stored', async () => {
    demo.addAccount({ apiKey: 'OWNERKEY1234567890', secret: 'ownersecret1234567890abcdefghijklmno' });
    await registerUser(telegram, OWNER);
    expect((await enterKeys(telegram, OWNER, 'demo', 'OWNERKEY1234567890', 'ownersecret1234567890abcdefghijklmno')).plainText).toContain('saved');
    const answer = await postLegacy({ passphrase: PASSPHRASE, symbol: 'ETHUSDT', action: 'buy', qty: 0.05 });
    expect(answer.status).toBe(200);
    expect(answer.body.ok).toBe(true);
    const message = await telegram.waitForMessage(OWNER.id, (m) => (m.plainText ?? '').includes('order placed'));
    expect(message.plainText).toContain('ETHUSDT');
    expect(demo.orders.filter((o) => o.apiKey === 'OWNERKEY1234567890')).toEqual([expect.objectContaining({ side: 'Buy', qty: '0.05' })]);
    const stored = await hookbot.query<{ payload: string }>(`SELECT payload::text FROM inbound_events WHERE id = $1`, [Number(answer.body.id)]);
    expect(stored[0]?.payload).not.toContain(PASSPHRASE);
    expect(stored[0]?.payload).not.toContain('passphrase');
  });

  it('a bad alert through it still gets the 400 of the personal URL', async () => {
    expect(await postLegacy({ passphrase: PASSPHRASE, symbol: 'ETHUSDT' })).toEqual({ status: 400, body: { error: 'action is missing: add "action": one of buy, sell, long, short, close, exit, stop, cancel' } });
  });
});

describe('one Bybit rate limit for the whole server', () => {
  it('requests from many users queue behind one limiter: none dropped, never more than the limit in a window', async () => {
    const users = Array.from({ length: 3 }, (_, i) => ({ id: 6200 + i, first_name: `Busy${i}`, language_code: 'en' }));
    const tokens: string[] = [];
    for (const user of users) {
      demo.addAccount({ apiKey: `BUSYKEY${user.id}ABCDEFG`, secret: `busysecret${user.id}abcdefghijklmnopqrstuvw` });
      await registerUser(telegram, user);
      await enterKeys(telegram, user, 'demo', `BUSYKEY${user.id}ABCDEFG`, `busysecret${user.id}abcdefghijklmnopqrstuvw`);
      tokens.push(await personalToken(telegram, user.id));
    }
    const from = demo.calls.length;
    const before = demo.orders.length;
    // Each alert is several requests (instrument, positions, ticker, leverage, order, lookup).
    await Promise.all(
      users.flatMap((user, i) =>
        ['BTCUSDT', 'ETHUSDT'].map((symbol) => postAlert(hookbot.url, tokens[i] as string, { symbol, action: 'buy', qty: symbol === 'BTCUSDT' ? 0.001 : 0.01 })),
      ),
    );
    await demo.waitForOrders(before + 6, 30_000);
    for (const user of users) await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('order placed'));
    const calls = demo.calls.slice(from);
    expect(calls.length).toBeGreaterThan(LIMIT * 3);
    // Counted where the fake sees them arrive; a request granted early can arrive late (signing,
    // connecting on a busy machine), so the window checked leaves room for that skew. Without the
    // limiter all of them would arrive within a few hundred milliseconds.
    const window = WINDOW_MS - 400;
    for (let i = 0; i < calls.length; i += 1) {
      const inWindow = calls.filter((c) => c.at >= (calls[i]?.at ?? 0) && c.at < (calls[i]?.at ?? 0) + window);
      expect(inWindow.length).toBeLessThanOrEqual(LIMIT);
    }
    expect(calls.every((c) => c.retCode === 0 || c.retCode === 110043)).toBe(true);
  }, 60_000);
});

describe('an exchange down for longer than TRADE_SIGNAL_EXPIRY_SECONDS', () => {
  it('gives the signal up and says so, instead of placing it late', async () => {
    // A second Hookbot needs its own Telegram: two bots cannot poll one token.
    const chat = await startFakeTelegram();
    const exchange = await startFakeBybit();
    addStandardMarkets(exchange);
    const second = await startTestHookbot(chat, { env: { BYBIT_BASE_URL: exchange.url, BYBIT_DEMO_BASE_URL: exchange.url, TRADE_SIGNAL_EXPIRY_SECONDS: '5' } });
    try {
      const user: FakeUser = { id: 6300, first_name: 'Patient', language_code: 'en' };
      exchange.addAccount({ apiKey: 'PATIENTKEY12345678', secret: 'patientsecret1234567890abcdefghijklm' });
      await registerUser(chat, user);
      await enterKeys(chat, user, 'demo', 'PATIENTKEY12345678', 'patientsecret1234567890abcdefghijklm');
      const token = await personalToken(chat, user.id);
      exchange.down = true;
      const url = second.url;
      expect((await postAlert(url, token, { symbol: 'BTCUSDT', action: 'buy', qty: 0.001 })).status).toBe(200);
      await chat.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('Bybit is not answering'), 10_000);
      const expired = await chat.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('no order placed'), 20_000);
      expect(expired.plainText).toContain('the alert was given up rather than traded late. Nothing was placed.');
      exchange.down = false;
      const rows = await second.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM trade_signals`);
      expect(rows).toEqual([expect.objectContaining({ status: 'expired' })]);
      expect(rows[0]?.attempts).toBeGreaterThanOrEqual(2);
      expect(exchange.orders).toEqual([]);
    } finally {
      await second.stop();
      await exchange.close();
      await chat.close();
    }
  }, 60_000);
});

describe('a per-user order limit (BYBIT_USER_ORDERS_PER_SECOND)', () => {
  it('spaces one user\'s orders out: every alert is placed, none faster than the limit', async () => {
    const chat = await startFakeTelegram();
    const exchange = await startFakeBybit();
    addStandardMarkets(exchange);
    const limited = await startTestHookbot(chat, {
      env: { BYBIT_BASE_URL: exchange.url, BYBIT_DEMO_BASE_URL: exchange.url, BYBIT_USER_ORDERS_PER_SECOND: '1' },
    });
    try {
      const user: FakeUser = { id: 6400, first_name: 'Eager', language_code: 'en' };
      exchange.addAccount({ apiKey: 'EAGERKEY1234567890', secret: 'eagersecret1234567890abcdefghijklmno' });
      await registerUser(chat, user);
      await enterKeys(chat, user, 'demo', 'EAGERKEY1234567890', 'eagersecret1234567890abcdefghijklmno');
      const token = await personalToken(chat, user.id);
      const answers = await Promise.all(
        [1, 2, 3].map((n) => postAlert(limited.url, token, { symbol: 'BTCUSDT', action: 'buy', qty: 0.001, id: `eager-${n}`, add: true })),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
      await exchange.waitForOrders(3, 20_000);
      const creates = exchange.calls.filter((c) => c.path === '/v5/order/create' && c.apiKey === 'EAGERKEY1234567890');
      expect(creates).toHaveLength(3);
      // One a second; the fake stamps arrival, so allow for a request granted early arriving late.
      for (let i = 1; i < creates.length; i += 1) {
        expect((creates[i]?.at ?? 0) - (creates[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(600);
      }
      expect(exchange.orders.map((order) => order.qty)).toEqual(['0.001', '0.001', '0.001']);
    } finally {
      await limited.stop();
      await exchange.close();
      await chat.close();
    }
  }, 60_000);
});
