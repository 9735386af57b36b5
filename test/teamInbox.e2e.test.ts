import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say, shown, waitUntil } from './support/conversation.js';
import { avitoContents, startFakeAvito, type FakeAvito, type FakeAvitoAccount } from './support/fakeAvito.js';
import { greenApiWebhooks, startFakeGreenApi, type FakeGreenApi, type FakeInstance } from './support/fakeGreenApi.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser, type SentMessage } from './support/fakeTelegram.js';
import { PUBLIC_URL, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';

/**
 * WhatsApp and Avito as a team inbox: the owner routes a connection to a Telegram forum group,
 * each customer gets a topic, and the members the owner allows answer from the topics.
 */
let telegram: FakeTelegram;
let greenApi: FakeGreenApi;
let avito: FakeAvito;
let hookbot: TestHookbot;
let instance: FakeInstance;
let account: FakeAvitoAccount;
let forum: number;
const owner = { id: 7401, first_name: 'Olga', language_code: 'en' };
const anna = { id: 7402, first_name: 'Anna', last_name: 'K', language_code: 'en' };
const boris = { id: 7403, first_name: 'Boris', language_code: 'en' };
const ivan = { chatId: '79001111111@c.us', name: 'Ivan' };
const maria = { chatId: '79002222222@c.us', name: 'Maria' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  greenApi = await startFakeGreenApi({ route: (url) => url.replace(PUBLIC_URL, hookbot.url) });
  avito = await startFakeAvito({ route: (url) => url.replace(PUBLIC_URL, hookbot.url) });
  hookbot = await startTestHookbot(telegram, { env: { GREEN_API_URL: greenApi.url, AVITO_API_URL: avito.url } });
  await registerUser(telegram, owner);
  await registerUser(telegram, anna);
  instance = greenApi.addInstance();
  await say(telegram, owner, '/connect whatsapp', (m) => shown(m).includes('Step 1 of 3'));
  await say(telegram, owner, instance.idInstance, (m) => shown(m).includes('Step 2 of 3'));
  await say(telegram, owner, instance.apiTokenInstance, (m) => shown(m).includes('Step 3 of 3'));
  await say(telegram, owner, '-', (m) => shown(m).includes('connected'), { timeoutMs: 10_000 });
  account = avito.addAccount();
  await say(telegram, owner, '/connect avito', (m) => shown(m).includes('Step 1 of 2'));
  await say(telegram, owner, account.clientId, (m) => shown(m).includes('Step 2 of 2'));
  await say(telegram, owner, account.clientSecret, (m) => shown(m).includes('Avito connected'), { timeoutMs: 10_000 });
  forum = telegram.createGroup({ title: 'Shop team', forum: true });
});

afterAll(async () => {
  await hookbot?.stop();
  await avito?.close();
  await greenApi?.close();
  await telegram?.close();
});

/** A member writes in the group (in a topic with `threadId`); resolves with the bot's first matching answer there. */
async function sayInGroup(from: FakeUser, text: string, predicate: (m: SentMessage) => boolean, opts: { threadId?: number; replyTo?: number } = {}): Promise<SentMessage> {
  const asked = Date.now();
  telegram.sendGroupMessage(from, forum, text, opts);
  return telegram.waitForMessage(forum, (m) => m.at >= asked && predicate(m), 8000);
}

const whatsappFrom = (customer: { chatId: string; name: string }) => greenApiWebhooks(instance, greenApi.url, customer);
const topicNamed = (name: string) => telegram.topics(forum).find((topic) => topic.name === name);
const topicTexts = (name: string) => (topicNamed(name)?.messages ?? []).flatMap((m) => ('text' in m && m.text ? [m.text] : []));

