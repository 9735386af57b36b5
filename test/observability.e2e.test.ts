import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHookbot, type Hookbot } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createTestDatabase } from './support/database.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { ADMIN_ID, personalToken, postAlert, registerUser, startTestHookbot, startTestRoles, testEnv } from './support/hookbot.js';
import { freePort } from './support/processes.js';
import { until } from './support/until.js';

const METRICS_TOKEN = 'metrics-token-0123456789';
const admin = { id: ADMIN_ID, first_name: 'Admin', language_code: 'en' };
const trader = { id: 8101, first_name: 'Trader', language_code: 'en' };

let telegram: FakeTelegram;
let hookbot: Hookbot & { url: string };
const logLines: string[] = [];
let token: string;

/** Every line the app logged, as pino wrote it (JSON). */
const logged = () => logLines.join('');

beforeAll(async () => {
  telegram = await startFakeTelegram();
  const config = loadConfig(testEnv(telegram, await createTestDatabase(), { METRICS_TOKEN, LOG_LEVEL: 'debug' }));
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  const started = await startHookbot(config, ['web', 'worker', 'bot'], createLogger(config.logLevel, sink));
  hookbot = { ...started, url: started.url! };
  await registerUser(telegram, admin);
  await registerUser(telegram, trader);
  token = await personalToken(telegram, trader.id);
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
});

async function scrape(): Promise<string> {
  const response = await fetch(`${hookbot.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** The value of one sample (`name{labels}`) in a Prometheus text page; 0 when absent. */
function sample(page: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of page.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) return Number(match[3]);
  }
  return 0;
}

describe('GET /metrics', () => {
  it('is refused without the token, and with a wrong one', async () => {
    const none = await fetch(`${hookbot.url}/metrics`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: string }).error).toMatch(/METRICS_TOKEN/);
    const wrong = await fetch(`${hookbot.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456780' } });
    expect(wrong.status).toBe(401);
    await wrong.arrayBuffer();
  });

  it('counts alerts posted, their acknowledgement time, and messages delivered to Telegram', async () => {
    const before = await scrape();
    const alerts = 3;
    for (let i = 0; i < alerts; i += 1) {
      expect((await postAlert(hookbot.url, token, { symbol: 'BTCUSDT', action: 'buy', id: `metrics-${i}` })).status).toBe(200);
    }
    expect((await postAlert(hookbot.url, token, { symbol: 'BTCUSDT' })).status).toBe(400);
    for (let i = 0; i < alerts; i += 1) await telegram.waitForMessage(trader.id, (m) => (m.text ?? '').includes('BTCUSDT'), 20_000);
    let after = '';
    await until('the sends to be counted', async () => {
      after = await scrape();
      return sample(after, 'hookbot_telegram_calls_total', { result: 'sent' }) >= sample(before, 'hookbot_telegram_calls_total', { result: 'sent' }) + alerts;
    });
    const ok = { provider: 'tradingview', status: '200' };
    expect(sample(after, 'hookbot_inbound_requests_total', ok) - sample(before, 'hookbot_inbound_requests_total', ok)).toBe(alerts);
    const bad = { provider: 'tradingview', status: '400' };
    expect(sample(after, 'hookbot_inbound_requests_total', bad) - sample(before, 'hookbot_inbound_requests_total', bad)).toBe(1);
    const acks = (page: string) => sample(page, 'hookbot_inbound_ack_seconds_count', { provider: 'tradingview' });
    expect(acks(after) - acks(before)).toBe(alerts + 1);
    // Shared state comes from the database: the queues are listed, whatever their depth.
    expect(after).toMatch(/^hookbot_queue_depth\{queue="telegram_outbox"\} \d+$/m);
    expect(after).toMatch(/^hookbot_queue_oldest_seconds\{queue="inbound_events"\} [\d.e+-]+$/m);
  });

  it('counts a 429 from Telegram, and the message still arrives', async () => {
    const before = await scrape();
    telegram.failNext('sendMessage', 1, { kind: 'flood', retryAfter: 1 }, { chatId: trader.id });
    expect((await postAlert(hookbot.url, token, { symbol: 'ETHUSDT', action: 'sell', id: 'metrics-flood' })).status).toBe(200);
    await telegram.waitForMessage(trader.id, (m) => (m.text ?? '').includes('ETHUSDT'), 20_000);
    const after = await scrape();
    const flood = { result: '429' };
    expect(sample(after, 'hookbot_telegram_calls_total', flood) - sample(before, 'hookbot_telegram_calls_total', flood)).toBe(1);
  });

  it('counts bot updates by kind', async () => {
    const before = await scrape();
    const asked = Date.now();
    telegram.sendUserMessage(trader, '/help');
    await telegram.waitForMessage(trader.id, (m) => m.at >= asked);
    const after = await scrape();
    expect(sample(after, 'hookbot_bot_updates_total', { kind: 'command' }) - sample(before, 'hookbot_bot_updates_total', { kind: 'command' })).toBeGreaterThanOrEqual(1);
  });
});

