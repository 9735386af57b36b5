/**
 * Left-to-right runs (commands, URLs, JSON, symbols, English names) inside right-to-left text.
 *
 * In an Arabic sentence the bidi algorithm gives the neutral characters at the edge of a Latin run
 * (the `/` of `/url`, the braces and quotes of JSON) the sentence's direction, so they are drawn
 * on the wrong side: `أرسل /url` shows as `url/`. Wrapping each such run in LEFT-TO-RIGHT ISOLATE
 * ... POP DIRECTIONAL ISOLATE (U+2066, U+2069) lays it out on its own, left to right, and the
 * sentence around it treats it as one neutral block. Isolates go around `<code>` elements, never
 * inside, so a tapped code copies clean.
 */

export const LRI = '\u2066';
export const PDI = '\u2069';

/** Strong right-to-left: Arabic and Hebrew letters (and their digits, which break a run too), tatweel, RLM, ALM. */
const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\u0640\u200F\u061C]/u;
const LETTER = /[\p{L}\u200E]/u;
/** Combining marks (Arabic harakat, accents) go with the letter they sit on. */
const MARK = /\p{M}/u;
const DIGIT = /\p{Nd}/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
/** Punctuation that ends the sentence around a run rather than belonging to it. */
const SENTENCE_END = new Set(['.', ',', ';', ':', '!', '?', '…', '،', '؛', '؟']);
const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>', '«': '»' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));
const QUOTES = new Set(['"', "'", '`']);

type Kind = 'rtl' | 'ltr' | 'digit' | 'space' | 'newline' | 'neutral' | 'open-tag' | 'close-tag';

interface Unit {
  kind: Kind;
  /** Where the unit is in the HTML: [start, end). */
  start: number;
  end: number;
  /** The visible character (entities decoded); empty for tags and code elements. */
  char: string;
  /** Tag name, for tags. */
  tag?: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function decodeEntity(entity: string): string {
  const named = ENTITIES[entity.slice(1, -1)];
  if (named) return named;
  const numeric = /^&#(x?)([0-9a-fA-F]+);$/.exec(entity);
  return numeric ? String.fromCodePoint(Number.parseInt(numeric[2]!, numeric[1] ? 16 : 10)) : entity;
}

function kindOf(char: string): Kind {
  if (char === '\n') return 'newline';
  if (/\s/u.test(char)) return 'space';
  if (RTL.test(char)) return 'rtl';
  // Emoji that are letters to Unicode (ℹ️) need no isolating.
  if (LETTER.test(char) && !PICTOGRAPH.test(char)) return 'ltr';
  if (DIGIT.test(char)) return 'digit';
  return 'neutral';
}

/** Visible text of an HTML fragment. */
function visible(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(?:[a-z]+|#\d+|#x[0-9a-fA-F]+);/g, decodeEntity);
}

function units(html: string): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < html.length) {
    if (html[i] === '<') {
      const end = html.indexOf('>', i);
      if (end === -1) break;
      const name = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(i, end + 1))?.[1]?.toLowerCase() ?? '';
      const closing = html[i + 1] === '/';
      // A code or pre element is one unit: its content is taken as it is, and nothing goes inside.
      if (!closing && (name === 'code' || name === 'pre')) {
        const close = html.indexOf(`</${name}>`, end);
        const content = close === -1 ? '' : visible(html.slice(end + 1, close));
        if (close !== -1) {
          // Code that mixes in right-to-left words is left as it is: marks inside would be copied with it.
          const kind: Kind = RTL.test(content) ? 'rtl' : LETTER.test(content) ? 'ltr' : DIGIT.test(content) ? 'digit' : 'neutral';
          out.push({ kind, start: i, end: close + name.length + 3, char: '' });
          i = close + name.length + 3;
          continue;
        }
      }
      out.push({ kind: closing ? 'close-tag' : 'open-tag', start: i, end: end + 1, char: '', tag: name });
      i = end + 1;
      continue;
    }
    if (html[i] === '&') {
      const entity = /^&(?:[a-z]+|#\d+|#x[0-9a-fA-F]+);/.exec(html.slice(i, i + 12))?.[0];
      if (entity) {
        const char = decodeEntity(entity);
        out.push({ kind: kindOf(char), start: i, end: i + entity.length, char });
        i += entity.length;
        continue;
      }
    }
    const char = String.fromCodePoint(html.codePointAt(i)!);
    const previous = out[out.length - 1];
    const kind = MARK.test(char) && previous && !isTag(previous) ? previous.kind : kindOf(char);
    out.push({ kind, start: i, end: i + char.length, char });
    i += char.length;
  }
  return out;
}

