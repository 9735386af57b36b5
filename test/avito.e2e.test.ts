import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox, parseEncryptionKey } from '../src/services/secrets/secretBox.js';
import { chatShows, say, shown, waitUntil } from './support/conversation.js';
import { avitoContents, avitoWebhookBody, startFakeAvito, type FakeAvito, type FakeAvitoAccount } from './support/fakeAvito.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser, type SentMessage } from './support/fakeTelegram.js';
import { PUBLIC_URL, registerUser, startTestHookbot, TEST_ENCRYPTION_KEY, type TestHookbot } from './support/hookbot.js';

let telegram: FakeTelegram;
let avito: FakeAvito;
let hookbot: TestHookbot;
let account: FakeAvitoAccount;
const seller = { id: 7201, first_name: 'Sasha', language_code: 'ru' };
const box = SecretBox.fromKey(parseEncryptionKey(TEST_ENCRYPTION_KEY));

beforeAll(async () => {
  telegram = await startFakeTelegram();
  avito = await startFakeAvito({ route: (url) => url.replace(PUBLIC_URL, hookbot.url) });
  hookbot = await startTestHookbot(telegram, {
    env: { AVITO_API_URL: avito.url, AVITO_POLL_INTERVAL_SECONDS: '1', AVITO_QUIET_SECONDS: '1' },
  });
  await registerUser(telegram, seller);
  // English texts keep the assertions readable; /lang is covered elsewhere.
  await hookbot.query(`UPDATE users SET language = 'en' WHERE telegram_id = $1`, [seller.id]);
});

afterAll(async () => {
  await hookbot?.stop();
  await avito?.close();
  await telegram?.close();
});

async function connect(user: FakeUser, clientId: string, clientSecret: string): Promise<SentMessage> {
  await say(telegram, user, '/connect avito', (m) => shown(m).includes('Step 1 of 2'));
  await say(telegram, user, clientId, (m) => shown(m).includes('Step 2 of 2'));
  return say(telegram, user, clientSecret, (m) => /Avito connected|❌/.test(shown(m)), { timeoutMs: 10_000 });
}

const relayed = (user: FakeUser, predicate: (m: SentMessage) => boolean, timeoutMs = 8000) => telegram.waitForMessage(user.id, predicate, timeoutMs);
const hookPath = () => account.subscriptions[0]!.replace(PUBLIC_URL, '');

/** Where the poller left a chat of the seller's account, if it examined it. */
async function cursorOf(chatId: string): Promise<{ updated: string; last_message_id: string | null } | undefined> {
  const [row] = await hookbot.query<{ updated: string; last_message_id: string | null }>(
    `SELECT c.updated, c.last_message_id FROM avito_chat_cursors c JOIN avito_connections a ON a.user_id = c.user_id
      WHERE a.account_id = $1 AND c.chat_id = $2`,
    [account.accountId, chatId],
  );
  return row;
}

async function post(body: string | object): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${hookbot.url}${hookPath()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/connect avito', () => {
  it('refuses credentials Avito rejects, saves nothing and deletes both messages', async () => {
    const real = avito.addAccount();
    const answer = await connect(seller, real.clientId, 'wrong-secret-123456');
    expect(shown(answer)).toContain('Avito refused this client_id and client_secret');
    expect(chatShows(telegram, seller.id, real.clientId)).toBe(false);
    expect(chatShows(telegram, seller.id, 'wrong-secret-123456')).toBe(false);
    expect(await hookbot.query('SELECT 1 FROM avito_connections')).toHaveLength(0);
  });

  it('gets a token, finds the account, subscribes the URL (answering the {} probe) and confirms it', async () => {
    account = avito.addAccount();
    const answer = await connect(seller, account.clientId, account.clientSecret);
    expect(shown(answer)).toContain('Avito connected');
    expect(shown(answer)).toContain(String(account.accountId));
    expect(account.subscriptions).toHaveLength(1);
    expect(account.subscriptions[0]).toMatch(new RegExp(`^${PUBLIC_URL}/hooks/avito/[A-Za-z0-9_-]{22,}$`));
    const paths = avito.calls.map((c) => c.path);
    expect(paths).toEqual(expect.arrayContaining(['/token', '/core/v1/accounts/self', '/messenger/v3/webhook', '/messenger/v1/subscriptions']));
    expect(chatShows(telegram, seller.id, account.clientSecret)).toBe(false);
    const [row] = await hookbot.query<{ client_secret: string; access_token: string; account_id: number; subscribed: boolean; mode: string }>('SELECT * FROM avito_connections');
    expect(row).toMatchObject({ subscribed: true, mode: 'push' });
    expect(Number(row?.account_id)).toBe(account.accountId);
    expect(box.decrypt(row!.client_secret)).toBe(account.clientSecret);
    expect(row?.access_token).not.toContain(account.clientSecret);
  });

  it('/avito shows the webhook subscribed and push mode; GET on the URL answers "active"', async () => {
    const status = await say(telegram, seller, '/avito', (m) => shown(m).includes('Account'));
    expect(shown(status)).toContain('✅ subscribed');
    expect(shown(status)).toContain('webhook (push)');
    expect(shown(status)).toContain('none yet');
    const response = await fetch(`${hookbot.url}${hookPath()}`);
    expect(await response.json()).toEqual({ status: 'ok', message: 'Webhook endpoint is active' });
  });
});

