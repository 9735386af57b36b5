import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStandardMarkets, startFakeBybit, type FakeAccountOptions, type FakeBybit, type FakeOrder } from './support/fakeBybit.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser, type SentMessage } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, startTestHookbot, TEST_ENCRYPTION_KEY, type TestHookbot } from './support/hookbot.js';
import { enterKeys, say, setSetting, toggleSetting } from './support/trading.js';
import { SecretBox } from '../src/services/secrets/secretBox.js';

let telegram: FakeTelegram;
let demo: FakeBybit;
let real: FakeBybit;
let hookbot: TestHookbot;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  demo = await startFakeBybit();
  real = await startFakeBybit();
  addStandardMarkets(demo);
  addStandardMarkets(real);
  hookbot = await startTestHookbot(telegram, {
    env: { BYBIT_BASE_URL: real.url, BYBIT_DEMO_BASE_URL: demo.url, TRADE_SIGNAL_EXPIRY_SECONDS: '60' },
  });
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
  await demo?.close();
  await real?.close();
});

interface Trader {
  user: FakeUser;
  token: string;
  apiKey: string;
}

let nextId = 7100;

/** A registered user with a checked demo key (and optional settings), as they would set it up in the chat. */
async function newTrader(
  options: { account?: Partial<FakeAccountOptions>; amount?: string; leverage?: string; market?: 'Spot' | 'Futures (USDT perpetual)' } = {},
): Promise<Trader> {
  nextId += 1;
  const user: FakeUser = { id: nextId, first_name: `Trader${nextId}`, language_code: 'en' };
  const apiKey = `DEMOKEY${nextId}ABCDEFGH`;
  demo.addAccount({ apiKey, secret: `demosecret${nextId}abcdefghijklmnopqrstuv`, ...options.account });
  await registerUser(telegram, user);
  const saved = await enterKeys(telegram, user, 'demo', apiKey, `demosecret${nextId}abcdefghijklmnopqrstuv`);
  expect(saved.plainText).toContain('checked with Bybit and saved');
  if (options.amount) expect((await setSetting(telegram, user, 'set:amount', options.amount)).plainText).toContain('Saved');
  if (options.leverage) expect((await setSetting(telegram, user, 'set:leverage', options.leverage)).plainText).toContain('Saved');
  if (options.market) await toggleSetting(telegram, user, 'set:market', options.market);
  return { user, token: await personalToken(telegram, user.id), apiKey };
}

const ordersOf = (fake: FakeBybit, apiKey: string): FakeOrder[] => fake.orders.filter((o) => o.apiKey === apiKey);

async function outcome(trader: Trader, predicate: (text: string) => boolean = (text) => /order placed|no order placed|nothing to do|too old/.test(text)): Promise<SentMessage> {
  return telegram.waitForMessage(trader.user.id, (m) => predicate(m.plainText ?? ''), 10_000);
}

async function signalRows(trader: Trader) {
  return hookbot.query<{ status: string; order_link_id: string; attempts: number; outcome: Record<string, unknown> | null }>(
    `SELECT s.status, s.order_link_id, s.attempts, s.outcome FROM trade_signals s JOIN users u ON u.id = s.user_id WHERE u.telegram_id = $1 ORDER BY s.id`,
    [trader.user.id],
  );
}

