import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shown } from './support/conversation.js';
import { startFakeAvito, type FakeAvito } from './support/fakeAvito.js';
import { startFakeBybit, type FakeBybit } from './support/fakeBybit.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser, type SentMessage } from './support/fakeTelegram.js';
import { PUBLIC_URL, registerUser, startTestHookbot, TEST_ENCRYPTION_KEY, type TestHookbot } from './support/hookbot.js';
import { SecretBox, parseEncryptionKey } from '../src/services/secrets/secretBox.js';

// A user who types (or pastes) fast sends a command and its answers before the bot has replied:
// they reach the bot in one getUpdates batch, and must still be handled in the order they were sent.

let telegram: FakeTelegram;
let avito: FakeAvito;
let bybit: FakeBybit;
let hookbot: TestHookbot;
const box = SecretBox.fromKey(parseEncryptionKey(TEST_ENCRYPTION_KEY));

beforeAll(async () => {
  telegram = await startFakeTelegram();
  avito = await startFakeAvito({ route: (url) => url.replace(PUBLIC_URL, hookbot.url) });
  bybit = await startFakeBybit();
  hookbot = await startTestHookbot(telegram, { env: { AVITO_API_URL: avito.url, BYBIT_DEMO_BASE_URL: bybit.url, BYBIT_BASE_URL: bybit.url } });
});

afterAll(async () => {
  await hookbot?.stop();
  await avito?.close();
  await bybit?.close();
  await telegram?.close();
});

const includes = (fragment: string) => (m: SentMessage) => shown(m).includes(fragment);

/** Sends the messages one after another without waiting for answers; returns their update ids. */
function typeFast(user: FakeUser, texts: string[]): number[] {
  return texts.map((text) => telegram.sendUserMessage(user, text).update_id);
}

/** Whether one getUpdates answer carried all of these updates (so the bot had them at once). */
function deliveredInOneBatch(updateIds: number[]): boolean {
  return telegram.calls.some((call) => {
    if (call.method !== 'getUpdates' || call.response?.ok !== true) return false;
    const delivered = new Set((call.response.result as Array<{ update_id: number }>).map((u) => u.update_id));
    return updateIds.every((id) => delivered.has(id));
  });
}

async function englishUser(id: number): Promise<FakeUser> {
  const user: FakeUser = { id, first_name: `Fast${id}`, language_code: 'en' };
  await registerUser(telegram, user);
  return user;
}

describe("one chat's updates in one batch are handled in order", () => {
  it('/connect avito, client_id and client_secret: asked for the secret once, connected with that id and secret', async () => {
    const user = await englishUser(7301);
    const account = avito.addAccount();
    const ids = typeFast(user, ['/connect avito', account.clientId, account.clientSecret]);
    const answer = await telegram.waitForMessage(user.id, (m) => /Avito connected|❌/.test(shown(m)), 15_000);
    expect(deliveredInOneBatch(ids)).toBe(true);
    expect(shown(answer)).toContain('Avito connected');
    const texts = telegram.sent(user.id).map(shown);
    expect(texts.filter((text) => text.includes('Step 1 of 2'))).toHaveLength(1);
    expect(texts.filter((text) => text.includes('Step 2 of 2'))).toHaveLength(1);
    const rows = await hookbot.query<{ client_id: string; client_secret: string }>(
      'SELECT c.client_id, c.client_secret FROM avito_connections c JOIN users u ON u.id = c.user_id WHERE u.telegram_id = $1',
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.client_id).toBe(account.clientId);
    expect(box.decrypt(rows[0]!.client_secret)).toBe(account.clientSecret);
  });

  it('/keys demo, API key and secret: asked for the secret once, the key saved as given', async () => {
    const user = await englishUser(7302);
    const apiKey = 'FASTKEYABCDEFGH123';
    const secret = 'fastsecret1234567890abcdefghijklmnop';
    bybit.addAccount({ apiKey, secret });
    const ids = typeFast(user, ['/keys demo', apiKey, secret]);
    const answer = await telegram.waitForMessage(user.id, (m) => /saved|not saved/.test(shown(m)), 15_000);
    expect(deliveredInOneBatch(ids)).toBe(true);
    expect(shown(answer)).toContain('checked with Bybit and saved');
    const texts = telegram.sent(user.id).map(shown);
    expect(texts.filter((text) => text.includes('Send the API key'))).toHaveLength(1);
    expect(texts.filter((text) => text.includes('Now send the API secret'))).toHaveLength(1);
    const rows = await hookbot.query<{ api_key: string; api_secret: string }>(
      'SELECT k.api_key, k.api_secret FROM bybit_keys k JOIN users u ON u.id = k.user_id WHERE u.telegram_id = $1',
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(box.decrypt(rows[0]!.api_key)).toBe(apiKey);
    expect(box.decrypt(rows[0]!.api_secret)).toBe(secret);
  });
});

describe('other chats are not held up', () => {
  it("a chat waiting on a slow Avito does not delay another chat's answer", async () => {
    const slow = await englishUser(7303);
    const other = await englishUser(7304);
    const account = avito.addAccount();
    const hold = avito.holdNextToken();
    typeFast(slow, ['/connect avito', account.clientId, account.clientSecret]);
    await hold.arrived; // the slow chat is now inside its last step
    typeFast(other, ['/help']);
    const help = await telegram.waitForMessage(other.id, includes('/url'), 15_000);
    hold.release();
    const connected = await telegram.waitForMessage(slow.id, includes('Avito connected'), 15_000);
    const order = telegram.sent().map((m) => m.message);
    expect(order.indexOf(help.message)).toBeLessThan(order.indexOf(connected.message));
  });
});
