/**
 * What every inbound body must be before anything else touches it: text PostgreSQL can store, and
 * JSON shallow enough for the recursive code after it (JSON.stringify, jsonb, zod).
 *
 * We refuse rather than repair: a NUL or an unpaired surrogate is never part of a real alert or
 * message, so silently changing the text would only hide a sender's bug, and the sender is told
 * exactly what to fix with a 400.
 */

/** Real webhooks nest a handful of levels; this leaves room for any of them and none for abuse. */
export const MAX_JSON_DEPTH = 64;

/** `syntaxError`: set when the text is not JSON at all (JSON.parse's own words), so a caller can say more. */
export type JsonResult = { ok: true; value: unknown } | { ok: false; error: string; syntaxError?: string };

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored as PostgreSQL text or jsonb, or undefined when it can. */
export function unstorableTextProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (UNPAIRED_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate (e.g. \\ud800), which is not valid Unicode text';
  return undefined;
}

function describePath(path: string): string {
  return path === '' ? 'body' : path;
}

/**
 * The first string (value or key) in `value` that cannot be stored, or a nesting deeper than
 * `maxDepth`, as an error for the sender. Walks with an explicit stack: no recursion at all.
 */
export function jsonValueProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      const problem = unstorableTextProblem(item.value);
      if (problem) return `${describePath(item.path)} ${problem}`;
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) return `JSON is nested deeper than ${maxDepth} levels`;
    if (Array.isArray(item.value)) {
      item.value.forEach((inner, index) => stack.push({ value: inner, path: `${item.path}[${index}]`, depth }));
      continue;
    }
    for (const [key, inner] of Object.entries(item.value)) {
      const path = item.path === '' ? key : `${item.path}.${key}`;
      const keyProblem = unstorableTextProblem(key);
      if (keyProblem) return `a key in ${describePath(item.path)} ${keyProblem}`;
      stack.push({ value: inner, path, depth });
    }
  }
  return undefined;
}

/**
 * Whether JSON text nests brackets deeper than `maxDepth`, counted without parsing (strings are
 * skipped): the guard in front of a recursive parser, which a deep enough text would overflow.
 */
export function jsonTextNestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i += 1; // a backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (code === 0x7d || code === 0x5d) depth -= 1;
  }
  return false;
}

/**
 * JSON.parse for input from outside: the result holds only text PostgreSQL can store, nested at
 * most `maxDepth` deep, else the error says what is wrong, ready for a 400. V8's JSON.parse is not
 * recursive (any depth parses), so bounding the depth right after it, before any recursive code
 * sees the value, is enough.
 */
export function parseStorableJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const syntaxError = error instanceof Error ? error.message : 'syntax error';
    return { ok: false, error: `body is not valid JSON (${syntaxError})`, syntaxError };
  }
  // Most bodies cannot hold a problem, and that can be seen in the text without walking the value:
  // a NUL or a lone surrogate reaches a parsed string only as a \u escape (JSON text cannot
  // carry a raw NUL) or as a raw unpaired surrogate, and the depth is counted on the text.
  if (!MAY_HOLD_UNSTORABLE_ESCAPE.test(text) && !UNPAIRED_SURROGATE.test(text) && !jsonTextNestsDeeperThan(text, maxDepth)) {
    return { ok: true, value };
  }
  const problem = jsonValueProblem(value, maxDepth);
  return problem ? { ok: false, error: problem } : { ok: true, value };
}

/** `\u0000` or any surrogate escape (paired ones too: the walk tells them apart). */
const MAY_HOLD_UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;
