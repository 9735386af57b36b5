import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say, shown } from './support/conversation.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';

let telegram: FakeTelegram;
let hookbot: TestHookbot;
const user: FakeUser = { id: 8601, first_name: 'Tess', language_code: 'en' };
let token: string;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  hookbot = await startTestHookbot(telegram);
  await registerUser(telegram, user);
  token = await personalToken(telegram, user.id);
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
});

describe('/template for relayed TradingView alerts', () => {
  it('shows the default layout and how to write a template, and refuses a template it cannot read without saving it', async () => {
    const shownFirst = shown(await say(telegram, user, '/template', (m) => shown(m).includes('default layout')));
    expect(shownFirst).toContain('/template {{action}} {{symbol}} at {{price}} ({{note}})');
    const refused = await say(telegram, user, '/template {{symbol} is up', (m) => shown(m).includes('was not saved'));
    expect(shown(refused)).toContain('"{{" at character 1 is never closed with "}}"');
    const [row] = await hookbot.query<{ template: string | null }>(
      `SELECT e.template FROM endpoints e JOIN users u ON u.id = e.user_id WHERE u.telegram_id = $1 AND e.provider = 'tradingview'`,
      [user.id],
    );
    expect(row?.template).toBeNull();
    const first = await say(telegram, user, '/template {{action}} {{symbol}}', (m) => shown(m).includes('Template saved'));
    expect(shown(first)).toContain('No alert has reached your URL yet');
  });

  it('saves a template, previews it on the last alert, and relays the next alerts with it, HTML-escaped', async () => {
    expect((await postAlert(hookbot.url, token, { symbol: 'ETHUSDT', action: 'sell', price: 3000, note: 'first' })).status).toBe(200);
    await telegram.waitForMessage(user.id, (m) => shown(m).includes('ETHUSDT'), 8000);
    const saved = await say(telegram, user, '/template 📈 {{action}} {{symbol}} at {{price}} — {{note}}{{nope}}', (m) => shown(m).includes('Template saved'));
    expect(shown(saved)).toContain('Preview on your last alert');
    expect(shown(saved)).toContain('📈 sell ETHUSDT at 3000 — first');

    const sent = await postAlert(hookbot.url, token, { symbol: 'BTCUSDT', action: 'buy', price: 50000, note: '<b>breakout</b> & go' });
    expect(sent.status).toBe(200);
    const relayed = await telegram.waitForMessage(user.id, (m) => shown(m).includes('BTCUSDT at 50000'), 8000);
    expect(relayed.text).toContain('📈 buy BTCUSDT at 50000 — &lt;b&gt;breakout&lt;/b&gt; &amp; go');
    expect(shown(relayed)).toContain('📈 buy BTCUSDT at 50000 — <b>breakout</b> & go');
    expect(shown(relayed)).toContain('Not traded: add your Bybit API key');

    const current = await say(telegram, user, '/template', (m) => shown(m).includes('Your template for relayed alerts'));
    expect(shown(current)).toContain('📈 {{action}} {{symbol}} at {{price}} — {{note}}{{nope}}');
    expect(shown(current)).toContain('📈 buy BTCUSDT at 50000 — <b>breakout</b> & go');
  });

  it('goes back to the default layout with /template off', async () => {
    await say(telegram, user, '/template off', (m) => shown(m).includes('Back to the default layout'));
    expect((await postAlert(hookbot.url, token, { symbol: 'DOGEUSDT', action: 'long' })).status).toBe(200);
    const relayed = await telegram.waitForMessage(user.id, (m) => shown(m).includes('DOGEUSDT'), 8000);
    expect(shown(relayed)).toContain('TradingView alert');
    expect(shown(relayed)).not.toContain(' at  — ');
    expect(shown(relayed)).toMatch(/Action: .*LONG/);
  });
});