describe('/keys', () => {
  it('refuses a key Bybit does not know, deletes the messages that carried it, saves nothing', async () => {
    const user: FakeUser = { id: 7001, first_name: 'Wrong', language_code: 'en' };
    await registerUser(telegram, user);
    const answer = await enterKeys(telegram, user, 'demo', 'NOSUCHKEY123456789', 'nosuchsecret1234567890abcdefghijklmn');
    expect(answer.plainText).toContain('The Demo key was not saved');
    expect(answer.plainText).toContain('Bybit refused the API key or secret');
    const visible = telegram.chat(user.id).messages.map((m) => ('text' in m ? m.text : '')).join('\n');
    expect(visible).not.toContain('NOSUCHKEY123456789');
    expect(visible).not.toContain('nosuchsecret1234567890abcdefghijklmn');
    expect(await hookbot.query('SELECT 1 FROM bybit_keys k JOIN users u ON u.id = k.user_id WHERE u.telegram_id = $1', [user.id])).toEqual([]);
  });

  it('refuses a read-only key and a key with a wrong secret', async () => {
    const user: FakeUser = { id: 7002, first_name: 'ReadOnly', language_code: 'en' };
    demo.addAccount({ apiKey: 'READONLYKEY1234567', secret: 'readonlysecret1234567890abcdefghijkl', readOnly: true });
    await registerUser(telegram, user);
    const readOnly = await enterKeys(telegram, user, 'demo', 'READONLYKEY1234567', 'readonlysecret1234567890abcdefghijkl');
    expect(readOnly.plainText).toContain('read-only');
    const wrongSecret = await enterKeys(telegram, user, 'demo', 'READONLYKEY1234567', 'wrongsecret1234567890abcdefghijklmno');
    expect(wrongSecret.plainText).toContain('Bybit refused the API key or secret');
  });

  it('saves a good key sealed, shows it masked, and /keys delete removes it', async () => {
    const user: FakeUser = { id: 7003, first_name: 'Good', language_code: 'en' };
    demo.addAccount({ apiKey: 'GOODKEYABCDEFGH123', secret: 'goodsecret1234567890abcdefghijklmnop', ips: ['203.0.113.7'] });
    await registerUser(telegram, user);
    const saved = await enterKeys(telegram, user, 'demo', 'GOODKEYABCDEFGH123', 'goodsecret1234567890abcdefghijklmnop');
    expect(saved.plainText).toContain('GOOD…H123');
    expect(saved.plainText).toContain('203.0.113.7');
    const [row] = await hookbot.query<{ api_key: string; api_secret: string; masked_key: string }>(
      `SELECT k.api_key, k.api_secret, k.masked_key FROM bybit_keys k JOIN users u ON u.id = k.user_id WHERE u.telegram_id = $1`,
      [user.id],
    );
    expect(row?.masked_key).toBe('GOOD…H123');
    expect(row?.api_key).not.toContain('GOODKEY');
    const box = SecretBox.fromKey(Buffer.from(TEST_ENCRYPTION_KEY, 'hex'));
    expect(box.decrypt(row?.api_secret ?? '')).toBe('goodsecret1234567890abcdefghijklmnop');
    const chat = telegram.chat(user.id).messages.map((m) => ('text' in m ? m.text : '')).join('\n');
    expect(chat).not.toContain('goodsecret1234567890abcdefghijklmnop');
    const view = await say(telegram, user, '/keys', (m) => (m.plainText ?? '').includes('Your Bybit API keys'));
    expect(view.plainText).toContain('Demo: GOOD…H123');
    expect(view.plainText).toContain('Real: not set');
    const deleted = await say(telegram, user, '/keys delete', (m) => (m.plainText ?? '').includes('Deleted'));
    expect(deleted.plainText).toContain('Deleted');
    expect(await hookbot.query('SELECT 1 FROM bybit_keys k JOIN users u ON u.id = k.user_id WHERE u.telegram_id = $1', [user.id])).toEqual([]);
  });
});

describe('/keys buttons', () => {
  it('Delete on the /keys view deletes that key and shows the view again; Add starts the questions', async () => {
    const trader = await newTrader();
    const view = await say(telegram, trader.user, '/keys', (m) => (m.plainText ?? '').includes('Your Bybit API keys'));
    expect((view.inlineKeyboard ?? []).flat().map((b) => ('callback_data' in b ? b.callback_data : ''))).toEqual(['keys:set:demo', 'keys:del:demo', 'keys:set:real']);
    const update = telegram.pressButton(trader.user, view.messageId, 'keys:del:demo');
    const answer = await telegram.waitForCall('answerCallbackQuery', (call) => call.params.callback_query_id === update.callback_query?.id);
    expect(answer.params.text).toBe('Key deleted.');
    const now = telegram.chat(trader.user.id).messages.find((m) => m.message_id === view.messageId);
    expect(now && 'text' in now ? now.text : '').toContain('Demo: not set');
    const asked = Date.now();
    telegram.pressButton(trader.user, view.messageId, 'keys:set:real');
    const question = await telegram.waitForMessage(trader.user.id, (m) => m.at >= asked && (m.plainText ?? '').includes('API key'));
    expect(question.plainText).toContain('of your Real Bybit account');
  });
});

