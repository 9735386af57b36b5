import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { personalToken, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';

let telegram: FakeTelegram;
let hookbot: TestHookbot;
const tokens: string[] = [];

beforeAll(async () => {
  telegram = await startFakeTelegram();
  hookbot = await startTestHookbot(telegram, { env: { HOOK_RATE_LIMIT_PER_MINUTE: '5' } });
  for (const id of [9501, 9502]) {
    await registerUser(telegram, { id });
    tokens.push(await personalToken(telegram, id));
  }
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
});

const post = (token: string, n: number) =>
  fetch(`${hookbot.url}/hooks/tradingview/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'buy', symbol: 'RATEUSDT', id: `rate-${token}-${n}` }),
  });

describe('per-URL rate limit', () => {
  it('answers a clear 429 past the limit, only for that URL, and stores nothing extra', async () => {
    const [busy, quiet] = tokens as [string, string];
    for (let n = 0; n < 5; n += 1) expect((await post(busy, n)).status).toBe(200);
    const limited = await post(busy, 5);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ error: expect.stringMatching(/at most 5 requests a minute to one URL; retry in/) });
    // Another user's URL has its own budget.
    expect((await post(quiet, 0)).status).toBe(200);
    const stored = await hookbot.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_events WHERE payload->>'symbol' = 'RATEUSDT'`);
    expect(stored[0]?.n).toBe(6);
  });

  it('does not count GET checks against the limit', async () => {
    for (let n = 0; n < 8; n += 1) expect((await fetch(`${hookbot.url}/hooks/tradingview/${tokens[1]}`)).status).toBe(200);
  });
});
