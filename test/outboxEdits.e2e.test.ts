import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/transaction.js';
import { enqueueLiveEdit, enqueueMessages, enqueueStreamItem, outboxUpload } from '../src/services/telegram/outbox.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';
import { waitUntil } from './support/scrapeApi.js';

let telegram: FakeTelegram;
let hookbot: TestHookbot;
const user = { id: 7401, first_name: 'Outbox' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  hookbot = await startTestHookbot(telegram);
  await registerUser(telegram, user);
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
});

const statusOf = async (id: number) => (await hookbot.query<{ status: string }>('SELECT status FROM telegram_outbox WHERE id = $1', [id]))[0]?.status;

describe('outbox edits and documents', () => {
  it('edits a message queued earlier in place, in order with the rest of the chat', async () => {
    const [original] = await enqueueMessages(hookbot.database.pool, [{ chatId: user.id, html: 'progress <b>0/3</b>' }]);
    const [, edit] = await enqueueMessages(hookbot.database.pool, [
      { chatId: user.id, html: 'card 1' },
      { chatId: user.id, editOf: original!, html: 'progress <b>1/3</b>' },
    ]);
    await waitUntil(async () => (await statusOf(edit!)) === 'sent', 10_000, 'the edit');
    const sent = telegram.sent(user.id).find((message) => message.text === 'progress <b>0/3</b>');
    const edits = telegram.calls.filter((call) => call.method === 'editMessageText' && call.params.chat_id === user.id);
    expect(edits.map((call) => [call.params.message_id, call.params.text])).toEqual([[sent!.messageId, 'progress <b>1/3</b>']]);
    expect(telegram.chat(user.id).messages.find((message) => message.message_id === sent!.messageId)?.text).toBe('progress 1/3');
    // The same text again: Telegram refuses it as "not modified", which is no failure.
    const [same] = await enqueueMessages(hookbot.database.pool, [{ chatId: user.id, editOf: original!, html: 'progress <b>1/3</b>' }]);
    await waitUntil(async () => (await statusOf(same!)) === 'sent', 10_000, 'the identical edit');
  });

  it('live edits: coalesced while queued, one a second at most, never what the chat shows already', async () => {
    const live = { id: 7402, first_name: 'Live' };
    await registerUser(telegram, live);
    const pool = hookbot.database.pool;
    const [card] = await enqueueMessages(pool, [{ chatId: live.id, html: 'card <b>v0</b>' }]);
    await waitUntil(async () => (await statusOf(card!)) === 'sent', 10_000, 'the card');
    const editCalls = () => telegram.calls.filter((call) => call.method === 'editMessageText' && call.params.chat_id === live.id);
    const editRows = async () => (await hookbot.query<{ status: string }>(`SELECT status FROM telegram_outbox WHERE chat_id = $1 AND method = 'editMessageText' ORDER BY id`, [live.id])).map((row) => row.status);

    // Three states in a row: the chat gets the last one, once.
    await inTransaction(pool, async (client) => {
      for (const version of ['v1', 'v2', 'v3']) await enqueueLiveEdit(client, { chatId: live.id, editOf: card!, html: `card <b>${version}</b>` });
    });
    await waitUntil(async () => editCalls().length === 1 && (await editRows()).join() === 'sent', 10_000, 'the coalesced edit');
    expect(editCalls().map((call) => call.params.text)).toEqual(['card <b>v3</b>']);

    // What the chat shows already is not sent again.
    expect(await enqueueLiveEdit(pool, { chatId: live.id, editOf: card!, html: 'card <b>v3</b>' })).toBeUndefined();
    // A state that goes back to what is shown before it left: the queued edit is dropped.
    await inTransaction(pool, async (client) => {
      await enqueueLiveEdit(client, { chatId: live.id, editOf: card!, html: 'card <b>v4</b>' });
      await enqueueLiveEdit(client, { chatId: live.id, editOf: card!, html: 'card <b>v3</b>' });
    });
    expect(await editRows()).toEqual(['sent', 'dropped']);

    // A new state goes, no sooner than a second after the last one.
    await enqueueLiveEdit(pool, { chatId: live.id, editOf: card!, html: 'card <b>v5</b>' });
    await waitUntil(async () => editCalls().length === 2, 10_000, 'the next edit');
    const [first, second] = editCalls();
    expect(second!.params.text).toBe('card <b>v5</b>');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
    expect(editCalls().every((call) => call.response?.ok === true)).toBe(true);
    expect(telegram.chat(live.id).messages.find((message) => 'text' in message && message.text === 'card v5')).toBeDefined();
  });

  it('drops an edit of a message that never reached the chat', async () => {
    telegram.failNext('sendMessage', 1, { kind: 'server', status: 400 }, { chatId: user.id });
    const [original] = await enqueueMessages(hookbot.database.pool, [{ chatId: user.id, html: 'will be refused' }]);
    const [edit] = await enqueueMessages(hookbot.database.pool, [{ chatId: user.id, editOf: original!, html: 'edit of nothing' }]);
    await waitUntil(async () => (await statusOf(edit!)) === 'dropped', 10_000, 'the edit to be dropped');
    expect(await statusOf(original!)).toBe('failed');
    expect(telegram.calls.some((call) => call.method === 'editMessageText' && call.params.text === 'edit of nothing')).toBe(false);
  });

  it('sends a document with its caption, bytes and file name intact', async () => {
    const content = Buffer.from('\uFEFFname\r\nمطعم\r\n', 'utf8');
    const [id] = await enqueueMessages(hookbot.database.pool, [
      {
        chatId: user.id,
        html: '📄 <b>places</b>',
        call: { method: 'sendDocument', params: { document: outboxUpload('مطاعم-القاهرة.csv', content), caption: '📄 <b>places</b>', parse_mode: 'HTML' } },
      },
    ]);
    await waitUntil(async () => (await statusOf(id!)) === 'sent', 10_000, 'the document');
    const document = telegram.sent(user.id).find((message) => message.method === 'sendDocument');
    expect(document?.caption).toBe('📄 <b>places</b>');
    expect(document?.document?.filename).toBe('مطاعم-القاهرة.csv');
    expect(document?.document?.data.equals(content)).toBe(true);
  });

  it('joins stream items that are still waiting, and only those', async () => {
    // The chat is busy: its head message hangs, so what follows waits in the queue.
    telegram.failNext('sendMessage', 1, { kind: 'hang', ms: 1_500 }, { chatId: user.id });
    const [head] = await enqueueMessages(hookbot.database.pool, [{ chatId: user.id, html: 'busy head' }]);
    await telegram.waitForCall('sendMessage', (call) => call.params.text === 'busy head');
    const pool = hookbot.database.pool;
    const first = await enqueueStreamItem(pool, { chatId: user.id, html: 'item 1' }, 'job-a');
    const second = await enqueueStreamItem(pool, { chatId: user.id, html: 'item 2' }, 'job-a');
    const other = await enqueueStreamItem(pool, { chatId: user.id, html: 'item x' }, 'job-b');
    const third = await enqueueStreamItem(pool, { chatId: user.id, html: 'item 3' }, 'job-a');
    expect(second).toBe(first);
    expect(other).not.toBe(first);
    // Something else came in between: item 3 may not jump ahead of it.
    expect(third).not.toBe(first);
    await waitUntil(async () => (await statusOf(third)) === 'sent', 10_000, 'the stream');
    expect(await statusOf(head!)).toBe('sent');
    const texts = telegram.sent(user.id).map((message) => message.text);
    expect(texts.slice(texts.indexOf('busy head'))).toEqual(['busy head', 'item 1\n\nitem 2', 'item x', 'item 3']);
    const sentCall = telegram.calls.find((call) => call.method === 'sendMessage' && call.params.text === 'item x');
    expect(sentCall?.params).not.toHaveProperty('stream');
  });
});
