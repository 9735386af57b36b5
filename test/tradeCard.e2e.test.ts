import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBybit } from './support/fakeBybit.js';
import type { FakeTelegram, FakeUser, SentMessage } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, type TestHookbot } from './support/hookbot.js';
import { enterKeys, startTradingWorld, type TradingWorld } from './support/trading.js';
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


let nextId = 9600;

async function trader(): Promise<{ user: FakeUser; apiKey: string; token: string }> {
  nextId += 1;
  const user: FakeUser = { id: nextId, first_name: `Carder${nextId}`, language_code: 'en' };
  const apiKey = `CARDKEY${nextId}ABCDEFGH`;
  const secret = `cardsecret${nextId}abcdefghijklmnopqrstu`;
  bybit.addAccount({ apiKey, secret });
  await registerUser(telegram, user);
  expect((await enterKeys(telegram, user, 'demo', apiKey, secret)).plainText).toContain('checked with Bybit and saved');
  await until('the worker has subscribed the key', () => bybit.streams(apiKey) === 1);
  return { user, apiKey, token: await personalToken(telegram, user.id) };
}

/** The card as the user sees it now (edits applied). */
function cardNow(card: SentMessage): { text: string; buttons: string[] } {
  const message = telegram.chat(card.chatId).messages.find((m) => m.message_id === card.messageId);
  const text = message && 'text' in message ? (message.text ?? '') : '';
  const markup = message && 'reply_markup' in message ? message.reply_markup : undefined;
  return { text, buttons: (markup?.inline_keyboard ?? []).flat().map((button) => button.text) };
}

const untilCard = (card: SentMessage, fragment: string) => until(`the card shows "${fragment}"`, () => cardNow(card).text.includes(fragment));

const callbackData = (card: SentMessage, index: number) => (card.inlineKeyboard?.flat()[index] as { callback_data?: string } | undefined)?.callback_data ?? '';

const editsOf = (chatId: number) => telegram.calls.filter((c) => c.method === 'editMessageText' && Number(c.params.chat_id) === chatId);

describe('the live card of a trade', () => {
  it('is edited in place from placed to filled, stop moved, take-profit 1, stop-loss and closed with realised PnL; paced, never "not modified"', async () => {
    const { user, apiKey, token } = await trader();
    expect((await postAlert(hookbot.url, token, { symbol: 'BTCUSDT', action: 'buy', qty: 0.002, tp: 52_000, sl: 48_000 })).status).toBe(200);
    const card = await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('order placed'), 15_000);
    expect(card.inlineKeyboard?.flat().map((button) => button.text)).toEqual(['✖️ Close position', '🧹 Cancel orders']);

    await untilCard(card, 'Filled 0.002 at 50000 (average)');
    await untilCard(card, 'Take-profit 52000 · stop-loss 48000');
    bybit.setProtection(apiKey, 'BTCUSDT', { stopLoss: '50000' });
    await untilCard(card, 'Stop moved to 50000');
    bybit.triggerStop(apiKey, 'BTCUSDT', 'TakeProfit', 51_000, 0.001);
    await untilCard(card, 'Take-profit 1 hit: 0.001 at 51000');
    bybit.triggerStop(apiKey, 'BTCUSDT', 'StopLoss', 50_000);
    await untilCard(card, 'Trade closed');
    const { text, buttons } = cardNow(card);
    expect(text).toContain('Stop-loss hit: 0.001 at 50000');
    // Gross +1 (0.001 × 1000), fees 0.055 + 0.02805 + 0.0275.
    expect(text).toContain('Realised PnL: +0.8895 USDT');
    expect(buttons).toEqual([]);

    // Every fill went onto the card: no message of its own.
    expect(telegram.sent(user.id).filter((m) => m.messageId !== card.messageId && /Filled|hit/.test(m.plainText ?? ''))).toEqual([]);
    const edits = editsOf(user.id);
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.filter((c) => c.response && !c.response.ok)).toEqual([]);
    // At most about one edit a second in the chat (a lower bound: load only spreads them further).
    for (let i = 1; i < edits.length; i += 1) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(900);
  }, 60_000);

  it('Close position pressed twice closes once; Cancel orders cancels the symbol orders; every press is answered', async () => {
    const { user, apiKey, token } = await trader();
    expect((await postAlert(hookbot.url, token, { symbol: 'ETHUSDT', action: 'buy', qty: 0.1 })).status).toBe(200);
    const card = await telegram.waitForMessage(user.id, (m) => (m.plainText ?? '').includes('order placed'), 15_000);
    await untilCard(card, 'Filled 0.1 at 3000');

    const cancel = telegram.pressButton(user, card.messageId, callbackData(card, 1));
    const cancelled = await telegram.waitForCall('answerCallbackQuery', (c) => c.params.callback_query_id === cancel.callback_query?.id);
    expect(cancelled.params.text).toBe('Cancelled 0 open order(s) on this symbol.');
    expect(bybit.cancelAllCalls.filter((c) => c.apiKey === apiKey)).toEqual([{ apiKey, category: 'linear', symbol: 'ETHUSDT' }]);

    bybit.setPrice('ETHUSDT', 3_100);
    const close = callbackData(card, 0);
    const presses = [telegram.pressButton(user, card.messageId, close), telegram.pressButton(user, card.messageId, close)];
    const answers = await Promise.all(
      presses.map((press) => telegram.waitForCall('answerCallbackQuery', (c) => c.params.callback_query_id === press.callback_query?.id)),
    );
    const popups = answers.map((answer) => String(answer.params.text));
    expect(popups).toContain('Closing the position at market. This card shows the result.');
    await untilCard(card, 'Trade closed');
    const closes = bybit.orders.filter((o) => o.apiKey === apiKey && o.reduceOnly);
    expect(closes).toHaveLength(1);
    expect(closes[0]!.orderLinkId).toMatch(/-x0$/);
    expect(bybit.position(apiKey, 'ETHUSDT')).toBe(0);
    expect(cardNow(card).text).toContain('Closed 0.1 at 3100');
    expect(popups.filter((popup) => popup.startsWith('Closing'))).toHaveLength(1);

    expect(cardNow(card).buttons).toEqual([]);
  }, 60_000);
});