describe('futures (linear)', () => {
  it('buy: sets leverage, opens a long sized from amount x leverage / price, rounded to the step', async () => {
    const trader = await newTrader({ amount: '100', leverage: '5' });
    const response = await postAlert(hookbot.url, trader.token, { symbol: 'BYBIT:BTCUSDT.P', action: 'buy' });
    expect(response.status).toBe(200);
    const message = await outcome(trader);
    const [order] = ordersOf(demo, trader.apiKey);
    expect(order).toMatchObject({ category: 'linear', symbol: 'BTCUSDT', side: 'Buy', qty: '0.010', reduceOnly: false, positionIdx: 0 });
    expect(order?.orderLinkId).toMatch(/^hb\d+-[A-Za-z0-9]{8}-o$/);
    expect(demo.leverage(trader.apiKey, 'BTCUSDT')).toBe('5');
    expect(demo.position(trader.apiKey, 'BTCUSDT')).toBe(0.01);
    expect(message.plainText).toContain('BUY BTCUSDT: order placed on Bybit (Futures (USDT perpetual), Demo account)');
    expect(message.plainText).toContain('Opened: Buy 0.01 BTCUSDT at 50000');
    expect(message.plainText).toContain('Leverage: 5x');
    expect(message.plainText).toContain(order?.orderId);
    expect((await signalRows(trader))[0]?.status).toBe('placed');
  });

  it('long while short: closes the short with reduce-only first, then opens the long', async () => {
    const trader = await newTrader({ amount: '60', leverage: '1' });
    demo.setPosition(trader.apiKey, 'ETHUSDT', -0.5);
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'long' });
    const message = await outcome(trader);
    const orders = ordersOf(demo, trader.apiKey);
    expect(orders.map((o) => [o.side, o.qty, o.reduceOnly, o.orderLinkId.split('-').at(-1)])).toEqual([
      ['Buy', '0.5', true, 'c0'],
      ['Buy', '0.02', false, 'o'],
    ]);
    expect(demo.position(trader.apiKey, 'ETHUSDT')).toBe(0.02);
    expect(message.plainText).toContain('Closed: Buy 0.5 ETHUSDT');
    expect(message.plainText).toContain('Opened: Buy 0.02 ETHUSDT');
  });

  it('short and sell open shorts; a short while long reverses', async () => {
    const trader = await newTrader({ amount: '50', leverage: '2' });
    await postAlert(hookbot.url, trader.token, { symbol: 'DOGEUSDT', action: 'short', id: 's-1' });
    await outcome(trader);
    expect(demo.position(trader.apiKey, 'DOGEUSDT')).toBe(-1000);
    demo.setPosition(trader.apiKey, 'BTCUSDT', 0.004);
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'sell', id: 's-2' });
    await outcome(trader);
    expect(demo.position(trader.apiKey, 'BTCUSDT')).toBe(-0.002);
    expect(ordersOf(demo, trader.apiKey).map((o) => [o.symbol, o.side, o.qty, o.reduceOnly])).toEqual([
      ['DOGEUSDT', 'Sell', '1000', false],
      ['BTCUSDT', 'Sell', '0.004', true],
      ['BTCUSDT', 'Sell', '0.002', false],
    ]);
  });

  it.each(['close', 'exit', 'stop'])('%s: closes the whole position with a reduce-only market order', async (action) => {
    const trader = await newTrader();
    demo.setPosition(trader.apiKey, 'ETHUSDT', 1.25);
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action });
    const message = await outcome(trader);
    expect(ordersOf(demo, trader.apiKey).map((o) => [o.side, o.qty, o.reduceOnly])).toEqual([['Sell', '1.25', true]]);
    expect(demo.position(trader.apiKey, 'ETHUSDT')).toBe(0);
    expect(message.plainText).toContain('order placed');
    expect(demo.leverage(trader.apiKey, 'ETHUSDT')).toBeUndefined();
  });

  it('close with no open position: nothing to do, no order', async () => {
    const trader = await newTrader();
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'close' });
    const message = await outcome(trader);
    expect(message.plainText).toContain('nothing to do');
    expect(message.plainText).toContain('There is no open position to close.');
    expect(ordersOf(demo, trader.apiKey)).toEqual([]);
  });

  it('hedge mode: closes the short leg (positionIdx 2) and opens the long leg (positionIdx 1)', async () => {
    const trader = await newTrader({ account: { positionMode: 'hedge' }, amount: '100', leverage: '1' });
    demo.setPosition(trader.apiKey, 'BTCUSDT', 0.003, 2);
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy' });
    await outcome(trader);
    expect(ordersOf(demo, trader.apiKey).map((o) => [o.side, o.qty, o.reduceOnly, o.positionIdx])).toEqual([
      ['Buy', '0.003', true, 2],
      ['Buy', '0.002', false, 1],
    ]);
    expect(demo.position(trader.apiKey, 'BTCUSDT', 1)).toBe(0.002);
    expect(demo.position(trader.apiKey, 'BTCUSDT', 2)).toBe(0);
  });

  it('alert fields override the settings: qty, leverage, tp/sl', async () => {
    const trader = await newTrader();
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', qty: 0.129, leverage: 3, tp: 3300, sl: 2900 });
    const message = await outcome(trader);
    expect(ordersOf(demo, trader.apiKey)).toEqual([expect.objectContaining({ qty: '0.12', takeProfit: '3300', stopLoss: '2900' })]);
    expect(demo.leverage(trader.apiKey, 'ETHUSDT')).toBe('3');
    expect(message.plainText).toContain('Leverage: 3x');
  });

  it('a quantity that rounds below the minimum is refused with the numbers, no order sent', async () => {
    const trader = await newTrader({ amount: '40' });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy' }); // 40 / 50000 = 0.0008 < 0.001
    const message = await outcome(trader);
    expect(message.plainText).toContain('no order placed');
    expect(message.plainText).toContain('The quantity 0.0008 is below the symbol\'s minimum 0.001');
    expect(demo.calls.filter((c) => c.apiKey === trader.apiKey && c.path === '/v5/order/create')).toEqual([]);
  });

  it('leverage above the symbol maximum is refused, not capped', async () => {
    const trader = await newTrader({ leverage: '90' });
    await postAlert(hookbot.url, trader.token, { symbol: 'DOGEUSDT', action: 'buy' });
    const message = await outcome(trader);
    expect(message.plainText).toContain('Leverage 90x is not allowed for this symbol (maximum 75x)');
    expect(ordersOf(demo, trader.apiKey)).toEqual([]);
  });

  it('insufficient balance is told in plain words', async () => {
    const trader = await newTrader({ account: { balances: { USDT: 1 } }, amount: '100' });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy' });
    const message = await outcome(trader);
    expect(message.plainText).toContain('Not enough balance on Bybit for this order');
    expect((await signalRows(trader))[0]).toMatchObject({ status: 'rejected', outcome: expect.objectContaining({ reason: 'insufficient-balance' }) });
  });

  it('an unknown symbol is refused before any order', async () => {
    const trader = await newTrader();
    await postAlert(hookbot.url, trader.token, { symbol: 'NOPEUSDT', action: 'buy' });
    const message = await outcome(trader);
    expect(message.plainText).toContain('Bybit has no such symbol for this market: NOPEUSDT');
  });
});

