import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Who opened the web view, proven one of two ways: Telegram's Mini App `initData` (signed by
 * Telegram with a key derived from the bot token), or a short-lived link the bot signed itself
 * for opening the page in an ordinary browser. Pure: the caller passes the clock.
 */
export interface WebViewer {
  telegramId: number;
  /** Telegram's `language_code`, when the client sent one (Mini App only). */
  languageCode: string | undefined;
  /** Unix seconds: when the proof stops being accepted. */
  expiresAt: number;
}

export type Verified = { ok: true; viewer: WebViewer } | { ok: false; reason: string };

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

function sameHex(expected: Buffer, given: string): boolean {
  if (!/^[0-9a-f]+$/i.test(given) || given.length !== expected.length * 2) return false;
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** initData signed as Telegram signs it (the tests and the bench open the page with it). */
export function signInitData(fields: Record<string, string>, botToken: string): string {
  const params = new URLSearchParams(fields);
  params.set('hash', initDataHash(params, botToken).toString('hex'));
  return params.toString();
}

/**
 * Telegram's check: secret_key = HMAC_SHA256(key "WebAppData", bot_token); the hash is the hex
 * HMAC_SHA256 under secret_key of every other field as key=value lines, sorted by key.
 */
function initDataHash(params: URLSearchParams, botToken: string): Buffer {
  const lines = [...params.entries()]
    .filter(([key]) => key !== 'hash')
    .map(([key, value]) => `${key}=${value}`)
    .sort();
  return hmac(hmac('WebAppData', botToken), lines.join('\n'));
}

/**
 * Verifies a Mini App's initData (the query string Telegram hands the page). Refused: a missing or
 * wrong hash, a field given twice, no user, an auth_date older than maxAgeSeconds or in the future.
 */
export function verifyInitData(initData: string, botToken: string, nowSeconds: number, maxAgeSeconds: number): Verified {
  if (initData.length === 0 || initData.length > 8192) return { ok: false, reason: 'initData is missing or too long' };
  const params = new URLSearchParams(initData);
  const keys = [...params.keys()];
  if (new Set(keys).size !== keys.length) return { ok: false, reason: 'initData repeats a field' };
  const hash = params.get('hash');
  if (!hash || !sameHex(initDataHash(params, botToken), hash)) return { ok: false, reason: 'initData is not signed by this bot' };
  const authDate = Number(params.get('auth_date'));
  if (!Number.isInteger(authDate) || authDate <= 0) return { ok: false, reason: 'initData has no auth_date' };
  // A minute of clock skew between Telegram and this server is tolerated.
  if (authDate > nowSeconds + 60) return { ok: false, reason: 'initData is dated in the future' };
  if (nowSeconds - authDate > maxAgeSeconds) return { ok: false, reason: 'initData has expired; open the web view from the bot again' };
  let user: unknown;
  try {
    user = JSON.parse(params.get('user') ?? 'null');
  } catch {
    return { ok: false, reason: 'initData user is not JSON' };
  }
  const { id, language_code: languageCode } = (user ?? {}) as { id?: unknown; language_code?: unknown };
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return { ok: false, reason: 'initData names no user' };
  return {
    ok: true,
    viewer: { telegramId: id, languageCode: typeof languageCode === 'string' ? languageCode : undefined, expiresAt: authDate + maxAgeSeconds },
  };
}

/** The key links are signed with: derived from the bot token, so every process agrees without a new setting. */
const linkKey = (botToken: string): Buffer => hmac('HookbotWebLink', botToken);

/** A link token `<telegramId>.<expiresAt>.<signature>` (base64url HMAC-SHA256). */
export function signLink(telegramId: number, expiresAt: number, botToken: string): string {
  const body = `${telegramId}.${expiresAt}`;
  return `${body}.${hmac(linkKey(botToken), body).toString('base64url')}`;
}

export function verifyLink(token: string, botToken: string, nowSeconds: number): Verified {
  const match = /^(\d{1,16})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'the link is malformed' };
  const [, id, expires, signature] = match as unknown as [string, string, string, string];
  const expected = hmac(linkKey(botToken), `${id}.${expires}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'the link is not signed by this bot' };
  const expiresAt = Number(expires);
  if (expiresAt < nowSeconds) return { ok: false, reason: 'the link has expired; ask the bot for a new one' };
  return { ok: true, viewer: { telegramId: Number(id), languageCode: undefined, expiresAt } };
}

/**
 * The Authorization header the page sends: `tma <initData>` (Mini App) or `Link <token>`.
 */
export function verifyAuthorization(header: string | undefined, botToken: string, nowSeconds: number, initDataMaxAgeSeconds: number): Verified {
  const match = /^(tma|link)\s+(\S+)$/i.exec(header ?? '');
  if (!match) return { ok: false, reason: 'send "Authorization: tma <initData>" or "Authorization: Link <token>"' };
  const [, scheme, value] = match as unknown as [string, string, string];
  return scheme.toLowerCase() === 'tma' ? verifyInitData(value, botToken, nowSeconds, initDataMaxAgeSeconds) : verifyLink(value, botToken, nowSeconds);
}
