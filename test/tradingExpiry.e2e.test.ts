import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStandardMarkets, startFakeBybit, type FakeBybit } from './support/fakeBybit.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';
import { enterKeys } from './support/trading.js';

/**
 * A signal Bybit never answers for is given up at its expiry, not a backoff step later. With a
 * 12 s expiry the backoff alone (attempts at 0, 1, 3, 7 and 15 s) would give it up at 15 s.
 */
const EXPIRY_SECONDS = 12;
/**
 * What the last attempt, the report and a loaded machine may add. The backoff alone would give the
 * signal up at 15 s at the earliest, so this stays below that.
 */
const SLACK_SECONDS = 2.5;

let telegram: FakeTelegram;
let bybit: FakeBybit;
let hookbot: TestHookbot;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  bybit = await startFakeBybit();
  addStandardMarkets(bybit);
  hookbot = await startTestHookbot(telegram, {
    env: { BYBIT_BASE_URL: bybit.url, BYBIT_DEMO_BASE_URL: bybit.url, TRADE_SIGNAL_EXPIRY_SECONDS: String(EXPIRY_SECONDS) },
  });
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
  await bybit?.close();
});

describe('signal expiry while Bybit is down', () => {
  it('is reported at the expiry moment (database timestamps), and nothing is placed', async () => {
    const user: FakeUser = { id: 7601, first_name: 'Late', language_code: 'en' };
    bybit.addAccount({ apiKey: 'EXPIRYKEY123456789', secret: 'expirysecret1234567890abcdefghijklmn' });
    await registerUser(telegram, user);
    expect((await enterKeys(telegram, user, 'demo', 'EXPIRYKEY123456789', 'expirysecret1234567890abcdefghijklmn')).plainText).toContain('saved');
    const token = await personalToken(telegram, user.id);

    bybit.down = true;
    const response = await postAlert(hookbot.url, token, { symbol: 'BTCUSDT', action: 'buy', qty: 0.001 });
    expect(response.status).toBe(200);
    await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('Bybit is not answering'), 10_000);
    const report = await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('could not be reached'), (EXPIRY_SECONDS + 30) * 1000);

    const [signal] = await hookbot.query<{ status: string; attempts: number; given_up_after: number }>(
      `SELECT s.status, s.attempts, extract(epoch FROM s.finished_at - s.received_at)::float8 AS given_up_after
         FROM trade_signals s JOIN users u ON u.id = s.user_id WHERE u.telegram_id = $1`,
      [user.id],
    );
    expect(signal?.status).toBe('expired');
    expect(signal?.given_up_after).toBeGreaterThanOrEqual(EXPIRY_SECONDS);
    expect(signal?.given_up_after).toBeLessThanOrEqual(EXPIRY_SECONDS + SLACK_SECONDS);
    expect(report.plainText).toMatch(/Bybit could not be reached for 1[2-4] s, so the alert was given up/);
    expect(bybit.orders).toEqual([]);
  }, 90_000);
});
