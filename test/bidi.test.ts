import { describe, expect, it } from 'vitest';
import { isolateLtrRuns } from '../src/services/telegram/bidi.js';
import { createI18n } from '../src/i18n.js';

/** Isolates made visible: ⟦ = LRI, ⟧ = PDI. */
const marked = (html: string) => isolateLtrRuns(html).replace(/\u2066/g, '⟦').replace(/\u2069/g, '⟧');

describe('isolateLtrRuns', () => {
  it('isolates a command, with its slash, inside an Arabic sentence', () => {
    expect(marked('أرسل /url للحصول على الرابط')).toBe('أرسل ⟦/url⟧ للحصول على الرابط');
    expect(marked('\u200F/connect whatsapp — اربط')).toBe('\u200F⟦/connect whatsapp⟧ — اربط');
  });

  it('puts the isolates around a code element, never inside it', () => {
    expect(marked('مثلًا: <code>{"a":1}</code>')).toBe('مثلًا: ⟦<code>{"a":1}</code>⟧');
    expect(marked('الحقول <code>symbol</code> و<code>action</code>.')).toBe('الحقول ⟦<code>symbol</code>⟧ و⟦<code>action</code>⟧.');
    expect(marked('خيار <b>Webhook URL</b> والصق')).toBe('خيار ⟦<b>Webhook URL</b>⟧ والصق');
  });

  it('leaves the sentence its own punctuation, and takes matched brackets', () => {
    expect(marked('من TradingView (أو من أي خدمة تستطيع إرسال طلب HTTP POST)، إما')).toBe(
      'من ⟦TradingView⟧ (أو من أي خدمة تستطيع إرسال طلب ⟦HTTP POST⟧)، إما',
    );
    expect(marked('تبويب الإشعارات (Notifications).')).toBe('تبويب الإشعارات ⟦(Notifications)⟧.');
    expect(marked('الرمز &lt;v2&gt; هنا')).toBe('الرمز ⟦&lt;v2&gt;⟧ هنا');
  });

  it('treats Arabic marks (harakat) and tatweel as Arabic, and leaves numbers and emoji alone', () => {
    expect(marked('تنبيهًا أو عدّله لـ TradingView')).toBe('تنبيهًا أو عدّله لـ ⟦TradingView⟧');
    expect(marked('\u200F⛔ تُجيب روابطك بالرمز 403 ℹ️')).toBe('\u200F⛔ تُجيب روابطك بالرمز 403 ℹ️');
  });

  it('leaves code that mixes in Arabic untouched, and text without Arabic is one run', () => {
    expect(marked('<code>/scrape مطاعم 20</code>')).toBe('<code>/scrape مطاعم 20</code>');
    expect(marked('Hello, world')).toBe('⟦Hello, world⟧');
  });

  it('is applied to Arabic translations only, variables included', () => {
    const i18n = createI18n();
    const url = 'https://hooks.example.com/hooks/tradingview/abc';
    const arabic = i18n.t('ar', 'url-message', { url, legacyUrl: url, example: '{"a":1}' });
    expect(arabic).toContain(`\u2066<code>${url}</code>\u2069`);
    expect(arabic).toContain('\u2066<code>{"a":1}</code>\u2069');
    for (const locale of ['en', 'ru']) expect(i18n.t(locale, 'url-message', { url, legacyUrl: url, example: '{"a":1}' })).not.toMatch(/[\u2066-\u2069]/);
  });
});
