import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { BybitFailure, BybitSession } from '../src/services/trading/bybit.js';
import { WindowLimiter } from '../src/services/trading/limiter.js';
import { addStandardMarkets, startFakeBybit, type FakeBybit } from './support/fakeBybit.js';

const SECRET = 'sessionsecret1234567890abcdefghijklm';
let fake: FakeBybit;

beforeAll(async () => {
  fake = await startFakeBybit();
  addStandardMarkets(fake);
  fake.addAccount({ apiKey: 'SESSIONKEY12345678', secret: SECRET });
});

afterAll(async () => {
  await fake?.close();
});

const session = (secret = SECRET) =>
  new BybitSession({ baseUrl: fake.url, demoBaseUrl: fake.url, timeoutMs: 2000, recvWindowMs: 5000 }, 'real', new WindowLimiter(100, 1000), {
    key: 'SESSIONKEY12345678',
    secret,
  });

describe('the SDK against the fake exchange', () => {
  it('signs GET (query string) and POST (body) requests the way the fake checks them', async () => {
    const positions = await session().send((client) => client.getPositionInfo({ category: 'linear', symbol: 'BTCUSDT' }));
    expect(positions.retCode).toBe(0);
    const leverage = await session().send((client) => client.setLeverage({ category: 'linear', symbol: 'BTCUSDT', buyLeverage: '7', sellLeverage: '7' }));
    expect(leverage.retCode).toBe(0);
    const again = await session().send((client) => client.setLeverage({ category: 'linear', symbol: 'BTCUSDT', buyLeverage: '7', sellLeverage: '7' }));
    expect(again.retCode).toBe(110043);
  });

  it('a wrong secret is a signature error (10004), an unknown key 10003', async () => {
    const wrong = await session('wrongsecret').send((client) => client.getPositionInfo({ category: 'linear', symbol: 'BTCUSDT' }));
    expect(wrong.retCode).toBe(10004);
    const unknown = new BybitSession({ baseUrl: fake.url, demoBaseUrl: fake.url, timeoutMs: 2000, recvWindowMs: 5000 }, 'real', new WindowLimiter(100, 1000), {
      key: 'NOBODY',
      secret: SECRET,
    });
    expect((await unknown.send((client) => client.getPositionInfo({ category: 'linear', symbol: 'BTCUSDT' }))).retCode).toBe(10003);
  });

  it('a request that reaches Bybit after its recv_window is refused with 10002, told as a clock problem', async () => {
    fake.latencyMs = 1200;
    try {
      const late = new BybitSession({ baseUrl: fake.url, demoBaseUrl: fake.url, timeoutMs: 5000, recvWindowMs: 1000 }, 'real', new WindowLimiter(100, 1000), {
        key: 'SESSIONKEY12345678',
        secret: SECRET,
      });
      const failure = await late.expect((client) => client.getPositionInfo({ category: 'linear', symbol: 'BTCUSDT' })).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(BybitFailure);
      expect((failure as BybitFailure).retCode).toBe(10002);
      expect((failure as BybitFailure).classified).toEqual({ retry: false, reason: 'timestamp' });
    } finally {
      fake.latencyMs = 0;
    }
  });

  it('what the SDK throws carries the secret; BybitFailure and the logger never let it out', async () => {
    fake.failNext('/v5/position/list', 2, { kind: 'http', status: 502 });
    let raw: unknown;
    await session()
      .client.getPositionInfo({ category: 'linear', symbol: 'BTCUSDT' })
      .catch((error: unknown) => {
        raw = error;
      });
    expect(JSON.stringify(raw)).toContain(SECRET); // why it must never be logged raw
    const failure = await session()
      .send((client) => client.getPositionInfo({ category: 'linear', symbol: 'BTCUSDT' }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BybitFailure);
    expect((failure as BybitFailure).classified).toEqual({ retry: true, reason: 'exchange-down' });
    expect(JSON.stringify(failure) + String((failure as Error).message)).not.toContain(SECRET);

    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
    log.error({ err: raw }, 'raw SDK error logged by mistake');
    log.error({ failure: raw }, 'nested');
    expect(lines.join('')).not.toContain(SECRET);
  });
});