describe('guards: a wrong price never sizes an order', () => {
  it('an alert price 100x off the market is refused with both prices and the tolerance; nothing reaches Bybit; /orders records it', async () => {
    const trader = await newTrader({ amount: '100', leverage: '5' });
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', price: 30 });
    const message = await outcome(trader);
    expect(message.plainText).toContain('BUY ETHUSDT: no order placed');
    expect(message.plainText).toContain("The alert's price 30 is 99 % away from the market price 3000, more than your tolerance of 3 %");
    expect(ordersOf(demo, trader.apiKey)).toEqual([]);
    expect(demo.calls.filter((c) => c.apiKey === trader.apiKey && c.path === '/v5/order/create')).toEqual([]);
    expect((await signalRows(trader))[0]).toMatchObject({
      status: 'rejected',
      outcome: expect.objectContaining({ reason: 'price-off-market', details: expect.objectContaining({ price: '30', marketPrice: '3000', tolerance: '3' }) }),
    });
    const list = await say(telegram, trader.user, '/orders', (m) => (m.plainText ?? '').includes('last 1 signals'));
    expect(list.plainText).toContain('not placed: The alert\'s price 30 is 99 % away from the market price 3000');
  });

  it('within the tolerance the order is sized at the market price, not the alert\'s', async () => {
    const trader = await newTrader({ amount: '100', leverage: '5' });
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', price: 2920 });
    expect((await outcome(trader)).plainText).toContain('order placed');
    // 100 x 5 / 3000 = 0.1666 -> 0.16; at the alert's 2920 it would have been 0.1712 -> 0.17.
    expect(ordersOf(demo, trader.apiKey).map((o) => o.qty)).toEqual(['0.16']);
  });

  it('the tolerance is a /settings item: 50 % lets a far price through, "default" goes back to the server\'s 3 %', async () => {
    const trader = await newTrader({ amount: '30', leverage: '1' });
    const saved = await setSetting(telegram, trader.user, 'set:tolerance', '50');
    expect(saved.plainText).toContain('Price tolerance: 50 %');
    expect((await setSetting(telegram, trader.user, 'set:tolerance', '0')).plainText).toContain('Send a percentage from 0.1 to 50');
    await say(telegram, trader.user, '/cancel');
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', price: 2000, id: 'tol-1' });
    expect((await outcome(trader)).plainText).toContain('order placed');
    expect((await setSetting(telegram, trader.user, 'set:tolerance', 'default')).plainText).toContain('Price tolerance: 3 % (default)');
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', price: 2000, id: 'tol-2' });
    expect((await outcome(trader, (text) => text.includes('no order placed'))).plainText).toContain('33.33 % away from the market price 3000, more than your tolerance of 3 %');
    expect(ordersOf(demo, trader.apiKey)).toHaveLength(1);
  });

  it("TradingView's default strategy message: '@ 2' is contracts, so 100 USDT x 5 buys 0.16 ETH at the market, not 250 ETH", async () => {
    // A balance that would have carried the 250 ETH order the "@ 2" once sized as a price.
    const trader = await newTrader({ amount: '100', leverage: '5', account: { balances: { USDT: 1_000_000 } } });
    await postAlert(hookbot.url, trader.token, 'order buy @ 2 filled on ETHUSDT. New strategy position is 2');
    const message = await outcome(trader);
    expect(ordersOf(demo, trader.apiKey).map((o) => [o.side, o.qty, o.reduceOnly])).toEqual([['Buy', '0.16', false]]);
    expect(message.plainText).toContain('Opened: Buy 0.16 ETHUSDT at 3000');
    expect(message.plainText).toContain('This alert is TradingView\'s default strategy message: "@ 2" is the number of contracts, not a price');
    // The strategy going flat closes the position; a partial exit is refused, not turned into a reversal.
    await postAlert(hookbot.url, trader.token, 'order sell @ 1 filled on ETHUSDT. New strategy position is 1');
    expect((await outcome(trader, (text) => text.includes('partial exit'))).plainText).toContain('the strategy\'s new position is 1');
    await postAlert(hookbot.url, trader.token, 'order sell @ 2 filled on ETHUSDT. New strategy position is 0');
    expect((await outcome(trader, (text) => text.includes('CLOSE ETHUSDT: order placed'))).plainText).toContain('Closed: Sell 0.16 ETHUSDT');
    expect(ordersOf(demo, trader.apiKey).map((o) => [o.side, o.qty, o.reduceOnly])).toEqual([
      ['Buy', '0.16', false],
      ['Sell', '0.16', true],
    ]);
    expect(demo.position(trader.apiKey, 'ETHUSDT')).toBe(0);
  });

  it('maximum order value: an opening order above it is refused with both figures (a reversal wholly, before its close); closing never is', async () => {
    const trader = await newTrader({ amount: '100', leverage: '5' });
    expect((await setSetting(telegram, trader.user, 'set:maxvalue', '200')).plainText).toContain('Maximum order value: 200 USDT');
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', id: 'max-1' });
    const refused = await outcome(trader);
    expect(refused.plainText).toContain('The order would be worth 480 USDT, more than your maximum of 200 USDT per order');
    expect((await signalRows(trader))[0]).toMatchObject({ status: 'rejected', outcome: expect.objectContaining({ reason: 'order-value-too-large' }) });
    // A reversal: the short is not closed when the long it leads to is refused.
    demo.setPosition(trader.apiKey, 'ETHUSDT', -1.25);
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'long', id: 'max-2' });
    expect((await outcome(trader, (text) => text.includes('LONG ETHUSDT: no order placed'))).plainText).toContain('more than your maximum of 200 USDT');
    expect(demo.position(trader.apiKey, 'ETHUSDT')).toBe(-1.25);
    expect(ordersOf(demo, trader.apiKey)).toEqual([]);
    // Closing the 3750 USDT position is never refused.
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'close', id: 'max-3' });
    expect((await outcome(trader, (text) => text.includes('CLOSE ETHUSDT: order placed'))).plainText).toContain('Closed: Buy 1.25 ETHUSDT');
    expect(demo.position(trader.apiKey, 'ETHUSDT')).toBe(0);
    // An alert qty is held to the same maximum.
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', qty: 0.005, id: 'max-4' });
    expect((await outcome(trader, (text) => text.includes('BUY BTCUSDT: no order placed'))).plainText).toContain('worth 250 USDT');
    expect(ordersOf(demo, trader.apiKey)).toHaveLength(1);
  });

  it('spot: a buy is held to the price tolerance and the maximum; selling what is held is not', async () => {
    const trader = await newTrader({ amount: '300', market: 'Spot', account: { balances: { USDT: 1000, ETH: 0.5 } } });
    await setSetting(telegram, trader.user, 'set:maxvalue', '250');
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', id: 'spot-max-1' });
    expect((await outcome(trader)).plainText).toContain('worth 300 USDT, more than your maximum of 250 USDT');
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', price: 30, amount: 20, id: 'spot-max-2' });
    expect((await outcome(trader, (text) => text.includes('away from the market'))).plainText).toContain("The alert's price 30 is 99 % away");
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'sell', price: 30, id: 'spot-max-3' });
    expect((await outcome(trader, (text) => text.includes('SELL ETHUSDT: order placed'))).plainText).toContain('Closed: Sell 0.5 ETHUSDT');
    expect(ordersOf(demo, trader.apiKey).map((o) => [o.side, o.qty])).toEqual([['Sell', '0.50000']]);
  });
});

