import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefusedRequests } from '../src/services/inbound/refusedRequests.js';
import { createLogger } from '../src/logger.js';
import { say, shown, waitUntil } from './support/conversation.js';
import { addStandardMarkets, startFakeBybit, type FakeBybit } from './support/fakeBybit.js';
import { greenApiWebhooks, startFakeGreenApi, type FakeGreenApi, type FakeInstance } from './support/fakeGreenApi.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser, type SentMessage } from './support/fakeTelegram.js';
import { PUBLIC_URL, personalToken, postAlert, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';
import { enterKeys } from './support/trading.js';

let telegram: FakeTelegram;
let bybit: FakeBybit;
let greenApi: FakeGreenApi;
let hookbot: TestHookbot;

const BODY_LIMIT = 8192;
const KEEP = 8;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  bybit = await startFakeBybit();
  addStandardMarkets(bybit);
  greenApi = await startFakeGreenApi({ route: (url) => url.replace(PUBLIC_URL, hookbot.url) });
  hookbot = await startTestHookbot(telegram, {
    env: {
      BYBIT_DEMO_BASE_URL: bybit.url,
      BYBIT_BASE_URL: bybit.url,
      GREEN_API_URL: greenApi.url,
      HOOK_BODY_LIMIT_BYTES: String(BODY_LIMIT),
      REFUSED_KEEP_PER_URL: String(KEEP),
      REFUSED_RECORD_PER_MINUTE: '1000',
    },
  });
});

afterAll(async () => {
  await hookbot?.stop();
  await greenApi?.close();
  await bybit?.close();
  await telegram?.close();
});

async function post(token: string, body: string, contentType = 'application/json'): Promise<{ status: number; body: Record<string, unknown> }> {
  return postAlert(hookbot.url, token, body, contentType);
}

/** The /events message as the user gets it. */
async function eventsOf(user: FakeUser): Promise<SentMessage> {
  return say(telegram, user, '/events', (m) => /What reached your URLs|Nothing has reached|ما وصل|Что пришло/.test(shown(m)));
}

/** Waits until `count` refused requests of the user's URLs are recorded (they are written after the answer). */
async function refusedRecorded(telegramId: number, count: number): Promise<void> {
  await waitUntil(
    async () => {
      const [row] = await hookbot.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM refused_requests r JOIN users u ON u.id = r.user_id WHERE u.telegram_id = $1',
        [telegramId],
      );
      return (row?.n ?? 0) >= count;
    },
    10_000,
    `${count} refused requests recorded`,
  );
}

async function processed(eventId: string): Promise<void> {
  await waitUntil(
    async () => (await hookbot.query<{ status: string }>('SELECT status FROM inbound_events WHERE id = $1', [eventId]))[0]?.status !== 'pending',
    10_000,
    `event ${eventId} processed`,
  );
}

const buttons = (message: SentMessage): string[] =>
  (message.inlineKeyboard ?? []).flat().flatMap((button) => ('callback_data' in button && button.callback_data ? [button.callback_data] : []));

