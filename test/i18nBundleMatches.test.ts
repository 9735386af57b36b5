import { describe, expect, it } from 'vitest';
import { createI18n } from '../src/i18n.js';

describe('bundles remembered per locale', () => {
  it('translates as before, each language from its own bundle, the same on every call', () => {
    const i18n = createI18n();
    const first = ['en', 'ru', 'ar', 'ar-EG', 'xx'].map((language) => i18n.t(language, 'trade-not-configured'));
    const again = ['en', 'ru', 'ar', 'ar-EG', 'xx'].map((language) => i18n.t(language, 'trade-not-configured'));
    expect(again).toEqual(first);
    expect(first[1]).not.toBe(first[0]);
    expect(first[2]).not.toBe(first[0]);
    // A language Hookbot does not speak falls back to English.
    expect(first[4]).toBe(first[0]);
    // Remembered, not negotiated again (fails if a release of the i18n plugin renames what is wrapped).
    const fluent = i18n.fluent as unknown as { matchBundles(locales: string[]): Set<unknown> };
    expect(fluent.matchBundles(['ru'])).toBe(fluent.matchBundles(['ru']));
  });

  it('a bundle added later is used for the locale it serves, though that locale was matched before', () => {
    const i18n = createI18n();
    const before = i18n.t('de', 'trade-not-configured');
    expect(before).toBe(i18n.t('en', 'trade-not-configured'));
    i18n.fluent.addTranslationSync({ locales: 'de', source: 'trade-not-configured = auf Deutsch' });
    expect(i18n.t('de', 'trade-not-configured')).toBe('auf Deutsch');
    expect(i18n.t('en', 'trade-not-configured')).toBe(before);
  });
});
