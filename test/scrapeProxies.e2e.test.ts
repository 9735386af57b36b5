import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../src/logger.js';
import { chromiumDescendants } from './support/chromiumProcesses.js';
import { startFakeMaps, type FakeMaps } from './support/fakeMaps.js';
import { deadProxyPort, startFakeProxy, type FakeProxy } from './support/fakeProxy.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { ADMIN_ID, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';
import { api, apiCredentials, waitForJobEnd, type ApiCredentials } from './support/scrapeApi.js';

// Real Chromium through real proxies; with other test files beside it, that takes a while.
vi.setConfig({ testTimeout: 120_000 });

const GOOD = { username: 'scraper', password: 'Pr0xy-s3cret-pass' };
const REFUSING = { username: 'scraper', password: 'Wr0ng-s3cret-pass' };

let telegram: FakeTelegram;
let maps: FakeMaps;
let good: FakeProxy;
let refusing: FakeProxy;
let deadPort: number;
let hookbot: TestHookbot;
let credentials: ApiCredentials;
const logs: string[] = [];
const user = { id: 7601, first_name: 'Proxied' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  maps = await startFakeMaps();
  good = await startFakeProxy(GOOD);
  refusing = await startFakeProxy({ refuse: true });
  deadPort = await deadProxyPort();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  // In rotation order: a dead port, a proxy that refuses the credentials (407), a good one.
  const proxies = [`http://${REFUSING.username}:${REFUSING.password}@127.0.0.1:${deadPort}`, refusing.url(REFUSING), good.url(GOOD)].join(',');
  hookbot = await startTestHookbot(telegram, {
    env: { MAPS_BASE_URL: maps.url, SCRAPE_CONCURRENCY: '2', SCRAPE_PROXIES: proxies },
    log: createLogger('info', sink),
  });
  await registerUser(telegram, { id: ADMIN_ID, first_name: 'Admin' });
  await registerUser(telegram, user);
  credentials = await apiCredentials(telegram, user.id);
});

afterAll(async () => {
  await hookbot?.stop();
  await Promise.all([telegram?.close(), maps?.close(), good?.close(), refusing?.close()]);
  expect(chromiumDescendants()).toEqual([]);
});

describe('scrape proxies', () => {
  it('takes a dead and a refusing proxy out of rotation, tells the admins, and finishes the job through the good one', async () => {
    const started = Date.now();
    const response = await api(hookbot.url, 'POST', '/scrape', { key: credentials.key, body: { query: 'coffee', max_results: 4 } });
    expect(response.status).toBe(202);
    const job = await waitForJobEnd(hookbot.url, credentials.key, String(response.body.job_id), 90_000);
    expect(job).toMatchObject({ status: 'completed', results: 4 });

    // Every page went through the good proxy, which checked the credentials.
    expect(good.forwarded.some((line) => line.startsWith(`GET ${maps.url}/maps/search/coffee`))).toBe(true);
    expect(good.forwarded.filter((line) => line.includes('/maps/place/')).length).toBeGreaterThanOrEqual(4);
    expect(refusing.refused).toBeGreaterThan(0);
    expect(refusing.forwarded).toEqual([]);

    const down = await hookbot.query<{ proxy: string; last_error: string; up: boolean }>(
      `SELECT proxy, last_error, down_until > now() AS up FROM scrape_proxies ORDER BY proxy`,
    );
    expect(new Map(down.map((row) => [row.proxy, row.up]))).toEqual(
      new Map([
        [`127.0.0.1:${deadPort}`, true],
        [`127.0.0.1:${refusing.port}`, true],
      ]),
    );
    expect(down.find((row) => row.proxy === `127.0.0.1:${deadPort}`)?.last_error).toMatch(/ERR_PROXY_CONNECTION_FAILED|ERR_TUNNEL_CONNECTION_FAILED/);
    expect(down.find((row) => row.proxy === `127.0.0.1:${refusing.port}`)?.last_error).toMatch(/407/);

    // The admins hear of each, by host and port only.
    const notices = await Promise.all(
      [deadPort, refusing.port].map((port) =>
        telegram.waitForMessage(ADMIN_ID, (m) => m.at >= started && (m.text ?? '').includes(`<code>127.0.0.1:${port}</code>`)),
      ),
    );
    for (const notice of notices) expect(notice.text).toContain('taken out of rotation for 15 min');
    // No password anywhere: not in logs, not in chats.
    const everything = [...logs, ...telegram.sent(ADMIN_ID).map((m) => m.text ?? ''), ...telegram.sent(user.id).map((m) => m.text ?? '')].join('\n');
    expect(everything).toContain(`127.0.0.1:${deadPort}`);
    expect(everything).not.toContain(GOOD.password);
    expect(everything).not.toContain(REFUSING.password);
  });

  it('fails a job with a clear message when no proxy is left', async () => {
    // The good proxy goes away too: nothing is left to try.
    await good.close();
    const started = Date.now();
    const response = await api(hookbot.url, 'POST', '/scrape', { key: credentials.key, body: { query: 'coffee', max_results: 2 } });
    const job = await waitForJobEnd(hookbot.url, credentials.key, String(response.body.job_id), 90_000);
    expect(job.status).toBe('failed');
    expect(String(job.error)).toBe("all 3 scrape proxies are failing (connection refused, 407 or timeouts); the administrator has been told");
    const message = await telegram.waitForMessage(user.id, (m) => m.at >= started && (m.text ?? '').includes('none of the server'));
    expect(message.text).toContain('<b>coffee</b>');
    await telegram.waitForMessage(ADMIN_ID, (m) => m.at >= started && (m.text ?? '').includes(`<code>127.0.0.1:${good.port}</code>`));
    expect(logs.join('\n')).not.toContain(GOOD.password);
  });
});