describe('/events: refused requests of a personal URL', () => {
  const user: FakeUser = { id: 8101, first_name: 'Rita', language_code: 'en' };
  let token: string;
  const answers: Record<string, { status: number; body: Record<string, unknown> }> = {};
  let firstId = '';

  beforeAll(async () => {
    await registerUser(telegram, user);
    token = await personalToken(telegram, user.id);
    // One accepted alert, then the same alert again (its id makes it a resend).
    const first = await post(token, JSON.stringify({ symbol: 'BTCUSDT', action: 'buy', id: 'alert-7' }));
    expect(first.status).toBe(200);
    firstId = String(first.body.id);
    answers.duplicate = await post(token, JSON.stringify({ symbol: 'BTCUSDT', action: 'buy', id: 'alert-7' }));
    answers.badJson = await post(token, '{"symbol": "BTCUSDT", "action": ');
    answers.placeholder = await post(token, JSON.stringify({ symbol: '{{ticker}}', action: 'buy' }));
    answers.noAction = await post(token, 'hello there, nothing to trade', 'text/plain');
    answers.large = await post(token, `{"pad":"${'x'.repeat(BODY_LIMIT + 100)}"}`);
    answers.long = await post(token, `${'y'.repeat(6000)} not json {`);
    await refusedRecorded(user.id, 6);
    await processed(firstId);
  });

  it('answers each refusal as before: 400 with the reason, 413 for a body too large, {"duplicate":true}', () => {
    expect(answers.duplicate).toEqual({ status: 200, body: { duplicate: true } });
    for (const name of ['badJson', 'placeholder', 'noAction', 'long']) {
      expect(answers[name]?.status, name).toBe(400);
      expect(typeof answers[name]?.body.error, name).toBe('string');
    }
    expect(answers.placeholder?.body.error).toContain('{{ticker}}');
    expect(answers.large?.status).toBe(413);
  });

  it('records each with the exact reason, the start of the body (cut at 4 KiB) and, for a duplicate, the event it repeats', async () => {
    const rows = await hookbot.query<{ http_status: number; reason: string; body_start: string; body_bytes: number; duplicate_of: string | null }>(
      `SELECT r.http_status, r.reason, r.body_start, r.body_bytes, r.duplicate_of FROM refused_requests r
         JOIN users u ON u.id = r.user_id WHERE u.telegram_id = $1 ORDER BY r.id`,
      [user.id],
    );
    const byReason = new Map(rows.map((row) => [row.reason, row]));
    expect(byReason.get('duplicate')).toMatchObject({ http_status: 200 });
    expect(String(byReason.get('duplicate')?.duplicate_of)).toBe(firstId);
    for (const name of ['badJson', 'placeholder', 'noAction', 'long']) {
      expect(byReason.get(String(answers[name]?.body.error)), name).toMatchObject({ http_status: 400 });
    }
    expect(byReason.get(String(answers.placeholder?.body.error))?.body_start).toBe(JSON.stringify({ symbol: '{{ticker}}', action: 'buy' }));
    const long = byReason.get(String(answers.long?.body.error))!;
    expect(long.body_start).toHaveLength(4096);
    expect(long.body_bytes).toBe(6000 + ' not json {'.length);
    const large = rows.find((row) => row.http_status === 413);
    expect(large?.reason).toBe(`body too large: ${BODY_LIMIT + 110} bytes, at most ${BODY_LIMIT} are accepted`);
  });

  it('shows them in /events, newest first, with the reason and the body, and pages with buttons edited in place', async () => {
    const page1 = await eventsOf(user);
    const text = shown(page1);
    // Newest first: the long refused body leads, the accepted alert is on a later page.
    expect(text.indexOf('y'.repeat(50))).toBeGreaterThan(-1);
    expect(text).toContain(`refused (HTTP 400): ${String(answers.long?.body.error)}`);
    expect(text).toContain(`refused (HTTP 413): body too large`);
    expect(text).toContain(`refused (HTTP 400): ${String(answers.noAction?.body.error)}`);
    expect(text).toContain('hello there, nothing to trade');
    expect(text).toContain(`refused (HTTP 400): ${String(answers.placeholder?.body.error)}`);
    expect(text).toContain(`refused (HTTP 400): ${String(answers.badJson?.body.error)}`);
    expect(text).not.toContain('a resend of');
    expect(buttons(page1)).toContain('events:page:2');
    const pressed = telegram.pressButton(user, page1.messageId, 'events:page:2');
    await telegram.waitForCall('answerCallbackQuery', (call) => call.params.callback_query_id === pressed.callback_query?.id);
    const edit = await telegram.waitForCall('editMessageText', (call) => call.params.message_id === page1.messageId);
    const page2 = String(edit.params.text);
    expect(page2).not.toContain('refused (HTTP');
    expect(page2).toContain(`a resend of #${firstId}: not acted on again`);
    expect(page2).toContain(`<b>#${firstId}</b> · TradingView`);
    expect(page2).toContain('relayed to this chat, no order: you have no Bybit key');
    const keyboard = (edit.params.reply_markup as { inline_keyboard: Array<Array<{ callback_data?: string }>> }).inline_keyboard;
    expect(keyboard.flat().map((button) => button.callback_data)).toEqual([
      `events:replay:${firstId}`,
      'events:page:1',
    ]);
  });

  it('records nothing for an unknown token, and keeps only the last rows of a flooded URL', async () => {
    const before = await hookbot.query<{ n: number }>('SELECT count(*)::int AS n FROM refused_requests');
    const unknown = await post('A'.repeat(22), '{"broken":');
    expect(unknown.status).toBe(404);
    const flooder: FakeUser = { id: 8102, first_name: 'Flo', language_code: 'en' };
    await registerUser(telegram, flooder);
    const floodToken = await personalToken(telegram, flooder.id);
    for (let i = 1; i <= 20; i += 1) expect((await post(floodToken, `bad ${i} {`)).status).toBe(400);
    await waitUntil(
      async () => (await hookbot.query('SELECT 1 FROM refused_requests WHERE body_start = $1', ['bad 20 {'])).length === 1,
      10_000,
      'the last flood request recorded',
    );
    const kept = await hookbot.query<{ body_start: string }>(
      'SELECT r.body_start FROM refused_requests r JOIN users u ON u.id = r.user_id WHERE u.telegram_id = $1 ORDER BY r.id',
      [flooder.id],
    );
    expect(kept.map((row) => row.body_start)).toEqual(Array.from({ length: KEEP }, (_, i) => `bad ${20 - KEEP + 1 + i} {`));
    const after = await hookbot.query<{ n: number }>('SELECT count(*)::int AS n FROM refused_requests');
    // The unknown token added nothing; the flood added its KEEP rows.
    expect(after[0]!.n - before[0]!.n).toBe(KEEP);
  });

  it('samples each URL with a token bucket: a burst records at most a minute\'s budget', async () => {
    const [owner] = await hookbot.query<{ endpoint_id: string; user_id: string }>(
      `SELECT e.id AS endpoint_id, e.user_id FROM endpoints e JOIN users u ON u.id = e.user_id WHERE u.telegram_id = $1 AND e.provider = 'tradingview'`,
      [user.id],
    );
    const recorder = new RefusedRequests({ pool: hookbot.database.pool, log: createLogger('silent'), keepPerUrl: 50, perMinute: 3 });
    const endpointOwner = { endpointId: Number(owner!.endpoint_id), userId: Number(owner!.user_id), active: true } as never;
    for (let i = 0; i < 30; i += 1) recorder.record(endpointOwner, 'tradingview', { status: 400, reason: 'burst', body: Buffer.from(`burst ${i}`) });
    await recorder.drain();
    const rows = await hookbot.query<{ body_start: string }>(`SELECT body_start FROM refused_requests WHERE reason = 'burst' ORDER BY id`);
    expect(rows.map((row) => row.body_start)).toEqual(['burst 0', 'burst 1', 'burst 2']);
  });
});

