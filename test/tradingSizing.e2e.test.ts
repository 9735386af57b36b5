import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBybit } from './support/fakeBybit.js';
import type { FakeTelegram, SentMessage } from './support/fakeTelegram.js';
import { postAlert, type TestHookbot } from './support/hookbot.js';
import { newDemoTrader, setSetting, toggleSetting, type DemoTrader, startTradingWorld, type TradingWorld } from './support/trading.js';

let telegram: FakeTelegram;
let demo: FakeBybit;
let hookbot: TestHookbot;
let world: TradingWorld | undefined;

beforeAll(async () => {
  world = await startTradingWorld();
  ({ telegram, bybit: demo, hookbot } = world);
});

afterAll(() => world?.stop());

type Trader = DemoTrader;

let nextId = 12_300;

async function newTrader(options: { leverage?: string; market?: 'Spot'; totals?: { totalEquity?: number; totalAvailableBalance?: number } } = {}): Promise<Trader> {
  nextId += 1;
  const trader = await newDemoTrader(telegram, demo, nextId, { name: 'Sizer', account: { balances: { USDT: 100_000 } }, ...options });
  if (options.totals) demo.setWalletTotals(trader.apiKey, options.totals);
  return trader;
}

const ordersOf = (apiKey: string) => demo.orders.filter((o) => o.apiKey === apiKey);
const walletCalls = (apiKey: string) => demo.calls.filter((c) => c.apiKey === apiKey && c.path === '/v5/account/wallet-balance');

async function outcome(trader: Trader, after = 0): Promise<SentMessage> {
  return telegram.waitForMessage(trader.user.id, (m) => m.at >= after && /order placed|no order placed|nothing to do/.test(m.plainText ?? ''), 15_000);
}

describe('sizing by a share of the account', () => {
  it('"equity":"5%" sizes the margin from the unified wallet\'s total equity', async () => {
    const trader = await newTrader({ leverage: '2', totals: { totalEquity: 20_000, totalAvailableBalance: 8_000 } });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', equity: '5%' });
    const message = await outcome(trader);
    // 5% of 20000 = 1000 USDT margin × 2 / 50000 = 0.04 BTC
    expect(ordersOf(trader.apiKey)).toEqual([expect.objectContaining({ side: 'Buy', qty: '0.040' })]);
    expect(walletCalls(trader.apiKey).map((c) => c.query)).toEqual(['accountType=UNIFIED']);
    expect(message.plainText).toContain('Sized at 5 % of equity (20000 USDT)');
  });

  it('"10% available" in /settings sizes futures margin and the spot spend from the available balance', async () => {
    const trader = await newTrader({ totals: { totalEquity: 50_000, totalAvailableBalance: 3_000 } });
    const saved = await setSetting(telegram, trader.user, 'set:sizing', '10% available');
    expect(saved.plainText).toContain('Sizing: 10 % of the available balance');
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', id: 'a-1' });
    await outcome(trader);
    expect(ordersOf(trader.apiKey)).toEqual([expect.objectContaining({ category: 'linear', qty: '0.10' })]);
    await toggleSetting(telegram, trader.user, 'set:market', 'Spot');
    const asked = Date.now();
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', id: 'a-2' });
    await outcome(trader, asked);
    expect(ordersOf(trader.apiKey).at(-1)).toMatchObject({ category: 'spot', qty: '300.0000000', marketUnit: 'quoteCoin' });
    // An alert's own amount still wins over the setting.
    const again = Date.now();
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', amount: 20, id: 'a-3' });
    await outcome(trader, again);
    expect(ordersOf(trader.apiKey).at(-1)).toMatchObject({ qty: '20.0000000' });
    const fixed = await setSetting(telegram, trader.user, 'set:sizing', 'fixed');
    expect(fixed.plainText).toContain('Sizing: the fixed amount per trade');
  });
});

describe('risk sizing', () => {
  it('qty = equity × risk % / |entry − stop|, with the stop placed on the order', async () => {
    const trader = await newTrader({ totals: { totalEquity: 10_000 } });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', risk: '1%', sl: '2%' });
    const message = await outcome(trader);
    // 1% of 10000 = 100 USDT at risk; stop 49000 is 1000 away: 0.1 BTC
    expect(ordersOf(trader.apiKey)).toEqual([expect.objectContaining({ qty: '0.100', stopLoss: '49000' })]);
    expect(message.plainText).toContain('Sized to risk 1 % of equity (10000 USDT) down to the stop 49000');
  });

  it('a short risks to a stop above the entry', async () => {
    const trader = await newTrader({ totals: { totalEquity: 6_000 } });
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'short', risk: 0.5, sl: 3060 });
    await outcome(trader);
    // 30 USDT at risk / 60 = 0.5 ETH
    expect(ordersOf(trader.apiKey)).toEqual([expect.objectContaining({ side: 'Sell', qty: '0.50', stopLoss: '3060' })]);
  });

  it('is refused without a stop, before anything is asked of the exchange', async () => {
    const trader = await newTrader();
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', risk: '1%' });
    const message = await outcome(trader);
    expect(message.plainText).toContain('Risk sizing (1 % of equity to the stop) needs a stop-loss');
    expect(ordersOf(trader.apiKey)).toEqual([]);
    expect(walletCalls(trader.apiKey)).toEqual([]);
  });

  it('a typo\'d stop right next to the entry, or a plausible 50 % risk, is stopped by the maximum order value', async () => {
    const trader = await newTrader({ totals: { totalEquity: 10_000 } });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', risk: '1%', sl: 49_990, id: 'typo' });
    const typo = await outcome(trader);
    // 100 USDT / 10 = 10 BTC = 500000 USDT
    expect(typo.plainText).toContain('The order would be worth 500000 USDT, more than your maximum of 10000 USDT per order');
    expect(typo.plainText).toContain('Sized to risk 1 % of equity (10000 USDT) down to the stop 49990');
    expect((await setSetting(telegram, trader.user, 'set:maxvalue', '2000')).plainText).toContain('Saved');
    const asked = Date.now();
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', risk: '50%', sl: '10%', id: 'fifty' });
    const fifty = await outcome(trader, asked);
    // 5000 USDT / 300 = 16.66 ETH = 49980 USDT
    expect(fifty.plainText).toContain('more than your maximum of 2000 USDT per order');
    expect(ordersOf(trader.apiKey)).toEqual([]);
    expect(demo.calls.filter((c) => c.apiKey === trader.apiKey && c.path === '/v5/order/create')).toEqual([]);
  });
});

describe('sizing fields', () => {
  it('two sizes in one alert, or a percentage out of range, are refused with a 400', async () => {
    const trader = await newTrader();
    expect(await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', amount: 10, risk: '1%' })).toEqual({
      status: 400,
      body: { error: 'give one size only: amount and risk were both given' },
    });
    expect(await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', equity: '150%' })).toEqual({
      status: 400,
      body: { error: 'equity must be a percentage above 0% and at most 100%, such as "1%"' },
    });
  });

  it('/settings refuses what it does not understand', async () => {
    const trader = await newTrader();
    const refused = await setSetting(telegram, trader.user, 'set:sizing', 'lots');
    expect(refused.plainText).toContain('not understood. Send 25, 10% equity');
  });
});