describe('routing a connection to a group', () => {
  it('in the private chat, /route says how', async () => {
    const answer = await say(telegram, owner, '/route whatsapp', (m) => shown(m).includes('Add me to a group'));
    expect(shown(answer)).toContain('/route whatsapp');
  });

  it('says which rights the bot lacks, and routes once it has them', async () => {
    const notAdmin = await sayInGroup(owner, '/route whatsapp', (m) => shown(m).includes('cannot come here yet'));
    expect(shown(notAdmin)).toContain('admin rights');
    telegram.setBotMembership(forum, { status: 'administrator', can_manage_chat: true, can_delete_messages: true });
    const noTopics = await sayInGroup(owner, '/route whatsapp', (m) => shown(m).includes('cannot come here yet'));
    expect(shown(noTopics)).toContain('Manage topics');
    expect(shown(noTopics)).not.toContain('admin rights');
    expect(await hookbot.query('SELECT 1 FROM relay_routes')).toHaveLength(0);

    telegram.setBotMembership(forum, { status: 'administrator', can_manage_chat: true, can_delete_messages: true, can_manage_topics: true });
    const routed = await sayInGroup(owner, '/route whatsapp', (m) => shown(m).includes('now arrive in this group'));
    expect(shown(routed)).toContain('one topic per customer');
    expect(shown(routed)).toContain('Every member of the group may answer');
    await sayInGroup(owner, '/route avito', (m) => shown(m).includes('Avito messages now arrive in this group'));
  });

  it("only the owner routes a connection: another member's /route touches nothing of the owner's", async () => {
    await sayInGroup(anna, '/route whatsapp', (m) => shown(m).includes('no longer connected'));
    const rows = await hookbot.query<{ user_id: string }>('SELECT user_id FROM relay_routes');
    expect(new Set(rows.map((row) => row.user_id)).size).toBe(1);
  });
});

describe('one topic per customer', () => {
  it('ten messages from two customers land in two topics, each in order', async () => {
    const texts: Array<{ customer: typeof ivan; text: string }> = [];
    for (let i = 1; i <= 10; i += 1) texts.push({ customer: i % 3 === 0 ? maria : ivan, text: `message ${i} from ${i % 3 === 0 ? 'Maria' : 'Ivan'}` });
    for (const [index, { customer, text }] of texts.entries()) {
      const delivered = await greenApi.deliver(instance.idInstance, whatsappFrom(customer).text(`TOPIC-${index}`, text));
      expect(delivered.status).toBe(200);
    }
    await waitUntil(() => telegram.sent(forum).filter((m) => /message \d+ from/.test(shown(m))).length === 10, 15_000, 'ten messages in the group');
    expect(telegram.topics(forum).map((topic) => topic.name)).toEqual(['Ivan +79001111111', 'Maria +79002222222']);
    for (const [name, who] of [['Ivan +79001111111', 'Ivan'], ['Maria +79002222222', 'Maria']] as const) {
      const inTopic = topicTexts(name).flatMap((text) => /message \d+ from \w+/.exec(text)?.[0] ?? []);
      expect(inTopic).toEqual(texts.filter((item) => item.text.endsWith(who)).map((item) => item.text));
    }
    // Every message to the group named its topic.
    const calls = telegram.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === forum && /message \d+ from/.test(String(c.params.text)));
    expect(calls).toHaveLength(10);
    for (const call of calls) expect(call.params.message_thread_id).toEqual(expect.any(Number));
    expect(telegram.calls.filter((c) => c.method === 'createForumTopic')).toHaveLength(2);
    // Nothing of it in the owner's private chat.
    expect(telegram.sent(owner.id).some((m) => /message \d+ from/.test(shown(m)))).toBe(false);
  });

  it("keeps the topic's name up to date", async () => {
    await greenApi.deliver(instance.idInstance, whatsappFrom({ ...ivan, name: 'Ivan Petrov' }).text('RENAME-1', 'my name changed'));
    await telegram.waitForMessage(forum, (m) => shown(m).includes('my name changed'));
    expect(topicNamed('Ivan Petrov +79001111111')).toBeDefined();
    expect(topicNamed('Ivan +79001111111')).toBeUndefined();
    expect(topicTexts('Ivan Petrov +79001111111').some((text) => text.includes('message 1 from Ivan'))).toBe(true);
  });

  it('recreates a topic someone deleted', async () => {
    const old = topicNamed('Maria +79002222222')!;
    telegram.deleteTopic(forum, old.threadId);
    await greenApi.deliver(instance.idInstance, whatsappFrom(maria).text('AFTER-DELETE', 'are you there?'));
    const message = await telegram.waitForMessage(forum, (m) => shown(m).includes('are you there?'), 10_000);
    const fresh = topicNamed('Maria +79002222222')!;
    expect(fresh.threadId).not.toBe(old.threadId);
    expect(message.threadId).toBe(fresh.threadId);
    const refused = telegram.calls.filter((c) => c.response?.ok === false && c.response.description === 'Bad Request: message thread not found');
    expect(refused).toHaveLength(1);
    // Once: the message that met the deleted topic was sent again, into the new one, and only there.
    expect(telegram.sent(forum).filter((m) => shown(m).includes('are you there?'))).toHaveLength(1);
  });

  it('an Avito chat gets a topic named after the buyer and the ad', async () => {
    await avito.incoming(account, 'u2i-team-1', avitoContents.text('Is the bike still for sale?'));
    const message = await telegram.waitForMessage(forum, (m) => shown(m).includes('still for sale'), 10_000);
    const topic = topicNamed('Ivan · Bike for sale');
    expect(topic).toBeDefined();
    expect(message.threadId).toBe(topic!.threadId);
  });
});

