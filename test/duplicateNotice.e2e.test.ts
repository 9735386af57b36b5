import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../src/i18n.js';
import { createLogger } from '../src/logger.js';
import { DuplicateNotices } from '../src/services/inbound/duplicateNotices.js';
import type { EndpointOwner } from '../models/endpoints.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';

let telegram: FakeTelegram;
let hookbot: TestHookbot;
const english = { id: 7601, first_name: 'Eng', language_code: 'en' };
const russian = { id: 7602, first_name: 'Rus', language_code: 'ru' };
const arabic = { id: 7603, first_name: 'Arab', language_code: 'ar' };
const tokens = new Map<number, string>();

beforeAll(async () => {
  telegram = await startFakeTelegram();
  hookbot = await startTestHookbot(telegram);
  for (const user of [english, russian, arabic]) {
    await registerUser(telegram, user);
    tokens.set(user.id, await personalToken(telegram, user.id));
  }
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
});

const shown = (userId: number, text: string) => telegram.waitForMessage(userId, (m) => (m.text ?? '').includes(text));

describe('alerts that share a {{timenow}} id', () => {
  it('are two alerts when their symbols differ: both are answered ok and both reach the chat', async () => {
    const token = tokens.get(english.id)!;
    const btc = await postAlert(hookbot.url, token, { symbol: 'BYBIT:BTCUSDT.P', action: 'buy', price: 50000, id: '2026-12-02T01:04:26Z' });
    const eth = await postAlert(hookbot.url, token, { symbol: 'BYBIT:ETHUSDT.P', action: 'buy', price: 3000, id: '2026-12-02T01:04:26Z' });
    expect(btc.body).toEqual({ ok: true, id: expect.any(String) });
    expect(eth.body).toEqual({ ok: true, id: expect.any(String) });
    await shown(english.id, 'BTCUSDT');
    await shown(english.id, 'ETHUSDT');
  });

  it('are two alerts when their actions differ', async () => {
    const token = tokens.get(english.id)!;
    const buy = await postAlert(hookbot.url, token, { symbol: 'SOLUSDT', action: 'buy', id: '2026-12-02T01:05:00Z' });
    const close = await postAlert(hookbot.url, token, { symbol: 'SOLUSDT', action: 'close', id: '2026-12-02T01:05:00Z' });
    expect(buy.body.ok).toBe(true);
    expect(close.body.ok).toBe(true);
  });
});

describe('a dropped duplicate is never silent', () => {
  it.each([
    [english, /dropped as a duplicate/],
    [russian, /отброшен как повтор/],
    [arabic, /مكرر/],
  ])('tells the owner once, in their language ($first_name)', async (user, notice) => {
    const token = tokens.get(user.id)!;
    const alert = { symbol: 'XRPUSDT', action: 'sell', id: `dup-${user.id}` };
    expect((await postAlert(hookbot.url, token, alert)).body.ok).toBe(true);
    const answers = await Promise.all(Array.from({ length: 5 }, () => postAlert(hookbot.url, token, alert)));
    for (const answer of answers) expect(answer).toEqual({ status: 200, body: { duplicate: true } });
    const message = await telegram.waitForMessage(user.id, (m) => notice.test(m.text ?? ''));
    expect(message.parseMode).toBe('HTML');
    expect(message.text).toContain('{{ticker}}-{{interval}}-{{timenow}}');
    // One duplicate more, after the notice: the window is on, nothing more is queued for this URL.
    expect((await postAlert(hookbot.url, token, alert)).body).toEqual({ duplicate: true });
    const queued = await hookbot.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM telegram_outbox WHERE chat_id = $1 AND payload::text LIKE '%{{ticker}}%'`,
      [user.id],
    );
    expect(queued[0]?.n).toBe(1);
  });
});

describe('the notice window is shared by every process', () => {
  it('lets one of many concurrent claims through, and the next only after the window', async () => {
    const [row] = await hookbot.query<EndpointOwner>(
      `SELECT e.id::int AS "endpointId", e.provider, u.id::int AS "userId", u.telegram_id::int AS "telegramId", u.active, u.language
         FROM endpoints e JOIN users u ON u.id = e.user_id WHERE u.telegram_id = $1 AND e.provider = 'tradingview'`,
      [english.id],
    );
    const owner = row!;
    await hookbot.query('UPDATE endpoints SET duplicate_notice_at = NULL WHERE id = $1', [owner.endpointId]);
    // Two "processes": two notifiers, each with its own state, on the one database.
    const options = { pool: hookbot.database.pool, log: createLogger('silent'), i18n: createI18n(), intervalSeconds: 3600, dedupeWindowSeconds: 60 };
    const processes = [new DuplicateNotices(options), new DuplicateNotices(options)];
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => processes[i % 2]!.notify(owner)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await processes[0]!.notify(owner)).toBe(false);
    await hookbot.query(`UPDATE endpoints SET duplicate_notice_at = now() - interval '2 hours' WHERE id = $1`, [owner.endpointId]);
    expect(await processes[1]!.notify(owner)).toBe(true);
  });
});
