import { describe, expect, it } from 'vitest';
import { avitoChatChanged, avitoPolledEvent, avitoSendingOrder, largestImage, parseAvitoWebhook } from '../handlers/avito.js';
import { bearerMatches, parseGreenApiWebhook } from '../handlers/whatsapp.js';
import { splitAvitoText } from '../src/services/avito/avitoApi.js';
import { greenApiWebhooks } from './support/fakeGreenApi.js';
import { avitoContents, avitoWebhookBody } from './support/fakeAvito.js';

const request = (body: unknown, headers: Record<string, string> = {}) => ({
  contentType: 'application/json',
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  headers,
});

describe('Green API webhook handler', () => {
  const connection = { webhookToken: 'secret-token-1234567890', idInstance: '1101000001' };
  const hooks = greenApiWebhooks({ idInstance: '1101000001', wid: '79990001122@c.us' }, 'https://sw-media-out.storage.yandexcloud.net');
  const auth = { authorization: 'Bearer secret-token-1234567890' };

  it('checks the bearer token', () => {
    expect(bearerMatches('Bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('bearer  abc ', 'abc')).toBe(true);
    expect(bearerMatches('Bearer abd', 'abc')).toBe(false);
    expect(bearerMatches('abc', 'abc')).toBe(false);
    expect(bearerMatches(undefined, 'abc')).toBe(false);
    expect(bearerMatches('Bearer ', '')).toBe(false);
    expect(parseGreenApiWebhook(request(hooks.text('1')), undefined)).toMatchObject({ ok: false, status: 401 });
  });

  it('normalizes a group message with the group name and the sender phone', () => {
    const body = { ...hooks.text('G-1', 'hi all'), senderData: { chatId: '120363043968066561@g.us', sender: '79001234567@c.us', chatName: 'Team', senderName: 'Ann' } };
    const result = parseGreenApiWebhook(request(body, auth), connection);
    expect(result).toMatchObject({
      ok: true,
      event: { kind: 'message', chatId: '120363043968066561@g.us', chatName: 'Team', senderName: 'Ann', phone: '+79001234567', group: true, content: { type: 'text', text: 'hi all' } },
      dedupe: { key: 'wa:1101000001:G-1' },
    });
  });

  it('takes the document name as its caption source and the TEL of a vCard', () => {
    const document = parseGreenApiWebhook(request(hooks.document('D-1'), auth), connection);
    expect(document).toMatchObject({ ok: true, event: { content: { type: 'media', media: 'document', fileName: 'Report.pdf', caption: 'Document' } } });
    const contact = parseGreenApiWebhook(request(hooks.contact('C-1'), auth), connection);
    expect(contact).toMatchObject({ ok: true, event: { content: { type: 'contact', name: 'GREEN-API', phone: '+7 900 123-45-67' } } });
  });
});

describe('Avito webhook handler', () => {
  const message = { id: 'm-1', author_id: 555, created: 1_700_000_000, type: 'text', direction: 'in' as const, content: { text: 'hello' }, is_read: false };

  it('treats an empty body and {} as the probe', () => {
    expect(parseAvitoWebhook(request(''), 1)).toEqual({ ok: 'ignored', reason: 'probe' });
    expect(parseAvitoWebhook(request(' {} '), undefined)).toEqual({ ok: 'ignored', reason: 'probe' });
  });

  it('parses a v3 message and dedupes on its id', () => {
    expect(parseAvitoWebhook(request(avitoWebhookBody(94, 'chat-1', message)), 94)).toMatchObject({
      ok: true,
      event: { accountId: 94, chatId: 'chat-1', messageId: 'm-1', authorId: 555, content: { type: 'text', text: 'hello' }, via: 'push' },
      dedupe: { key: 'avito:m-1' },
    });
  });

  it('acknowledges deliveries for an account that is not connected, and unknown payload types', () => {
    expect(parseAvitoWebhook(request(avitoWebhookBody(94, 'chat-1', message)), undefined)).toMatchObject({ ok: 'ignored' });
    expect(parseAvitoWebhook(request({ id: 'x', version: 'v3.0.0', timestamp: 1, payload: { type: 'chat_read', value: {} } }), 94)).toEqual({
      ok: 'ignored',
      reason: 'payload type chat_read is not relayed',
    });
  });

  it('picks the largest image and skips our own polled messages', () => {
    expect(largestImage(avitoContents.image().content.image.sizes)).toBe('https://00.img.avito.st/1280x960/5181479220.jpg');
    expect(avitoPolledEvent(94, 'c', { ...message, author_id: 94, content: { text: 'mine' } })).toBeUndefined();
    expect(avitoPolledEvent(94, 'c', { ...message, type: 'system', content: {} })).toBeUndefined();
    expect(avitoPolledEvent(94, 'c', message)?.dedupe.key).toBe('avito:m-1');
  });
});

describe('Avito polling: what changed, and in which order', () => {
  it('a chat changed when its updated time or its last message differs, whoever wrote last', () => {
    const chat = { updated: 1_700_000_010, lastMessage: { id: 'm2', created: 1_700_000_010 } };
    expect(avitoChatChanged(chat, undefined)).toBe(true);
    expect(avitoChatChanged(chat, { updated: 1_700_000_010, lastMessageId: 'm2' })).toBe(false);
    expect(avitoChatChanged(chat, { updated: 1_700_000_005, lastMessageId: 'm1' })).toBe(true);
    // A message in the same second as the last look changes only the last message id.
    expect(avitoChatChanged(chat, { updated: 1_700_000_010, lastMessageId: 'm1' })).toBe(true);
  });

  it('puts a newest-first listing in sending order, same-second messages included, each once', () => {
    const listed = [
      { id: 'c', created: 20 },
      { id: 'b', created: 20 },
      { id: 'a', created: 20 },
      { id: 'z', created: 10 },
      { id: 'a', created: 20 },
    ];
    expect(avitoSendingOrder(listed).map((message) => message.id)).toEqual(['z', 'a', 'b', 'c']);
  });
});

describe('splitting replies for Avito', () => {
  it('keeps short text whole and cuts long text at spaces, at most 1,000 characters a part', () => {
    expect(splitAvitoText('hello')).toEqual(['hello']);
    const words = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
    const parts = splitAvitoText(words);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(1000);
    expect(parts.join(' ')).toBe(words);
    const solid = 'я'.repeat(2500);
    expect(splitAvitoText(solid).map((p) => p.length)).toEqual([1000, 1000, 500]);
  });

  it('never splits an emoji in half', () => {
    const emoji = '😀'.repeat(600);
    const parts = splitAvitoText(emoji);
    for (const part of parts) expect(part).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(parts.join('')).toBe(emoji);
  });
});
