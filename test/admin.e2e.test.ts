import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { ADMIN_ID, personalToken, postAlert, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';

let telegram: FakeTelegram;
let hookbot: TestHookbot;
const admin = { id: ADMIN_ID, first_name: 'Admin', language_code: 'en' };
const member = { id: 7001, first_name: 'Member', username: 'member_one', language_code: 'ru' };
let token: string;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  hookbot = await startTestHookbot(telegram);
  await registerUser(telegram, admin);
  await registerUser(telegram, member);
  token = await personalToken(telegram, member.id);
  // Enough users for a second page.
  for (let i = 0; i < 11; i += 1) await registerUser(telegram, { id: 7100 + i, first_name: `Filler${i}` });
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
});

const adminSays = async (text: string, expected: RegExp) => {
  telegram.sendUserMessage(admin, text);
  return telegram.waitForMessage(admin.id, (m) => expected.test(m.plainText ?? ''));
};

describe('admin commands', () => {
  it('/users lists users with status, paginated with buttons', async () => {
    const page = await adminSays('/users', /7001/);
    expect(page.plainText).toMatch(/member_one/);
    const next = page.inlineKeyboard?.flat().find((button) => 'callback_data' in button && button.callback_data === 'users:page:2');
    expect(next).toBeDefined();
    telegram.pressButton(admin, page.messageId, 'users:page:2');
    await telegram.waitForCall('editMessageText', (call) => String(call.params.text).includes('7110'));
    const edited = telegram.chat(admin.id).messages.find((m) => m.message_id === page.messageId);
    expect(edited && 'text' in edited ? edited.text : '').toContain('7110');
  });

  it('/user <id> shows one user', async () => {
    const details = await adminSays(`/user ${member.id}`, /member_one/);
    expect(details.plainText).toMatch(/ru/);
  });

  it('explains bad arguments', async () => {
    await adminSays('/deactivate', /\/deactivate/);
    await adminSays('/deactivate abc', /\/deactivate/);
    const unknown = await adminSays('/deactivate 424242', /424242/);
    expect(unknown.plainText).toBeTruthy();
  });

  it('refuses admin commands to others', async () => {
    telegram.sendUserMessage(member, '/users');
    const reply = await telegram.waitForMessage(member.id);
    expect(reply.plainText).not.toMatch(/7001/);
  });

  it('/deactivate: URL answers 403, the user is told why, /activate undoes it', async () => {
    await adminSays(`/deactivate ${member.id}`, /7001/);
    const notice = await telegram.waitForMessage(member.id);
    expect(notice.plainText).toMatch(/деактив/i); // in the user's own language (ru)

    const refused = await postAlert(hookbot.url, token, { action: 'buy', symbol: 'BTCUSDT' });
    expect(refused).toEqual({ status: 403, body: { error: 'user is not active' } });

    telegram.sendUserMessage(member, '/url');
    const explained = await telegram.waitForMessage(member.id);
    expect(explained.plainText).not.toContain(token);

    await adminSays(`/activate ${member.id}`, /7001/);
    await telegram.waitForMessage(member.id);
    const accepted = await postAlert(hookbot.url, token, { action: 'buy', symbol: 'BACKUSDT' });
    expect(accepted.status).toBe(200);
    await telegram.waitForMessage(member.id, (m) => (m.text ?? '').includes('BACKUSDT'));
  });
});
