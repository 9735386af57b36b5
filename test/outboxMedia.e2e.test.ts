import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations, type Database } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { enqueueMessages, OutboxWorker } from '../src/services/telegram/outbox.js';
import { waitUntil } from './support/conversation.js';
import { createTestDatabase } from './support/database.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';

let telegram: FakeTelegram;
let database: Database;
let worker: OutboxWorker;
const chatId = 7301;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  const log = createLogger('silent');
  database = openDatabase(await createTestDatabase(), log, 4);
  await runMigrations(database, log);
  worker = new OutboxWorker({
    pool: database.pool,
    api: new Api(telegram.token, { apiRoot: telegram.url }),
    log,
    ratePerSecond: 100,
    concurrency: 4,
    leaseSeconds: 30,
    onChatBlocked: async () => undefined,
  });
  await worker.start();
});

afterAll(async () => {
  await worker?.stop();
  await database?.close();
  await telegram?.close();
});

describe('outbox attachments', () => {
  it('sends photo, video, audio and document by URL with the caption, then location and contact, in order', async () => {
    const buttons = { inline_keyboard: [[{ text: 'Open', url: 'https://example.com' }]] };
    await enqueueMessages(database.pool, [
      { chatId, html: '<b>photo</b> caption', attachment: { kind: 'photo', url: 'https://files.example/p.jpg' }, buttons },
      { chatId, html: 'video caption', attachment: { kind: 'video', url: 'https://files.example/v.mp4' } },
      { chatId, html: '', attachment: { kind: 'audio', url: 'https://files.example/a.ogg' } },
      { chatId, html: 'doc caption', attachment: { kind: 'document', url: 'https://files.example/d.pdf' } },
      { chatId, html: '📍 Red Square', attachment: { kind: 'location', latitude: 55.7539, longitude: 37.6208 } },
      { chatId, html: '', attachment: { kind: 'contact', phoneNumber: '+79001234567', firstName: 'Ivan', vcard: 'BEGIN:VCARD\nEND:VCARD' } },
    ]);
    worker.wake();
    const photo = await telegram.waitForMessage(chatId, (m) => m.method === 'sendPhoto');
    expect(photo).toMatchObject({ fileRef: 'https://files.example/p.jpg', caption: '<b>photo</b> caption', parseMode: 'HTML' });
    expect(photo.inlineKeyboard?.[0]?.[0]?.text).toBe('Open');
    const video = await telegram.waitForMessage(chatId, (m) => m.method === 'sendVideo');
    expect(video.caption).toBe('video caption');
    const audio = await telegram.waitForMessage(chatId, (m) => m.method === 'sendAudio');
    expect(audio.caption).toBeUndefined();
    const document = await telegram.waitForMessage(chatId, (m) => m.method === 'sendDocument');
    expect(document.fileRef).toBe('https://files.example/d.pdf');
    const placeText = await telegram.waitForMessage(chatId, (m) => m.text === '📍 Red Square');
    const location = await telegram.waitForMessage(chatId, (m) => m.method === 'sendLocation');
    expect(location.location).toEqual({ latitude: 55.7539, longitude: 37.6208 });
    const contact = await telegram.waitForMessage(chatId, (m) => m.method === 'sendContact');
    expect(contact.contact).toMatchObject({ phone_number: '+79001234567', first_name: 'Ivan' });
    const order = [photo, video, audio, document, placeText, location, contact].map((m) => m.messageId);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The worker records the message id just after Telegram answers.
    await waitUntil(
      async () => (await database.pool.query(`SELECT 1 FROM telegram_outbox WHERE chat_id = $1 AND status = 'pending'`, [chatId])).rowCount === 0,
      5000,
      'all rows sent',
    );
    const rows = await database.pool.query<{ method: string; telegram_message_id: number }>(
      `SELECT method, telegram_message_id FROM telegram_outbox WHERE chat_id = $1 ORDER BY id`,
      [chatId],
    );
    expect(rows.rows.map((r) => r.method)).toEqual(['sendPhoto', 'sendVideo', 'sendAudio', 'sendDocument', 'sendMessage', 'sendLocation', 'sendContact']);
    expect(rows.rows.map((r) => Number(r.telegram_message_id))).toEqual(order);
  });

  it('sends a caption longer than Telegram allows as text before the media', async () => {
    const long = `start ${'x'.repeat(1100)} end`;
    await enqueueMessages(database.pool, [{ chatId, html: long, attachment: { kind: 'photo', url: 'https://files.example/long.jpg' } }]);
    worker.wake();
    const text = await telegram.waitForMessage(chatId, (m) => (m.text ?? '').startsWith('start'));
    const photo = await telegram.waitForMessage(chatId, (m) => m.fileRef === 'https://files.example/long.jpg');
    expect(text.text).toBe(long);
    expect(photo.caption).toBeUndefined();
    expect(photo.messageId).toBeGreaterThan(text.messageId);
  });

  it('sends the link instead when Telegram cannot fetch the media by its URL', async () => {
    telegram.failNext('sendVideo', 1, { kind: 'server', status: 400 });
    await enqueueMessages(database.pool, [{ chatId, html: 'big <i>video</i>', attachment: { kind: 'video', url: 'https://files.example/huge.mp4?a=1&b=2' } }]);
    worker.wake();
    const message = await telegram.waitForMessage(chatId, (m) => (m.text ?? '').includes('huge.mp4'));
    expect(message.method).toBe('sendMessage');
    expect(message.text).toBe('big <i>video</i>\n📎 https://files.example/huge.mp4?a=1&amp;b=2');
  });
});
