import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeAccountOptions, FakeBybit } from './support/fakeBybit.js';
import type { FakeTelegram, SentMessage } from './support/fakeTelegram.js';
import { postAlert, type TestHookbot } from './support/hookbot.js';
import { newDemoTrader, setSetting, type DemoTrader, startTradingWorld, type TradingWorld } from './support/trading.js';

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

let nextId = 12_100;

async function newTrader(options: { account?: Partial<FakeAccountOptions>; amount?: string; leverage?: string; market?: 'Spot' } = {}): Promise<Trader> {
  nextId += 1;
  return newDemoTrader(telegram, demo, nextId, { name: 'Guard', ...options });
}

const ordersOf = (apiKey: string) => demo.orders.filter((o) => o.apiKey === apiKey);
const conditionalsOf = (apiKey: string) => demo.conditionals.filter((c) => c.apiKey === apiKey).map(({ stopOrderType, triggerPrice, qty }) => [stopOrderType, triggerPrice, qty]);
const tradingStops = (apiKey: string) => demo.calls.filter((c) => c.apiKey === apiKey && c.path === '/v5/position/trading-stop').map((c) => JSON.parse(c.body) as Record<string, unknown>);

async function outcome(trader: Trader, after = 0): Promise<SentMessage> {
  return telegram.waitForMessage(trader.user.id, (m) => m.at >= after && /order placed|no order placed|not all its protective|nothing to do/.test(m.plainText ?? ''), 15_000);
}

async function storedProtection(trader: Trader): Promise<Record<string, unknown> | null> {
  const rows = await hookbot.query<{ protection: Record<string, unknown> | null }>(
    `SELECT s.protection FROM trade_signals s JOIN users u ON u.id = s.user_id WHERE u.telegram_id = $1 ORDER BY s.id DESC LIMIT 1`,
    [trader.user.id],
  );
  return rows[0]?.protection ?? null;
}

describe('stop-loss and take-profit in the alert', () => {
  it('percentages from the entry become order-level TP/SL (Full mode, market) at tick-rounded prices', async () => {
    const trader = await newTrader({ amount: '100', leverage: '5' });
    expect((await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', sl: '1.5%', tp: '2%' })).status).toBe(200);
    const message = await outcome(trader);
    expect(ordersOf(trader.apiKey)).toEqual([
      expect.objectContaining({ side: 'Buy', qty: '0.010', stopLoss: '49250', takeProfit: '51000', tpslMode: 'Full' }),
    ]);
    const create = demo.calls.find((c) => c.apiKey === trader.apiKey && c.path === '/v5/order/create');
    expect(JSON.parse(create?.body ?? '{}')).toMatchObject({ tpOrderType: 'Market', slOrderType: 'Market' });
    expect(conditionalsOf(trader.apiKey)).toEqual([
      ['TakeProfit', '51000', ''],
      ['StopLoss', '49250', ''],
    ]);
    expect(message.plainText).toContain('Stop-loss: 49250');
    expect(message.plainText).toContain('Take-profit: 51000');
    expect(await storedProtection(trader)).toMatchObject({ symbol: 'BTCUSDT', stopLoss: '49250', takeProfit: '51000', entry: '50000', breakeven: false });
  });

  it('a short gets its stop above and its take-profit below the entry; prices are taken as written', async () => {
    const trader = await newTrader({ amount: '60' });
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'short', sl: 3100, tp: '2800.5' });
    await outcome(trader);
    expect(ordersOf(trader.apiKey)).toEqual([expect.objectContaining({ side: 'Sell', qty: '0.02', stopLoss: '3100', takeProfit: '2800.5' })]);
  });

  it('a take-profit on the losing side, or a stop on the winning side, is refused before anything is sent', async () => {
    const trader = await newTrader({ amount: '100' });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', tp: 49_000, id: 'tp-wrong' });
    const tp = await outcome(trader);
    expect(tp.plainText).toContain('no order placed');
    expect(tp.plainText).toContain('The take-profit 49000 is not on the profit side of the entry 50000');
    const asked = Date.now();
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', sl: 51_000, id: 'sl-wrong' });
    const sl = await outcome(trader, asked);
    expect(sl.plainText).toContain('The stop-loss 51000 is on the wrong side of the entry 50000');
    expect(ordersOf(trader.apiKey)).toEqual([]);
    expect(demo.calls.filter((c) => c.apiKey === trader.apiKey && c.method === 'POST')).toEqual([]);
  });
});

