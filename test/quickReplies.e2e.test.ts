import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say, shown, waitUntil } from './support/conversation.js';
import { avitoContents, startFakeAvito, type FakeAvito, type FakeAvitoAccount } from './support/fakeAvito.js';
import { greenApiWebhooks, startFakeGreenApi, type FakeGreenApi, type FakeInstance } from './support/fakeGreenApi.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser, type SentMessage } from './support/fakeTelegram.js';
import { PUBLIC_URL, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';

/**
 * Quick replies: saved answers per connection, sent from the button under a relayed message or
 * with /q, exactly like a typed reply; and the bot leaving a routed group (my_chat_member).
 */
let telegram: FakeTelegram;
let greenApi: FakeGreenApi;
let avito: FakeAvito;
let hookbot: TestHookbot;
let instance: FakeInstance;
let account: FakeAvitoAccount;
let forum: number;
const owner = { id: 7501, first_name: 'Olga', language_code: 'en' };
const anna = { id: 7502, first_name: 'Anna', last_name: 'K', language_code: 'en' };
const boris = { id: 7503, first_name: 'Boris', language_code: 'en' };
const ivan = { chatId: '79004444444@c.us', name: 'Ivan' };
const maria = { chatId: '79005555555@c.us', name: 'Maria' };
const ADMIN = { status: 'administrator', can_manage_chat: true, can_delete_messages: true, can_manage_topics: true } as const;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  greenApi = await startFakeGreenApi({ route: (url) => url.replace(PUBLIC_URL, hookbot.url) });
  avito = await startFakeAvito({ route: (url) => url.replace(PUBLIC_URL, hookbot.url) });
  hookbot = await startTestHookbot(telegram, { env: { GREEN_API_URL: greenApi.url, AVITO_API_URL: avito.url } });
  await registerUser(telegram, owner);
  instance = greenApi.addInstance();
  await say(telegram, owner, '/connect whatsapp', (m) => shown(m).includes('Step 1 of 3'));
  await say(telegram, owner, instance.idInstance, (m) => shown(m).includes('Step 2 of 3'));
  await say(telegram, owner, instance.apiTokenInstance, (m) => shown(m).includes('Step 3 of 3'));
  await say(telegram, owner, '-', (m) => shown(m).includes('connected'), { timeoutMs: 10_000 });
  forum = telegram.createGroup({ title: 'Quick team', forum: true, bot: ADMIN });
}, 60_000);

afterAll(async () => {
  await hookbot?.stop();
  await avito?.close();
  await greenApi?.close();
  await telegram?.close();
});

async function sayInGroup(from: FakeUser, text: string, predicate: (m: SentMessage) => boolean, opts: { threadId?: number; replyTo?: number } = {}): Promise<SentMessage> {
  const asked = Date.now();
  telegram.sendGroupMessage(from, forum, text, opts);
  return telegram.waitForMessage(forum, (m) => m.at >= asked && predicate(m), 8000);
}

const whatsappFrom = (customer: { chatId: string; name: string }) => greenApiWebhooks(instance, greenApi.url, customer);
const topicOf = (customer: { chatId: string; name: string }) => telegram.topics(forum).find((topic) => topic.name === `${customer.name} +${customer.chatId.split('@')[0]}`);
const buttonsOf = (chatId: number, messageId: number) =>
  (telegram.chat(chatId).messages.find((m) => m.message_id === messageId)?.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: 'callback_data' in b ? b.callback_data : undefined }));

