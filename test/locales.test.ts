import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { I18n } from '@grammyjs/i18n';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { helpText } from '../bot/features/help.js';
import { TRADINGVIEW_EXAMPLE } from '../bot/shared.js';
import { alertActions } from '../handlers/tradingview.js';
import { createI18n, localesDir, pickLanguage, supportedLanguages } from '../src/i18n.js';
import { escapeHtml } from '../src/services/telegram/html.js';

const RLM = '\u200F';

// ---------------------------------------------------------------------------------------------
// Reading the .ftl sources

interface MessageSource {
  key: string;
  variables: string[];
}

/** Messages of a Fluent file in order: `key = value` plus its indented continuation lines. */
function parseFtl(source: string): MessageSource[] {
  const messages: { key: string; body: string }[] = [];
  let current: { key: string; body: string } | undefined;
  for (const line of source.split('\n')) {
    const start = /^([a-zA-Z][a-zA-Z0-9_-]*)\s*=(.*)$/.exec(line);
    if (start?.[1] !== undefined) {
      current = { key: start[1], body: start[2] ?? '' };
      messages.push(current);
    } else if (current && (line.startsWith(' ') || line.trim() === '')) {
      current.body += `\n${line}`;
    } else {
      current = undefined; // a comment or anything else at column 0 ends the message
    }
  }
  return messages.map(({ key, body }) => ({
    key,
    variables: [...new Set([...body.matchAll(/\$([a-zA-Z][a-zA-Z0-9_-]*)/g)].map((m) => m[1] as string))].sort(),
  }));
}

const sources = Object.fromEntries(
  supportedLanguages.map((locale) => [locale, parseFtl(readFileSync(path.join(localesDir, `${locale}.ftl`), 'utf8'))]),
) as Record<(typeof supportedLanguages)[number], MessageSource[]>;

const keysOf = (locale: (typeof supportedLanguages)[number]) => sources[locale].map((m) => m.key);
const englishKeys = keysOf('en');

// ---------------------------------------------------------------------------------------------
// Helpers under test themselves

type Direction = 'rtl' | 'ltr';

/**
 * The first strong directional character of a line, as the Unicode bidi algorithm picks the
 * paragraph direction: RLM/ALM and Arabic/Hebrew letters are RTL, LRM and other letters (Latin,
 * Cyrillic) LTR; digits, punctuation, spaces and emoji are neutral and skipped.
 */
function firstStrong(text: string): Direction | undefined {
  for (const ch of text) {
    if (ch === RLM || ch === '\u061C') return 'rtl';
    if (ch === '\u200E') return 'ltr';
    if (/\p{L}/u.test(ch)) return /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(ch) ? 'rtl' : 'ltr';
  }
  return undefined;
}

/** What Telegram shows: tags removed, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

const TELEGRAM_TAGS = new Set([
  'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'tg-emoji', 'code', 'pre', 'blockquote',
]);

/** Problems Telegram's HTML parser would reject: unknown or unbalanced tags, bare `<`, `>` or `&`. */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>|&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);|[<>&]/g;
  for (const match of html.matchAll(token)) {
    const [text, closing, name] = match;
    if (name === undefined) {
      if (!text.startsWith('&') || text === '&') problems.push(`bare "${text}" at ${match.index}`);
      continue;
    }
    const tag = name.toLowerCase();
    if (!TELEGRAM_TAGS.has(tag)) problems.push(`tag <${tag}> is not allowed by Telegram`);
    if (closing) {
      const open = stack.pop();
      if (open !== tag) problems.push(`</${tag}> closes ${open ? `<${open}>` : 'nothing'}`);
    } else {
      stack.push(tag);
    }
  }
  for (const open of stack) problems.push(`<${open}> is never closed`);
  return problems;
}