describe('/events: what became of each event', () => {
  const trader: FakeUser = { id: 8201, first_name: 'Tom', language_code: 'en' };
  let token: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    bybit.addAccount({ apiKey: 'EVENTSKEY0000001', secret: 'eventssecret0000000000000000000001' });
    await registerUser(telegram, trader);
    const saved = await enterKeys(telegram, trader, 'demo', 'EVENTSKEY0000001', 'eventssecret0000000000000000000001');
    expect(shown(saved)).toContain('checked with Bybit and saved');
    token = await personalToken(telegram, trader.id);
    for (const [name, alert] of [
      ['placed', { symbol: 'DOGEUSDT', action: 'buy', add: true }],
      ['small', { symbol: 'BTCUSDT', action: 'buy' }],
      ['unknown', { symbol: 'NOPEUSDT', action: 'buy' }],
    ] as const) {
      const answer = await post(token, JSON.stringify(alert));
      expect(answer.status).toBe(200);
      ids[name] = String(answer.body.id);
      await telegram.waitForMessage(trader.id, (m) => /order placed|No order placed|not placed/i.test(shown(m)), 10_000);
    }
  });

  it('shows the order placed, and why an order was not placed (below the minimum, an exchange refusal explained)', async () => {
    const text = shown(await eventsOf(trader));
    const block = (id: string) => text.slice(text.indexOf(`#${id} ·`), text.indexOf('\n\n', text.indexOf(`#${id} ·`)) >>> 0);
    expect(block(ids.placed!)).toMatch(/BUY DOGEUSDT\n✅ order placed: 100 at/);
    expect(block(ids.small!)).toContain('below the symbol\'s minimum');
    expect(block(ids.unknown!)).toContain('Bybit has no such symbol');
  });

  it('replays a trade only after Execute, as a new event marked as a replay in the chat and in /orders; Skip places nothing', async () => {
    const page = await eventsOf(trader);
    const ordersBefore = bybit.orders.length;
    let pressed = telegram.pressButton(trader, page.messageId, `events:replay:${ids.placed}`);
    const card = await telegram.waitForMessage(trader.id, (m) => shown(m).includes(`Replay event #${ids.placed} as a new trade?`));
    await telegram.waitForCall('answerCallbackQuery', (call) => call.params.callback_query_id === pressed.callback_query?.id);
    expect(shown(card)).toContain('BUY DOGEUSDT');
    // Nothing happens before the choice.
    expect(await hookbot.query('SELECT 1 FROM inbound_events WHERE replay_of = $1', [ids.placed])).toEqual([]);
    const [execute, skip] = buttons(card);
    expect(execute).toMatch(/^replay:execute:\d+$/);
    expect(skip).toMatch(/^replay:skip:\d+$/);
    pressed = telegram.pressButton(trader, card.messageId, execute!);
    const outcome = await telegram.waitForMessage(trader.id, (m) => shown(m).includes(`Replay of event #${ids.placed}`), 10_000);
    expect(shown(outcome)).toContain('order placed on Bybit');
    expect(bybit.orders.length).toBe(ordersBefore + 1);
    const [replay] = await hookbot.query<{ id: string; dedupe_key: string }>('SELECT id, dedupe_key FROM inbound_events WHERE replay_of = $1', [ids.placed]);
    expect(replay?.dedupe_key).toMatch(new RegExp(`^replay:${ids.placed}:`));
    const edited = telegram.chat(trader.id).messages.find((m) => m.message_id === card.messageId);
    expect(edited && 'text' in edited ? edited.text : '').toContain(`Event #${ids.placed} is replayed as event #${replay!.id}`);
    const orders = await say(telegram, trader, '/orders', (m) => shown(m).includes('Your last'));
    expect(shown(orders)).toContain(`replay of #${ids.placed}`);
    expect(shown(await eventsOf(trader))).toContain(`#${replay!.id} · TradingView`);

    // A second card, skipped: no event, no order.
    const again = await eventsOf(trader);
    telegram.pressButton(trader, again.messageId, `events:replay:${ids.small}`);
    const card2 = await telegram.waitForMessage(trader.id, (m) => shown(m).includes(`Replay event #${ids.small} as a new trade?`));
    pressed = telegram.pressButton(trader, card2.messageId, buttons(card2)[1]!);
    await telegram.waitForCall('answerCallbackQuery', (call) => call.params.callback_query_id === pressed.callback_query?.id);
    expect(await hookbot.query('SELECT 1 FROM inbound_events WHERE replay_of = $1', [ids.small])).toEqual([]);
    const skipped = telegram.chat(trader.id).messages.find((m) => m.message_id === card2.messageId);
    expect(skipped && 'text' in skipped ? skipped.text : '').toContain('skipped: nothing was placed');
    expect(bybit.orders.length).toBe(ordersBefore + 1);
  });
});