describe('saving quick replies', () => {
  it('/q add, /q list and /q del in the private chat, with clear errors', async () => {
    const usage = await say(telegram, owner, '/q add hello', (m) => shown(m).includes('Usage'));
    expect(shown(usage)).toContain('/q add name text');
    const saved = await say(telegram, owner, '/q add hello Hello! How can I help?', (m) => shown(m).includes('saved'));
    expect(shown(saved)).toContain('hello');
    expect(shown(saved)).toContain('WhatsApp');
    await say(telegram, owner, '/q add Price Our prices:\nbike 10 000\nhelmet 2 000', (m) => shown(m).includes('saved'));
    await say(telegram, owner, '/q add hello Hi! What can I do for you?', (m) => shown(m).includes('replaced'));

    expect(shown(await say(telegram, owner, '/q add list Not a name', (m) => shown(m).startsWith('❌')))).toContain('command of /q');
    expect(shown(await say(telegram, owner, '/q add two.words text', (m) => shown(m).startsWith('❌')))).toContain('one word');
    expect(shown(await say(telegram, owner, `/q add ${'n'.repeat(33)} text`, (m) => shown(m).startsWith('❌')))).toContain('at most 32');
    expect(shown(await say(telegram, owner, `/q add long ${'x'.repeat(1001)}`, (m) => shown(m).startsWith('❌')))).toContain('1,001 characters');

    const list = await say(telegram, owner, '/q list', (m) => shown(m).includes('Quick replies for WhatsApp'));
    expect(shown(list)).toContain('(2 of 20)');
    expect(shown(list)).toContain('hello — Hi! What can I do for you?');
    expect(shown(list)).toContain('price — Our prices: bike 10 000 helmet 2 000');
    const rows = await hookbot.query<{ name: string; text: string }>('SELECT name, text FROM quick_replies ORDER BY name');
    expect(rows).toEqual([
      { name: 'hello', text: 'Hi! What can I do for you?' },
      { name: 'price', text: 'Our prices:\nbike 10 000\nhelmet 2 000' },
    ]);

    await say(telegram, owner, '/q add bye Bye!', (m) => shown(m).includes('saved'));
    await say(telegram, owner, '/q del bye', (m) => shown(m).includes('deleted'));
    expect(shown(await say(telegram, owner, '/q del bye', (m) => shown(m).includes('no quick reply')))).toContain('bye');
  });

  it('keeps at most 20 per connection', async () => {
    for (let index = 0; index < 18; index += 1) await say(telegram, owner, `/q add filler${index} text ${index}`, (m) => shown(m).includes('saved'));
    const full = await say(telegram, owner, '/q add one-more text', (m) => shown(m).startsWith('❌'));
    expect(shown(full)).toContain('already has 20 quick replies');
    // Replacing one is not adding one.
    await say(telegram, owner, '/q add filler0 changed', (m) => shown(m).includes('replaced'));
    for (let index = 0; index < 18; index += 1) await say(telegram, owner, `/q del filler${index}`, (m) => shown(m).includes('deleted'));
    expect(await hookbot.query('SELECT 1 FROM quick_replies')).toHaveLength(2);
  });

  it('with WhatsApp and Avito both connected, asks which one', async () => {
    account = avito.addAccount();
    await say(telegram, owner, '/connect avito', (m) => shown(m).includes('Step 1 of 2'));
    await say(telegram, owner, account.clientId, (m) => shown(m).includes('Step 2 of 2'));
    await say(telegram, owner, account.clientSecret, (m) => shown(m).includes('Avito connected'), { timeoutMs: 10_000 });
    expect(shown(await say(telegram, owner, '/q add thanks Thank you!', (m) => shown(m).includes('say which')))).toContain('/q add whatsapp');
    await say(telegram, owner, '/q add avito thanks Thank you for your order!', (m) => shown(m).includes('saved for Avito'));
  }, 30_000);
});

