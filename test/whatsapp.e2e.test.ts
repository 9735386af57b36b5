import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox, parseEncryptionKey } from '../src/services/secrets/secretBox.js';
import { chatShows, say, shown, waitUntil } from './support/conversation.js';
import { startFakeGreenApi, greenApiWebhooks, type FakeGreenApi, type FakeInstance } from './support/fakeGreenApi.js';
import { startFakeTelegram, type FakeTelegram, type SentMessage } from './support/fakeTelegram.js';
import { PUBLIC_URL, registerUser, startTestHookbot, TEST_ENCRYPTION_KEY, type TestHookbot } from './support/hookbot.js';

let telegram: FakeTelegram;
let greenApi: FakeGreenApi;
let hookbot: TestHookbot;
let instance: FakeInstance;
let hooks: ReturnType<typeof greenApiWebhooks>;
const user = { id: 7101, first_name: 'Wanda', language_code: 'en' };
const box = SecretBox.fromKey(parseEncryptionKey(TEST_ENCRYPTION_KEY));

beforeAll(async () => {
  telegram = await startFakeTelegram();
  greenApi = await startFakeGreenApi({ route: (url) => url.replace(PUBLIC_URL, hookbot.url) });
  hookbot = await startTestHookbot(telegram, { env: { GREEN_API_URL: greenApi.url } });
  await registerUser(telegram, user);
});

afterAll(async () => {
  await hookbot?.stop();
  await greenApi?.close();
  await telegram?.close();
});

/** The whole /connect whatsapp conversation; returns the bot's last answer. */
async function connect(idInstance: string, token: string, apiUrl = '-'): Promise<SentMessage> {
  const first = await say(telegram, user, '/connect whatsapp', (m) => shown(m).includes('Step 1 of 3'));
  expect(first.text).toContain('idInstance');
  await say(telegram, user, idInstance, (m) => shown(m).includes('Step 2 of 3'));
  await say(telegram, user, token, (m) => shown(m).includes('Step 3 of 3'));
  return say(telegram, user, apiUrl, (m) => /connected|❌/.test(shown(m)), { timeoutMs: 10_000 });
}

const webhookPath = () => String(instance.settings.webhookUrl).replace(PUBLIC_URL, '');

