import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';

export const supportedLanguages = ['en', 'ar', 'ru'] as const;
export type Language = (typeof supportedLanguages)[number];

export const localesDir = fileURLToPath(new URL('../bot/locales', import.meta.url));

/** Maps Telegram's `language_code` (e.g. "ar-EG", "ru") to one we speak; English otherwise. */
export function pickLanguage(languageCode: string | undefined): Language {
  const base = languageCode?.toLowerCase().split(/[-_]/)[0];
  return (supportedLanguages as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

export type Translator = I18n['t'];

/**
 * One translator for the bot and the services. Fluent's bidi isolation marks are off: they would
 * end up inside copied URLs and codes; the Arabic texts carry their own direction marks instead.
 */
export function createI18n(): I18n {
  const i18n = new I18n({
    defaultLocale: 'en',
    useSession: false,
    fluentBundleOptions: { useIsolating: false },
  });
  i18n.loadLocalesDirSync(localesDir);
  return i18n;
}
