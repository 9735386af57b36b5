import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBybit } from './support/fakeBybit.js';
import type { FakeTelegram, SentMessage } from './support/fakeTelegram.js';
import { postAlert, type TestHookbot } from './support/hookbot.js';
import { newDemoTrader, type DemoTrader, startTradingWorld, type TradingWorld } from './support/trading.js';
import { until } from './support/until.js';

let telegram: FakeTelegram;
let bybit: FakeBybit;
let hookbot: TestHookbot;
let world: TradingWorld | undefined;

beforeAll(async () => {
  world = await startTradingWorld({ streams: true });
  ({ telegram, bybit, hookbot } = world);
});

afterAll(() => world?.stop());


let nextId = 9800;

async function trader(): Promise<DemoTrader> {
  nextId += 1;
  const demo = await newDemoTrader(telegram, bybit, nextId, { name: 'Reconciler' });
  await until('the worker has subscribed the key', () => bybit.streams(demo.apiKey) === 1);
  return demo;
}

const texts = (chatId: number, fragment: string) => telegram.sent(chatId).filter((m) => (m.plainText ?? '').includes(fragment));
const has = (fragment: string) => (m: SentMessage) => (m.plainText ?? '').includes(fragment);

/** When the symbol's reconciliation row last changed (each `position` message changes it). */
async function watchedAt(chatId: number, symbol: string): Promise<number> {
  const rows = await hookbot.query<{ at: string }>(
    `SELECT (extract(epoch FROM r.updated_at) * 1000000)::bigint AS at FROM trade_reconciliation r JOIN users u ON u.id = r.user_id WHERE u.telegram_id = $1 AND r.symbol = $2`,
    [chatId, symbol],
  );
  return Number(rows[0]?.at ?? 0);
}

/** The symbol's reconciliation row: what Hookbot expects, what Bybit last said, the divergence told. */
async function watch(chatId: number, symbol: string): Promise<{ expected_side: string; bybit_size: string; divergence: string | null } | undefined> {
  const rows = await hookbot.query<{ expected_side: string; bybit_size: string; divergence: string | null }>(
    `SELECT r.expected_side, r.bybit_size, r.divergence FROM trade_reconciliation r JOIN users u ON u.id = r.user_id WHERE u.telegram_id = $1 AND r.symbol = $2`,
    [chatId, symbol],
  );
  return rows[0];
}

/** The key's catch-up cursor: moves each time a catch-up has recorded what it found. */
async function caughtUpTo(chatId: number): Promise<number> {
  const rows = await hookbot.query<{ at: string }>(
    `SELECT (extract(epoch FROM s.caught_up_to) * 1000)::bigint AS at FROM bybit_streams s JOIN users u ON u.id = s.user_id WHERE u.telegram_id = $1`,
    [chatId],
  );
  return Number(rows[0]?.at ?? 0);
}

/** Opens a long of `qty` BTCUSDT through an alert and waits until its card shows the fill. */
async function openLong(demo: DemoTrader, qty: string): Promise<SentMessage> {
  const asked = Date.now();
  expect((await postAlert(hookbot.url, demo.token, { symbol: 'BTCUSDT', action: 'buy', qty })).status).toBe(200);
  const card = await telegram.waitForMessage(demo.user.id, (m) => m.at >= asked && has('order placed')(m), 15_000);
  await until('the card shows the fill', () => {
    const message = telegram.chat(demo.user.id).messages.find((m) => m.message_id === card.messageId);
    return Boolean(message && 'text' in message && (message.text ?? '').includes(`Filled ${qty}`));
  });
  return card;
}

