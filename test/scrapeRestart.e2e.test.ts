import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumDescendants } from './support/chromiumProcesses.js';
import { createTestDatabase } from './support/database.js';
import { startFakeMaps, type FakeMaps } from './support/fakeMaps.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { registerUser, spawnHookbot, startTestHookbot, startTestRoles, testEnv, type TestHookbot } from './support/hookbot.js';
import { bulkPlaces } from './support/mapsFixtures.js';
import { api, apiCredentials, waitForJobEnd, waitUntil } from './support/scrapeApi.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhookReceiver.js';

let telegram: FakeTelegram;
let maps: FakeMaps;
let receiver: WebhookReceiver;
const running: TestHookbot[] = [];

const env = () => ({ MAPS_BASE_URL: maps.url, ALLOW_PRIVATE_WEBHOOKS: 'true', SCRAPE_CONCURRENCY: '2' });

beforeAll(async () => {
  telegram = await startFakeTelegram();
  maps = await startFakeMaps({ places: bulkPlaces(40), placeDelayMs: 150 });
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  for (const hookbot of running) await hookbot.stop();
  await Promise.all([telegram?.close(), maps?.close(), receiver?.close()]);
});

/** A process that still runs (a zombie waiting for its parent to reap it counts as gone). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function resultsOf(hookbot: TestHookbot, jobId: string) {
  return hookbot.query<{ position: number; place_id: string }>(`SELECT position, place_id FROM scrape_results WHERE job_id = $1 ORDER BY position`, [jobId]);
}

/** Every result delivered once (by webhook-id), in order, then the final message. */
function expectCompleteWebhooks(jobId: string, total: number) {
  const accepted = receiver.accepted().filter((request) => request.payload.job_id === jobId);
  const firstOfEach = accepted.filter((request, index) => accepted.findIndex((other) => other.headers['webhook-id'] === request.headers['webhook-id']) === index);
  expect(firstOfEach.map((request) => request.payload.current_result ?? request.payload.status)).toEqual([
    ...Array.from({ length: total }, (_, i) => i + 1),
    'completed',
  ]);
}

