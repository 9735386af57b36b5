import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shown, waitUntil } from './support/conversation.js';
import { createTestDatabase } from './support/database.js';
import { addStandardMarkets, startFakeBybit, type FakeBybit } from './support/fakeBybit.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser, type SentMessage } from './support/fakeTelegram.js';
import { postAlert, spawnHookbot, testEnv, type ChildHookbot } from './support/hookbot.js';

/**
 * Two Hookbot processes behind one bot in webhook mode, as behind nginx: a user's two taps on
 * Execute may reach different processes at the same moment. The trade must be replayed once.
 */
let telegram: FakeTelegram;
let bybit: FakeBybit;
let databaseUrl: string;
let first: ChildHookbot;
let second: ChildHookbot;
const secret = randomBytes(24).toString('base64url');
const user: FakeUser = { id: 8501, first_name: 'Dana', language_code: 'en' };
const API_KEY = 'REPLAYKEY0000001';

beforeAll(async () => {
  telegram = await startFakeTelegram();
  bybit = await startFakeBybit();
  addStandardMarkets(bybit);
  bybit.addAccount({ apiKey: API_KEY, secret: 'replaysecret000000000000000000000001' });
  databaseUrl = await createTestDatabase();
  const env = testEnv(telegram, databaseUrl, {
    BOT_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: secret,
    BYBIT_DEMO_BASE_URL: bybit.url,
    BYBIT_BASE_URL: bybit.url,
  });
  first = await spawnHookbot(env, 'all');
  second = await spawnHookbot(env, 'web');
}, 120_000);

afterAll(async () => {
  await Promise.all([first, second].filter(Boolean).map((child) => child.kill('SIGTERM')));
  await bybit?.close();
  await telegram?.close();
});

/** Delivers an update to one process's webhook, as Telegram does. */
async function deliver(to: ChildHookbot, update: Update): Promise<void> {
  const response = await fetch(`${to.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: JSON.stringify(update),
  });
  expect(response.status).toBe(200);
}

async function say(to: ChildHookbot, text: string, predicate: (m: SentMessage) => boolean): Promise<SentMessage> {
  const asked = Date.now();
  await deliver(to, telegram.sendUserMessage(user, text));
  return telegram.waitForMessage(user.id, (m) => m.at >= asked && predicate(m), 15_000);
}

async function rows<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const callbackData = (message: SentMessage): string[] =>
  (message.inlineKeyboard ?? []).flat().flatMap((button) => ('callback_data' in button && button.callback_data ? [button.callback_data] : []));

describe('a trade replay pressed in two processes', () => {
  it('is placed once, whichever process each Execute reaches; the other press is told it was done', async () => {
    await say(first, '/start', () => true);
    await say(first, '/keys demo', (m) => shown(m).includes('API key'));
    await say(first, API_KEY, (m) => shown(m).includes('API secret'));
    expect(shown(await say(first, 'replaysecret000000000000000000000001', (m) => /saved/.test(shown(m))))).toContain('checked with Bybit and saved');
    const urlMessage = await say(first, '/url', (m) => (m.text ?? '').includes('/hooks/tradingview/'));
    const token = /\/hooks\/tradingview\/([A-Za-z0-9_-]+)/.exec(urlMessage.text ?? '')![1]!;

    // "add": the replay buys again while the first buy's position is open.
    const alert = await postAlert(second.url, token, { symbol: 'DOGEUSDT', action: 'buy', add: true });
    expect(alert.status).toBe(200);
    const eventId = String(alert.body.id);
    await telegram.waitForMessage(user.id, (m) => shown(m).includes('order placed on Bybit'), 15_000);
    expect(bybit.orders.filter((order) => order.apiKey === API_KEY)).toHaveLength(1);

    // /events in one process, the replay button in the other, the card's two Execute presses in both.
    const events = await say(second, '/events', (m) => shown(m).includes('What reached your URLs'));
    expect(callbackData(events)).toContain(`events:replay:${eventId}`);
    const asked = Date.now();
    await deliver(first, telegram.pressButton(user, events.messageId, `events:replay:${eventId}`));
    const card = await telegram.waitForMessage(user.id, (m) => m.at >= asked && shown(m).includes(`Replay event #${eventId} as a new trade?`), 15_000);
    const execute = callbackData(card).find((data) => data.startsWith('replay:execute:'))!;
    const tapOne = telegram.pressButton(user, card.messageId, execute);
    const tapTwo = telegram.pressButton(user, card.messageId, execute);
    await Promise.all([deliver(first, tapOne), deliver(second, tapTwo)]);

    const outcome = await telegram.waitForMessage(user.id, (m) => shown(m).includes(`Replay of event #${eventId}`), 15_000);
    expect(shown(outcome)).toContain('order placed on Bybit');
    const replays = await rows<{ id: string }>('SELECT id FROM inbound_events WHERE replay_of = $1', [eventId]);
    expect(replays).toHaveLength(1);
    expect(await rows('SELECT status, replay_event_id FROM replay_requests')).toEqual([{ status: 'executed', replay_event_id: Number(replays[0]!.id) }]);
    // Both presses answered; exactly one of them with "already replayed".
    await waitUntil(
      () =>
        [tapOne, tapTwo].every((tap) =>
          telegram.calls.some((call) => call.method === 'answerCallbackQuery' && call.params.callback_query_id === tap.callback_query?.id),
        ),
      15_000,
      'both presses answered',
    );
    const answers = telegram.calls
      .filter((call) => call.method === 'answerCallbackQuery' && [tapOne, tapTwo].some((tap) => tap.callback_query?.id === call.params.callback_query_id))
      .map((call) => call.params.text ?? null);
    expect(answers.sort()).toEqual(['Already replayed.', null]);
    // The trade signal of the replay is settled, and it was the only second order.
    await waitUntil(
      async () => (await rows<{ status: string }>('SELECT status FROM trade_signals WHERE event_id = $1', [replays[0]!.id]))[0]?.status === 'placed',
      15_000,
      'the replayed signal placed',
    );
    expect(bybit.orders.filter((order) => order.apiKey === API_KEY)).toHaveLength(2);
    expect(await rows('SELECT 1 FROM trade_signals WHERE replay_of = $1', [eventId])).toHaveLength(1);
  }, 120_000);
});