describe('when topics cannot be had', () => {
  it('a new customer\'s message still reaches the group when the bot lost "Manage topics"', async () => {
    telegram.setBotMembership(forum, { status: 'administrator', can_manage_chat: true });
    await greenApi.deliver(instance.idInstance, whatsappFrom({ chatId: '79003333333@c.us', name: 'Pyotr' }).text('NO-RIGHTS-1', 'new customer, no topic'));
    const message = await telegram.waitForMessage(forum, (m) => shown(m).includes('new customer, no topic'), 10_000);
    expect(message.threadId).toBeUndefined();
    telegram.setBotMembership(forum, { status: 'administrator', can_manage_chat: true, can_delete_messages: true, can_manage_topics: true });
  });
});

describe('answering from a topic', () => {
  it('a plain message in the topic goes to that customer, signed with the member in the topic', async () => {
    const topic = topicNamed('Ivan Petrov +79001111111')!;
    const answer = await sayInGroup(owner, 'Yes, come at 10', (m) => shown(m).includes('Sent to WhatsApp'), { threadId: topic.threadId });
    expect(shown(answer)).toContain('Olga');
    expect(answer.threadId).toBe(topic.threadId);
    expect(instance.sent.at(-1)).toMatchObject({ chatId: ivan.chatId, message: 'Yes, come at 10' });
  });

  it('a member not allowed to answer is refused, and nothing goes out', async () => {
    await sayInGroup(owner, '/answerers whatsapp only', (m) => shown(m).includes('Only you may answer'));
    const topic = topicNamed('Maria +79002222222')!;
    const before = instance.sent.length;
    const refused = await sayInGroup(boris, 'I can do it cheaper', (m) => shown(m).includes('may not answer'), { threadId: topic.threadId });
    expect(refused.threadId).toBe(topic.threadId);
    expect(instance.sent.length).toBe(before);
  });

  it('a member the owner allows answers the right customer', async () => {
    const asked = Date.now();
    const update = telegram.sendGroupMessage(anna, forum, 'hello team');
    await waitUntil(() => telegram.calls.some((c) => c.method === 'getUpdates' && c.at >= asked), 5000, 'the update fetched');
    const list = await sayInGroup(owner, '/answerers whatsapp add', (m) => shown(m).includes('these members'), { replyTo: (update as { message: { message_id: number } }).message.message_id });
    expect(shown(list)).toContain(String(anna.id));
    const topic = topicNamed('Maria +79002222222')!;
    const sent = await sayInGroup(anna, 'Delivery is free on Fridays', (m) => shown(m).includes('Sent to WhatsApp'), { threadId: topic.threadId });
    expect(shown(sent)).toContain('Anna K');
    expect(instance.sent.at(-1)).toMatchObject({ chatId: maria.chatId, message: 'Delivery is free on Fridays' });
  });

  it('media go back too: a photo with its caption to WhatsApp, a photo to Avito; what a side cannot take, or too big a file, is refused and nothing is sent', async () => {
    const maria$ = topicNamed('Maria +79002222222')!;
    const photo = Buffer.from('fake jpeg bytes of a bike');
    let asked = Date.now();
    telegram.sendUserMedia(anna, { kind: 'photo', data: photo }, { chatId: forum, caption: 'This one?', threadId: maria$.threadId });
    const sentPhoto = await telegram.waitForMessage(forum, (m) => m.at >= asked && shown(m).includes('Sent to WhatsApp'), 8000);
    expect(shown(sentPhoto)).toContain('Anna K');
    expect(instance.sentFiles.at(-1)).toMatchObject({ chatId: maria.chatId, fileName: 'photo.jpg', caption: 'This one?' });
    expect(instance.sentFiles.at(-1)?.data.equals(photo)).toBe(true);

    const voice = Buffer.from('fake opus voice note');
    asked = Date.now();
    telegram.sendUserMedia(anna, { kind: 'voice', data: voice, mimeType: 'audio/ogg' }, { chatId: forum, threadId: maria$.threadId });
    await telegram.waitForMessage(forum, (m) => m.at >= asked && shown(m).includes('Sent to WhatsApp'), 8000);
    expect(instance.sentFiles.at(-1)).toMatchObject({ chatId: maria.chatId, fileName: 'voice.ogg' });

    const filesBefore = instance.sentFiles.length;
    asked = Date.now();
    telegram.sendUserMedia(anna, { kind: 'document', data: Buffer.from('pdf'), fileName: 'catalogue.pdf', fileSize: 25 * 1024 * 1024 }, { chatId: forum, threadId: maria$.threadId });
    const tooBig = await telegram.waitForMessage(forum, (m) => m.at >= asked && shown(m).includes('Not sent'), 8000);
    expect(shown(tooBig)).toContain('25 MB');
    expect(instance.sentFiles.length).toBe(filesBefore);

    const bike = topicNamed('Ivan · Bike for sale')!;
    const textsBefore = account.sent.length;
    asked = Date.now();
    telegram.sendUserMedia(owner, { kind: 'video', data: Buffer.from('mp4') }, { chatId: forum, threadId: bike.threadId });
    const refused = await telegram.waitForMessage(forum, (m) => m.at >= asked && shown(m).includes('Avito takes only text and photos'), 8000);
    expect(refused.threadId).toBe(bike.threadId);
    expect(account.sentImages).toHaveLength(0);
    asked = Date.now();
    telegram.sendUserMedia(owner, { kind: 'photo', data: photo }, { chatId: forum, caption: 'Here it is', threadId: bike.threadId });
    await telegram.waitForMessage(forum, (m) => m.at >= asked && shown(m).includes('Sent to Avito'), 8000);
    expect(account.sentImages).toHaveLength(1);
    expect(account.sentImages[0]?.chatId).toBe('u2i-team-1');
    expect(account.sentImages[0]?.data.equals(photo)).toBe(true);
    expect(account.sent.slice(textsBefore)).toEqual([{ chatId: 'u2i-team-1', text: 'Here it is' }]);
  });

  it('an Avito topic answers the Avito chat', async () => {
    const topic = topicNamed('Ivan · Bike for sale')!;
    await sayInGroup(owner, 'Yes, still available', (m) => shown(m).includes('Sent to Avito'), { threadId: topic.threadId });
    expect(account.sent.at(-1)).toEqual({ chatId: 'u2i-team-1', text: 'Yes, still available' });
  });
});