describe('/events: relayed messages and their replays', () => {
  const user: FakeUser = { id: 8301, first_name: 'Wanda', language_code: 'en' };
  let instance: FakeInstance;
  let hooks: ReturnType<typeof greenApiWebhooks>;

  beforeAll(async () => {
    await registerUser(telegram, user);
    instance = greenApi.addInstance();
    hooks = greenApiWebhooks(instance, greenApi.url, { chatId: '79001234568@c.us', name: 'Anna' });
    await say(telegram, user, '/connect whatsapp', (m) => shown(m).includes('Step 1 of 3'));
    await say(telegram, user, instance.idInstance, (m) => shown(m).includes('Step 2 of 3'));
    await say(telegram, user, instance.apiTokenInstance, (m) => shown(m).includes('Step 3 of 3'));
    expect(shown(await say(telegram, user, '-', (m) => /connected|❌/.test(shown(m)), { timeoutMs: 10_000 }))).toContain('WhatsApp connected');
  });

  it('shows the sender of a relayed message, a bad signature with its reason, and replays a message at once, marked', async () => {
    expect((await greenApi.deliver(instance.idInstance, hooks.text('E-1', 'Is the bike still for sale?'))).status).toBe(200);
    await telegram.waitForMessage(user.id, (m) => shown(m).includes('Is the bike still for sale?'), 8000);
    const forged = await fetch(`${hookbot.url}${String(instance.settings.webhookUrl).replace(PUBLIC_URL, '')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-token' },
      body: JSON.stringify(hooks.text('E-2')),
    });
    expect(forged.status).toBe(401);
    const reason = ((await forged.json()) as { error: string }).error;
    await refusedRecorded(user.id, 1);
    const page = await eventsOf(user);
    const text = shown(page);
    expect(text).toContain('WhatsApp');
    expect(text).toContain('message from Anna');
    expect(text).toContain('✅ relayed to this chat');
    expect(text).toContain(`refused (HTTP 401): ${reason}`);
    const [event] = await hookbot.query<{ id: string }>(
      `SELECT e.id FROM inbound_events e JOIN users u ON u.id = e.user_id WHERE u.telegram_id = $1 AND e.provider = 'whatsapp'`,
      [user.id],
    );
    const pressed = telegram.pressButton(user, page.messageId, `events:replay:${event!.id}`);
    const answer = await telegram.waitForCall('answerCallbackQuery', (call) => call.params.callback_query_id === pressed.callback_query?.id);
    expect(String(answer.params.text)).toMatch(new RegExp(`Replaying event #${event!.id} as #\\d+`));
    const replayed = await telegram.waitForMessage(user.id, (m) => shown(m).includes(`Replay of event #${event!.id}`), 8000);
    expect(shown(replayed)).toContain('Is the bike still for sale?');
  });

  it('another user cannot replay or see an event that is not theirs', async () => {
    const [event] = await hookbot.query<{ id: string }>(`SELECT id FROM inbound_events WHERE provider = 'whatsapp' ORDER BY id LIMIT 1`);
    const stranger: FakeUser = { id: 8302, first_name: 'Eve', language_code: 'en' };
    await registerUser(telegram, stranger);
    expect(shown(await eventsOf(stranger))).toContain('Nothing has reached your personal URLs yet');
    // A forged button press (a client can send any callback data).
    const own = await say(telegram, stranger, '/lang', () => true);
    const update = { callback_query: { id: 'forged-1', from: { id: stranger.id, is_bot: false, first_name: 'Eve' }, message: own.message, chat_instance: '1', data: `events:replay:${event!.id}` } };
    telegram.pushUpdate(update);
    await waitUntil(() => telegram.calls.some((call) => call.method === 'answerCallbackQuery' && call.params.callback_query_id === 'forged-1'), 8000, 'the forged press answered');
    const call = telegram.calls.find((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === 'forged-1')!;
    expect(call.params.text).toBe('This event is no longer available.');
    expect(await hookbot.query('SELECT 1 FROM inbound_events WHERE replay_of = $1 AND user_id <> (SELECT user_id FROM inbound_events WHERE id = $1)', [event!.id])).toEqual([]);
  });
});

describe('/events in Arabic', () => {
  it('is in Arabic, right to left, with the Latin runs isolated', async () => {
    const user: FakeUser = { id: 8401, first_name: 'Amal', language_code: 'ar' };
    await registerUser(telegram, user);
    const token = await personalToken(telegram, user.id);
    expect((await post(token, '{"symbol": ')).status).toBe(400);
    await refusedRecorded(user.id, 1);
    const message = await eventsOf(user);
    const text = message.text ?? '';
    expect(text).toContain('ما وصل إلى روابطك');
    expect(text).toContain('مرفوض');
    expect(text).toContain('\u2066<b>TradingView</b>\u2069');
    for (const line of text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('<pre>'))) expect(line.startsWith('\u200F'), line).toBe(true);
  });
});
