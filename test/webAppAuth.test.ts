import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signInitData, signLink, verifyAuthorization, verifyInitData, verifyLink } from '../handlers/webAppAuth.js';

const TOKEN = '123456:AAH-test-token_for-the-web-view';
const NOW = 1_800_000_000;
const DAY = 86_400;
const user = JSON.stringify({ id: 4242, first_name: 'Amal', language_code: 'ar' });

/** initData written out the way Telegram's docs describe it, step by step (not through signInitData). */
function telegramInitData(fields: Record<string, string>): string {
  const dataCheckString = Object.keys(fields)
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('\n');
  const secretKey = createHmac('sha256', 'WebAppData').update(TOKEN).digest();
  const hash = createHmac('sha256', secretKey).update(dataCheckString).digest('hex');
  return `${new URLSearchParams(fields).toString()}&hash=${hash}`;
}

describe('Mini App initData', () => {
  it('accepts initData signed as Telegram documents it, and reads the user', () => {
    const initData = telegramInitData({ query_id: 'AAHdF6IQAAAAAN0XohDhrOrc', user, auth_date: String(NOW - 60) });
    const result = verifyInitData(initData, TOKEN, NOW, DAY);
    expect(result).toEqual({ ok: true, viewer: { telegramId: 4242, languageCode: 'ar', expiresAt: NOW - 60 + DAY } });
  });

  it('signInitData produces what Telegram would send', () => {
    const fields = { user, auth_date: String(NOW), query_id: 'q1' };
    expect(new URLSearchParams(signInitData(fields, TOKEN)).get('hash')).toBe(new URLSearchParams(telegramInitData(fields)).get('hash'));
  });

  it('refuses a changed field, another bot\'s signature, and a missing hash', () => {
    const initData = telegramInitData({ user, auth_date: String(NOW) });
    const forged = initData.replace('4242', '4243');
    expect(verifyInitData(forged, TOKEN, NOW, DAY)).toEqual({ ok: false, reason: 'initData is not signed by this bot' });
    expect(verifyInitData(initData, '999:other-bot', NOW, DAY).ok).toBe(false);
    expect(verifyInitData(`user=${encodeURIComponent(user)}&auth_date=${NOW}`, TOKEN, NOW, DAY).ok).toBe(false);
    expect(verifyInitData('', TOKEN, NOW, DAY).ok).toBe(false);
  });

  it('refuses initData older than the allowed age or dated in the future', () => {
    const old = telegramInitData({ user, auth_date: String(NOW - DAY - 1) });
    expect(verifyInitData(old, TOKEN, NOW, DAY)).toMatchObject({ ok: false, reason: expect.stringContaining('expired') });
    const future = telegramInitData({ user, auth_date: String(NOW + 3600) });
    expect(verifyInitData(future, TOKEN, NOW, DAY)).toMatchObject({ ok: false, reason: expect.stringContaining('future') });
  });

  it('refuses a repeated field even when the signature would match one reading', () => {
    const initData = telegramInitData({ user, auth_date: String(NOW) });
    expect(verifyInitData(`${initData}&auth_date=${NOW}`, TOKEN, NOW, DAY).ok).toBe(false);
  });

  it('refuses signed initData without a usable user', () => {
    expect(verifyInitData(telegramInitData({ auth_date: String(NOW) }), TOKEN, NOW, DAY).ok).toBe(false);
    expect(verifyInitData(telegramInitData({ user: '{not json', auth_date: String(NOW) }), TOKEN, NOW, DAY).ok).toBe(false);
    expect(verifyInitData(telegramInitData({ user: '{"id":"12"}', auth_date: String(NOW) }), TOKEN, NOW, DAY).ok).toBe(false);
  });
});

describe('signed links', () => {
  it('accepts its own link until it expires', () => {
    const link = signLink(4242, NOW + 600, TOKEN);
    expect(verifyLink(link, TOKEN, NOW)).toEqual({ ok: true, viewer: { telegramId: 4242, languageCode: undefined, expiresAt: NOW + 600 } });
    expect(verifyLink(link, TOKEN, NOW + 601)).toMatchObject({ ok: false, reason: expect.stringContaining('expired') });
  });

  it('refuses a link for another user, a longer life, or another bot', () => {
    const link = signLink(4242, NOW + 600, TOKEN);
    const [, , signature] = link.split('.');
    expect(verifyLink(`4243.${NOW + 600}.${signature}`, TOKEN, NOW).ok).toBe(false);
    expect(verifyLink(`4242.${NOW + 6000}.${signature}`, TOKEN, NOW).ok).toBe(false);
    expect(verifyLink(link, '999:other-bot', NOW).ok).toBe(false);
    expect(verifyLink('garbage', TOKEN, NOW).ok).toBe(false);
  });
});

describe('the Authorization header', () => {
  it('takes either proof and refuses anything else', () => {
    const initData = telegramInitData({ user, auth_date: String(NOW) });
    expect(verifyAuthorization(`tma ${initData}`, TOKEN, NOW, DAY)).toMatchObject({ ok: true, viewer: { telegramId: 4242 } });
    expect(verifyAuthorization(`Link ${signLink(7, NOW + 60, TOKEN)}`, TOKEN, NOW, DAY)).toMatchObject({ ok: true, viewer: { telegramId: 7 } });
    expect(verifyAuthorization(undefined, TOKEN, NOW, DAY).ok).toBe(false);
    expect(verifyAuthorization(`Bearer ${initData}`, TOKEN, NOW, DAY).ok).toBe(false);
  });
});
