import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';
import { isolateLtrRuns } from './services/telegram/bidi.js';

export const supportedLanguages = ['en', 'ar', 'ru'] as const;
export type Language = (typeof supportedLanguages)[number];

export const localesDir = fileURLToPath(new URL('../bot/locales', import.meta.url));

/** Maps Telegram's `language_code` (e.g. "ar-EG", "ru") to one we speak; English otherwise. */
export function pickLanguage(languageCode: string | undefined): Language {
  const base = languageCode?.toLowerCase().split(/[-_]/)[0];
  return (supportedLanguages as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

export type Translator = I18n['t'];

/** Languages written right to left: their messages get their left-to-right runs isolated. */
const rightToLeft: readonly string[] = ['ar'];

/**
 * One translator for the bot and the services. Fluent's own bidi isolation marks are off: it puts
 * them around every variable, so they would end up inside copied URLs and codes. Right-to-left
 * texts get isolates around their left-to-right runs instead, placed outside code elements.
 */
export function createI18n(): I18n {
  const i18n = new I18n({
    defaultLocale: 'en',
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
  });
  i18n.loadLocalesDirSync(localesDir);
  // Every translation passes here, the bot's (ctx.t) and the services' (i18n.t) alike, with the
  // variables already in: commands, URLs and JSON in an Arabic text, written in the .ftl or
  // interpolated, are isolated so they read left to right (see bidi.ts).
  rememberBundleMatches(i18n);
  const translate = i18n.fluent.translate.bind(i18n.fluent);
  i18n.fluent.translate = (locale, path, context) => {
    const text = translate(locale, path, context);
    const language = Array.isArray(locale) ? locale[0] : locale;
    return rightToLeft.includes(language ?? '') ? isolateLtrRuns(text) : text;
  };
  return i18n;
}

/**
 * Fluent picks the bundles of a locale anew on every translation (a language negotiation over
 * every bundle's locales): a measurable share of an alert's CPU, for an answer that changes only
 * when a bundle is added. It is remembered per locale, and forgotten whenever a bundle is added.
 * Both are Fluent's private methods: if a release renames them, this does nothing.
 */
function rememberBundleMatches(i18n: I18n): void {
  const fluent = i18n.fluent as unknown as { matchBundles?: (locales: string | string[]) => Set<unknown>; addBundle?: (...args: unknown[]) => void };
  const { matchBundles, addBundle } = fluent;
  if (typeof matchBundles !== 'function' || typeof addBundle !== 'function') return;
  const matches = new Map<string, Set<unknown>>();
  fluent.matchBundles = (locales) => {
    const key = Array.isArray(locales) ? locales.join('\u0000') : locales;
    let found = matches.get(key);
    if (!found) {
      found = matchBundles.call(fluent, locales);
      // Locales come from Telegram's language codes: a bounded set, but not ours to trust.
      if (matches.size >= 100) matches.clear();
      matches.set(key, found);
    }
    return found;
  };
  fluent.addBundle = (...args) => {
    matches.clear();
    addBundle.apply(fluent, args);
  };
}
