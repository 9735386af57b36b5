import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';

let telegram: FakeTelegram;
let hookbot: TestHookbot;
const trader = { id: 5001, first_name: 'Trader', language_code: 'en' };
let token: string;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  hookbot = await startTestHookbot(telegram, { env: { DEDUPE_WINDOW_SECONDS: '2' } });
  await registerUser(telegram, trader);
  token = await personalToken(telegram, trader.id);
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
});

const alertTo = (predicate: (text: string) => boolean) => telegram.waitForMessage(trader.id, (m) => predicate(m.text ?? ''));

describe('TradingView alert on the personal URL', () => {
  it('/url shows a personal URL built from PUBLIC_URL, with a long random token', () => {
    expect(token.length).toBeGreaterThanOrEqual(22); // >= 128 bits in base64url
  });

  it('relays a JSON alert into the chat, formatted', async () => {
    const response = await postAlert(hookbot.url, token, { symbol: 'BTCUSDT', action: 'buy', price: 50000, strategy: 'Breakout' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true, id: expect.stringMatching(/^\d+$/) });
    const message = await alertTo((text) => text.includes('Breakout'));
    expect(message.parseMode).toBe('HTML');
    expect(message.text).toContain('TradingView alert');
    expect(message.text).toContain('BTCUSDT');
    expect(message.text).toContain('BUY');
    expect(message.text).toContain('50000');
  });

  it('relays a plain-text alert and the compatible /personal/<token>/webhook URL', async () => {
    const response = await fetch(`${hookbot.url}/personal/${token}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'sell ETHUSDT @ 3100.5 (take profit)',
    });
    expect(response.status).toBe(200);
    const message = await alertTo((text) => text.includes('take profit'));
    expect(message.text).toContain('ETHUSDT');
    expect(message.text).toContain('3100.5');
  });

  it('escapes HTML in alert values so the message still goes through', async () => {
    const response = await postAlert(hookbot.url, token, { action: 'close', symbol: 'SOLUSDT', comment: '<b>x</b> & <script>' });
    expect(response.status).toBe(200);
    const message = await alertTo((text) => text.includes('SOLUSDT'));
    expect(message.text).toContain('&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;');
  });

  it('splits an alert longer than a Telegram message into ordered parts', async () => {
    const note = Array.from({ length: 600 }, (_, i) => `row-${String(i).padStart(3, '0')}`).join(' ');
    const response = await postAlert(hookbot.url, token, { action: 'buy', symbol: 'LONGUSDT', note });
    expect(response.status).toBe(200);
    const first = await alertTo((text) => text.includes('LONGUSDT'));
    const second = await alertTo((text) => text.includes('row-599'));
    expect(second.messageId).toBeGreaterThan(first.messageId);
    const all = telegram.sent(trader.id).filter((m) => m.messageId >= first.messageId && m.messageId <= second.messageId);
    expect(all.map((m) => m.text).join(' ')).toContain('row-300');
    for (const m of all) expect((m.text ?? '').length).toBeLessThanOrEqual(4096);
  });

  it('answers GET with the "active" JSON providers use to verify', async () => {
    for (const path of [`/hooks/tradingview/${token}`, `/personal/${token}/webhook`]) {
      const response = await fetch(`${hookbot.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', message: 'Webhook endpoint is active' });
    }
  });
});

describe('duplicates', () => {
  it('acts once on an alert id sent twice', async () => {
    const alert = { id: 'order-77', symbol: 'XRPUSDT', action: 'long' };
    const first = await postAlert(hookbot.url, token, alert);
    const second = await postAlert(hookbot.url, token, alert);
    expect(first.body.ok).toBe(true);
    expect(second).toEqual({ status: 200, body: { duplicate: true } });
    await alertTo((text) => text.includes('XRPUSDT'));
    const rows = await hookbot.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_events WHERE payload->>'id' = 'order-77'`);
    expect(rows[0]?.n).toBe(1);
  });

  it('treats the same body without id as a resend only within the window', async () => {
    const body = 'short DOGEUSDT @ 0.1 resend-check';
    expect((await postAlert(hookbot.url, token, body)).body.ok).toBe(true);
    expect((await postAlert(hookbot.url, token, body)).body).toEqual({ duplicate: true });
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect((await postAlert(hookbot.url, token, body)).body.ok).toBe(true);
    const rows = await hookbot.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM inbound_events WHERE payload->>'text' = $1`,
      [body],
    );
    expect(rows[0]?.n).toBe(2);
  });

  it('sends one message when many identical requests race', async () => {
    const alert = { id: 'race-1', symbol: 'ADAUSDT', action: 'buy' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => postAlert(hookbot.url, token, alert)));
    expect(answers.filter((a) => a.body.ok === true)).toHaveLength(1);
    expect(answers.filter((a) => a.body.duplicate === true)).toHaveLength(19);
    await alertTo((text) => text.includes('ADAUSDT'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(telegram.sent(trader.id).filter((m) => (m.text ?? '').includes('ADAUSDT'))).toHaveLength(1);
  });
});

describe('bad input', () => {
  const big = JSON.stringify({ action: 'buy', symbol: 'BTCUSDT', pad: 'x'.repeat(70 * 1024) });
  const cases: Array<[string, () => Promise<Response>, number, RegExp]> = [
    ['unknown token', () => fetch(`${hookbot.url}/hooks/tradingview/nope-not-a-token`, { method: 'POST', body: '{}' }), 404, /unknown webhook URL/],
    ['unknown provider', () => fetch(`${hookbot.url}/hooks/nosuch/${token}`, { method: 'POST', body: '{}' }), 404, /unknown provider/],
    ['bad JSON', () => raw('{"action":', 'application/json'), 400, /not valid JSON/],
    ['wrong content type', () => raw('<xml/>', 'application/xml'), 400, /unsupported content type/],
    ['form body', () => raw('action=buy', 'application/x-www-form-urlencoded'), 400, /unsupported content type/],
    ['missing action', () => raw('{"symbol":"BTCUSDT"}', 'application/json'), 400, /action is missing/],
    ['empty JSON body', () => raw('', 'application/json'), 400, /empty/],
    ['empty text body', () => raw('', 'text/plain'), 400, /empty/],
    ['JSON array', () => raw('[1,2,3]', 'application/json'), 400, /JSON object/],
    ['null', () => raw('null', 'application/json'), 400, /JSON object/],
    ['too large', () => raw(big, 'application/json'), 413, /larger than 65536 bytes/],
    ['not UTF-8', () => raw(Buffer.from([0xc3, 0x28]), 'text/plain'), 400, /UTF-8/],
    ['unfilled placeholder', () => raw('{"action":"{{strategy.order.action}}"}', 'application/json'), 400, /placeholder/],
  ];
  function raw(body: string | Buffer, contentType: string) {
    return fetch(`${hookbot.url}/hooks/tradingview/${token}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  }

  it.each(cases)('%s -> clear 4xx JSON error, never a 500', async (_name, send, status, error) => {
    const before = await hookbot.query<{ n: number }>('SELECT count(*)::int AS n FROM inbound_events');
    const response = await send();
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(error);
    const after = await hookbot.query<{ n: number }>('SELECT count(*)::int AS n FROM inbound_events');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('loses nothing already accepted when bad input arrives in between', async () => {
    const good = postAlert(hookbot.url, token, { action: 'buy', symbol: 'KEEPUSDT', id: 'keep-1' });
    await Promise.all(cases.map(([, send]) => send().then((r) => r.arrayBuffer())));
    expect((await good).body.ok).toBe(true);
    await alertTo((text) => text.includes('KEEPUSDT'));
  });
});

describe('service routes', () => {
  it('/health, /ready and /docs answer', async () => {
    expect(await (await fetch(`${hookbot.url}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${hookbot.url}/ready`)).json()).toEqual({ status: 'ready' });
    const spec = (await (await fetch(`${hookbot.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/hooks/{provider}/{token}', '/personal/{token}/webhook', '/health']));
    expect((await fetch(`${hookbot.url}/docs`)).status).toBeLessThan(400);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(`${hookbot.url}/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no route for GET /nothing-here' });
  });
});