describe('Bybit refusing a size is told with its numbers', () => {
  it('a minimum or step Bybit changed after it was cached: "below the symbol\'s minimum 5", not Bybit\'s raw text', async () => {
    demo.addLinear({ symbol: 'SOLUSDT', baseCoin: 'SOL', qtyStep: '0.1', minOrderQty: '0.1', maxMktOrderQty: '10000', minNotionalValue: '5', maxLeverage: '50' }, 150);
    const trader = await newTrader({ amount: '90', leverage: '1' });
    await postAlert(hookbot.url, trader.token, { symbol: 'SOLUSDT', action: 'buy', id: 'sol-1' });
    expect((await outcome(trader)).plainText).toContain('Opened: Buy 0.6 SOLUSDT');
    // Bybit raises the minimum; Hookbot still has the old filters cached and sends 0.6.
    demo.addLinear({ symbol: 'SOLUSDT', baseCoin: 'SOL', qtyStep: '0.1', minOrderQty: '5', maxMktOrderQty: '10000', minNotionalValue: '5', maxLeverage: '50' }, 150);
    await postAlert(hookbot.url, trader.token, { symbol: 'SOLUSDT', action: 'buy', id: 'sol-2', add: true });
    const small = await outcome(trader, (text) => text.includes('no order placed'));
    expect(small.plainText).toContain("The quantity 0.6 is below the symbol's minimum 5");
    expect(small.plainText).not.toContain('10001');
    // And a step it changed: "not a multiple of the symbol's step 0.5".
    demo.addLinear({ symbol: 'AVAXUSDT', baseCoin: 'AVAX', qtyStep: '0.1', minOrderQty: '0.1', maxMktOrderQty: '10000', minNotionalValue: '5', maxLeverage: '50' }, 150);
    await postAlert(hookbot.url, trader.token, { symbol: 'AVAXUSDT', action: 'buy', id: 'avax-1' });
    expect((await outcome(trader, (text) => text.includes('Opened: Buy 0.6 AVAXUSDT'))).plainText).toContain('order placed');
    demo.addLinear({ symbol: 'AVAXUSDT', baseCoin: 'AVAX', qtyStep: '0.5', minOrderQty: '0.5', maxMktOrderQty: '10000', minNotionalValue: '5', maxLeverage: '50' }, 150);
    await postAlert(hookbot.url, trader.token, { symbol: 'AVAXUSDT', action: 'buy', id: 'avax-2', add: true });
    expect((await outcome(trader, (text) => text.includes('no order placed') && text.includes('step'))).plainText).toContain(
      "The quantity 0.6 is not a multiple of the symbol's step 0.5",
    );
    expect(ordersOf(demo, trader.apiKey)).toHaveLength(2);
  });
});

