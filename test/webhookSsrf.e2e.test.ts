import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forbiddenRange } from '../src/services/webhooks/addressGuard.js';
import { startFakeDns, type FakeDns } from './support/fakeDns.js';
import { startFakeMaps, type FakeMaps } from './support/fakeMaps.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';
import { standardPlaces, variant } from './support/mapsFixtures.js';
import { api, apiCredentials, waitForJobEnd, waitUntil, type ApiCredentials } from './support/scrapeApi.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhookReceiver.js';

let telegram: FakeTelegram;
let maps: FakeMaps;
let dns: FakeDns;
let receiver: WebhookReceiver;
let hookbot: TestHookbot;
let credentials: ApiCredentials;
const user = { id: 7201, first_name: 'Mallory' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  maps = await startFakeMaps();
  dns = await startFakeDns();
  receiver = await startWebhookReceiver();
  // What a public server runs with: private addresses refused, names resolved by its DNS servers.
  hookbot = await startTestHookbot(telegram, {
    env: { MAPS_BASE_URL: maps.url, ALLOW_PRIVATE_WEBHOOKS: 'false', DNS_SERVERS: dns.server, WEBHOOK_RETRY_SECONDS: '5' },
  });
  await registerUser(telegram, user);
  credentials = await apiCredentials(telegram, user.id);
  receiver.setSecret(credentials.secret);
});

afterAll(async () => {
  await hookbot?.stop();
  await Promise.all([telegram?.close(), maps?.close(), dns?.close(), receiver?.close()]);
});

const receiverPort = () => new URL(receiver.url).port;

describe('webhook_url address guard (ALLOW_PRIVATE_WEBHOOKS=false)', () => {
  it('refuses loopback, metadata, IPv6 loopback and names resolving inside, with a clear 400', async () => {
    dns.set('internal.example', ['10.1.2.3']);
    dns.set('mixed.example', ['93.184.216.34', '10.0.0.5']);
    dns.set('v6.example', ['fd00:ec2::254']);
    const cases: Array<[string, RegExp]> = [
      [`http://127.0.0.1:${receiverPort()}/hook`, /127\.0\.0\.1 \(loopback\)/],
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 \(linkLocal\)/],
      ['http://[::1]/hook', /::1 \(loopback\)/],
      ['http://[::ffff:127.0.0.1]/hook', /loopback/],
      ['http://0.0.0.0/hook', /unspecified/],
      ['https://internal.example/hook', /internal\.example resolves to 10\.1\.2\.3 \(private\)/],
      ['https://mixed.example/hook', /10\.0\.0\.5 \(private\)/],
      ['https://v6.example/hook', /fd00:ec2::254 \(uniqueLocal\)/],
      ['https://nowhere.example/hook', /cannot resolve nowhere\.example/],
    ];
    for (const [url, error] of cases) {
      const response = await api(hookbot.url, 'POST', '/scrape', { key: credentials.key, body: { query: 'Kipriakon', max_results: 1, webhook_url: url } });
      expect(response.status, url).toBe(400);
      expect(String(response.body.error), url).toMatch(/^webhook_url is not allowed: /);
      expect(String(response.body.error), url).toMatch(error);
    }
    const jobs = await hookbot.query(`SELECT id FROM scrape_jobs`);
    expect(jobs).toEqual([]);
  });

  it('checks again at connect time: a name that turns private after acceptance is never called', async () => {
    // Public when the job is accepted, loopback (where the receiver listens) when we connect.
    dns.set('rebind.example', ['93.184.216.34'], ['127.0.0.1']);
    const accepted = await api(hookbot.url, 'POST', '/scrape', {
      key: credentials.key,
      body: { query: 'Kipriakon', max_results: 1, webhook_url: `http://rebind.example:${receiverPort()}/hook` },
    });
    expect(accepted.status).toBe(202);
    const jobId = String(accepted.body.job_id);
    const job = await waitForJobEnd(hookbot.url, credentials.key, jobId);
    expect(job.status).toBe('completed');
    await waitUntil(
      async () => {
        const [row] = await hookbot.query<{ last_error: string | null }>(`SELECT last_error FROM webhook_deliveries WHERE job_id = $1 AND seq = 1`, [jobId]);
        return Boolean(row?.last_error);
      },
      20_000,
      'the refused delivery to be recorded',
    );
    const [row] = await hookbot.query<{ last_error: string; status: string }>(`SELECT last_error, status FROM webhook_deliveries WHERE job_id = $1 AND seq = 1`, [jobId]);
    expect(row?.last_error).toMatch(/rebind\.example resolves to 127\.0\.0\.1 \(loopback\)/);
    expect(receiver.requests).toEqual([]);
    // Bounded retries: with WEBHOOK_RETRY_SECONDS=5 the deliveries end up recorded as failed.
    await waitUntil(
      async () => (await hookbot.query(`SELECT 1 FROM webhook_deliveries WHERE job_id = $1 AND status <> 'failed'`, [jobId])).length === 0,
      30_000,
      'deliveries to be given up',
    );
    expect(receiver.requests).toEqual([]);
  }, 60_000);

  it('does not visit a place website that points inside either', async () => {
    const [kipriakon] = standardPlaces();
    maps.setOptions({ places: [variant(kipriakon!, { id: 'ChIJinside', name: 'Inside Cafe', 7: [maps.siteUrl('mail')] })] });
    try {
      const accepted = await api(hookbot.url, 'POST', '/scrape', { key: credentials.key, body: { query: 'Inside Cafe', max_results: 1 } });
      const job = await waitForJobEnd(hookbot.url, credentials.key, String(accepted.body.job_id));
      expect(job).toMatchObject({ status: 'completed', results: 1 });
      const [row] = await hookbot.query<{ data: { website: string; email: string | null } }>(`SELECT data FROM scrape_results WHERE job_id = $1`, [
        accepted.body.job_id,
      ]);
      expect(row?.data).toMatchObject({ website: maps.siteUrl('mail'), email: null });
      expect(maps.hits.some((hit) => hit.startsWith('/sites/'))).toBe(false);
    } finally {
      maps.setOptions({ places: undefined });
    }
  });

  it('classifies addresses', () => {
    expect(forbiddenRange('93.184.216.34')).toBeUndefined();
    expect(forbiddenRange('2606:2800:220:1:248:1893:25c8:1946')).toBeUndefined();
    expect(forbiddenRange('100.100.100.200')).toBe('carrierGradeNat');
    expect(forbiddenRange('192.168.1.1')).toBe('private');
    expect(forbiddenRange('::ffff:10.0.0.1')).toBe('private');
    expect(forbiddenRange('fe80::1')).toBe('linkLocal');
  });
});