describe('relay of each message type', () => {
  it('text', async () => {
    const [answer] = await avito.incoming(account, 'u2i-chat-1', avitoContents.text('Is the bike still for sale?'));
    expect(answer?.status).toBe(200);
    const message = await relayed(seller, (m) => shown(m).includes('Is the bike still for sale?'));
    // The header says who writes about which ad (from the chat's details).
    expect(shown(message)).toContain('Ivan');
    expect(message.text).toContain('<a href="https://www.avito.ru/moskva/velosipedy/bike_1768287444">Bike for sale</a>');
  });

  it('image, in its largest size', async () => {
    await avito.incoming(account, 'u2i-chat-1', avitoContents.image(`${avito.url}/img`));
    const photo = await relayed(seller, (m) => m.method === 'sendPhoto');
    expect(photo.fileRef).toBe(`${avito.url}/img/1280x960/5181479220.jpg`);
    expect(photo.photo?.data.toString()).toBe('fake image /img/1280x960/5181479220.jpg');
  });

  it('link, location and item', async () => {
    await avito.incoming(account, 'u2i-chat-1', avitoContents.link());
    const link = await relayed(seller, (m) => (m.text ?? '').includes('bike_1768287444'));
    expect(link.text).toContain('<a href="https://www.avito.ru/moskva/velosipedy/bike_1768287444">avito.ru</a>');
    await avito.incoming(account, 'u2i-chat-1', avitoContents.location());
    await relayed(seller, (m) => shown(m).includes('Pick-up point, Moscow, Lenina 1'));
    const location = await relayed(seller, (m) => m.method === 'sendLocation');
    expect(location.location).toEqual({ latitude: 55.599799, longitude: 37.603954 });
    await avito.incoming(account, 'u2i-chat-1', avitoContents.item());
    const item = await relayed(seller, (m) => shown(m).includes('Mountain bike'));
    expect(shown(item)).toContain('10 000 ₽');
  });

  it('drops system messages and our own (author_id == user_id)', async () => {
    const [system] = await avito.incoming(account, 'u2i-chat-1', avitoContents.system());
    expect(system?.body).toEqual({ ok: true, ignored: 'system message' });
    const [own] = await avito.incoming(account, 'u2i-chat-1', { ...avitoContents.text('my own words'), authorId: account.accountId });
    expect(own?.body).toEqual({ ok: true, ignored: 'our own message' });
    expect(await hookbot.query(`SELECT 1 FROM inbound_events WHERE provider = 'avito' AND payload->'content'->>'text' = 'my own words'`)).toHaveLength(0);
  });

  it('dedupes on payload.value.id', async () => {
    const [first] = await avito.incoming(account, 'u2i-chat-2', { ...avitoContents.text('hello once'), id: 'dup-msg-1' });
    const body = avitoWebhookBody(account.accountId, 'u2i-chat-2', account.chats.get('u2i-chat-2')!.at(-1)!);
    const [again] = await avito.push(account, body);
    expect(first?.body).toMatchObject({ ok: true });
    expect(again?.body).toEqual({ duplicate: true });
    await relayed(seller, (m) => shown(m).includes('hello once'));
    const rows = await hookbot.query(`SELECT 1 FROM inbound_events WHERE dedupe_key = 'avito:dup-msg-1'`);
    expect(rows).toHaveLength(1);
  });
});

