import { randomBytes } from 'node:crypto';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** A `/start` message exactly as Telegram would deliver it to the webhook. */
function startUpdate(userId: number, firstName: string): Update {
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: firstName },
      from: { id: userId, is_bot: false, first_name: firstName, language_code: 'en' },
      text: '/start',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    },
  };
}

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

  it('never polls: no getUpdates, and the webhook stays set', () => {
    expect(telegram.calls.filter((c) => c.method === 'getUpdates')).toEqual([]);
    expect(telegram.calls.filter((c) => c.method === 'deleteWebhook')).toEqual([]);
    expect(telegram.webhook?.url).toBe(`${PUBLIC_URL}/telegram/webhook`);
  });
});