const isTag = (unit: Unit) => unit.kind === 'open-tag' || unit.kind === 'close-tag';
const attached = (unit: Unit | undefined) => unit !== undefined && (unit.kind === 'neutral' || unit.kind === 'digit');

/** Whether the run's characters leave this bracket or quote unmatched (then it belongs to the sentence). */
function unmatched(run: Unit[], index: number): boolean {
  const char = run[index]!.char;
  const chars = run.map((unit) => unit.char);
  if (QUOTES.has(char)) return chars.filter((c) => c === char).length % 2 === 1;
  const open = PAIRS[char];
  if (open !== undefined) return !chars.slice(index + 1).includes(open);
  const opener = CLOSERS.get(char);
  if (opener !== undefined) return !chars.slice(0, index).includes(opener);
  return false;
}

/** The run's first and last content units, after dropping edge punctuation that is the sentence's. */
function trimRun(content: Unit[], first: number, last: number): [number, number] {
  for (;;) {
    const run = content.slice(first, last + 1);
    const head = run[0]!;
    const tail = run[run.length - 1]!;
    if (first < last && (head.kind === 'neutral' && unmatched(run, 0))) first += 1;
    else if (first < last && tail.kind === 'neutral' && (SENTENCE_END.has(tail.char) || unmatched(run, run.length - 1))) last -= 1;
    else return [first, last];
  }
}

/**
 * Wraps every left-to-right run of a right-to-left message in an isolate. A run starts and ends at a
 * letter of a left-to-right script (or a code element holding one), and takes in what is written
 * against it without a space (`/`, `@`, brackets, digits: `/url`, `{"a":1}`, `BTCUSDT.P`) and the
 * spaces and neutrals between two such words (`HTTP POST`, `buy BTCUSDT @ 50000` in a code element).
 */
export function isolateLtrRuns(html: string): string {
  const all = units(html);
  const inserts: Array<{ at: number; text: string }> = [];
  // Segments: stretches between right-to-left characters and line ends; tags do not break them.
  let segment: Unit[] = [];
  const flush = () => {
    const content = segment.filter((unit) => !isTag(unit));
    segment = [];
    const letters = content.map((unit, index) => (unit.kind === 'ltr' ? index : -1)).filter((index) => index >= 0);
    if (letters.length === 0) return;
    let first = letters[0]!;
    let last = letters[letters.length - 1]!;
    while (attached(content[first - 1])) first -= 1;
    while (attached(content[last + 1])) last += 1;
    [first, last] = trimRun(content, first, last);
    let start = all.indexOf(content[first]!);
    let end = all.indexOf(content[last]!);
    // An element that wraps exactly the run (e.g. <b>Webhook URL</b>) keeps the isolate outside it.
    while (all[start - 1]?.kind === 'open-tag' && all[end + 1]?.kind === 'close-tag' && all[start - 1]!.tag === all[end + 1]!.tag) {
      start -= 1;
      end += 1;
    }
    inserts.push({ at: all[start]!.start, text: LRI }, { at: all[end]!.end, text: PDI });
  };
  for (const unit of all) {
    if (unit.kind === 'rtl' || unit.kind === 'newline') flush();
    else segment.push(unit);
  }
  flush();
  let out = html;
  for (const { at, text } of inserts.sort((a, b) => b.at - a.at)) out = out.slice(0, at) + text + out.slice(at);
  return out;
}