describe('bad input on the Avito URL', () => {
  it('answers the empty probe at once, with or without {}', async () => {
    expect(await post('{}')).toEqual({ status: 200, body: { ok: true, ignored: 'probe' } });
    expect(await post('')).toEqual({ status: 200, body: { ok: true, ignored: 'probe' } });
  });

  it('400 with a reason for bodies that are not Avito webhooks', async () => {
    expect(await post('{not json')).toEqual({ status: 400, body: { error: expect.stringMatching(/^body is not valid JSON/) } });
    const noPayload = await post({ id: 'x', version: 'v3.0.0' });
    expect(noPayload.status).toBe(400);
    expect(noPayload.body.error).toContain('payload');
    const noChat = await post({ id: 'x', version: 'v3.0.0', timestamp: 1, payload: { type: 'message', value: { id: 'm', user_id: account.accountId, author_id: 1, created: 1, type: 'text' } } });
    expect(noChat.status).toBe(400);
    expect(noChat.body.error).toContain('chat_id');
    const otherAccount = await post(avitoWebhookBody(42, 'c', { id: 'm-42', author_id: 1, created: 1, type: 'text', direction: 'in', content: { text: 'x' }, is_read: false }));
    expect(otherAccount.status).toBe(400);
  });
});

describe('replies', () => {
  it('a Telegram reply goes to that Avito chat with the nested body; our echo is not relayed', async () => {
    await avito.incoming(account, 'u2i-chat-3', avitoContents.text('What is the lowest price?'));
    const original = await relayed(seller, (m) => shown(m).includes('lowest price'));
    await say(telegram, seller, '9 000 is the lowest', (m) => shown(m).includes('Sent to Avito'), { replyTo: original.messageId });
    expect(account.sent.at(-1)).toEqual({ chatId: 'u2i-chat-3', text: '9 000 is the lowest' });
    expect(telegram.sent(seller.id).filter((m) => shown(m).includes('9 000 is the lowest'))).toHaveLength(0);
  });

  it('splits a long reply into messages of at most 1,000 characters', async () => {
    await avito.incoming(account, 'u2i-chat-3', avitoContents.text('Tell me everything'));
    const original = await relayed(seller, (m) => shown(m).includes('Tell me everything'));
    const long = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    const before = account.sent.length;
    const answer = await say(telegram, seller, long, (m) => shown(m).includes('Sent to Avito'), { replyTo: original.messageId });
    expect(shown(answer)).toContain('as 2 messages');
    const parts = account.sent.slice(before);
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(1000);
    expect(parts.map((p) => p.text).join(' ')).toBe(long);
  });

  it('reuses the cached token, and renews it when Avito no longer accepts it', async () => {
    const tokenCalls = () => avito.calls.filter((c) => c.path === '/token').length;
    const before = tokenCalls();
    await avito.incoming(account, 'u2i-chat-4', avitoContents.text('token test'));
    const original = await relayed(seller, (m) => shown(m).includes('token test'));
    await say(telegram, seller, 'first', (m) => shown(m).includes('Sent to Avito'), { replyTo: original.messageId });
    expect(tokenCalls()).toBe(before);
    avito.expireTokens();
    await say(telegram, seller, 'second', (m) => shown(m).includes('Sent to Avito'), { replyTo: original.messageId });
    expect(tokenCalls()).toBe(before + 1);
    expect(account.sent.at(-1)).toEqual({ chatId: 'u2i-chat-4', text: 'second' });
  });
});