describe('sending them in the private chat', () => {
  it('the button under a relayed message opens the list in place; a press sends once, even pressed twice', async () => {
    await greenApi.deliver(instance.idInstance, whatsappFrom(ivan).text('QR-PRIVATE-1', 'how much is the bike?'));
    const relayed = await telegram.waitForMessage(owner.id, (m) => shown(m).includes('how much is the bike?'));
    expect(relayed.inlineKeyboard?.flat().map((b) => b.text)).toEqual(['⚡ Quick reply']);
    const openedAt = Date.now();
    telegram.pressButton(owner, relayed.messageId, 'qr:open');
    await telegram.waitForCall('answerCallbackQuery', (c) => c.at >= openedAt);
    expect(buttonsOf(owner.id, relayed.messageId).some((b) => b.text === 'price')).toBe(true);
    const buttons = buttonsOf(owner.id, relayed.messageId);
    expect(buttons.map((b) => b.text)).toEqual(['hello', 'price', '✖ Close']);
    const price = buttons.find((b) => b.text === 'price')!.data!;
    const before = instance.sent.length;
    const asked = Date.now();
    // A double tap: both presses reach the bot before either is answered.
    telegram.pressButton(owner, relayed.messageId, price);
    telegram.pressButton(owner, relayed.messageId, price);
    const confirmation = await telegram.waitForMessage(owner.id, (m) => m.at >= asked && shown(m).includes('Sent to WhatsApp'));
    expect(shown(confirmation)).toContain('bike 10 000');
    await waitUntil(() => telegram.calls.filter((c) => c.method === 'answerCallbackQuery' && c.at >= asked).length === 2, 8000, 'both presses answered');
    const answers = telegram.calls.filter((c) => c.method === 'answerCallbackQuery' && c.at >= asked).map((c) => c.params.text);
    expect(answers.sort()).toEqual(['Already sent.', 'Sent.']);
    expect(instance.sent.slice(before)).toEqual([expect.objectContaining({ chatId: ivan.chatId, message: 'Our prices:\nbike 10 000\nhelmet 2 000', quotedMessageId: 'QR-PRIVATE-1' })]);
    // The list closed: the message carries its one button again, and may be answered again from it.
    await waitUntil(() => buttonsOf(owner.id, relayed.messageId).length === 1, 8000, 'the list closed');
    expect(buttonsOf(owner.id, relayed.messageId)).toEqual([{ text: '⚡ Quick reply', data: 'qr:open' }]);
  });

  it('/q name as a reply to a relayed message; an unknown name lists the saved ones', async () => {
    const relayed = telegram.sent(owner.id).find((m) => shown(m).includes('how much is the bike?'))!;
    const unknown = await say(telegram, owner, '/q nope', (m) => shown(m).includes('No quick reply named'), { replyTo: relayed.messageId });
    expect(shown(unknown)).toContain('hello, price');
    const before = instance.sent.length;
    await say(telegram, owner, '/q hello', (m) => shown(m).includes('Sent to WhatsApp'), { replyTo: relayed.messageId });
    expect(instance.sent.slice(before)).toEqual([expect.objectContaining({ chatId: ivan.chatId, message: 'Hi! What can I do for you?' })]);
    expect(shown(await say(telegram, owner, '/q hello', (m) => shown(m).includes('customer')))).toContain('as a reply to their message');
  });

  it('an Avito message gets the Avito answers', async () => {
    await avito.incoming(account, 'u2i-qr-1', avitoContents.text('Is it available?'));
    const relayed = await telegram.waitForMessage(owner.id, (m) => shown(m).includes('Is it available?'), 10_000);
    telegram.pressButton(owner, relayed.messageId, 'qr:open');
    await waitUntil(() => buttonsOf(owner.id, relayed.messageId).some((b) => b.text === 'thanks'), 8000, 'the Avito list');
    const thanks = buttonsOf(owner.id, relayed.messageId).find((b) => b.text === 'thanks')!.data!;
    const asked = Date.now();
    telegram.pressButton(owner, relayed.messageId, thanks);
    await telegram.waitForMessage(owner.id, (m) => m.at >= asked && shown(m).includes('Sent to Avito'));
    expect(account.sent.at(-1)).toEqual({ chatId: 'u2i-qr-1', text: 'Thank you for your order!' });
  });
});

