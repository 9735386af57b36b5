/**
 * How a user wants a relayed alert to read: literal text with `{{field}}` (or `{{a.b}}`) holes
 * filled from the alert. No expressions, no code, no markup: the template is text, every piece of
 * the output (the literal text included) is HTML-escaped, and a field that is missing renders as
 * nothing.
 */

export const TEMPLATE_MAX_LENGTH = 1000;
const MAX_FIELDS = 50;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

export type TemplatePart = { text: string } | { field: string[] };

export type ParsedTemplate = { ok: true; parts: TemplatePart[] } | { ok: false; error: string };

/** Checks and splits a template; the error says what to fix and where (1-based character). */
export function parseTemplate(source: string): ParsedTemplate {
  if (source.trim() === '') return { ok: false, error: 'the template is empty' };
  if (source.length > TEMPLATE_MAX_LENGTH) return { ok: false, error: `the template is longer than ${TEMPLATE_MAX_LENGTH} characters` };
  const parts: TemplatePart[] = [];
  let fields = 0;
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('{{', at);
    const strayClose = source.indexOf('}}', at);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) return { ok: false, error: `"}}" at character ${strayClose + 1} closes nothing` };
    if (open === -1) {
      parts.push({ text: source.slice(at) });
      break;
    }
    if (open > at) parts.push({ text: source.slice(at, open) });
    const close = source.indexOf('}}', open + 2);
    if (close === -1) return { ok: false, error: `"{{" at character ${open + 1} is never closed with "}}"` };
    const name = source.slice(open + 2, close).trim();
    if (!FIELD_NAME.test(name)) {
      return { ok: false, error: `"{{${source.slice(open + 2, close)}}}" at character ${open + 1} is not a field name (letters, digits, _ and dots, such as {{symbol}} or {{extra.note}})` };
    }
    fields += 1;
    if (fields > MAX_FIELDS) return { ok: false, error: `the template has more than ${MAX_FIELDS} fields` };
    parts.push({ field: name.split('.') });
    at = close + 2;
  }
  return { ok: true, parts };
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function valueAt(values: Record<string, unknown>, path: string[]): string {
  let value: unknown = values;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return '';
    value = (value as Record<string, unknown>)[key];
  }
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The template filled in, as Telegram HTML: every character from the template and the values escaped. */
export function renderTemplate(parts: readonly TemplatePart[], values: Record<string, unknown>): string {
  return parts.map((part) => escapeHtml('text' in part ? part.text : valueAt(values, part.field))).join('');
}
