import { randomBytes } from 'node:crypto';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from './support/conversation.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { PUBLIC_URL, startTestHookbot, type TestHookbot } from './support/hookbot.js';

let telegram: FakeTelegram;
let hookbot: TestHookbot;
// 24 random bytes in base64url: 32 characters of [A-Za-z0-9_-], as Telegram allows.
const secret = randomBytes(24).toString('base64url');

beforeAll(async () => {
  telegram = await startFakeTelegram();
  hookbot = await startTestHookbot(telegram, { env: { BOT_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: secret } });
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
});

let nextUpdateId = 1_000;

/** A text message exactly as Telegram would deliver it to the webhook. */
function textUpdate(userId: number, firstName: string, text: string): Update {
  const command = /^\/[a-z]+/.exec(text)?.[0];
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: firstName },
      from: { id: userId, is_bot: false, first_name: firstName, language_code: 'en' },
      text,
      ...(command ? { entities: [{ type: 'bot_command' as const, offset: 0, length: command.length }] } : {}),
    },
  };
}

const startUpdate = (userId: number, firstName: string) => textUpdate(userId, firstName, '/start');

async function deliver(update: Update, secretHeader: string | undefined): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secretHeader !== undefined) headers['x-telegram-bot-api-secret-token'] = secretHeader;
  return fetch(`${hookbot.url}/telegram/webhook`, { method: 'POST', headers, body: JSON.stringify(update) });
}

async function userCount(telegramId: number): Promise<number> {
  const rows = await hookbot.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE telegram_id = $1', [telegramId]);
  return rows[0]?.n ?? -1;
}

describe('BOT_MODE=webhook', () => {
  it('registers the webhook at PUBLIC_URL/telegram/webhook with the secret', async () => {
    const call = await telegram.waitForCall('setWebhook', undefined, 10_000);
    expect(call.response?.ok).toBe(true);
    expect(call.params.url).toBe(`${PUBLIC_URL}/telegram/webhook`);
    expect(call.params.secret_token).toBe(secret);
    expect(telegram.webhook).toMatchObject({ url: `${PUBLIC_URL}/telegram/webhook`, secretToken: secret });
  });

  it('handles an update POSTed with the right secret and replies through the Bot API', async () => {
    const userId = 9101;
    const response = await deliver(startUpdate(userId, 'Hooked'), secret);
    expect(response.status).toBe(200);
    const reply = await telegram.waitForMessage(userId, (m) => (m.plainText ?? '').includes('Hooked'));
    expect(reply.plainText).toContain('Welcome to Hookbot, Hooked!');
    expect(reply.parseMode).toBe('HTML');
    expect(await userCount(userId)).toBe(1);
  });

  it('rejects updates with a wrong or missing secret: 401, no reply, nothing stored', async () => {
    const intruder = 9102;
    for (const header of ['wrong-secret-0123456789abcdef', `${secret}x`, '', undefined]) {
      const response = await deliver(startUpdate(intruder, 'Intruder'), header);
      expect(response.status, `secret header ${JSON.stringify(header)}`).toBe(401);
    }
    // A genuine update sent after them is answered; by then any reply to the rejected ones would have gone out too.
    const witness = 9103;
    expect((await deliver(startUpdate(witness, 'Witness'), secret)).status).toBe(200);
    await telegram.waitForMessage(witness, (m) => (m.plainText ?? '').includes('Witness'));
    expect(telegram.sent(intruder)).toEqual([]);
    expect(telegram.calls.filter((c) => Number(c.params.chat_id) === intruder)).toEqual([]);
    expect(await userCount(intruder)).toBe(0);
  });

  it("handles one chat's updates in the order they came, even when one arrives while the last is still running", async () => {
    const userId = 9104;
    const user = (text: string) => textUpdate(userId, 'Quick', text);
    expect((await deliver(startUpdate(userId, 'Quick'), secret)).status).toBe(200);
    await telegram.waitForMessage(userId, (m) => (m.plainText ?? '').includes('Quick'));
    expect((await deliver(user('/connect avito'), secret)).status).toBe(200);
    // The client_id's update stalls on a slow deleteMessage; /cancel comes in meanwhile.
    telegram.failNext('deleteMessage', 1, { kind: 'hang', ms: 3_000 }, { chatId: userId });
    const answering = deliver(user('client-id-of-quick'), secret);
    await waitUntil(() => telegram.calls.some((c) => c.method === 'deleteMessage' && Number(c.params.chat_id) === userId), 10_000, 'deleteMessage');
    const cancelling = deliver(user('/cancel'), secret);
    expect([(await answering).status, (await cancelling).status]).toEqual([200, 200]);
    // webhookCallback answers Telegram once the update is handled, so every reply has gone out.
    const texts = telegram.sent(userId).map((m) => m.plainText ?? '');
    expect(texts.slice(-2)).toEqual([expect.stringContaining('Step 2 of 2'), expect.stringContaining('Cancelled')]);
    const pending = await hookbot.query('SELECT kind FROM bot_prompts WHERE telegram_id = $1', [userId]);
    expect(pending).toEqual([]);
  });

  it('answers a body that is no Update (null, an array, no update_id, a NUL) with 400 when the secret is right, 401 when not', async () => {
    const post = (body: string, secretHeader: string) =>
      fetch(`${hookbot.url}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secretHeader }, body });
    for (const body of ['null', '[]', '{}', '"update"', '{"update_id":"7"}']) {
      const response = await post(body, secret);
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as { error: string }).error, body).toMatch(/Telegram Update/);
      expect((await post(body, 'wrong-secret-0123456789abcdef')).status, body).toBe(401);
    }
    const withNul = JSON.stringify(startUpdate(9106, 'Nul\u0000Name'));
    const response = await post(withNul, secret);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/first_name contains a NUL character/);
    expect(await userCount(9106)).toBe(0);
    // The bot still answers a genuine update after them.
    expect((await deliver(startUpdate(9107, 'After'), secret)).status).toBe(200);
    await telegram.waitForMessage(9107, (m) => (m.plainText ?? '').includes('After'));
  });

  it('never polls: no getUpdates, and the webhook stays set', () => {
    expect(telegram.calls.filter((c) => c.method === 'getUpdates')).toEqual([]);
    expect(telegram.calls.filter((c) => c.method === 'deleteWebhook')).toEqual([]);
    expect(telegram.webhook?.url).toBe(`${PUBLIC_URL}/telegram/webhook`);
  });
});
