import { afterAll, beforeAll, expect, it } from 'vitest';
import { BybitSession } from '../src/services/trading/bybit.js';
import { WindowLimiter } from '../src/services/trading/limiter.js';
import { MarketPrices } from '../src/services/trading/marketPrices.js';
import { addStandardMarkets, startFakeBybit, type FakeBybit } from './support/fakeBybit.js';

let fake: FakeBybit;

beforeAll(async () => {
  fake = await startFakeBybit();
  addStandardMarkets(fake);
});

afterAll(async () => {
  await fake?.close();
});

const settings = () => ({ baseUrl: fake.url, demoBaseUrl: fake.url, timeoutMs: 2000, recvWindowMs: 5000 });
const tickerCalls = () => fake.calls.filter((call) => call.path === '/v5/market/tickers').length;

it('asks Bybit for a fresh price whenever the shared budget has room', async () => {
  const session = new BybitSession(settings(), 'real', new WindowLimiter(100, 60_000));
  const prices = new MarketPrices(60_000);
  fake.setPrice('BTCUSDT', 50_000);
  expect(await prices.lastPrice(session, 'linear', 'BTCUSDT')).toBe('50000');
  fake.setPrice('BTCUSDT', 51_000);
  expect(await prices.lastPrice(session, 'linear', 'BTCUSDT')).toBe('51000');
});

it('under budget pressure uses a recent price instead of a slot an order needs, and only while it is recent', async () => {
  const limiter = new WindowLimiter(4, 60_000);
  const session = new BybitSession(settings(), 'real', limiter);
  const prices = new MarketPrices(60_000);
  fake.setPrice('ETHUSDT', 3_000);
  expect(await prices.lastPrice(session, 'linear', 'ETHUSDT')).toBe('3000');
  // Orders take the rest of the budget's spare half.
  await limiter.take();
  fake.setPrice('ETHUSDT', 3_100);
  const before = tickerCalls();
  expect(await prices.lastPrice(session, 'linear', 'ETHUSDT')).toBe('3000');
  expect(tickerCalls()).toBe(before);
  // Too old to stand in: the price is asked for even though that takes a slot.
  const strict = new MarketPrices(0);
  expect(await strict.lastPrice(session, 'linear', 'ETHUSDT')).toBe('3100');
  expect(tickerCalls()).toBe(before + 1);
});

it('callers asking at once for one symbol share one request', async () => {
  const session = new BybitSession(settings(), 'real', new WindowLimiter(100, 60_000));
  const prices = new MarketPrices(0);
  const before = tickerCalls();
  const answers = await Promise.all(Array.from({ length: 5 }, () => prices.lastPrice(session, 'linear', 'BTCUSDT')));
  expect(new Set(answers).size).toBe(1);
  expect(tickerCalls()).toBe(before + 1);
});