describe('reconciliation: what Hookbot expects against what Bybit reports', () => {
  it('a position closed outside Hookbot (the Bybit app) is told once, with what happens next', async () => {
    const demo = await trader();
    await openLong(demo, '0.002');

    bybit.placeOutside(demo.apiKey, { symbol: 'BTCUSDT', side: 'Sell', qty: '0.002', reduceOnly: true });
    const notice = await telegram.waitForMessage(demo.user.id, has('closed outside Hookbot'), 15_000);
    expect(notice.plainText).toContain('BTCUSDT: your long was closed outside Hookbot');
    expect(notice.plainText).toContain('the next buy or sell alert opens a new one');

    // Bybit reports the flat position again (its TP/SL changed): nothing new is said.
    const before = await watchedAt(demo.user.id, 'BTCUSDT');
    bybit.setProtection(demo.apiKey, 'BTCUSDT', { stopLoss: '0' });
    await until('the next position message was compared', async () => (await watchedAt(demo.user.id, 'BTCUSDT')) > before);
    expect(texts(demo.user.id, 'closed outside Hookbot')).toHaveLength(1);

    // A position Hookbot opens and closes itself is no divergence.
    await openLong(demo, '0.001');
    await until('Hookbot expects the new long', async () => (await watch(demo.user.id, 'BTCUSDT'))?.expected_side === 'Buy');
    expect((await postAlert(hookbot.url, demo.token, { symbol: 'BTCUSDT', action: 'close' })).status).toBe(200);
    await until('the flat position was compared', async () => {
      const row = await watch(demo.user.id, 'BTCUSDT');
      return row?.expected_side === '' && row.bybit_size === '0';
    });
    expect(texts(demo.user.id, 'closed outside Hookbot')).toHaveLength(1);
    expect((await watch(demo.user.id, 'BTCUSDT'))?.divergence).toBeNull();
  }, 90_000);

  it('a second buy with no sell in between is refused before anything is sent; "add": true adds on purpose', async () => {
    const demo = await trader();
    await openLong(demo, '0.002');
    const ordersBefore = bybit.orders.filter((o) => o.apiKey === demo.apiKey).length;

    const asked = Date.now();
    // Not the same request again (that is dropped as a duplicate): a later alert of its own.
    expect((await postAlert(hookbot.url, demo.token, { symbol: 'BTCUSDT', action: 'buy', qty: '0.002', id: 'second-buy' })).status).toBe(200);
    const refused = await telegram.waitForMessage(demo.user.id, (m) => m.at >= asked && has('already hold a position on this side')(m), 15_000);
    expect(refused.plainText).toContain('0.002');
    expect(refused.plainText).toContain('"add": true');
    expect(bybit.orders.filter((o) => o.apiKey === demo.apiKey)).toHaveLength(ordersBefore);
    expect(bybit.position(demo.apiKey, 'BTCUSDT')).toBe(0.002);

    const added = Date.now();
    expect((await postAlert(hookbot.url, demo.token, { symbol: 'BTCUSDT', action: 'buy', qty: '0.001', add: true })).status).toBe(200);
    await telegram.waitForMessage(demo.user.id, (m) => m.at >= added && has('order placed')(m), 15_000);
    expect(bybit.position(demo.apiKey, 'BTCUSDT')).toBe(0.003);
    // A bad value is refused at the door.
    expect(await postAlert(hookbot.url, demo.token, { symbol: 'BTCUSDT', action: 'buy', add: 'yes' })).toEqual({ status: 400, body: { error: 'add must be true or false' } });
  }, 90_000);

  it('a position grown by an order Hookbot did not place is told once', async () => {
    const demo = await trader();
    await openLong(demo, '0.002');
    bybit.placeOutside(demo.apiKey, { symbol: 'BTCUSDT', side: 'Buy', qty: '0.001' });
    const grew = await telegram.waitForMessage(demo.user.id, has('grew outside Hookbot'), 15_000);
    expect(grew.plainText).toContain('by 0.001');
    // The position message that follows the fill (same side as expected) does not end it.
    await until('the grown position was reported', async () => {
      const rows = await hookbot.query<{ size: string }>(
        `SELECT r.bybit_size AS size FROM trade_reconciliation r JOIN users u ON u.id = r.user_id WHERE u.telegram_id = $1 AND r.symbol = 'BTCUSDT'`,
        [demo.user.id],
      );
      return Number(rows[0]?.size) === 0.003;
    });
    bybit.placeOutside(demo.apiKey, { symbol: 'BTCUSDT', side: 'Buy', qty: '0.001' });
    const before = await watchedAt(demo.user.id, 'BTCUSDT');
    await until('the second order was compared', async () => (await watchedAt(demo.user.id, 'BTCUSDT')) > before);
    expect(texts(demo.user.id, 'grew outside Hookbot')).toHaveLength(1);
  }, 90_000);

  it('a close alert that finds no position while Hookbot left one open says an alert was probably missed', async () => {
    const demo = await trader();
    await openLong(demo, '0.002');
    // Closed in the app while Hookbot cannot see it.
    bybit.streamsDown = true;
    try {
      bybit.dropStreams(demo.apiKey);
      await until('the connection is gone', () => bybit.streams(demo.apiKey) === 0);
      bybit.placeOutside(demo.apiKey, { symbol: 'BTCUSDT', side: 'Sell', qty: '0.002', reduceOnly: true });
      const asked = Date.now();
      expect((await postAlert(hookbot.url, demo.token, { symbol: 'BTCUSDT', action: 'close' })).status).toBe(200);
      const missed = await telegram.waitForMessage(demo.user.id, (m) => m.at >= asked && has('a close alert found no position')(m), 15_000);
      expect(missed.plainText).toContain('your last alert left a long open');
      expect(texts(demo.user.id, 'There is no open position to close')).toHaveLength(1);
    } finally {
      bybit.streamsDown = false;
    }
  }, 90_000);
});