describe('scrape jobs survive restarts', () => {
  it('a graceful stop hands the job back; the next start resumes it without duplicates', async () => {
    const databaseUrl = await createTestDatabase();
    const first = await startTestHookbot(telegram, { databaseUrl, env: env() });
    await registerUser(telegram, { id: 7301, first_name: 'Resume' });
    const { key, secret } = await apiCredentials(telegram, 7301);
    receiver.setSecret(secret);
    const response = await api(first.url, 'POST', '/scrape', { key, body: { query: 'all', max_results: 24, webhook_url: receiver.url } });
    const jobId = String(response.body.job_id);
    await waitUntil(async () => (await resultsOf(first, jobId)).length >= 3, 30_000, 'the first results');
    // A receiver that hangs must not hold the shutdown: its request is cut and handed back.
    receiver.setHang(60_000);
    await receiver.waitFor((requests) => requests.some((request) => request.payload.job_id === jobId && request.answered === 0));
    await first.stop();
    receiver.setHang(0);
    expect(chromiumDescendants()).toEqual([]);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const leased = await client.query(`SELECT 1 FROM webhook_deliveries WHERE job_id = $1 AND status = 'pending' AND locked_until IS NOT NULL`, [jobId]);
    await client.end();
    expect(leased.rows).toEqual([]);

    const second = await startTestHookbot(telegram, { databaseUrl, env: env() });
    running.push(second);
    const [handedBack] = await second.query<{ status: string }>(`SELECT status FROM scrape_jobs WHERE id = $1`, [jobId]);
    expect(['queued', 'running', 'completed']).toContain(handedBack?.status);
    const job = await waitForJobEnd(second.url, key, jobId, 60_000);
    expect(job).toMatchObject({ status: 'completed', results: 24 });
    const results = await resultsOf(second, jobId);
    expect(results.map((row) => row.position)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(results.map((row) => row.place_id)).size).toBe(24);
    await receiver.waitFor(() => receiver.accepted().some((request) => request.payload.job_id === jobId && request.payload.status === 'completed'));
    expectCompleteWebhooks(jobId, 24);
    // The user hears of the end once: one CSV, one summary.
    await telegram.waitForMessage(7301, (message) => (message.text ?? '').includes('Done'), 30_000);
    expect(telegram.sent(7301).filter((message) => message.method === 'sendDocument')).toHaveLength(1);
    expect(telegram.sent(7301).filter((message) => (message.text ?? '').includes('Done'))).toHaveLength(1);
    // Only one bot may poll the fake Telegram at a time.
    await second.stop();
    running.splice(running.indexOf(second), 1);
  }, 120_000);

  it('a worker killed mid-scrape is noticed, and the job is resumed elsewhere, never stuck running', async () => {
    const databaseUrl = await createTestDatabase();
    const setup = await startTestHookbot(telegram, { databaseUrl, env: env() });
    await registerUser(telegram, { id: 7302, first_name: 'Crash' });
    const { key, secret } = await apiCredentials(telegram, 7302);
    receiver.setSecret(secret);
    await setup.stop();

    const child = await spawnHookbot(testEnv(telegram, databaseUrl, env()));
    try {
      const response = await api(child.url, 'POST', '/scrape', { key, body: { query: 'all', max_results: 20, webhook_url: receiver.url } });
      expect(response.status).toBe(202);
      const jobId = String(response.body.job_id);
      await waitUntil(async () => {
        const { body } = await api(child.url, 'GET', `/jobs/${jobId}`, { key });
        return Number(body.results) >= 2;
      }, 30_000, 'the first results');
      const browsers = chromiumDescendants(child.process.pid);
      expect(browsers.length).toBeGreaterThan(0);
      await child.kill('SIGKILL');
      // Its Chromium does not outlive it: the browser quits when its pipe to the dead process closes.
      await waitUntil(() => browsers.every((pid) => !isAlive(pid)), 20_000, 'the killed worker\'s Chromium to exit');

      const survivor = await startTestHookbot(telegram, { databaseUrl, env: env() });
      running.push(survivor);
      const job = await waitForJobEnd(survivor.url, key, jobId, 90_000);
      expect(job).toMatchObject({ status: 'completed', results: 20 });
      const results = await resultsOf(survivor, jobId);
      expect(results.map((row) => row.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(new Set(results.map((row) => row.place_id)).size).toBe(20);
      const [row] = await survivor.query<{ attempts: number }>(`SELECT attempts FROM scrape_jobs WHERE id = $1`, [jobId]);
      expect(row?.attempts).toBe(2);
      await receiver.waitFor(() => receiver.accepted().some((request) => request.payload.job_id === jobId && request.payload.status === 'completed'), 30_000);
      expectCompleteWebhooks(jobId, 20);
    } finally {
      await child.kill('SIGKILL');
    }
  }, 180_000);

  it('a web-only process queues the job and a worker process runs it', async () => {
    const databaseUrl = await createTestDatabase();
    const worker = await startTestRoles(telegram, { databaseUrl, env: env(), roles: ['worker', 'bot'] });
    const web = await startTestRoles(telegram, { databaseUrl, env: env(), roles: ['web'] });
    try {
      await registerUser(telegram, { id: 7303, first_name: 'Split' });
      const { key, secret } = await apiCredentials(telegram, 7303);
      receiver.setSecret(secret);
      const response = await api(web.url!, 'POST', '/scrape', { key, body: { query: 'all', max_results: 3, webhook_url: receiver.url } });
      expect(response.status).toBe(202);
      const job = await waitForJobEnd(web.url!, key, String(response.body.job_id), 60_000);
      expect(job).toMatchObject({ status: 'completed', results: 3 });
      await receiver.waitFor(() => receiver.accepted().some((request) => request.payload.job_id === job.job_id && request.payload.status === 'completed'));
      expectCompleteWebhooks(String(job.job_id), 3);
    } finally {
      await web.stop();
      await worker.stop();
    }
  }, 90_000);
});
