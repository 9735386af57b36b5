/** Telegram's HTML mode needs exactly these three escaped; anything user-supplied goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const TELEGRAM_TEXT_LIMIT = 4096;

/**
 * Length as Telegram counts it against its limits: the text after tags are removed and entities
 * decoded, in Unicode code points (an emoji outside the BMP is one, as is `&amp;`).
 */
export function visibleLength(html: string): number {
  return codePoints(html.replace(/<[^>]*>/g, '').replace(/&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/g, '_'));
}

function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // The low half of a surrogate pair is part of the code point its high half started.
    if (code < 0xdc00 || code > 0xdfff || i === 0 || !isHighSurrogate(text.charCodeAt(i - 1))) count += 1;
  }
  return count;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

const OPEN_TAG = /<([a-z-]+)(\s[^>]*)?>/g;

function unclosedTags(html: string): string[] {
  const stack: string[] = [];
  const tokens = html.match(/<\/?[a-z-]+(\s[^>]*)?>/g) ?? [];
  for (const token of tokens) {
    if (token.startsWith('</')) stack.pop();
    else stack.push(token);
  }
  return stack;
}

function closingFor(openTags: string[]): string {
  return [...openTags]
    .reverse()
    .map((tag) => `</${tag.replace(OPEN_TAG, '$1')}>`)
    .join('');
}

/**
 * Splits an HTML message into parts Telegram accepts. It cuts at line breaks when it can, else at
 * spaces, else anywhere outside a tag or entity; tags still open at a cut are closed in one part
 * and reopened in the next, so every part is valid HTML on its own.
 */
export function splitHtml(html: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (visibleLength(html) <= limit) return [html];
  const parts: string[] = [];
  let rest = html;
  let reopen = '';
  while (rest.length > 0) {
    const candidate = reopen + rest;
    if (visibleLength(candidate) <= limit) {
      parts.push(candidate);
      break;
    }
    const cut = findCut(candidate, limit - 64);
    const head = candidate.slice(0, cut);
    const open = unclosedTags(head);
    parts.push((head + closingFor(open)).trimEnd());
    reopen = open.join('');
    rest = candidate.slice(cut).replace(/^\n/, '');
    if (reopen) rest = rest.replace(new RegExp(`^${escapeRegExp(reopen)}`), '');
  }
  return parts.filter((part) => visibleLength(part) > 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The largest index whose visible prefix fits in `budget`, preferring a newline, then a space. */
function findCut(html: string, budget: number): number {
  let visible = 0;
  let lastSafe = 0;
  let lastSpace = -1;
  let lastNewline = -1;
  let i = 0;
  while (i < html.length && visible < budget) {
    const ch = html[i];
    if (ch === '<') {
      const end = html.indexOf('>', i);
      i = end === -1 ? html.length : end + 1;
      lastSafe = i;
      continue;
    }
    if (ch === '&') {
      const end = html.indexOf(';', i);
      i = end === -1 ? i + 1 : end + 1;
    } else {
      // One code point, as visibleLength counts it: surrogate pairs (emoji, rare scripts) stay whole.
      i += isHighSurrogate(html.charCodeAt(i)) && i + 1 < html.length ? 2 : 1;
      if (ch === '\n') lastNewline = i;
      else if (ch === ' ') lastSpace = i;
    }
    visible += 1;
    lastSafe = i;
  }
  if (lastNewline > budget / 2) return lastNewline;
  if (lastSpace > budget / 2) return lastSpace;
  return Math.max(lastSafe, 1);
}