describe('helpers of this test', () => {
  it('firstStrong skips neutrals and finds the first strong character', () => {
    expect(firstStrong('👋 123 /start مرحبا')).toBe('ltr'); // "start" comes before the Arabic
    expect(firstStrong('👋 123 — مرحبا /start')).toBe('rtl');
    expect(firstStrong(`${RLM}/start — hello`)).toBe('rtl');
    expect(firstStrong('… Привет')).toBe('ltr');
    expect(firstStrong('🚫 42 —')).toBeUndefined();
  });

  it('htmlProblems accepts valid Telegram HTML and rejects the rest', () => {
    expect(htmlProblems('<b>a</b> <code>x &lt; y &amp; z</code> <a href="https://x.y">l</a>')).toEqual([]);
    expect(htmlProblems('<b>a')).toHaveLength(1);
    expect(htmlProblems('<b><i>a</b></i>')).not.toEqual([]);
    expect(htmlProblems('<div>a</div>')).not.toEqual([]);
    expect(htmlProblems('a < b')).not.toEqual([]);
    expect(htmlProblems('Tom & Jerry')).not.toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Rendering every message

let i18n: I18n;
let warn: MockInstance<typeof console.warn>;

beforeAll(() => {
  // @grammyjs/i18n reports a message missing from a locale through console.warn (captured when the
  // instance is built) and then quietly falls back to English: spy first, then build.
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  i18n = createI18n();
});

afterAll(() => {
  warn.mockRestore();
});

const URL = 'https://hooks.example.com/hooks/tradingview/AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const LEGACY_URL = 'https://hooks.example.com/personal/AbCdEfGhIjKlMnOpQrStUvWxYz012345/webhook';

/** Plausible values, as the code passes them (already HTML-escaped, ids as strings). */
function sampleVariables(locale: string): Record<string, string | number> {
  return {
    action: i18n.t(locale, 'action-buy'),
    symbol: 'BTCUSDT',
    price: '50000.5',
    key: 'strategy',
    value: escapeHtml('Breakout <v2> & retest'),
    name: escapeHtml('@alice_trader'),
    url: URL,
    legacyUrl: LEGACY_URL,
    example: escapeHtml(TRADINGVIEW_EXAMPLE),
    window: 60,
    provider: 'TradingView',
    total: '25',
    page: '2',
    pages: '3',
    id: '123456789',
    language: 'en',
    status: i18n.t(locale, 'status-active'),
    blocked: ` ${i18n.t(locale, 'status-blocked')}`,
    registered: '2026-01-22 13:53 UTC',
    // /stats
    active: '21',
    inactive: '4',
    date: '2026-02-01 08:00 UTC',
    // FAL
    encodedUrl: encodeURIComponent(URL.replace('tradingview', 'fal')),
    labelUrl: `${URL.replace('tradingview', 'fal')}?label=portrait-42`,
    label: escapeHtml('portrait <v2>'),
    seed: '196619188014358660',
    prompt: escapeHtml('Photo of a cute dog <3'),
    count: 3,
    link: '<a href="https://v3.fal.media/files/a.png">image 1</a>',
    error: 'Invalid status code: 422',
    field: 'prompt',
    message: 'field required',
    // WhatsApp and Avito
    instance: '1101000001',
    state: 'authorized',
    setting: 'webhookUrl',
    detail: escapeHtml('Green API setSettings: 500 <oops>'),
    chat: escapeHtml('Family & friends'),
    phone: '+79001234568',
    place: escapeHtml('Red Square, Moscow'),
    account: '94235311',
    webhook: i18n.t(locale, 'avito-webhook-yes'),
    mode: i18n.t(locale, 'avito-mode-push'),
    last: '2026-02-01 08:00 UTC',
    seconds: 30,
    item: '<a href="https://avito.ru/item/1">Bike</a> · 10 000 ₽',
    kind: 'voice',
    service: 'WhatsApp',
    parts: '3',
    reason: i18n.t(locale, 'reply-reason-unreachable'),
    command: '/connect whatsapp',
    where: i18n.t(locale, 'team-route-done-forum'),
    rights: `• ${i18n.t(locale, 'team-right-topics')}`,
    ids: '<code>7001</code>, <code>7002</code>',
    quiet: i18n.t(locale, 'notify-quiet', { hours: '22:00–08:00', zone: 'Europe/Moscow' }),
    hours: '22:00–08:00',
    size: 25,
    limit: 20,
    zone: 'Europe/Moscow',
    names: '<code>hello</code>, <code>price</code>',
    length: 1200,
    // Trading (account, detail, seconds and count are shared with the samples above)
    market: i18n.t(locale, 'trade-market-linear'),
    role: i18n.t(locale, 'trade-role-open'),
    side: i18n.t(locale, 'trade-side-buy'),
    qty: '0.002',
    orderId: '1321003749386327552',
    leverage: 5,
    minutes: 5,
    min: '0.001',
    max: '119',
    held: '0.0005',
    coin: 'BTC',
    amount: '25',
    lag: '60 s',
    ips: '203.0.113.7',
    result: i18n.t(locale, 'orders-status-rejected'),
    step: '0.001',
    marketPrice: '3000',
    deviation: '99',
    tolerance: '3',
    position: '2',
    contracts: '2',
    distance: '500',
    entry: '50000',
    protection: 'sl 1.5% tp 1%:50% 3%:50% breakeven',
    balance: '10000',
    percent: '1.5',
    sizing: i18n.t(locale, 'settings-sizing-fixed'),
    // /positions, /balance, /pnl and the daily summary
    mark: '51000',
    usd: '12920.95',
    rate: 67,
    trades: 3,
    period: i18n.t(locale, 'pnl-period-week'),
    hour: '21:00',
    equity: '10012.5',
    available: '9000',
    // /events and replays
    sender: escapeHtml('Anna <shop>'),
    job: escapeHtml('portrait <v2>'),
    bytes: '1024',
    newId: '123456790',
    what: `${i18n.t(locale, 'action-buy')} <b>BTCUSDT</b>`,
    template: escapeHtml('Signal: BUY BTCUSDT at 50000 <fast>'),
    fields: '<code>action</code>, <code>symbol</code>, <code>price</code>',
    fee: '0.055',
    received: '12:00:01 UTC',
    placed: '12:00:01 UTC',
    tp: '52000',
    sl: '49000',
    index: 1,
    fees: '0.11',
    pnl: '+1.89',
    problem: '110017: current position is zero',
    // Reconciliation and orders ended outside Hookbot
    expected: i18n.t(locale, 'reconcile-side-long'),
    actual: i18n.t(locale, 'reconcile-side-short'),
    filled: '0',
    // Maps scrapes
    query: escapeHtml('restaurants in Cairo <best> & cheap'),
    bar: '▓▓▓▓░░░░░░░░',
    done: 4,
    found: 18,
    cellsDone: 3,
    cellsTotal: 9,
    phase: i18n.t(locale, 'scrape-phase-running'),
    phones: 10,
    websites: 7,
    emails: 3,
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    prefix: 'hb_AbCd',
    base: 'https://hooks.example.com',
    // PUBLIC_URL warning for admins
    reasons: [i18n.t(locale, 'public-url-reason-unset'), i18n.t(locale, 'public-url-reason-port')].join('\n'),
    // watches, place lists, proxies
    time: '09:00',
    day: i18n.t(locale, 'watch-weekday-1'),
    schedule: i18n.t(locale, 'watch-schedule-daily', { time: '09:00', zone: 'UTC' }),
    fresh: 3,
    changed: 1,
    closed: 1,
    input: 'ChIJ-missing-place-id-000',
    problems: escapeHtml('places[1]: "x" is neither a Google Maps place link nor a place id (ChIJ…)'),
    proxy: '10.0.0.5:3128',
    number: 1,
    at: '2026-01-22 09:00 UTC',
  };
}

function renderAll(locale: string): { key: string; text: string }[] {
  const variables = sampleVariables(locale);
  return englishKeys.map((key) => ({ key, text: i18n.t(locale, key, variables) }));
}

describe('locale files', () => {
  it('all three locales have exactly the same keys, each once', () => {
    expect(englishKeys.length).toBeGreaterThan(50);
    expect(new Set(englishKeys).size).toBe(englishKeys.length);
    for (const locale of supportedLanguages) {
      const keys = keysOf(locale);
      expect(new Set(keys).size, `duplicate keys in ${locale}.ftl`).toBe(keys.length);
      expect([...keys].sort(), `keys of ${locale}.ftl`).toEqual([...englishKeys].sort());
    }
  });

  it('there are no other locale files than the supported languages', () => {
    const files = readdirSync(localesDir).filter((file) => file.endsWith('.ftl'));
    expect(files.sort()).toEqual(supportedLanguages.map((locale) => `${locale}.ftl`).sort());
  });

  it('every translation uses the same variables as the English message', () => {
    const english = new Map(sources.en.map((m) => [m.key, m.variables]));
    for (const locale of supportedLanguages) {
      for (const message of sources[locale]) {
        expect(message.variables, `${locale}: ${message.key}`).toEqual(english.get(message.key));
      }
    }
  });

  it('keeps the keys the server uses for relayed alerts and status notices', () => {
    const serverKeys = [
      'alert-title', 'alert-action', 'alert-symbol', 'alert-price', 'alert-no-symbol', 'alert-extra', 'alert-text',
      ...alertActions.map((action) => `action-${action}`),
      'account-deactivated-notice', 'account-activated-notice',
    ];
    for (const key of serverKeys) expect(englishKeys).toContain(key);
  });

  it('has every key the bot code names', () => {
    const botDir = path.join(localesDir, '..');
    const files = readdirSync(botDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    const named = new Set<string>();
    for (const file of files) {
      const code = readFileSync(path.join(botDir, file), 'utf8');
      // Quoted kebab-case words: translation keys (callback data use ':' and never match).
      for (const match of code.matchAll(/['"]([a-z]+(?:-[a-z]+)+)['"]/g)) named.add(match[1] as string);
    }
    // The command menu builds its keys as `cmd-<command>`.
    for (const command of ['start', 'url', 'fal', 'lang', 'help', 'users', 'user', 'activate', 'deactivate', 'connect', 'disconnect', 'whatsapp', 'avito']) named.add(`cmd-${command}`);
    for (const command of ['start', 'url', 'lang', 'help', 'users', 'user', 'activate', 'deactivate', 'settings', 'keys', 'orders', 'events', 'template']) named.add(`cmd-${command}`);
    for (const command of ['start', 'url', 'fal', 'scrape', 'scrapenew', 'cancel', 'apikey', 'lang', 'help', 'users', 'user', 'activate', 'deactivate', 'connect', 'disconnect', 'whatsapp', 'avito']) named.add(`cmd-${command}`);
    expect(named.size).toBeGreaterThan(30);
    for (const key of named) expect(englishKeys, `key "${key}" used in bot/`).toContain(key);
  });

  it('every variable the messages use has a plausible sample here', () => {
    const used = new Set(sources.en.flatMap((m) => m.variables));
    const samples = sampleVariables('en');
    for (const variable of used) expect(Object.keys(samples), `sample for $${variable}`).toContain(variable);
  });
});

describe.each(supportedLanguages)('messages in %s', (locale) => {
  it('render without Fluent errors, missing keys or fallbacks', () => {
    warn.mockClear();
    const example = String(sampleVariables(locale).example);
    for (const { key, text } of renderAll(locale)) {
      expect(text, key).not.toBe(`{${key}}`);
      expect(text.trim().length, key).toBeGreaterThan(0);
      // Fluent renders an unresolvable reference as `{name}`; the JSON example has braces of its own.
      expect(text.split(example).join(''), key).not.toMatch(/[{}]/);
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it('fail loudly when a variable is missing (so the code must pass them all)', () => {
    expect(() => i18n.t(locale, 'users-line', { id: '1' })).toThrow(/Unknown variable/);
  });

  it('use only balanced, Telegram-allowed HTML', () => {
    for (const { key, text } of renderAll(locale)) expect(htmlProblems(text), `${locale}: ${key}`).toEqual([]);
  });

  it('keep plain-text keys (menu, buttons, pop-ups) free of tags and within Telegram limits', () => {
    for (const { key, text } of renderAll(locale)) {
      if (!/^(cmd|btn|callback)-/.test(key)) continue;
      expect(text, key).not.toMatch(/[<>&]/);
      if (key.startsWith('callback-')) expect(text.length, key).toBeLessThanOrEqual(200);
      if (key.startsWith('cmd-')) expect(text.length, key).toBeLessThanOrEqual(256);
    }
  });

  it('keep URLs and codes intact (no direction marks inside <code>)', () => {
    const variables = sampleVariables(locale);
    const text = i18n.t(locale, 'url-message', variables);
    expect(text).toContain(`<code>${URL}</code>`);
    expect(text).toContain(`<code>${LEGACY_URL}</code>`);
    expect(text).toContain(`<code>${escapeHtml(TRADINGVIEW_EXAMPLE)}</code>`);
    for (const { key, text: message } of renderAll(locale)) {
      for (const code of message.matchAll(/<code>([^<]*)<\/code>/g)) expect(code[1], key).not.toMatch(/[\u200E\u200F\u061C\u2066-\u2069]/);
    }
  });

  it('fit each /help message, with the admin part, in one Telegram message (4096 characters as shown)', () => {
    const t = (key: string, variables?: Record<string, string | number>) => i18n.t(locale, key, variables);
    // The largest values the settings allow, so no configuration pushes it over.
    const messages = helpText(t, { dedupeWindowSeconds: 86_400, scrapeMaxResults: 1_000, admin: true });
    for (const message of messages) expect([...visibleText(message)].length).toBeLessThanOrEqual(4096);
    const text = messages.join('\n');
    for (const command of ['/url', '/fal', '/scrape', '/watch', '/q', '/web', '/positions', '/balance', '/pnl', '/summary', '/users']) expect(text).toContain(command);
  });

  it('say the dedupe window with the right plural form', () => {
    const help = (window: number) => i18n.t(locale, 'help-text', { example: 'x', window });
    const expected: Record<string, [number, string][]> = {
      en: [[1, '1 second '], [60, '60 seconds']],
      ru: [[1, '1 секунды'], [3, '3 секунд'], [60, '60 секунд'], [21, '21 секунды']],
      ar: [[1, 'ثانية واحدة'], [2, 'ثانيتين'], [5, '5 ثوانٍ'], [60, '60 ثانية']],
    };
    for (const [window, phrase] of expected[locale] ?? []) expect(help(window)).toContain(phrase);
  });
});

describe('Arabic layout', () => {
  it('every non-empty line starts right-to-left', () => {
    const checked: string[] = [];
    for (const { key, text } of renderAll('ar')) {
      for (const line of text.split('\n')) {
        const visible = visibleText(line);
        if (visible.trim() === '') continue;
        checked.push(key);
        expect(firstStrong(visible), `ar: ${key}: ${JSON.stringify(line)}`).toBe('rtl');
      }
    }
    expect(checked.length).toBeGreaterThan(100);
  });

  it('lines opening with an emoji, digit, Latin letter or /command carry RLM first', () => {
    for (const { key, text } of renderAll('ar')) {
      for (const line of text.split('\n')) {
        const visible = visibleText(line).replace(/^\u200F/, '');
        if (/^[\p{Extended_Pictographic}\p{N}\p{Script=Latin}/]/u.test(visible)) {
          expect(line.startsWith(RLM), `ar: ${key}: ${JSON.stringify(line)}`).toBe(true);
        }
      }
    }
  });

  it('isolates every left-to-right run (commands, URLs, JSON, names), around code elements', () => {
    for (const { key, text } of renderAll('ar')) {
      // Code that mixes in Arabic is left whole (marks inside would be copied with it).
      const outsideIsolates = visibleText(text.replace(/<code>[^<]*\p{Script=Arabic}[^<]*<\/code>/gu, '')).replace(/\u2066[^\u2069]*\u2069/g, '');
      expect(outsideIsolates, `ar: ${key}`).not.toMatch(/\p{Script=Latin}/u);
      expect(text, `ar: ${key}`).not.toMatch(/<code>\u2066|\u2069<\/code>/);
    }
  });

  it('the same check catches an English line (the test can fail)', () => {
    const english = i18n.t('en', 'need-start');
    expect(firstStrong(visibleText(english))).toBe('ltr');
  });
});

describe('pickLanguage', () => {
  it.each([
    ['ar-EG', 'ar'],
    ['ar', 'ar'],
    ['ru', 'ru'],
    ['RU-ru', 'ru'],
    ['en-US', 'en'],
    ['de', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ] as const)('%s -> %s', (code, expected) => {
    expect(pickLanguage(code)).toBe(expected);
  });
});