describe('polling fallback', () => {
  it('switches to polling when the webhook goes quiet while chats change, and back when push works', async () => {
    account.pushSilenced = true;
    await avito.incoming(account, 'u2i-chat-5', avitoContents.text('pushed nowhere, found by polling'));
    const polled = await relayed(seller, (m) => shown(m).includes('found by polling'), 15_000);
    expect(shown(polled)).toContain('Ivan');
    const [row] = await hookbot.query<{ mode: string }>('SELECT mode FROM avito_connections');
    expect(row?.mode).toBe('polling');
    const status = await say(telegram, seller, '/avito', (m) => shown(m).includes('Account'));
    expect(shown(status)).toContain('polling every 1 s');
    expect(avito.calls.some((c) => c.path === `/messenger/v3/accounts/${account.accountId}/chats/u2i-chat-5/messages/`)).toBe(true);

    account.pushSilenced = false;
    await avito.incoming(account, 'u2i-chat-5', avitoContents.text('push is back'));
    await relayed(seller, (m) => shown(m).includes('push is back'));
    await waitUntil(async () => (await hookbot.query<{ mode: string }>('SELECT mode FROM avito_connections'))[0]?.mode === 'push', 5000, 'push mode');
    // Once every change was examined, the poller only lists chats: an unchanged chat is not fetched again.
    const listings = () => avito.calls.filter((c) => c.path.endsWith('/chats')).length;
    const fetches = () => avito.calls.filter((c) => c.path.endsWith('/messages/')).length;
    let listed = listings();
    await waitUntil(() => listings() >= listed + 2, 8000, 'two more poll rounds');
    const fetched = fetches();
    listed = listings();
    await waitUntil(() => listings() >= listed + 2, 8000, 'two more poll rounds');
    expect(fetches()).toBe(fetched);
    // Each message was relayed once, whichever way it came.
    for (const text of ['found by polling', 'push is back']) expect(telegram.sent(seller.id).filter((m) => shown(m).includes(text))).toHaveLength(1);
  });

  it('notices a missed message even when later messages in other chats were pushed', async () => {
    account.pushSilenced = true;
    await avito.incoming(account, 'u2i-chat-7', avitoContents.text('lost between two webhooks'));
    account.pushSilenced = false;
    await avito.incoming(account, 'u2i-chat-8', avitoContents.text('pushed right after'));
    await relayed(seller, (m) => shown(m).includes('pushed right after'));
    await relayed(seller, (m) => shown(m).includes('lost between two webhooks'), 15_000);
  });

  it("relays the buyer's message when the seller answered from the Avito app before the poll", async () => {
    account.pushSilenced = true;
    await avito.incomingAll(account, 'u2i-chat-10', [
      avitoContents.text('Can you deliver to Tver?'),
      { ...avitoContents.text('Yes, with Avito Delivery'), authorId: account.accountId },
    ]);
    await relayed(seller, (m) => shown(m).includes('deliver to Tver'), 15_000);
    // The seller's own answer is theirs: never relayed back to them.
    await waitUntil(async () => (await cursorOf('u2i-chat-10')) !== undefined, 10_000, 'the chat examined');
    expect(telegram.sent(seller.id).filter((m) => shown(m).includes('Avito Delivery'))).toHaveLength(0);
    account.pushSilenced = false;
  });

  it("relays the buyer's message when a system notice followed it", async () => {
    account.pushSilenced = true;
    await avito.incomingAll(account, 'u2i-chat-11', [avitoContents.text('Is the helmet included?'), avitoContents.system()]);
    await relayed(seller, (m) => shown(m).includes('helmet included'), 15_000);
    account.pushSilenced = false;
  });

  it('relays messages sent in the same second in the order they were sent', async () => {
    account.pushSilenced = true;
    const second = Math.floor(Date.now() / 1000);
    const texts = ['first of three', 'second of three', 'third of three'];
    await avito.incomingAll(
      account,
      'u2i-chat-12',
      texts.map((text) => ({ ...avitoContents.text(text), created: second })),
    );
    await relayed(seller, (m) => shown(m).includes('third of three'), 15_000);
    await relayed(seller, (m) => shown(m).includes('first of three'), 15_000);
    const order = telegram
      .sent(seller.id)
      .map((m) => texts.find((text) => shown(m).includes(text)))
      .filter((text) => text !== undefined);
    expect(order).toEqual(texts);
    account.pushSilenced = false;
  });

  it('fetches every page of a chat: 101 messages since the last look are all relayed, in order', async () => {
    account.pushSilenced = true;
    const texts = Array.from({ length: 101 }, (_, i) => `bulk message ${String(i + 1).padStart(3, '0')}`);
    await avito.incomingAll(account, 'u2i-chat-13', texts.map((text) => avitoContents.text(text)));
    await relayed(seller, (m) => shown(m).includes('bulk message 001'), 20_000);
    await relayed(seller, (m) => shown(m).includes('bulk message 101'), 30_000);
    const order = telegram
      .sent(seller.id)
      .map((m) => /bulk message \d{3}/.exec(shown(m))?.[0])
      .filter((text) => text !== undefined);
    expect(order).toEqual(texts);
    const pages = avito.calls.filter((c) => c.path === `/messenger/v3/accounts/${account.accountId}/chats/u2i-chat-13/messages/`);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    account.pushSilenced = false;
  }, 60_000);

  it('relays a message that arrives both by polling and by webhook once, whichever comes first', async () => {
    account.pushSilenced = true;
    await avito.incoming(account, 'u2i-chat-14', { ...avitoContents.text('polled, then pushed'), id: 'both-ways-1' });
    await relayed(seller, (m) => shown(m).includes('polled, then pushed'), 15_000);
    account.pushSilenced = false;
    const [late] = await avito.push(account, avitoWebhookBody(account.accountId, 'u2i-chat-14', account.chats.get('u2i-chat-14')!.at(-1)!));
    expect(late?.body).toEqual({ duplicate: true });

    await avito.incoming(account, 'u2i-chat-15', { ...avitoContents.text('pushed, then polled'), id: 'both-ways-2' });
    await relayed(seller, (m) => shown(m).includes('pushed, then polled'));
    // The poller examines the changed chat too and finds the message already there.
    await waitUntil(async () => (await cursorOf('u2i-chat-15'))?.last_message_id === 'both-ways-2', 10_000, 'the chat examined');
    for (const text of ['polled, then pushed', 'pushed, then polled']) expect(telegram.sent(seller.id).filter((m) => shown(m).includes(text))).toHaveLength(1);
    expect(await hookbot.query(`SELECT 1 FROM inbound_events WHERE dedupe_key IN ('avito:both-ways-1', 'avito:both-ways-2')`)).toHaveLength(2);
  });

  it('polls from the start when Avito does not confirm the subscription', async () => {
    const other = { id: 7202, first_name: 'Olga', language_code: 'en' };
    await registerUser(telegram, other);
    const stubborn = avito.addAccount();
    stubborn.ignoreSubscribe = true;
    const answer = await connect(other, stubborn.clientId, stubborn.clientSecret);
    expect(shown(answer)).toContain('did not confirm the webhook');
    const status = await say(telegram, other, '/avito', (m) => shown(m).includes('Account'));
    expect(shown(status)).toContain('❌ not subscribed');
    await avito.incoming(stubborn, 'u2u-chat-9', avitoContents.text('found without any webhook'));
    await relayed(other, (m) => shown(m).includes('found without any webhook'), 15_000);
  });
});