describe('spot', () => {
  it('buy spends the amount in USDT (marketUnit quoteCoin); sell sells all the held coin; sell again has nothing to sell', async () => {
    const trader = await newTrader({ amount: '100', market: 'Spot' });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', id: 'spot-1' });
    const bought = await outcome(trader);
    expect(ordersOf(demo, trader.apiKey)[0]).toMatchObject({ category: 'spot', side: 'Buy', qty: '100.00000000', marketUnit: 'quoteCoin' });
    expect(ordersOf(demo, trader.apiKey)[0]?.orderLinkId).toMatch(/-s$/);
    expect(bought.plainText).toContain('order placed on Bybit (Spot, Demo account)');
    expect(demo.balance(trader.apiKey, 'BTC')).toBe(0.002);

    demo.setBalance(trader.apiKey, 'BTC', 0.0021234567);
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'sell', id: 'spot-2' });
    await outcome(trader);
    expect(ordersOf(demo, trader.apiKey)[1]).toMatchObject({ side: 'Sell', qty: '0.002123', marketUnit: 'baseCoin' });

    demo.setBalance(trader.apiKey, 'BTC', 0);
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'close', id: 'spot-3' });
    const nothing = await outcome(trader);
    expect(nothing.plainText).toContain('There is no BTC in your account to sell.');
    expect(ordersOf(demo, trader.apiKey)).toHaveLength(2);
  });

  it.each([
    ['long', 'Buy'],
    ['short', 'Sell'],
    ['exit', 'Sell'],
    ['stop', 'Sell'],
  ])('%s on spot: a market %s', async (action, side) => {
    const trader = await newTrader({ amount: '30', market: 'Spot', account: { balances: { USDT: 1000, ETH: 0.25 } } });
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action });
    expect((await outcome(trader)).plainText).toContain('order placed on Bybit (Spot, Demo account)');
    const [order] = ordersOf(demo, trader.apiKey);
    if (side === 'Buy') expect(order).toMatchObject({ side, qty: '30.0000000', marketUnit: 'quoteCoin' });
    else expect(order).toMatchObject({ side, qty: '0.25000', marketUnit: 'baseCoin' });
  });

  it('the alert can pick the market: "market":"spot" on a futures user', async () => {
    const trader = await newTrader({ amount: '20' });
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'long', market: 'spot' });
    await outcome(trader);
    expect(ordersOf(demo, trader.apiKey)[0]).toMatchObject({ category: 'spot', side: 'Buy', qty: '20.0000000' });
  });

  it('selling more than held is refused with both figures', async () => {
    const trader = await newTrader({ market: 'Spot', account: { balances: { USDT: 100, ETH: 0.5 } } });
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'sell', qty: 2 });
    const message = await outcome(trader);
    expect(message.plainText).toContain('The alert asked to sell 2 ETH, but the account holds only 0.5.');
  });
});

describe('never twice', () => {
  it('an alert id sent twice places one order', async () => {
    const trader = await newTrader();
    const alert = { id: 'dup-1', symbol: 'ETHUSDT', action: 'buy', qty: 0.05 };
    const answers = await Promise.all(Array.from({ length: 5 }, () => postAlert(hookbot.url, trader.token, alert)));
    expect(answers.filter((a) => a.body.ok === true)).toHaveLength(1);
    await outcome(trader);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ordersOf(demo, trader.apiKey)).toHaveLength(1);
  });

  it('response lost after Bybit placed the order: the retry finds it by its orderLinkId instead of placing another', async () => {
    const trader = await newTrader();
    demo.failNext('/v5/order/create', 1, { kind: 'dropAfter' });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', qty: 0.002 });
    const message = await outcome(trader);
    expect(message.plainText).toContain('order placed');
    expect(ordersOf(demo, trader.apiKey)).toHaveLength(1);
    const [signal] = await signalRows(trader);
    expect(signal?.attempts).toBeGreaterThanOrEqual(2);
    const creates = demo.calls.filter((c) => c.apiKey === trader.apiKey && c.path === '/v5/order/create');
    expect(creates.length).toBeGreaterThanOrEqual(1);
    expect(new Set(creates.map((c) => (JSON.parse(c.body) as { orderLinkId: string }).orderLinkId))).toEqual(new Set([`${signal?.order_link_id}-o`]));
  });

  it('exchange down: the signal stays pending, the user is told, and it is placed once Bybit is back, same orderLinkId', async () => {
    const trader = await newTrader();
    demo.failNext('/v5/order/create', 2, { kind: 'drop' });
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', qty: 0.1 });
    const retrying = await outcome(trader, (text) => text.includes('Bybit is not answering'));
    expect(retrying.plainText).toContain('same order ID');
    const pending = await signalRows(trader);
    expect(['pending', 'placing']).toContain(pending[0]?.status);
    const placed = await outcome(trader);
    expect(placed.plainText).toContain('order placed');
    expect(ordersOf(demo, trader.apiKey)).toHaveLength(1);
    const creates = demo.calls.filter((c) => c.apiKey === trader.apiKey && c.path === '/v5/order/create');
    expect(creates).toHaveLength(3);
    expect(new Set(creates.map((c) => (JSON.parse(c.body) as { orderLinkId: string }).orderLinkId)).size).toBe(1);
  });

  it('a duplicate orderLinkId answer (110072) counts as placed and is looked up', async () => {
    const trader = await newTrader();
    demo.failNext('/v5/order/create', 1, { kind: 'dropAfter' });
    demo.failNext('/v5/order/realtime', 2, { kind: 'hide' });
    demo.failNext('/v5/order/history', 1, { kind: 'hide' });
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'short', qty: 0.1 });
    const message = await outcome(trader);
    expect(message.plainText).toContain('order placed');
    const retCodes = demo.calls.filter((c) => c.apiKey === trader.apiKey && c.path === '/v5/order/create').map((c) => c.retCode);
    expect(retCodes).toContain(110072);
    expect(ordersOf(demo, trader.apiKey)).toHaveLength(1);
  });
});