describe('logs', () => {
  it('have a line per HTTP request and per bot update, and never a personal token', async () => {
    expect((await postAlert(hookbot.url, token, { symbol: 'SOLUSDT', action: 'buy', id: 'log-line' })).status).toBe(200);
    await fetch(`${hookbot.url}/hooks/tradingview/${token}`).then((response) => response.arrayBuffer());
    const asked = Date.now();
    telegram.sendUserMessage(trader, '/url');
    await telegram.waitForMessage(trader.id, (m) => m.at >= asked && (m.text ?? '').includes('/hooks/tradingview/'));
    await until('the /url update to be logged', () => logged().includes('"command":"url"'));
    const lines = logLines.flatMap((chunk) => chunk.split('\n')).filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.some((line) => line.method === 'POST' && line.url === `/hooks/tradingview/${token.slice(0, 6)}…` && line.status === 200)).toBe(true);
    expect(requests.some((line) => line.method === 'GET' && String(line.url).startsWith('/hooks/tradingview/') && line.status === 200)).toBe(true);
    const updates = lines.filter((line) => line.msg === 'bot update');
    expect(updates.some((line) => line.kind === 'command' && line.command === 'url' && line.fromId === trader.id)).toBe(true);
    expect(logged()).not.toContain(token);
    expect(logged()).not.toContain(telegram.token);
  });
});

describe('/stats', () => {
  it('shows admins users, events today, queues and failures', async () => {
    const asked = Date.now();
    telegram.sendUserMessage(admin, '/stats');
    const reply = await telegram.waitForMessage(admin.id, (m) => m.at >= asked);
    const text = reply.plainText ?? '';
    expect(text).toMatch(/Users: 2 · active 2 · inactive 0 · blocked the bot 0/);
    expect(text).toMatch(/tradingview · processed: \d+/);
    expect(text).toMatch(/telegram_outbox: \d+ · \d+ s/);
    expect(text).toMatch(/Failures in the last hour/);
  });

  it('is for admins only', async () => {
    const asked = Date.now();
    telegram.sendUserMessage(trader, '/stats');
    const reply = await telegram.waitForMessage(trader.id, (m) => m.at >= asked);
    expect(reply.plainText).toMatch(/administrators only/);
  });
});

describe('/ready', () => {
  it('names Telegram as what is not ready in a bot process that cannot reach it, and a web-only process stays ready', async () => {
    const deadTelegram = { ...telegram, url: `http://127.0.0.1:${await freePort()}` } as FakeTelegram;
    const databaseUrl = await createTestDatabase();
    const bot = await startTestRoles(deadTelegram, { roles: ['web', 'bot'], databaseUrl });
    const web = await startTestRoles(deadTelegram, { roles: ['web'], databaseUrl });
    try {
      const answer = await fetch(`${bot.url}/ready`);
      expect(answer.status).toBe(503);
      const body = (await answer.json()) as { status: string; failing: Record<string, string>; error: string };
      expect(body.status).toBe('unavailable');
      expect(Object.keys(body.failing)).toEqual(['telegram']);
      expect(body.error).toMatch(/^telegram: /);
      const webReady = await fetch(`${web.url}/ready`);
      expect(webReady.status).toBe(200);
      expect(await webReady.json()).toEqual({ status: 'ready' });
    } finally {
      await bot.stop();
      await web.stop();
    }
  });
});

describe('load shedding', () => {
  it('answers 503 with Retry-After while the event loop lags, and serves again once it recovers', async () => {
    const shedding = await startTestHookbot(telegram, { roles: ['web'], env: { SHED_EVENT_LOOP_DELAY_MS: '100', METRICS_TOKEN } });
    // This process's event loop is the server's: keep it busy most of the time, as an overload would.
    const blocker = setInterval(() => {
      const until = Date.now() + 300;
      while (Date.now() < until);
    }, 20);
    try {
      let shed: Response | undefined;
      const deadline = Date.now() + 30_000;
      while (!shed && Date.now() < deadline) {
        const response = await fetch(`${shedding.url}/hooks/tradingview/no-such-token`, { method: 'POST', body: '{}' });
        if (response.status === 503) shed = response;
        else await response.arrayBuffer();
      }
      expect(shed?.status).toBe(503);
      expect(shed?.headers.get('retry-after')).toBe('5');
      expect(((await shed!.json()) as { error: string }).error).toMatch(/overloaded/);
    } finally {
      clearInterval(blocker);
    }
    try {
      await until('the server to serve again', async () => (await fetch(`${shedding.url}/health`)).status === 200);
      const page = await (await fetch(`${shedding.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      expect(sample(page, 'hookbot_http_shed_total', { reason: 'eventLoopDelay' })).toBeGreaterThanOrEqual(1);
    } finally {
      await shedding.stop();
    }
  });
});
