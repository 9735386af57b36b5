import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, TEMPLATE_MAX_LENGTH } from '../handlers/messageTemplate.js';

const render = (source: string, values: Record<string, unknown>): string => {
  const parsed = parseTemplate(source);
  if (!parsed.ok) throw new Error(parsed.error);
  return renderTemplate(parsed.parts, values);
};

describe('message templates', () => {
  it('fills fields, nested ones included, and leaves a missing one empty', () => {
    expect(render('{{action}} {{ symbol }} @ {{price}}{{missing}}', { action: 'buy', symbol: 'BTCUSDT', price: 50000 })).toBe('buy BTCUSDT @ 50000');
    expect(render('note: {{extra.note}} / {{extra.deep.x}}', { extra: { note: 'hi', deep: { x: [1, 2] } } })).toBe('note: hi / [1,2]');
  });

  it('escapes every character of the output, the template text and the values alike: no markup gets through', () => {
    expect(render('<b>{{symbol}}</b> & co', { symbol: '<script>alert(1)</script>' })).toBe('&lt;b&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/b&gt; &amp; co');
  });

  it('runs no code: a field name is a path, not an expression, and a path never reaches inherited properties', () => {
    expect(parseTemplate('{{ constructor.constructor("return 1")() }}').ok).toBe(false);
    expect(parseTemplate('{{price * 2}}').ok).toBe(false);
    expect(render('[{{constructor}}][{{toString}}][{{__proto__}}]', { price: 1 })).toBe('[][][]');
  });

  it('refuses what it cannot read, saying where', () => {
    expect(parseTemplate('{{symbol')).toEqual({ ok: false, error: '"{{" at character 1 is never closed with "}}"' });
    expect(parseTemplate('a }} b')).toEqual({ ok: false, error: '"}}" at character 3 closes nothing' });
    expect(parseTemplate('x {{}} y')).toMatchObject({ ok: false, error: expect.stringContaining('at character 3 is not a field name') });
    expect(parseTemplate('   ')).toEqual({ ok: false, error: 'the template is empty' });
    expect(parseTemplate('x'.repeat(TEMPLATE_MAX_LENGTH + 1))).toEqual({ ok: false, error: `the template is longer than ${TEMPLATE_MAX_LENGTH} characters` });
    expect(parseTemplate('{{a}}'.repeat(51))).toEqual({ ok: false, error: 'the template has more than 50 fields' });
  });
});