describe('new URL from /avito', () => {
  it('unsubscribes the old URL, subscribes the new one, and the old one stops working', async () => {
    const oldUrl = account.subscriptions[0]!;
    const status = await say(telegram, seller, '/avito', (m) => shown(m).includes('Account'));
    const asked = Date.now();
    telegram.pressButton(seller, status.messageId, 'avito:rotate');
    await telegram.waitForCall('editMessageText', (c) => c.at >= asked);
    expect(account.subscriptions).toHaveLength(1);
    expect(account.subscriptions[0]).not.toBe(oldUrl);
    const old = await fetch(oldUrl.replace(PUBLIC_URL, hookbot.url), { method: 'POST', body: '{}' });
    expect(old.status).toBe(404);
    await avito.incoming(account, 'u2i-chat-6', avitoContents.text('through the new Avito URL'));
    await relayed(seller, (m) => shown(m).includes('through the new Avito URL'));
  });
});

describe('connecting another Avito account', () => {
  it('unsubscribes the URL from the account connected before', async () => {
    const first = account;
    const second = avito.addAccount();
    const answer = await connect(seller, second.clientId, second.clientSecret);
    expect(shown(answer)).toContain('Avito connected');
    expect(first.subscriptions).toEqual([]);
    expect(second.subscriptions).toHaveLength(1);
    account = second;
  });
});

describe('/disconnect avito', () => {
  it('unsubscribes the webhook and forgets the connection', async () => {
    const answer = await say(telegram, seller, '/disconnect avito', (m) => shown(m).includes('disconnected'));
    expect(shown(answer)).toContain('unsubscribed');
    expect(account.subscriptions).toEqual([]);
    expect(await hookbot.query('SELECT 1 FROM avito_connections WHERE account_id = $1', [account.accountId])).toHaveLength(0);
  });
});