describe('sending them from a team group', () => {
  it('in a topic: /q name and the button, signed with the member; a member not allowed is refused', async () => {
    await sayInGroup(owner, '/route whatsapp', (m) => shown(m).includes('now arrive in this group'));
    await greenApi.deliver(instance.idInstance, whatsappFrom(maria).text('QR-TEAM-1', 'do you deliver?'));
    const relayed = await telegram.waitForMessage(forum, (m) => shown(m).includes('do you deliver?'), 10_000);
    const topic = topicOf(maria)!;
    expect(relayed.threadId).toBe(topic.threadId);
    expect(relayed.inlineKeyboard?.flat().map((b) => b.text)).toEqual(['⚡ Quick reply']);

    // Anna is allowed; Boris is not.
    await sayInGroup(owner, '/answerers whatsapp only', (m) => shown(m).includes('Only you may answer'));
    const asked = Date.now();
    const hello = telegram.sendGroupMessage(anna, forum, 'hi all') as { message: { message_id: number } };
    await waitUntil(() => telegram.calls.some((c) => c.method === 'getUpdates' && c.at >= asked), 5000, 'the update fetched');
    await sayInGroup(owner, '/answerers whatsapp add', (m) => shown(m).includes('these members'), { replyTo: hello.message.message_id });

    const before = instance.sent.length;
    const sent = await sayInGroup(anna, '/q hello', (m) => shown(m).includes('Sent to WhatsApp'), { threadId: topic.threadId });
    expect(shown(sent)).toContain('Anna K');
    expect(sent.threadId).toBe(topic.threadId);
    expect(instance.sent.slice(before)).toEqual([expect.objectContaining({ chatId: maria.chatId, message: 'Hi! What can I do for you?' })]);

    const refused = await sayInGroup(boris, '/q price', (m) => shown(m).includes('may not answer'), { threadId: topic.threadId });
    expect(refused.threadId).toBe(topic.threadId);
    const pressedAt = Date.now();
    telegram.pressButton(boris, relayed.messageId, 'qr:open', { chatId: forum });
    const alert = await telegram.waitForCall('answerCallbackQuery', (c) => c.at >= pressedAt);
    expect(alert.params).toMatchObject({ show_alert: true, text: expect.stringContaining('may not answer') });
    expect(buttonsOf(forum, relayed.messageId).map((b) => b.text)).toEqual(['⚡ Quick reply']);
    expect(instance.sent.length).toBe(before + 1);

    const openedAt = Date.now();
    telegram.pressButton(anna, relayed.messageId, 'qr:open', { chatId: forum });
    await telegram.waitForCall('answerCallbackQuery', (c) => c.at >= openedAt);
    expect(buttonsOf(forum, relayed.messageId).some((b) => b.text === 'price')).toBe(true);
    const price = buttonsOf(forum, relayed.messageId).find((b) => b.text === 'price')!.data!;
    // Boris cannot use the list Anna opened either.
    const borisAt = Date.now();
    telegram.pressButton(boris, relayed.messageId, price, { chatId: forum });
    await telegram.waitForCall('answerCallbackQuery', (c) => c.at >= borisAt && c.params.show_alert === true);
    const annaAt = Date.now();
    telegram.pressButton(anna, relayed.messageId, price, { chatId: forum });
    telegram.pressButton(anna, relayed.messageId, price, { chatId: forum });
    const confirmation = await telegram.waitForMessage(forum, (m) => m.at >= annaAt && shown(m).includes('Sent to WhatsApp'));
    expect(shown(confirmation)).toContain('Anna K');
    expect(confirmation.threadId).toBe(topic.threadId);
    await waitUntil(() => telegram.calls.filter((c) => c.method === 'answerCallbackQuery' && c.at >= annaAt).length === 2, 8000, 'both presses answered');
    expect(instance.sent.slice(before + 1)).toEqual([expect.objectContaining({ chatId: maria.chatId, message: 'Our prices:\nbike 10 000\nhelmet 2 000' })]);
  });
});

describe('the bot removed from the routed group', () => {
  it('my_chat_member brings the connection back to the private chat at once, and the owner is told', async () => {
    expect(await hookbot.query('SELECT 1 FROM relay_routes WHERE chat_id = $1', [forum])).toHaveLength(1);
    const kickedAt = Date.now();
    telegram.setBotMembership(forum, { status: 'kicked' }, { by: owner });
    const told = await telegram.waitForMessage(owner.id, (m) => m.at >= kickedAt && shown(m).includes('removed from the group'), 8000);
    expect(shown(told)).toContain('WhatsApp');
    expect(await hookbot.query('SELECT 1 FROM relay_routes')).toHaveLength(0);
    // Nothing was sent to the group to find out: the update said it.
    expect(telegram.calls.filter((c) => c.at >= kickedAt && c.params.chat_id === forum)).toHaveLength(0);
    await greenApi.deliver(instance.idInstance, whatsappFrom(maria).text('QR-AFTER-KICK', 'still there?'));
    const back = await telegram.waitForMessage(owner.id, (m) => shown(m).includes('still there?'), 8000);
    expect(back.chatId).toBe(owner.id);
  });

  it('losing admin rights does the same', async () => {
    telegram.setBotMembership(forum, ADMIN);
    await sayInGroup(owner, '/route whatsapp', (m) => shown(m).includes('now arrive in this group'));
    const demotedAt = Date.now();
    telegram.setBotMembership(forum, { status: 'member' }, { by: owner });
    const told = await telegram.waitForMessage(owner.id, (m) => m.at >= demotedAt && shown(m).includes('no longer an admin'), 8000);
    expect(shown(told)).toContain('WhatsApp');
    expect(await hookbot.query('SELECT 1 FROM relay_routes')).toHaveLength(0);
  });

  it('asks Telegram for my_chat_member updates', () => {
    const polls = telegram.calls.filter((c) => c.method === 'getUpdates' && Array.isArray(c.params.allowed_updates));
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.at(-1)!.params.allowed_updates).toEqual(expect.arrayContaining(['message', 'callback_query', 'my_chat_member']));
  });
});