describe('take-profit ladder', () => {
  it('places the position with its stop, then one Partial trading-stop per step with its tpSize', async () => {
    const trader = await newTrader({ amount: '1000' });
    await postAlert(hookbot.url, trader.token, {
      symbol: 'BTCUSDT',
      action: 'buy',
      sl: '1%',
      tp: [
        { at: '1%', size: '50%' },
        { at: '3%', size: '50%' },
      ],
    });
    const message = await outcome(trader);
    const [order] = ordersOf(trader.apiKey);
    expect(order).toMatchObject({ qty: '0.020', stopLoss: '49500', tpslMode: 'Full' });
    expect(order?.takeProfit).toBeUndefined();
    expect(tradingStops(trader.apiKey)).toEqual([
      expect.objectContaining({ category: 'linear', symbol: 'BTCUSDT', positionIdx: 0, tpslMode: 'Partial', takeProfit: '50500', tpSize: '0.01', tpOrderType: 'Market' }),
      expect.objectContaining({ tpslMode: 'Partial', takeProfit: '51500', tpSize: '0.01' }),
    ]);
    expect(conditionalsOf(trader.apiKey)).toEqual([
      ['StopLoss', '49500', ''],
      ['PartialTakeProfit', '50500', '0.01'],
      ['PartialTakeProfit', '51500', '0.01'],
    ]);
    expect(message.plainText).toContain('Take-profit 1: 0.01 at 50500');
    expect(message.plainText).toContain('Take-profit 2: 0.01 at 51500');
  });

  it('a ladder whose second step is below the minimum quantity is refused before anything is placed, a reversal included', async () => {
    const trader = await newTrader({ amount: '100' });
    demo.setPosition(trader.apiKey, 'BTCUSDT', -0.004);
    await postAlert(hookbot.url, trader.token, {
      symbol: 'BTCUSDT',
      action: 'buy',
      tp: [
        { at: '1%', size: '50%' },
        { at: '3%', size: '25%' },
      ],
    });
    const message = await outcome(trader);
    expect(message.plainText).toContain('no order placed');
    expect(message.plainText).toContain("Take-profit step 2 would close 0, less than the symbol's minimum quantity 0.001");
    // Not the closing order of the short, not the leverage, not the position, not one step.
    expect(demo.calls.filter((c) => c.apiKey === trader.apiKey && c.method === 'POST')).toEqual([]);
    expect(demo.position(trader.apiKey, 'BTCUSDT')).toBe(-0.004);
    expect(conditionalsOf(trader.apiKey)).toEqual([]);
  });

  it('a step lost with the connection is not added twice when the signal is retried', async () => {
    const trader = await newTrader({ amount: '1000' });
    // The first step takes effect, but the answer never arrives: the signal is retried.
    demo.failNext('/v5/position/trading-stop', 1, { kind: 'dropAfter' });
    await postAlert(hookbot.url, trader.token, {
      symbol: 'BTCUSDT',
      action: 'buy',
      tp: [
        { at: '1%', size: '50%' },
        { at: '2%', size: '50%' },
      ],
    });
    const message = await outcome(trader);
    expect(message.plainText).toContain('order placed');
    expect(ordersOf(trader.apiKey)).toHaveLength(1);
    expect(conditionalsOf(trader.apiKey)).toEqual([
      ['PartialTakeProfit', '50500', '0.01'],
      ['PartialTakeProfit', '51000', '0.01'],
    ]);
  });

  it('bad ladders are refused with a 400 before anything is stored', async () => {
    const trader = await newTrader();
    const over = await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', tp: [{ at: '1%', size: '60%' }, { at: '2%', size: '60%' }] });
    expect(over).toEqual({ status: 400, body: { error: 'tp ladder sizes add up to 120%, more than the whole position (100%)' } });
    const badLevel = await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', sl: 'soon' });
    expect(badLevel.status).toBe(400);
    expect(badLevel.body.error).toContain('sl must be a price such as 50000 or a percentage');
    const badBreakeven = await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', breakeven: 'yes' });
    expect(badBreakeven).toEqual({ status: 400, body: { error: 'breakeven must be true or false' } });
  });
});

