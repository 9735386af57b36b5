import { describe, expect, it } from 'vitest';
import { escapeHtml, splitHtml, visibleLength } from '../src/services/telegram/html.js';
import { parseTelegramHtml } from './support/fakeTelegram.js';
import { seededRandom } from './support/random.js';

/** What Telegram measures: the parsed text of a part, in code points (it refuses a part over 4,096). */
const telegramLength = (part: string) => [...parseTelegramHtml(part).text].length;

describe('escapeHtml', () => {
  it('escapes exactly what Telegram HTML needs', () => {
    expect(escapeHtml('a < b && c > d "q"')).toBe('a &lt; b &amp;&amp; c &gt; d "q"');
  });
});

describe('splitHtml', () => {
  it('leaves a short message alone', () => {
    expect(splitHtml('<b>hi</b> there')).toEqual(['<b>hi</b> there']);
  });

  it('splits long text at line breaks into parts within the limit, losing nothing', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    const parts = splitHtml(lines.join('\n'));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(visibleLength(part)).toBeLessThanOrEqual(4096);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it('closes and reopens a tag cut in the middle, so each part is valid on its own', () => {
    const html = `<blockquote>${'word '.repeat(2000)}</blockquote>`;
    const parts = splitHtml(html);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.startsWith('<blockquote>')).toBe(true);
      expect(part.endsWith('</blockquote>')).toBe(true);
      expect(visibleLength(part)).toBeLessThanOrEqual(4096);
    }
  });

  it('never cuts inside an entity or a surrogate pair', () => {
    const html = '&amp;😀'.repeat(3000);
    const parts = splitHtml(html);
    for (const part of parts) {
      expect(part).not.toMatch(/&[a-z]*$/);
      expect(part).not.toMatch(/^[a-z]*;/);
      expect(/[\ud800-\udbff]$/.test(part)).toBe(false);
    }
    expect(parts.join('')).toBe(html);
  });
});

describe('splitHtml counts as Telegram does: code points of the visible text', () => {
  const emoji = '😀'; // one code point, two UTF-16 units

  it('keeps 4,096 emoji in one message', () => {
    const html = emoji.repeat(4096);
    expect(visibleLength(html)).toBe(4096);
    expect(splitHtml(html)).toEqual([html]);
  });

  it('splits 4,097 emoji into parts Telegram accepts, losing nothing', () => {
    const html = emoji.repeat(4097);
    const parts = splitHtml(html);
    expect(parts.length).toBe(2);
    for (const part of parts) expect(telegramLength(part)).toBeLessThanOrEqual(4096);
    expect(parts.join('')).toBe(html);
  });

  it('cuts emoji, Latin and Cyrillic text at the same count, tags whole and entities counted once', () => {
    for (const unit of [emoji, 'a', 'ж', '&amp;']) {
      const html = `<b>${unit.repeat(3000)}</b><i>${unit.repeat(3000)}</i>`;
      expect(visibleLength(html), unit).toBe(6000);
      const parts = splitHtml(html);
      const sizes = parts.map(telegramLength); // parseTelegramHtml throws on a cut tag or entity
      expect(sizes, unit).toEqual(splitHtml(`<b>${'a'.repeat(3000)}</b><i>${'a'.repeat(3000)}</i>`).map(telegramLength));
      for (const size of sizes) expect(size, unit).toBeLessThanOrEqual(4096);
      expect(parts.map((part) => parseTelegramHtml(part).text).join(''), unit).toBe(parseTelegramHtml(html).text);
    }
  });

  it('never lets a part exceed 4,096 whatever the mix, nor cuts a tag', () => {
    const pieces = ['😀', 'a', ' ', '\n', '&lt;', '<b>x</b>', '<a href="https://example.com/a?b=1&amp;c=2">link😀</a>', 'ж', '🇪🇬'];
    const random = seededRandom(7);
    for (let round = 0; round < 5; round += 1) {
      const html = Array.from({ length: 4000 + round * 1000 }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      expect(visibleLength(html)).toBeGreaterThan(4096);
      const parts = splitHtml(html);
      for (const part of parts) expect(telegramLength(part)).toBeLessThanOrEqual(4096);
      // Cuts happen at line breaks or spaces, which are dropped there: compare what is left.
      const squeeze = (text: string) => text.replace(/\s+/g, '');
      expect(squeeze(parts.map((part) => parseTelegramHtml(part).text).join(''))).toBe(squeeze(parseTelegramHtml(html).text));
    }
  });
});
