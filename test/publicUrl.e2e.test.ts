import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say, shown } from './support/conversation.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from './support/fakeTelegram.js';
import { ADMIN_ID, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';

// Hookbot started without PUBLIC_URL, as a first run often is: the URLs it hands out point at localhost.
let telegram: FakeTelegram;
let hookbot: TestHookbot;
const admin: FakeUser = { id: ADMIN_ID, first_name: 'Admin', language_code: 'en' };
const user: FakeUser = { id: 7401, first_name: 'User', language_code: 'en' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  hookbot = await startTestHookbot(telegram, { env: { PUBLIC_URL: '' } });
  await registerUser(telegram, admin);
  await registerUser(telegram, user);
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
});

describe('/url when PUBLIC_URL is unset', () => {
  it('tells an admin that TradingView cannot reach the URL, and why', async () => {
    const reply = await say(telegram, admin, '/url', (m) => shown(m).includes('/hooks/tradingview/'));
    expect(shown(reply)).toContain(`${hookbot.config.http.publicUrl}/hooks/tradingview/`);
    expect(shown(reply)).toContain('Admins only: TradingView cannot reach these URLs');
    expect(shown(reply)).toContain('PUBLIC_URL is not set, so they point at localhost');
  });

  it('shows a normal user the URL without the admin warning', async () => {
    const reply = await say(telegram, user, '/url', (m) => shown(m).includes('/hooks/tradingview/'));
    expect(shown(reply)).not.toContain('Admins only');
    expect(shown(reply)).not.toContain('PUBLIC_URL');
  });
});