describe('keys and time', () => {
  it('an expired key at order time: told to renew it, nothing placed', async () => {
    const trader = await newTrader();
    demo.addAccount({ apiKey: trader.apiKey, secret: `demosecret${trader.user.id}abcdefghijklmnopqrstuv`, expired: true });
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy' });
    const message = await outcome(trader);
    expect(message.plainText).toContain('Your Bybit API key has expired');
  });

  it('no key for the account in use: the alert is shown with a hint, not traded', async () => {
    const trader = await newTrader();
    await toggleSetting(telegram, trader.user, 'set:account', 'Real');
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', note: 'no-real-key' });
    const message = await telegram.waitForMessage(trader.user.id, (m) => (m.plainText ?? '').includes('no-real-key'));
    expect(message.plainText).toContain('add your Bybit API key with /keys');
    expect(await signalRows(trader)).toEqual([]);
  });

  it('real account keys go to the real exchange, demo to the demo one', async () => {
    const trader = await newTrader();
    real.addAccount({ apiKey: 'REALKEY12345678901', secret: 'realsecret1234567890abcdefghijklmnop' });
    expect((await enterKeys(telegram, trader.user, 'real', 'REALKEY12345678901', 'realsecret1234567890abcdefghijklmnop')).plainText).toContain('saved');
    await toggleSetting(telegram, trader.user, 'set:account', 'Real');
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', qty: 0.01 });
    const message = await outcome(trader);
    expect(message.plainText).toContain('Real account');
    expect(ordersOf(real, 'REALKEY12345678901')).toHaveLength(1);
    expect(ordersOf(demo, trader.apiKey)).toHaveLength(0);
  });

  it('a replaced key places the next order, the key before it none; a deleted key places nothing', async () => {
    const trader = await newTrader();
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', qty: 0.001, id: 'k-1' });
    expect((await outcome(trader)).plainText).toContain('order placed');
    const replacement = `DEMOKEYNEW${trader.user.id}ABCDEFGH`;
    demo.addAccount({ apiKey: replacement, secret: `newsecret${trader.user.id}abcdefghijklmnopqrstuvw` });
    expect((await enterKeys(telegram, trader.user, 'demo', replacement, `newsecret${trader.user.id}abcdefghijklmnopqrstuvw`)).plainText).toContain('saved');
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', qty: 0.001, add: true, id: 'k-2' });
    expect((await outcome(trader)).plainText).toContain('order placed');
    expect(ordersOf(demo, replacement)).toHaveLength(1);
    expect(ordersOf(demo, trader.apiKey)).toHaveLength(1);
    await say(telegram, trader.user, '/keys delete demo', (m) => (m.plainText ?? '').includes('Deleted'));
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', qty: 0.001, add: true, id: 'k-3', note: 'after-delete' });
    const message = await telegram.waitForMessage(trader.user.id, (m) => (m.plainText ?? '').includes('after-delete'));
    expect(message.plainText).toContain('add your Bybit API key with /keys');
    expect(ordersOf(demo, replacement)).toHaveLength(1);
  });

  it('stale-signal guard: an alert older than the user\'s maximum lag is refused and reported', async () => {
    const trader = await newTrader();
    expect((await setSetting(telegram, trader.user, 'set:lag', '30')).plainText).toContain('Maximum signal lag: 30 s');
    const old = new Date(Date.now() - 120_000).toISOString();
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', timestamp: old });
    const message = await outcome(trader);
    expect(message.plainText).toContain('too old');
    expect(message.plainText).toMatch(/The alert was 1[12]\d s old, more than your maximum of 30 s/);
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', timestamp: new Date().toISOString(), qty: 0.001 });
    expect((await outcome(trader)).plainText).toContain('order placed');
    expect(ordersOf(demo, trader.apiKey)).toHaveLength(1);
  });

  it('/orders lists the signals and their outcomes', async () => {
    const trader = await newTrader();
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', qty: 0.001, id: 'o-1' });
    await outcome(trader);
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', qty: 0.0001, id: 'o-2' });
    await outcome(trader);
    const list = await say(telegram, trader.user, '/orders', (m) => (m.plainText ?? '').includes('last 2 signals'));
    expect(list.plainText).toContain('placed 0.001 at 50000');
    expect(list.plainText).toContain('not placed: The quantity 0.0001 is below');
  });
});

