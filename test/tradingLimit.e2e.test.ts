import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBybit } from './support/fakeBybit.js';
import type { FakeTelegram, SentMessage } from './support/fakeTelegram.js';
import { postAlert, type TestHookbot } from './support/hookbot.js';
import { newDemoTrader, toggleSetting, type DemoTrader, startTradingWorld, type TradingWorld } from './support/trading.js';
import { waitUntil } from './support/conversation.js';

let telegram: FakeTelegram;
let demo: FakeBybit;
let hookbot: TestHookbot;
let world: TradingWorld | undefined;

beforeAll(async () => {
  world = await startTradingWorld({ env: { TRADE_SIGNAL_EXPIRY_SECONDS: '60' } });
  ({ telegram, bybit: demo, hookbot } = world);
});

afterAll(() => world?.stop());

type Trader = DemoTrader;

let nextId = 12_500;

async function newTrader(options: { amount?: string; market?: 'Spot' } = {}): Promise<Trader> {
  nextId += 1;
  return newDemoTrader(telegram, demo, nextId, { name: 'Limit', ...options });
}

const ordersOf = (apiKey: string) => demo.orders.filter((o) => o.apiKey === apiKey);

async function outcome(trader: Trader, after = 0): Promise<SentMessage> {
  return telegram.waitForMessage(trader.user.id, (m) => m.at >= after && /order placed|no order placed|nothing to do|open orders cancelled/.test(m.plainText ?? ''), 15_000);
}

async function limitRows(trader: Trader) {
  return hookbot.query<{ status: string; order_link_id: string; price: string; qty: string }>(
    `SELECT l.status, l.order_link_id, l.price, l.qty FROM limit_orders l JOIN users u ON u.id = l.user_id WHERE u.telegram_id = $1 ORDER BY l.id`,
    [trader.user.id],
  );
}

describe('limit orders', () => {
  it('rest at the alert\'s price with their TP/SL, and are cancelled and reported at their expiry', async () => {
    const trader = await newTrader({ amount: '98' });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', type: 'limit', price: 49_000, expiry: '10s', sl: '1%', tp: '2%' });
    const message = await outcome(trader);
    const [order] = ordersOf(trader.apiKey);
    expect(order).toMatchObject({ orderType: 'Limit', price: '49000', timeInForce: 'GTC', qty: '0.002', orderStatus: 'New', stopLoss: '48510', takeProfit: '49980' });
    expect(demo.position(trader.apiKey, 'BTCUSDT')).toBe(0);
    expect(message.plainText).toContain('Limit: Buy 0.002 BTCUSDT at 49000, waiting to fill');
    expect(message.plainText).toContain('Cancelled in 1 min if not filled');
    expect(await limitRows(trader)).toEqual([expect.objectContaining({ status: 'open', price: '49000', qty: '0.002' })]);
    const expired = await telegram.waitForMessage(trader.user.id, (m) => (m.plainText ?? '').includes('reached its expiry'), 30_000);
    expect(expired.plainText).toContain('BTCUSDT: the limit order Buy 0.002 at 49000 reached its expiry after 1 min and was cancelled on Bybit (filled: 0)');
    expect(ordersOf(trader.apiKey)[0]?.orderStatus).toBe('Cancelled');
    expect(demo.calls.filter((c) => c.apiKey === trader.apiKey && c.path === '/v5/order/cancel').map((c) => JSON.parse(c.body))).toEqual([
      { category: 'linear', symbol: 'BTCUSDT', orderLinkId: order?.orderLinkId },
    ]);
    expect(await limitRows(trader)).toEqual([expect.objectContaining({ status: 'done' })]);
  });

  it('one filled before its expiry is left alone: nothing to cancel, nothing reported', async () => {
    const trader = await newTrader({ amount: '100' });
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', type: 'limit', price: 2950, expiry: 10 });
    await outcome(trader);
    const [order] = ordersOf(trader.apiKey);
    demo.fillLimit(order?.orderLinkId ?? '');
    await waitUntil(async () => (await limitRows(trader))[0]?.status === 'done', 30_000, 'the filled limit order to be done');
    expect(telegram.chat(trader.user.id).messages.some((m) => 'text' in m && (m.text ?? '').includes('reached its expiry'))).toBe(false);
    expect(demo.position(trader.apiKey, 'ETHUSDT')).toBe(0.03);
  });

  it('a spot limit buy carries its TP/SL in the base coin; a ladder on a limit order is refused', async () => {
    const trader = await newTrader({ amount: '50', market: 'Spot' });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', type: 'limit', price: '49500', tp: '4%', sl: '2%', id: 's-1' });
    await outcome(trader);
    expect(ordersOf(trader.apiKey)).toEqual([expect.objectContaining({ category: 'spot', orderType: 'Limit', price: '49500', qty: '0.001010', takeProfit: '51480', stopLoss: '48510' })]);
    expect(ordersOf(trader.apiKey)[0]?.marketUnit).toBeUndefined();
    await toggleSetting(telegram, trader.user, 'set:market', 'Futures (USDT perpetual)');
    const asked = Date.now();
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', type: 'limit', price: 2990, tp: '1%:50% 2%:50%', id: 's-2' });
    const refused = await outcome(trader, asked);
    expect(refused.plainText).toContain('A take-profit ladder or a trailing stop needs an open position');
    expect(ordersOf(trader.apiKey)).toHaveLength(1);
  });

  it('bad limit fields are refused with a 400', async () => {
    const trader = await newTrader();
    expect(await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', type: 'limit' })).toEqual({
      status: 400,
      body: { error: 'a limit order needs "price": the price to buy or sell at' },
    });
    expect(await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', price: 50_000, expiry: '1h' })).toEqual({
      status: 400,
      body: { error: 'expiry is for limit orders: add "type":"limit"' },
    });
    expect((await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', type: 'limit', price: 50_000, expiry: '5s' })).status).toBe(400);
    expect((await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', type: 'stop' })).body).toEqual({ error: 'type must be "market" or "limit"' });
  });
});

describe('cancel', () => {
  it('cancels the symbol\'s open orders (not the position\'s TP/SL) and forgets their expiry', async () => {
    const trader = await newTrader({ amount: '60' });
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', type: 'limit', price: 2950, id: 'c-1' });
    await outcome(trader);
    let asked = Date.now();
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'sell', type: 'limit', price: 3050, id: 'c-2' });
    await outcome(trader, asked);
    asked = Date.now();
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'cancel', id: 'c-3' });
    const message = await outcome(trader, asked);
    expect(message.plainText).toContain('CANCEL ETHUSDT: 2 open orders cancelled on Bybit');
    expect(ordersOf(trader.apiKey).map((o) => o.orderStatus)).toEqual(['Cancelled', 'Cancelled']);
    expect(demo.calls.filter((c) => c.apiKey === trader.apiKey && c.path === '/v5/order/cancel-all').map((c) => JSON.parse(c.body))).toEqual([
      { category: 'linear', symbol: 'ETHUSDT', orderFilter: 'Order' },
    ]);
    expect((await limitRows(trader)).map((row) => row.status)).toEqual(['done', 'done']);
    asked = Date.now();
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'cancel', id: 'c-4' });
    const none = await outcome(trader, asked);
    expect(none.plainText).toContain('There are no open orders of this symbol to cancel.');
  });
});
