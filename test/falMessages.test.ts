import { describe, expect, it } from 'vitest';
import type { FalImage, FalWebhookEvent } from '../handlers/fal.js';
import { createI18n } from '../src/i18n.js';
import { falMessages } from '../src/services/fal/relayFal.js';

const i18n = createI18n();
const t = (key: string, variables?: Record<string, string | number>) => i18n.t('en', key, variables);
const CHAT = 42;

function event(overrides: Partial<FalWebhookEvent>): FalWebhookEvent {
  return {
    requestId: 'req-1',
    gatewayRequestId: 'req-1',
    falUserId: 'u',
    status: 'OK',
    label: null,
    error: null,
    errorDetails: [],
    payloadError: null,
    images: [],
    files: [],
    payload: {},
    ...overrides,
  };
}

const image = (n: number, fileSize: number | null = 1000): FalImage => ({
  url: `https://v3.fal.media/files/${n}.png`,
  contentType: 'image/png',
  width: 1024,
  height: 1024,
  fileSize,
});

describe('falMessages', () => {
  it('splits more than ten images into albums of ten, and sends a lone rest as a photo', () => {
    const images = Array.from({ length: 11 }, (_, i) => image(i + 1));
    const messages = falMessages(event({ images, payload: { seed: 7 } }), CHAT, t);
    expect(messages.map((m) => m.call?.method)).toEqual(['sendMediaGroup', 'sendPhoto']);
    const album = messages[0]!.call!.params.media as Array<{ media: string; caption?: string }>;
    expect(album).toHaveLength(10);
    expect(album[0]?.caption).toContain('11 images');
    expect(album[1]?.caption).toBeUndefined();
    expect(messages[1]!.call!.params).toEqual({ photo: images[10]!.url });
    // Each carries its links as the text to send if Telegram cannot fetch the photos.
    expect(messages[1]!.html).toContain('image 11');
  });

  it('links an image over the 5 MB Telegram fetches by URL instead of sending it as a photo', () => {
    const messages = falMessages(event({ images: [image(1), image(2, 6 * 1024 * 1024)] }), CHAT, t);
    expect(messages.map((m) => m.call?.method)).toEqual(['sendPhoto', undefined]);
    expect(messages[1]!.html).toContain('<a href="https://v3.fal.media/files/2.png">image 1</a>');
  });

  it('escapes what FAL sent, in text and in links', () => {
    const [message] = falMessages(
      event({ label: '<b>x</b>', payload: { note: 'a < b & c' }, files: [{ field: 'video', url: 'https://x.y/a"b.mp4' }] }),
      CHAT,
      t,
    );
    expect(message!.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(message!.html).toContain('a &lt; b &amp; c');
    expect(message!.html).toContain('href="https://x.y/a&quot;b.mp4"');
  });

  it('says so when the result is empty, and caps long summaries', () => {
    expect(falMessages(event({ payload: {} }), CHAT, t)[0]!.html).toContain('empty result');
    expect(falMessages(event({ payload: null }), CHAT, t)[0]!.html).toContain('empty result');
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`field${i}`, 'x'.repeat(500)]));
    const html = falMessages(event({ payload: many }), CHAT, t)[0]!.html;
    expect(html).toContain('and 5 more fields');
    expect(html).not.toContain('x'.repeat(300));
  });

  it.each([
    ['Invalid status code: 422', 'did not accept the input'],
    ['Invalid status code: 401', 'refused the credentials'],
    ['Invalid status code: 429', 'too busy'],
    ['Request timed out', 'took too long'],
    ['Invalid status code: 500', "failed on FAL's side"],
  ])('explains "%s" in plain words', (error, words) => {
    expect(falMessages(event({ status: 'ERROR', error, payload: { detail: 'x' } }), CHAT, t)[0]!.html).toContain(words);
  });

  it('shows the payload of an ERROR that has no FastAPI details, and a default when FAL gives no error', () => {
    const html = falMessages(event({ status: 'ERROR', payload: { reason: 'out of memory' } }), CHAT, t)[0]!.html;
    expect(html).toContain('FAL did not say what went wrong');
    expect(html).toContain('out of memory');
  });
});
