import { describe, expect, it } from 'vitest';
import { parseScrapeArguments } from '../bot/features/scrape.js';
import { placeFromArray } from '../handlers/mapsPlace.js';
import { csvFileName, placeCardHtml, progressBar } from '../src/services/scraper/messages.js';
import { signWebhook } from '../src/services/webhooks/signing.js';
import { Webhook } from 'standardwebhooks';
import { createI18n } from '../src/i18n.js';
import { capture } from './support/mapsFixtures.js';

const i18n = createI18n();
const t = i18n.t.bind(i18n);

describe('scrape messages', () => {
  it('reads /scrape arguments: the last word is the count when it is a number', () => {
    expect(parseScrapeArguments('restaurants in Cairo 20', 200)).toEqual({ query: 'restaurants in Cairo', count: 20 });
    expect(parseScrapeArguments('  مطاعم في القاهرة   5 ', 200)).toEqual({ query: 'مطاعم في القاهرة', count: 5 });
    expect(parseScrapeArguments('cafes in Athens', 200)).toEqual({ query: 'cafes in Athens', count: 20 });
    expect(parseScrapeArguments('pizza 0', 200)).toBeUndefined();
    expect(parseScrapeArguments('pizza 201', 200)).toBeUndefined();
    expect(parseScrapeArguments('42', 200)).toBeUndefined();
    expect(parseScrapeArguments('', 200)).toBeUndefined();
  });

  it('draws the progress bar', () => {
    expect(progressBar(0, 20)).toBe('░'.repeat(12));
    expect(progressBar(10, 20)).toBe('▓'.repeat(6) + '░'.repeat(6));
    expect(progressBar(25, 20)).toBe('▓'.repeat(12));
  });

  it('makes a card with escaped fields and only what the place has', () => {
    const place = { ...placeFromArray(capture('kipriakon')[6]).place, business_name: 'Tom & <Jerry>', email: 'info@kipriakon.cy' };
    const card = placeCardHtml(t, 'en', place, 3);
    expect(card.split('\n')).toEqual([
      '<b>3. Tom &amp; &lt;Jerry&gt;</b> · Restaurant',
      '★ 4.2 (396)',
      '📞 25 101555',
      '✉️ info@kipriakon.cy',
      '📍 Old port, Limassol 3042',
      '<a href="https://www.google.com/maps/place/?q=place_id:ChIJDdnwdv0y5xQRRytw1ihZQeU">Google Maps</a>',
    ]);
  });

  it('marks a closed business on its card, in the user language', () => {
    const base = placeFromArray(capture('kipriakon')[6]).place;
    const permanently = placeCardHtml(t, 'en', { ...base, business_status: 'CLOSED_PERMANENTLY' }, 1).split('\n');
    expect(permanently.slice(0, 2)).toEqual(['<b>1. <s>Kipriakon</s></b> · Restaurant', '⛔ <b>Permanently closed</b>']);
    expect(placeCardHtml(t, 'ru', { ...base, business_status: 'CLOSED_TEMPORARILY' }, 2).split('\n')[1]).toBe('⏸ <b>Временно закрыто</b>');
    expect(placeCardHtml(t, 'ar', { ...base, business_status: 'CLOSED_PERMANENTLY' }, 3)).toContain('مغلق نهائيًا');
    // A trading place, and one stored before the status existed, get no mark.
    expect(placeCardHtml(t, 'en', base, 4)).not.toMatch(/closed|<s>/i);
    const { business_status: _status, ...older } = base;
    expect(placeCardHtml(t, 'en', older as typeof base, 5)).not.toMatch(/closed|<s>/i);
  });

  it('names the CSV after the query in any script', () => {
    expect(csvFileName('مطاعم في القاهرة', 'abc')).toBe('مطاعم-في-القاهرة-abc.csv');
    expect(csvFileName('../../etc/passwd', 'abc')).toBe('etc-passwd-abc.csv');
    expect(csvFileName('***', 'abc')).toBe('places-abc.csv');
  });

  it('signs webhooks the way the Standard Webhooks library verifies them', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = JSON.stringify({ job_id: 'x', status: 'processing' });
    const headers = signWebhook(secret, 'msg_x_1', new Date(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual({ job_id: 'x', status: 'processing' });
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });
});
