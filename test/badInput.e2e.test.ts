import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { ADMIN_ID, personalToken, postAlert, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';
import { apiCredentials } from './support/scrapeApi.js';

let telegram: FakeTelegram;
let hookbot: TestHookbot;
const owner = { id: 7001, first_name: 'Owner', language_code: 'en' };
const others = [7011, 7012, 7013, 7014, 7015].map((id) => ({ id, first_name: `Other${id}`, language_code: 'en' }));
const PASSPHRASE = 'legacy-passphrase-123';
let token: string;
let avitoToken: string;
let apiKey: string;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  hookbot = await startTestHookbot(telegram, {
    env: { OWNER_TELEGRAM_ID: String(owner.id), WEBHOOK_PASSPHRASE: PASSPHRASE, HOOK_RATE_LIMIT_PER_MINUTE: '100000' },
  });
  await registerUser(telegram, owner);
  token = await personalToken(telegram, owner.id);
  apiKey = (await apiCredentials(telegram, owner.id)).key;
  // An Avito URL that is not connected to an account: its body is still parsed (Avito probes it).
  avitoToken = 'avitoTokenForBadInputTests0123';
  await hookbot.query(`INSERT INTO endpoints (user_id, provider, token) SELECT id, 'avito', $1 FROM users WHERE telegram_id = $2`, [avitoToken, owner.id]);
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
});