describe('/settings', () => {
  it('checks what the user types and explains what is wrong', async () => {
    const trader = await newTrader();
    expect((await setSetting(telegram, trader.user, 'set:amount', 'lots')).plainText).toContain('The amount must be a number above 0');
    expect((await say(telegram, trader.user, '0', (m) => /Saved|❓/.test(m.plainText ?? ''))).plainText).toContain('The amount must be a number above 0');
    expect((await say(telegram, trader.user, '12.5', (m) => /Saved|❓/.test(m.plainText ?? ''))).plainText).toContain('Amount per trade: 12.5 USDT');
    expect((await setSetting(telegram, trader.user, 'set:leverage', '0')).plainText).toContain('whole number from 1 to 125');
    expect((await setSetting(telegram, trader.user, 'set:symbol', 'NOPEUSDT')).plainText).toContain('Bybit has no NOPEUSDT on Futures (USDT perpetual)');
    expect((await setSetting(telegram, trader.user, 'set:symbol', 'BYBIT:ETHUSDT.P')).plainText).toContain('Default symbol: ETHUSDT');
    // With a default symbol, leverage is checked against that symbol's maximum.
    expect((await setSetting(telegram, trader.user, 'set:leverage', '101')).plainText).toContain('whole number from 1 to 100');
    expect((await setSetting(telegram, trader.user, 'set:lag', 'soon')).plainText).toContain('whole number of seconds');
  });

  it('an alert without a symbol trades the default symbol; without either it is explained', async () => {
    const trader = await newTrader();
    await postAlert(hookbot.url, trader.token, 'buy now');
    expect((await outcome(trader)).plainText).toContain('The alert has no symbol and no default symbol is set');
    await setSetting(telegram, trader.user, 'set:symbol', 'ETHUSDT');
    await setSetting(telegram, trader.user, 'set:amount', '60');
    await postAlert(hookbot.url, trader.token, 'buy now, really');
    expect((await outcome(trader)).plainText).toContain('BUY ETHUSDT: order placed');
    expect(ordersOf(demo, trader.apiKey)).toEqual([expect.objectContaining({ symbol: 'ETHUSDT', qty: '0.02' })]);
  });

  it('outcomes are told in the user\'s language', async () => {
    const user: FakeUser = { id: 7090, first_name: 'Иван', language_code: 'ru' };
    demo.addAccount({ apiKey: 'RUKEY1234567890ABC', secret: 'rusecret1234567890abcdefghijklmnopqr', balances: { USDT: 1 } });
    await registerUser(telegram, user);
    telegram.sendUserMessage(user, '/keys demo');
    await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('API-ключ'));
    telegram.sendUserMessage(user, 'RUKEY1234567890ABC');
    await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('API-секрет'));
    telegram.sendUserMessage(user, 'rusecret1234567890abcdefghijklmnopqr');
    await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('сохранён'));
    const token = await personalToken(telegram, user.id);
    await postAlert(hookbot.url, token, { symbol: 'BTCUSDT', action: 'buy', qty: 0.01 });
    const message = await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('ордер не размещён'));
    expect(message.plainText).toContain('Недостаточно средств на Bybit');
  });
});

describe('bad trading fields are refused at the door', () => {
  const cases: Array<[string, object, RegExp]> = [
    ['amount not a number', { symbol: 'BTCUSDT', action: 'buy', amount: 'lots' }, /amount must be a positive number/],
    ['negative qty', { symbol: 'BTCUSDT', action: 'buy', qty: -1 }, /qty must be a positive number/],
    ['fractional leverage', { symbol: 'BTCUSDT', action: 'buy', leverage: 2.5 }, /leverage must be a whole number/],
    ['unknown market', { symbol: 'BTCUSDT', action: 'buy', market: 'options' }, /market must be "spot" or "linear"/],
    ['bad timestamp', { symbol: 'BTCUSDT', action: 'buy', timestamp: 'yesterday' }, /timestamp must be/],
  ];
  it.each(cases)('%s -> 400 with the reason, nothing stored', async (_name, body, error) => {
    const trader = await newTrader();
    const response = await postAlert(hookbot.url, trader.token, body);
    expect(response.status).toBe(400);
    expect(String(response.body.error)).toMatch(error);
    expect(await hookbot.query('SELECT 1 FROM inbound_events e JOIN users u ON u.id = e.user_id WHERE u.telegram_id = $1', [trader.user.id])).toEqual([]);
  });
});