describe('orders that end on Bybit without Hookbot', () => {
  it('a limit order cancelled in the Bybit app while the connection was down is reported once after the catch-up; Hookbot\'s own cancel is not', async () => {
    const demo = await trader();
    const asked = Date.now();
    expect((await postAlert(hookbot.url, demo.token, { symbol: 'BTCUSDT', action: 'buy', type: 'limit', price: 49_500, qty: '0.002' })).status).toBe(200);
    await telegram.waitForMessage(demo.user.id, (m) => m.at >= asked && has('order placed')(m), 15_000);
    const resting = bybit.orders.find((o) => o.apiKey === demo.apiKey && o.orderStatus === 'New');
    expect(resting).toBeDefined();
    // A second resting order on ETHUSDT, which Hookbot itself cancels with a `cancel` alert.
    const second = Date.now();
    expect((await postAlert(hookbot.url, demo.token, { symbol: 'ETHUSDT', action: 'buy', type: 'limit', price: 2_960, qty: '0.1' })).status).toBe(200);
    await telegram.waitForMessage(demo.user.id, (m) => m.at >= second && has('order placed')(m), 15_000);
    const cancelAsked = Date.now();
    expect((await postAlert(hookbot.url, demo.token, { symbol: 'ETHUSDT', action: 'cancel' })).status).toBe(200);
    await telegram.waitForMessage(demo.user.id, (m) => m.at >= cancelAsked && has('open orders cancelled on Bybit')(m), 15_000);

    bybit.streamsDown = true;
    bybit.dropStreams(demo.apiKey);
    await until('the connection is gone', () => bybit.streams(demo.apiKey) === 0);
    bybit.cancelOutside(demo.apiKey, resting!.orderLinkId);
    bybit.streamsDown = false;

    const reported = await telegram.waitForMessage(demo.user.id, has('Order cancelled on Bybit'), 30_000);
    expect(reported.plainText).toContain('Buy 0.002 BTCUSDT at 49500');
    expect(reported.plainText).toContain('CancelByUser');
    expect(reported.plainText).toContain('connection to Bybit was down');
    expect(bybit.calls.some((c) => c.path === '/v5/order/history' && c.apiKey === demo.apiKey && c.query.includes('startTime'))).toBe(true);

    // Another gap, and the catch-ups after it (the first and its follow-up) cover the same time: still once.
    const after = await caughtUpTo(demo.user.id);
    bybit.dropStreams(demo.apiKey);
    await until('a catch-up after the next reconnect has run', async () => (await caughtUpTo(demo.user.id)) > after, 30_000);
    const again = await caughtUpTo(demo.user.id);
    await until('the follow-up catch-up has run', async () => (await caughtUpTo(demo.user.id)) > again, 30_000);
    expect(texts(demo.user.id, 'Order cancelled on Bybit')).toHaveLength(1);
    // Nothing left for the expiry to cancel: the order is known to be gone.
    const open = await hookbot.query(`SELECT 1 FROM limit_orders l JOIN users u ON u.id = l.user_id WHERE u.telegram_id = $1 AND l.symbol = 'BTCUSDT' AND l.status = 'open'`, [demo.user.id]);
    expect(open).toHaveLength(0);
  }, 120_000);
});
