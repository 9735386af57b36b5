import { describe, expect, it } from 'vitest';
import { jsonValueProblem, MAX_JSON_DEPTH, parseStorableJson } from '../handlers/storableJson.js';
import { seededRandom } from './support/random.js';

/** Pieces of JSON string content, raw or escaped, storable or not. */
const PIECES = ['a', 'ü', '😀', '\\u0000', '\\ud800', '\\udc00', '\\ud83d\\ude00', '\\uD83D', '\\\\u0000', '\\\\', '\\"', '\\n', '\\u0041', '\ud800', '\udfff', '\ud83d\ude00'];

function randomText(random: () => number): string {
  const piece = () => PIECES[Math.floor(random() * PIECES.length)]!;
  const string = () => `"${Array.from({ length: Math.floor(random() * 4) }, piece).join('')}"`;
  const depth = random() < 0.1 ? MAX_JSON_DEPTH - 2 + Math.floor(random() * 5) : 1 + Math.floor(random() * 4);
  let text = random() < 0.5 ? string() : `{${string()}:${string()}}`;
  for (let level = 1; level < depth; level += 1) text = random() < 0.5 ? `[${text},${string()}]` : `{${string()}:${text}}`;
  return text;
}

describe('parseStorableJson', () => {
  it('gives the same verdict as walking the parsed value, for every mix of escapes and depths', () => {
    const random = seededRandom(20261202);
    let refused = 0;
    for (let n = 0; n < 5_000; n += 1) {
      const text = randomText(random);
      const value: unknown = JSON.parse(text);
      const expected = jsonValueProblem(value);
      const result = parseStorableJson(text);
      expect(result.ok ? undefined : result.error, text).toBe(expected);
      if (expected) refused += 1;
    }
    // Both verdicts were exercised.
    expect(refused).toBeGreaterThan(500);
    expect(refused).toBeLessThan(4_500);
  });

  it('refuses a NUL, a lone surrogate and a too deep nesting, and takes the same text escaped', () => {
    expect(parseStorableJson('{"note":"\\u0000"}')).toEqual({ ok: false, error: 'note contains a NUL character (\\u0000), which cannot be stored' });
    expect(parseStorableJson('["\\ud800"]').ok).toBe(false);
    expect(parseStorableJson(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)).toEqual({
      ok: false,
      error: `JSON is nested deeper than ${MAX_JSON_DEPTH} levels`,
    });
    expect(parseStorableJson('{"note":"\\\\u0000 and \\ud83d\\ude00"}')).toEqual({ ok: true, value: { note: '\\u0000 and 😀' } });
  });
});
