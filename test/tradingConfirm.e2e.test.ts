import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBybit } from './support/fakeBybit.js';
import type { FakeTelegram, SentMessage } from './support/fakeTelegram.js';
import { postAlert, type TestHookbot } from './support/hookbot.js';
import { waitUntil } from './support/conversation.js';
import { newDemoTrader, say, type DemoTrader, startTradingWorld, type TradingWorld } from './support/trading.js';

let telegram: FakeTelegram;
let demo: FakeBybit;
let hookbot: TestHookbot;
let world: TradingWorld | undefined;

beforeAll(async () => {
  world = await startTradingWorld({ env: { TRADE_SIGNAL_EXPIRY_SECONDS: '120', TRADE_CONFIRM_SECONDS: '10' } });
  ({ telegram, bybit: demo, hookbot } = world);
});

afterAll(() => world?.stop());

type Trader = DemoTrader;

let nextId = 12_700;

async function newTrader(): Promise<Trader> {
  nextId += 1;
  return newDemoTrader(telegram, demo, nextId, { name: 'Confirm', amount: '100' });
}

const ordersOf = (apiKey: string) => demo.orders.filter((o) => o.apiKey === apiKey);
const card = (trader: Trader): Promise<SentMessage> => telegram.waitForMessage(trader.user.id, (m) => (m.plainText ?? '').includes('place it?'), 15_000);
const textOf = (trader: Trader, messageId: number) => {
  const message = telegram.chat(trader.user.id).messages.find((m) => m.message_id === messageId);
  return message && 'text' in message ? (message.text ?? '') : '';
};

async function press(trader: Trader, messageId: number, data: string): Promise<Record<string, unknown>> {
  const update = telegram.pressButton(trader.user, messageId, data);
  const answer = await telegram.waitForCall('answerCallbackQuery', (call) => call.params.callback_query_id === update.callback_query?.id);
  return answer.params;
}

describe('confirm mode', () => {
  it('"confirm":true sends a card; only Execute places it, and pressing it twice at once places once', async () => {
    const trader = await newTrader();
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', confirm: true });
    const shown = await card(trader);
    expect(shown.plainText).toContain('BUY BTCUSDT (Futures (USDT perpetual), Demo account): place it? Nothing is placed unless you press Execute within 10 s');
    const buttons = (shown.inlineKeyboard ?? []).flat().map((b) => ('callback_data' in b ? b.callback_data : ''));
    expect(buttons).toEqual([expect.stringMatching(/^tc:x:\d+$/), expect.stringMatching(/^tc:s:\d+$/)]);
    expect(ordersOf(trader.apiKey)).toEqual([]);
    const [first, second] = await Promise.all([press(trader, shown.messageId, buttons[0] as string), press(trader, shown.messageId, buttons[0] as string)]);
    expect([first.text, second.text].sort()).toEqual(['Already executed: it is placed once only.', 'Executing.']);
    await telegram.waitForMessage(trader.user.id, (m) => (m.plainText ?? '').includes('order placed'), 15_000);
    expect(textOf(trader, shown.messageId)).toContain('executing, the result follows');
    expect(ordersOf(trader.apiKey)).toHaveLength(1);
    // The edited card has no buttons left to press.
    expect(telegram.chat(trader.user.id).messages.find((m) => m.message_id === shown.messageId)?.reply_markup?.inline_keyboard ?? []).toEqual([]);
    expect(ordersOf(trader.apiKey)).toHaveLength(1);
  });

  it('Skip places nothing', async () => {
    const trader = await newTrader();
    await postAlert(hookbot.url, trader.token, { symbol: 'ETHUSDT', action: 'buy', confirm: true });
    const shown = await card(trader);
    const skip = (shown.inlineKeyboard ?? []).flat().map((b) => ('callback_data' in b ? b.callback_data : ''))[1] as string;
    expect((await press(trader, shown.messageId, skip)).text).toBe('Skipped: nothing placed.');
    expect(textOf(trader, shown.messageId)).toContain('skipped, nothing placed');
    const rows = await hookbot.query<{ status: string }>(`SELECT s.status FROM trade_signals s JOIN users u ON u.id = s.user_id WHERE u.telegram_id = $1`, [trader.user.id]);
    expect(rows).toEqual([{ status: 'skipped' }]);
    expect(ordersOf(trader.apiKey)).toEqual([]);
  });

  it('as a setting: an expired card says so and places nothing; "confirm":false places at once', async () => {
    const trader = await newTrader();
    const menu = await say(telegram, trader.user, '/settings', (m) => (m.plainText ?? '').includes('Trading settings'));
    expect(menu.plainText).toContain('Confirm before placing: off');
    expect((await press(trader, menu.messageId, 'set:confirm')).text).toBe('Saved.');
    expect(textOf(trader, menu.messageId)).toContain('Confirm before placing: on');
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy' });
    const shown = await card(trader);
    await waitUntil(() => textOf(trader, shown.messageId).includes('not confirmed within 10 s, so nothing was placed'), 40_000, 'the card to expire');
    const rows = await hookbot.query<{ status: string }>(`SELECT s.status FROM trade_signals s JOIN users u ON u.id = s.user_id WHERE u.telegram_id = $1`, [trader.user.id]);
    expect(rows).toEqual([{ status: 'unconfirmed' }]);
    expect(ordersOf(trader.apiKey)).toEqual([]);
    // "confirm":false in the alert places at once despite the setting.
    await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', confirm: false, id: 'now' });
    await telegram.waitForMessage(trader.user.id, (m) => (m.plainText ?? '').includes('order placed'), 15_000);
    expect(ordersOf(trader.apiKey)).toHaveLength(1);
  });

  it('"confirm" must be a boolean', async () => {
    const trader = await newTrader();
    expect(await postAlert(hookbot.url, trader.token, { symbol: 'BTCUSDT', action: 'buy', confirm: 'yes' })).toEqual({ status: 400, body: { error: 'confirm must be true or false' } });
  });
});
