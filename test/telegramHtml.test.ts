import { describe, expect, it } from 'vitest';
import { escapeHtml, splitHtml, visibleLength } from '../src/services/telegram/html.js';

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