describe('routing back', () => {
  it('/route whatsapp off brings the messages back to the private chat', async () => {
    await sayInGroup(owner, '/route whatsapp off', (m) => shown(m).includes('private chat again'));
    await greenApi.deliver(instance.idInstance, whatsappFrom(ivan).text('BACK-1', 'back to private'));
    const relayed = await telegram.waitForMessage(owner.id, (m) => shown(m).includes('back to private'));
    // In the private chat a reply with a file goes back too, quoting the customer's message.
    const document = Buffer.from('%PDF-1.4 fake invoice');
    const asked = Date.now();
    telegram.sendUserMedia(owner, { kind: 'document', data: document, fileName: 'invoice.pdf', mimeType: 'application/pdf' }, { replyTo: relayed.messageId });
    await telegram.waitForMessage(owner.id, (m) => m.at >= asked && shown(m).includes('Sent to WhatsApp'), 8000);
    expect(instance.sentFiles.at(-1)).toMatchObject({ chatId: ivan.chatId, fileName: 'invoice.pdf', quotedMessageId: 'BACK-1' });
    expect(instance.sentFiles.at(-1)?.data.equals(document)).toBe(true);
  });
});

describe('a group without topics', () => {
  let plain: number;

  it('relays each message to the group; a reply to one answers that customer', async () => {
    plain = telegram.createGroup({ title: 'Sales', bot: { status: 'administrator', can_manage_chat: true, can_delete_messages: true } });
    const routedAt = Date.now();
    telegram.sendGroupMessage(owner, plain, '/route whatsapp');
    const routed = await telegram.waitForMessage(plain, (m) => m.at >= routedAt && shown(m).includes('now arrive in this group'), 8000);
    expect(shown(routed)).toContain('reply to it to answer');
    await greenApi.deliver(instance.idInstance, whatsappFrom(maria).text('PLAIN-1', 'do you ship to Kazan?'));
    const relayedHere = await telegram.waitForMessage(plain, (m) => shown(m).includes('ship to Kazan'), 8000);
    expect(relayedHere.threadId).toBeUndefined();
    const asked = Date.now();
    telegram.sendGroupMessage(anna, plain, 'Yes, in 3 days', { replyTo: relayedHere.messageId });
    const sent = await telegram.waitForMessage(plain, (m) => m.at >= asked && shown(m).includes('Sent to WhatsApp'), 8000);
    expect(shown(sent)).toContain('Anna K');
    expect(instance.sent.at(-1)).toMatchObject({ chatId: maria.chatId, message: 'Yes, in 3 days', quotedMessageId: 'PLAIN-1' });
  });

  it('when the bot is removed from the group, the connection comes back to the private chat with nothing lost', async () => {
    telegram.setBotMembership(plain, { status: 'kicked' });
    const texts = ['lost group 1', 'lost group 2', 'lost group 3'];
    for (const [index, text] of texts.entries()) await greenApi.deliver(instance.idInstance, whatsappFrom(maria).text(`LOST-${index}`, text));
    await telegram.waitForMessage(owner.id, (m) => shown(m).includes('I was removed from the group'), 10_000);
    await waitUntil(() => texts.every((text) => telegram.sent(owner.id).some((m) => shown(m).includes(text))), 10_000, 'the three messages in the private chat');
    const order = telegram.sent(owner.id).flatMap((m) => texts.filter((text) => shown(m).includes(text)));
    expect(order).toEqual(texts);
    expect(await hookbot.query(`SELECT 1 FROM relay_routes WHERE provider = 'whatsapp'`)).toHaveLength(0);
    expect(await hookbot.query(`SELECT 1 FROM relay_routes WHERE provider = 'avito'`)).toHaveLength(1);
  });
});