describe('trailing stop and breakeven', () => {
  it('a trailing stop in percent becomes a Full-mode trading-stop distance from the entry', async () => {
    const trader = await newTrader({ amount: '100' });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', trailing: '1%' });
    const message = await outcome(trader);
    expect(tradingStops(trader.apiKey)).toEqual([expect.objectContaining({ tpslMode: 'Full', trailingStop: '500', positionIdx: 0 })]);
    expect(conditionalsOf(trader.apiKey)).toEqual([['TrailingStop', '500', '']]);
    expect(message.plainText).toContain('Trailing stop: 500 behind the price');
  });

  it('breakeven after the first take-profit is stored with the entry for the fill events to act on; without a take-profit it is refused', async () => {
    const trader = await newTrader({ amount: '1000' });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', sl: '2%', tp: [{ at: '1%', size: '50%' }, { at: '2%', size: '50%' }], breakeven: true, id: 'be-1' });
    const message = await outcome(trader);
    expect(message.plainText).toContain('Stop to breakeven (50000) after the first take-profit: recorded');
    expect(await storedProtection(trader)).toMatchObject({ breakeven: true, entry: '50000', stopLoss: '49000', ladder: [{ price: '50500', qty: '0.01' }, { price: '51000', qty: '0.01' }] });
    const asked = Date.now();
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', breakeven: true, id: 'be-2' });
    const refused = await outcome(trader, asked);
    expect(refused.plainText).toContain('needs a take-profit');
    expect(ordersOf(trader.apiKey).filter((o) => o.symbol === 'ETHUSDT')).toEqual([]);
  });
});

describe('protection defaults in /settings', () => {
  it('are used for every opening order, an alert field replaces one, and closing orders carry none', async () => {
    const trader = await newTrader({ amount: '1000' });
    const saved = await setSetting(telegram, trader.user, 'set:protection', 'sl 2% tp 1%:50% 3%:50% breakeven');
    expect(saved.plainText).toContain('Protection: sl 2% tp 1%:50% 3%:50% breakeven');
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', id: 'd-1' });
    await outcome(trader);
    expect(ordersOf(trader.apiKey)).toEqual([expect.objectContaining({ stopLoss: '49000' })]);
    expect(conditionalsOf(trader.apiKey)).toEqual([
      ['StopLoss', '49000', ''],
      ['PartialTakeProfit', '50500', '0.01'],
      ['PartialTakeProfit', '51500', '0.01'],
    ]);
    let asked = Date.now();
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'close', id: 'd-2' });
    await outcome(trader, asked);
    expect(ordersOf(trader.apiKey).at(-1)).toMatchObject({ reduceOnly: true });
    expect(ordersOf(trader.apiKey).at(-1)?.stopLoss).toBeUndefined();
    asked = Date.now();
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', sl: 'off', tp: 'off', breakeven: false, id: 'd-3' });
    await outcome(trader, asked);
    const eth = ordersOf(trader.apiKey).at(-1);
    expect(eth).toMatchObject({ symbol: 'ETHUSDT', side: 'Buy' });
    expect(eth?.stopLoss).toBeUndefined();
    expect(eth?.takeProfit).toBeUndefined();
  });

  it('refuses a default given as a price, and "off" clears them', async () => {
    const trader = await newTrader();
    const refused = await setSetting(telegram, trader.user, 'set:protection', 'sl 49000');
    expect(refused.plainText).toContain('sl must be a percentage such as "1.5%"');
    telegram.sendUserMessage(trader.user, '/cancel');
    await setSetting(telegram, trader.user, 'set:protection', 'sl 1%');
    const cleared = await setSetting(telegram, trader.user, 'set:protection', 'off');
    expect(cleared.plainText).toContain('Protection: none');
  });

  it('speaks Russian and Arabic', async () => {
    const ru = await newTrader({ amount: '100' });
    await hookbot.query(`UPDATE users SET language = 'ru' WHERE telegram_id = $1`, [ru.user.id]);
    await postAlert(hookbot.url, ru.token, { symbol: 'BTCUSDT', action: 'buy', tp: 49_000 });
    const ruMessage = await telegram.waitForMessage(ru.user.id, (m) => (m.plainText ?? '').includes('Тейк-профит 49000 не на стороне прибыли'), 15_000);
    expect(ruMessage.plainText).toContain('ордер не размещён');
    const ar = await newTrader({ amount: '100' });
    await hookbot.query(`UPDATE users SET language = 'ar' WHERE telegram_id = $1`, [ar.user.id]);
    await postAlert(hookbot.url, ar.token, { symbol: 'BTCUSDT', action: 'buy', sl: 51_000 });
    await telegram.waitForMessage(ar.user.id, (m) => (m.plainText ?? '').includes('وقف الخسارة 51000 في الجهة الخطأ'), 15_000);
  });
});

describe('spot', () => {
  it('a market buy with a stop-loss is refused with what Bybit supports, nothing is sent', async () => {
    const trader = await newTrader({ amount: '50', market: 'Spot' });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', sl: '2%' });
    const message = await outcome(trader);
    expect(message.plainText).toContain('On spot, Bybit attaches a take-profit or stop-loss only to limit orders');
    expect(ordersOf(trader.apiKey)).toEqual([]);
  });
});