async function send(method: string, path: string, body?: string | Buffer, contentType = 'application/json', headers: Record<string, string> = {}) {
  const response = await fetch(`${hookbot.url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': contentType, ...headers },
    body,
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: the assertion on `error` below says so
  }
  return { status: response.status, body: json };
}

const eventCount = async () => (await hookbot.query<{ n: number }>('SELECT count(*)::int AS n FROM inbound_events'))[0]?.n ?? -1;
const deep = (depth: number) => `{"symbol":"BTCUSDT","action":"buy","note":${'['.repeat(depth)}1${']'.repeat(depth)}}`;

describe('each request that cannot be stored is answered 4xx alone, with what is wrong', () => {
  const cases: Array<[string, () => ReturnType<typeof send>, number, RegExp]> = [
    ['a NUL escape in a JSON alert', () => send('POST', `/hooks/tradingview/${token}`, '{"symbol":"BTCUSDT","action":"buy","note":"\\u0000"}'), 400, /note contains a NUL character/],
    ['a lone surrogate in a JSON alert', () => send('POST', `/hooks/tradingview/${token}`, '{"symbol":"BTCUSDT","action":"buy","note":"\\ud800"}'), 400, /note contains an unpaired UTF-16 surrogate/],
    ['a lone surrogate in a key', () => send('POST', `/hooks/tradingview/${token}`, '{"symbol":"BTCUSDT","action":"buy","\\udc00":1}'), 400, /unpaired UTF-16 surrogate/],
    ['a lone surrogate as the symbol', () => send('POST', `/personal/${token}/webhook`, '{"symbol":"\\ud800","action":"buy"}'), 400, /symbol contains an unpaired/],
    ['JSON nested 5,000 deep', () => send('POST', `/hooks/tradingview/${token}`, deep(5000)), 400, /nested deeper than 64 levels/],
    ['JSON nested 5,000 deep as text/plain', () => send('POST', `/hooks/tradingview/${token}`, deep(5000), 'text/plain'), 400, /nested deeper than 64 levels/],
    ['a NUL byte in a text/plain alert', () => send('POST', `/hooks/tradingview/${token}`, 'buy BTCUSDT @ 50000 \u0000 now', 'text/plain'), 400, /NUL character/],
    ['a NUL escape on the legacy /webhook', () => send('POST', '/webhook', `{"passphrase":"${PASSPHRASE}","symbol":"BTCUSDT","action":"buy","note":"\\u0000"}`), 400, /note contains a NUL/],
    ['JSON nested 5,000 deep on the legacy /webhook', () => send('POST', '/webhook', deep(5000)), 400, /nested deeper/],
    ['a NUL in an Avito webhook', () => send('POST', `/hooks/avito/${avitoToken}`, '{"id":"x","version":"v3.0.0","timestamp":1,"payload":{"type":"message","value":{"id":"\\u0000"}}}'), 400, /NUL character/],
    ['JSON nested 5,000 deep to /scrape', () => send('POST', '/scrape', `{"query":"cafes","x":${deep(5000)}}`, 'application/json', { authorization: `Bearer ${apiKey}` }), 400, /nested deeper/],
    ['/scrape with a NUL in the query', () => send('POST', '/scrape', '{"query":"a\\u0000b"}', 'application/json', { authorization: `Bearer ${apiKey}` }), 400, /query contains a NUL character/],
    ['/scrape with a lone surrogate in webhook_url', () => send('POST', '/scrape', '{"query":"cafes","webhook_url":"https://x.example/\\ud800"}', 'application/json', { authorization: `Bearer ${apiKey}` }), 400, /webhook_url contains an unpaired/],
    ['/jobs/<id> with a NUL as the id', () => send('GET', '/jobs/%00', undefined, '', { authorization: `Bearer ${apiKey}` }), 404, /no job/],
  ];
  for (const provider of ['tradingview', 'fal', 'whatsapp', 'avito']) {
    cases.push([`%00 as the ${provider} token (POST)`, () => send('POST', `/hooks/${provider}/%00`, '{}'), 404, /unknown webhook URL/]);
    cases.push([`%00 as the ${provider} token (GET)`, () => send('GET', `/hooks/${provider}/%00`), 404, /unknown webhook URL/]);
    cases.push([`a token with a NUL inside (${provider})`, () => send('POST', `/hooks/${provider}/${token.slice(0, 8)}%00${token.slice(8)}`, '{}'), 404, /unknown webhook URL/]);
  }
  cases.push(['%00 as the /personal token', () => send('POST', '/personal/%00/webhook', '{"symbol":"BTCUSDT","action":"buy"}'), 404, /unknown webhook URL/]);
  cases.push(['%00 as the /personal token (GET)', () => send('GET', '/personal/%00/webhook'), 404, /unknown webhook URL/]);

  it.each(cases)('%s', async (_name, request, status, error) => {
    const before = await eventCount();
    const answer = await request();
    expect(answer.status).toBe(status);
    expect(String(answer.body.error)).toMatch(error);
    expect(await eventCount()).toBe(before);
  });
});

describe("one user's bad requests never fail another's", () => {
  it('valid alerts of five users sent while one user loops an unstorable alert all get 200 and reach the chat', async () => {
    for (const user of others) await registerUser(telegram, user);
    const tokens = await Promise.all(others.map((user) => personalToken(telegram, user.id)));
    const bad = '{"symbol":"BTCUSDT","action":"buy","note":"\\u0000"}';
    let stop = false;
    const badAnswers: number[] = [];
    const attacker = (async () => {
      while (!stop) badAnswers.push((await send('POST', `/hooks/tradingview/${token}`, bad)).status);
    })();
    const attackers = [attacker, ...Array.from({ length: 3 }, async () => {
      while (!stop) badAnswers.push((await send('POST', `/personal/${token}/webhook`, bad)).status);
    })];
    const goods = await Promise.all(
      others.flatMap((user, u) =>
        Array.from({ length: 20 }, (_, i) => postAlert(hookbot.url, tokens[u]!, { symbol: `MIX${u}USDT`, action: 'buy', id: `mixed-${user.id}-${i}`, note: `mixed-${user.id}-${i}.` })),
      ),
    );
    stop = true;
    await Promise.all(attackers);
    expect(goods.map((answer) => answer.status)).toEqual(goods.map(() => 200));
    expect(badAnswers.length).toBeGreaterThan(0);
    expect(new Set(badAnswers)).toEqual(new Set([400]));
    for (const [u, user] of others.entries()) {
      for (let i = 0; i < 20; i += 1) {
        await telegram.waitForMessage(user.id, (m) => (m.text ?? '').includes(`mixed-${user.id}-${i}.`));
      }
      expect(telegram.sent(user.id).filter((m) => (m.text ?? '').includes(`MIX${u}USDT`)).length).toBeGreaterThanOrEqual(20);
    }
  });
});

describe('GET on a hook URL answers as POST would', () => {
  it('is 200 "active" only for a live URL; 404 for unknown ones; 403 for an inactive user', async () => {
    expect(await send('GET', `/hooks/tradingview/${token}`)).toEqual({ status: 200, body: { status: 'ok', message: 'Webhook endpoint is active' } });
    expect(await send('GET', `/personal/${token}/webhook`)).toEqual({ status: 200, body: { status: 'ok', message: 'Webhook endpoint is active' } });
    for (const path of ['/hooks/tradingview/doesnotexist', '/hooks/nonsense/x', '/personal/bogus/webhook', `/hooks/fal/${token}`]) {
      const answer = await send('GET', path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.error, path).toMatch(/unknown (webhook URL|provider)/);
    }
    const paused = { id: 7021, first_name: 'Paused' };
    await registerUser(telegram, { id: ADMIN_ID, first_name: 'Admin' });
    await registerUser(telegram, paused);
    const pausedToken = await personalToken(telegram, paused.id);
    const asked = Date.now();
    telegram.sendUserMessage({ id: ADMIN_ID, first_name: 'Admin' }, `/deactivate ${paused.id}`);
    await telegram.waitForMessage(ADMIN_ID, (m) => m.at >= asked);
    for (const path of [`/hooks/tradingview/${pausedToken}`, `/personal/${pausedToken}/webhook`]) {
      expect(await send('GET', path)).toEqual({ status: 403, body: { error: 'user is not active' } });
      expect((await send('POST', path, '{"symbol":"BTCUSDT","action":"buy"}')).status).toBe(403);
    }
  });
});

describe('the 404 of an unknown URL names the command that shows the right one', () => {
  it.each([
    ['tradingview', '/url'],
    ['fal', '/fal'],
    ['whatsapp', '/whatsapp'],
    ['avito', '/avito'],
  ])('%s -> %s', async (provider, command) => {
    for (const method of ['POST', 'GET']) {
      const answer = await send(method, `/hooks/${provider}/not-a-real-token-0123456789`, method === 'POST' ? '{}' : undefined);
      expect(answer).toEqual({ status: 404, body: { error: `unknown webhook URL: check the URL, or get the current one with ${command} in the bot` } });
    }
  });
});