async function post(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${hookbot.url}${webhookPath()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${String(instance.settings.webhookUrlToken)}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const relayed = (predicate: (m: SentMessage) => boolean) => telegram.waitForMessage(user.id, predicate, 8000);

describe('/connect whatsapp', () => {
  it('a bare /connect offers both services as buttons; a button starts the questions; /cancel stops them', async () => {
    const menu = await say(telegram, user, '/connect', (m) => shown(m).includes('What do you want to connect?'));
    expect(menu.inlineKeyboard?.flat().map((b) => ('callback_data' in b ? b.callback_data : ''))).toEqual(['connect:whatsapp', 'connect:avito']);
    const asked = Date.now();
    telegram.pressButton(user, menu.messageId, 'connect:whatsapp');
    await telegram.waitForMessage(user.id, (m) => m.at >= asked && shown(m).includes('Step 1 of 3'));
    await say(telegram, user, '/cancel', (m) => shown(m).includes('Cancelled'));
  });

  it('refuses a token Green API rejects, saves nothing and deletes the token message', async () => {
    const good = greenApi.addInstance();
    const answer = await connect(good.idInstance, 'f'.repeat(50));
    expect(shown(answer)).toContain('Green API refused this idInstance and apiTokenInstance');
    expect(chatShows(telegram, user.id, 'f'.repeat(50))).toBe(false);
    expect(await hookbot.query('SELECT 1 FROM whatsapp_connections')).toHaveLength(0);
    expect(good.settings.webhookUrl).toBe('');
  });

  it('fails clearly when Green API keeps dropping the webhook settings', async () => {
    const stubborn = greenApi.addInstance();
    stubborn.dropSettings = 10;
    const answer = await connect(stubborn.idInstance, stubborn.apiTokenInstance, greenApi.url);
    expect(shown(answer)).toContain('did not keep them');
    expect(shown(answer)).toContain('webhookUrl');
    expect(greenApi.calls.filter((c) => c.idInstance === stubborn.idInstance && c.method === 'setSettings')).toHaveLength(3);
    expect(await hookbot.query('SELECT 1 FROM whatsapp_connections')).toHaveLength(0);
  });

  it('connects when the settings stick on the second try, confirmed by getSettings', async () => {
    instance = greenApi.addInstance();
    hooks = greenApiWebhooks(instance, greenApi.url);
    instance.dropSettings = 1;
    const answer = await connect(instance.idInstance, instance.apiTokenInstance);
    expect(shown(answer)).toContain('WhatsApp connected');
    expect(instance.settings.webhookUrl).toMatch(new RegExp(`^${PUBLIC_URL}/hooks/whatsapp/[A-Za-z0-9_-]{22,}$`));
    expect(shown(answer)).toContain(String(instance.settings.webhookUrl));
    expect(instance.settings.incomingWebhook).toBe('yes');
    expect(String(instance.settings.webhookUrlToken).length).toBeGreaterThanOrEqual(32);
    const calls = greenApi.calls.filter((c) => c.idInstance === instance.idInstance).map((c) => c.method);
    expect(calls).toEqual(['getStateInstance', 'setSettings', 'getSettings', 'setSettings', 'getSettings']);
    expect(chatShows(telegram, user.id, instance.apiTokenInstance)).toBe(false);
    const [row] = await hookbot.query<{ api_token: string; webhook_token: string; id_instance: string }>('SELECT * FROM whatsapp_connections');
    expect(row?.id_instance).toBe(instance.idInstance);
    expect(row?.api_token).not.toContain(instance.apiTokenInstance);
    expect(box.decrypt(row!.api_token)).toBe(instance.apiTokenInstance);
    expect(box.decrypt(row!.webhook_token)).toBe(instance.settings.webhookUrlToken);
  });

  it('answers GET on the personal URL with the "active" JSON', async () => {
    const response = await fetch(`${hookbot.url}${webhookPath()}`);
    expect(await response.json()).toEqual({ status: 'ok', message: 'Webhook endpoint is active' });
  });
});

describe('relay of each message type', () => {
  it('text, with sender name and phone', async () => {
    expect((await greenApi.deliver(instance.idInstance, hooks.text('T-1'))).status).toBe(200);
    const message = await relayed((m) => shown(m).includes('I use GREEN-API'));
    expect(shown(message)).toContain('GREEN-API');
    expect(shown(message)).toContain('+79001234568');
  });

  it('extended text', async () => {
    await greenApi.deliver(instance.idInstance, hooks.extendedText('T-2'));
    await relayed((m) => shown(m).includes('https://www.youtube.com/watch?v=dQw4w9WgXcQ'));
  });

  it('a quoted message, showing the quote', async () => {
    await greenApi.deliver(instance.idInstance, hooks.quoted('T-3'));
    const message = await relayed((m) => shown(m).includes('Reply to the quote'));
    expect(message.text).toContain('<blockquote>+79001234567: This is the quote</blockquote>');
  });

  it('image, video, audio and document from downloadUrl, with the caption', async () => {
    const cases = [
      { body: hooks.image('M-1'), method: 'sendPhoto', field: 'photo', caption: 'Image' },
      { body: hooks.video('M-2'), method: 'sendVideo', field: 'video', caption: 'Video' },
      { body: hooks.audio('M-3'), method: 'sendAudio', field: 'audio', caption: undefined },
      { body: hooks.document('M-4'), method: 'sendDocument', field: 'document', caption: 'Document' },
    ] as const;
    for (const { body, method, field, caption } of cases) {
      await greenApi.deliver(instance.idInstance, body);
      const message = await relayed((m) => m.method === method);
      expect(message.fileRef).toBe(body.messageData.fileMessageData.downloadUrl);
      expect(message[field]?.data.toString()).toContain(body.messageData.fileMessageData.fileName);
      expect(message.params[field]).toBe(body.messageData.fileMessageData.downloadUrl);
      expect(message.caption).toContain('GREEN-API');
      if (caption) expect(message.caption).toContain(caption);
    }
  });

  it('a file Telegram cannot fetch comes as its caption and link', async () => {
    const body = hooks.image('M-5');
    body.messageData.fileMessageData.downloadUrl = `${greenApi.url}/media/expired/photo.jpg`;
    await greenApi.deliver(instance.idInstance, body);
    const message = await relayed((m) => (m.text ?? '').includes('/media/expired/photo.jpg'));
    expect(message.method).toBe('sendMessage');
    expect(shown(message)).toContain('Image');
  });

  it('location as a Telegram location, after its name and address', async () => {
    await greenApi.deliver(instance.idInstance, hooks.location('L-1'));
    const text = await relayed((m) => shown(m).includes('Restaurant, 123456, Perm'));
    const location = await relayed((m) => m.method === 'sendLocation');
    expect(location.location).toEqual({ latitude: 12.3456789, longitude: 10.1112131 });
    expect(location.messageId).toBeGreaterThan(text.messageId);
  });

  it('contact as a Telegram contact', async () => {
    await greenApi.deliver(instance.idInstance, hooks.contact('C-1'));
    const contact = await relayed((m) => m.method === 'sendContact');
    expect(contact.contact).toMatchObject({ phone_number: '+7 900 123-45-67', first_name: 'GREEN-API' });
    expect(contact.contact?.vcard).toContain('BEGIN:VCARD');
  });

  it('reports stateInstanceChanged (the phone logged out)', async () => {
    await greenApi.deliver(instance.idInstance, hooks.state('notAuthorized'));
    const message = await relayed((m) => shown(m).includes('logged out'));
    expect(shown(message)).toContain(instance.idInstance);
    const [row] = await hookbot.query<{ state: string }>('SELECT state FROM whatsapp_connections');
    expect(row?.state).toBe('notAuthorized');
  });

  it('acknowledges and ignores types it does not relay', async () => {
    const answer = await greenApi.deliver(instance.idInstance, hooks.poll('P-1'));
    expect(answer).toEqual({ status: 200, body: { ok: true, ignored: 'message type pollMessage is not relayed' } });
    const other = await post({ ...hooks.state('authorized'), typeWebhook: 'deviceInfo' });
    expect(other.body).toEqual({ ok: true, ignored: 'webhook type deviceInfo is not relayed' });
  });
});

describe('dedupe and echoes', () => {
  it('relays a message delivered twice once (idInstance + idMessage)', async () => {
    const first = await greenApi.deliver(instance.idInstance, hooks.text('DUP-1', 'only once please'));
    const second = await greenApi.deliver(instance.idInstance, hooks.text('DUP-1', 'only once please'));
    expect(first.body).toMatchObject({ ok: true });
    expect(second.body).toEqual({ duplicate: true });
    await relayed((m) => shown(m).includes('only once please'));
    const rows = await hookbot.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_events WHERE dedupe_key = $1`, [`wa:${instance.idInstance}:DUP-1`]);
    expect(rows[0]?.n).toBe(1);
  });

  it('never relays our own messages echoed back', async () => {
    const echo = { ...hooks.text('ECHO-1', 'sent by the API'), typeWebhook: 'outgoingAPIMessageReceived' };
    expect((await greenApi.deliver(instance.idInstance, echo)).body).toEqual({ ok: true, ignored: 'our own outgoing message' });
    const rows = await hookbot.query(`SELECT 1 FROM inbound_events WHERE payload->>'idMessage' = 'ECHO-1'`);
    expect(rows).toHaveLength(0);
  });
});

describe('replies', () => {
  it('a Telegram reply goes to that WhatsApp chat, quoting the original; the echo is not relayed', async () => {
    await greenApi.deliver(instance.idInstance, hooks.text('R-1', 'can you call me?'));
    const original = await relayed((m) => shown(m).includes('can you call me?'));
    const confirmation = await say(telegram, user, 'Sure, at 5', (m) => shown(m).includes('Sent to WhatsApp'), { replyTo: original.messageId });
    expect(confirmation.params.reply_parameters).toBeDefined();
    const sent = instance.sent.at(-1);
    expect(sent).toMatchObject({ chatId: '79001234568@c.us', message: 'Sure, at 5', quotedMessageId: 'R-1' });
    // Green API echoes it as outgoingAPIMessageReceived: acknowledged, never stored or relayed.
    await waitUntil(async () => (await hookbot.query(`SELECT 1 FROM inbound_events WHERE payload->>'idMessage' = $1`, [sent!.idMessage])).length === 0, 1000, 'echo check');
    expect(telegram.sent(user.id).filter((m) => shown(m).includes('Sure, at 5'))).toHaveLength(0);
  });

  it('a reply to a relayed photo works too; a failure is explained', async () => {
    await greenApi.deliver(instance.idInstance, hooks.image('R-2'));
    const photo = await relayed((m) => m.method === 'sendPhoto' && (m.caption ?? '').includes('Image'));
    instance.failSends.push(500);
    const failure = await say(telegram, user, 'nice picture', (m) => shown(m).includes('Not sent to WhatsApp'), { replyTo: photo.messageId });
    expect(shown(failure)).toContain('500');
    await say(telegram, user, 'nice picture', (m) => shown(m).includes('Sent to WhatsApp'), { replyTo: photo.messageId });
    expect(instance.sent.at(-1)).toMatchObject({ message: 'nice picture', quotedMessageId: 'R-2' });
  });

  it('a reply to an ordinary bot message is not sent anywhere', async () => {
    const help = await say(telegram, user, '/help', (m) => shown(m).includes('/connect whatsapp'));
    const before = instance.sent.length;
    telegram.sendUserMessage(user, 'just chatting', { replyTo: help.messageId });
    await say(telegram, user, '/whatsapp', (m) => shown(m).includes('Instance'));
    expect(instance.sent.length).toBe(before);
  });
});

describe('bad input on the WhatsApp URL', () => {
  it('401 without or with a wrong bearer token', async () => {
    const body = hooks.text('AUTH-1');
    expect((await greenApi.deliver(instance.idInstance, body, { token: null })).status).toBe(401);
    const wrong = await greenApi.deliver(instance.idInstance, body, { token: 'x'.repeat(32) });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: expect.stringContaining('bearer token') });
    expect(await hookbot.query(`SELECT 1 FROM inbound_events WHERE payload->>'idMessage' = 'AUTH-1'`)).toHaveLength(0);
  });

  it('400 with a reason for a body that is not a Green API webhook', async () => {
    const notJson = await post('not json');
    expect(notJson).toEqual({ status: 400, body: { error: expect.stringMatching(/^body is not valid JSON/) } });
    const noSender = await post({ ...hooks.text('BAD-1'), senderData: undefined });
    expect(noSender.status).toBe(400);
    expect(noSender.body.error).toContain('senderData');
    const noData = await post({ ...hooks.text('BAD-2'), messageData: { typeMessage: 'imageMessage' } });
    expect(noData).toEqual({ status: 400, body: { error: 'messageData of a imageMessage lacks its data object' } });
    const otherInstance = await post({ ...hooks.text('BAD-3'), instanceData: { idInstance: 42, wid: 'x', typeInstance: 'whatsapp' } });
    expect(otherInstance.status).toBe(400);
  });
});

describe('connecting another instance', () => {
  it('clears the webhook of the instance connected before, and uses the new one', async () => {
    const first = instance;
    const second = greenApi.addInstance({ wid: '79990003344@c.us' });
    const answer = await connect(second.idInstance, second.apiTokenInstance);
    expect(shown(answer)).toContain('WhatsApp connected');
    expect(first.settings.webhookUrl).toBe('');
    expect(second.settings.webhookUrl).toMatch(/\/hooks\/whatsapp\//);
    instance = second;
    hooks = greenApiWebhooks(instance, greenApi.url);
    await greenApi.deliver(instance.idInstance, hooks.text('SECOND-1', 'from the second instance'));
    await relayed((m) => shown(m).includes('from the second instance'));
  });
});

describe('new URL and /disconnect whatsapp', () => {
  it('a new URL from /whatsapp is set at Green API and the old one stops working', async () => {
    const oldPath = webhookPath();
    const status = await say(telegram, user, '/whatsapp', (m) => shown(m).includes('Instance'));
    const asked = Date.now();
    telegram.pressButton(user, status.messageId, 'wa:rotate');
    await waitUntil(() => webhookPath() !== oldPath, 5000, 'new webhookUrl at Green API');
    await telegram.waitForCall('editMessageText', (c) => c.at >= asked);
    const old = await fetch(`${hookbot.url}${oldPath}`, { method: 'POST', body: '{}' });
    expect(old.status).toBe(404);
    expect((await greenApi.deliver(instance.idInstance, hooks.text('NEW-1', 'through the new URL'))).status).toBe(200);
    await relayed((m) => shown(m).includes('through the new URL'));
  });

  it('clears the webhook at Green API and refuses later deliveries', async () => {
    const path = webhookPath();
    const token = String(instance.settings.webhookUrlToken);
    const answer = await say(telegram, user, '/disconnect whatsapp', (m) => shown(m).includes('disconnected'));
    expect(shown(answer)).toContain('cleared at Green API');
    expect(instance.settings.webhookUrl).toBe('');
    expect(await hookbot.query('SELECT 1 FROM whatsapp_connections')).toHaveLength(0);
    const late = await fetch(`${hookbot.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(hooks.text('LATE-1')),
    });
    expect(late.status).toBe(401);
    const again = await say(telegram, user, '/disconnect whatsapp', (m) => shown(m).includes('not connected'));
    expect(shown(again)).toContain('/connect whatsapp');
  });
});
