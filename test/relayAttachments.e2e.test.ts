import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations, type Database } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { withAttachment } from '../src/services/relay/attachments.js';
import { enqueueMessages, OutboxWorker } from '../src/services/telegram/outbox.js';
import { waitUntil } from './support/conversation.js';
import { createTestDatabase } from './support/database.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';

/** Relayed attachments through the real outbox to the fake Telegram, which fetches files by URL. */
let telegram: FakeTelegram;
let database: Database;
let worker: OutboxWorker;
let files: Server;
let filesUrl: string;
const chatId = 7301;

beforeAll(async () => {
  files = createServer((request, response) => {
    if ((request.url ?? '').includes('gone')) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(`bytes of ${request.url}`);
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
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
  await new Promise((resolve) => files?.close(resolve));
});

describe('relayed attachments', () => {
  it('photo, video, audio and document by URL with the caption, then location and contact after their text, in order', async () => {
    await enqueueMessages(database.pool, [
      ...withAttachment(chatId, '<b>photo</b> caption', { kind: 'photo', url: `${filesUrl}/p.jpg` }),
      ...withAttachment(chatId, 'video caption', { kind: 'video', url: `${filesUrl}/v.mp4` }),
      ...withAttachment(chatId, '', { kind: 'audio', url: `${filesUrl}/a.ogg` }),
      ...withAttachment(chatId, 'doc caption', { kind: 'document', url: `${filesUrl}/d.pdf` }),
      ...withAttachment(chatId, '📍 Red Square', { kind: 'location', latitude: 55.7539, longitude: 37.6208 }),
      ...withAttachment(chatId, '', { kind: 'contact', phoneNumber: '+79001234567', firstName: 'Ivan', vcard: 'BEGIN:VCARD\nEND:VCARD' }),
    ]);
    worker.wake();
    const photo = await telegram.waitForMessage(chatId, (m) => m.method === 'sendPhoto');
    expect(photo).toMatchObject({ fileRef: `${filesUrl}/p.jpg`, caption: '<b>photo</b> caption', parseMode: 'HTML' });
    expect(photo.photo?.data.toString()).toBe('bytes of /p.jpg');
    const video = await telegram.waitForMessage(chatId, (m) => m.method === 'sendVideo');
    expect(video.caption).toBe('video caption');
    expect(video.video?.data.toString()).toBe('bytes of /v.mp4');
    const audio = await telegram.waitForMessage(chatId, (m) => m.method === 'sendAudio');
    expect(audio.caption).toBeUndefined();
    const document = await telegram.waitForMessage(chatId, (m) => m.method === 'sendDocument');
    expect(document.fileRef).toBe(`${filesUrl}/d.pdf`);
    const placeText = await telegram.waitForMessage(chatId, (m) => m.text === '📍 Red Square');
    const location = await telegram.waitForMessage(chatId, (m) => m.method === 'sendLocation');
    expect(location.location).toEqual({ latitude: 55.7539, longitude: 37.6208 });
    const contact = await telegram.waitForMessage(chatId, (m) => m.method === 'sendContact');
    expect(contact.contact).toMatchObject({ phone_number: '+79001234567', first_name: 'Ivan' });
    const order = [photo, video, audio, document, placeText, location, contact].map((m) => m.messageId);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The outbox records each delivered message's id: what a reply is matched against.
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
    await enqueueMessages(database.pool, withAttachment(chatId, long, { kind: 'photo', url: `${filesUrl}/long.jpg` }));
    worker.wake();
    const text = await telegram.waitForMessage(chatId, (m) => (m.text ?? '').startsWith('start'));
    const photo = await telegram.waitForMessage(chatId, (m) => m.fileRef === `${filesUrl}/long.jpg`);
    expect(text.text).toBe(long);
    expect(photo.caption).toBeUndefined();
    expect(photo.messageId).toBeGreaterThan(text.messageId);
  });

  it('sends the caption and the link when Telegram cannot fetch the file', async () => {
    await enqueueMessages(database.pool, withAttachment(chatId, 'big <i>video</i>', { kind: 'video', url: `${filesUrl}/gone.mp4?a=1&b=2` }));
    worker.wake();
    const message = await telegram.waitForMessage(chatId, (m) => (m.text ?? '').includes('gone.mp4'));
    expect(message.method).toBe('sendMessage');
    expect(message.text).toBe(`big <i>video</i>\n📎 ${filesUrl}/gone.mp4?a=1&amp;b=2`);
  });
});
