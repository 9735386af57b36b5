import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromiumDescendants } from './support/chromiumProcesses.js';
import { startFakeMaps, type FakeMaps } from './support/fakeMaps.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';
import { placeIdOf, standardPlaces } from './support/mapsFixtures.js';
import { api, apiCredentials, waitForJobEnd, type ApiCredentials } from './support/scrapeApi.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhookReceiver.js';

// Real Chromium opens every listed place; with other test files beside it, that takes a while.
vi.setConfig({ testTimeout: 120_000 });

let telegram: FakeTelegram;
let maps: FakeMaps;
let receiver: WebhookReceiver;
let hookbot: TestHookbot;
const user = { id: 7501, first_name: 'Lister' };
let credentials: ApiCredentials;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  maps = await startFakeMaps();
  receiver = await startWebhookReceiver();
  hookbot = await startTestHookbot(telegram, {
    env: { MAPS_BASE_URL: maps.url, ALLOW_PRIVATE_WEBHOOKS: 'true', SCRAPE_CONCURRENCY: '2', SCRAPE_PLACE_LIST_MAX: '5' },
  });
  await registerUser(telegram, user);
  credentials = await apiCredentials(telegram, user.id);
  receiver.setSecret(credentials.secret);
});

afterAll(async () => {
  await hookbot?.stop();
  await Promise.all([telegram?.close(), maps?.close(), receiver?.close()]);
  expect(chromiumDescendants()).toEqual([]);
});

describe('scrapes of a known list of places', () => {
  it('opens each link or place id directly, streams them 1..n in list order, and reports a missing one on its own', async () => {
    const [kipriakon, happy, third] = standardPlaces();
    // As users paste them: a Maps link with the data id (on Google's host), a bare place id, a
    // place id nobody knows, and a place_id link.
    const places = [
      `https://www.google.com${maps.placePathOf(placeIdOf(happy!))}?entry=ttu`,
      placeIdOf(kipriakon!),
      'ChIJ0000000000000missingPlace',
      `https://www.google.com/maps/place/?q=place_id:${placeIdOf(third!)}`,
    ];
    const before = receiver.requests.length;
    const started = Date.now();
    const response = await api(hookbot.url, 'POST', '/scrape', { key: credentials.key, body: { places, webhook_url: receiver.url } });
    expect(response.status, response.text).toBe(202);
    const jobId = String(response.body.job_id);
    const job = await waitForJobEnd(hookbot.url, credentials.key, jobId);
    expect(job).toMatchObject({ status: 'completed', results: 3, max_results: 4, query: 'place list (4)' });
    await receiver.waitFor((requests) => requests.slice(before).some((request) => request.payload.job_id === jobId && request.payload.status === 'completed'));

    const received = receiver.requests.slice(before).filter((request) => request.payload.job_id === jobId);
    expect(received.every((request) => request.verified)).toBe(true);
    expect(received.map((request) => request.payload.current_result ?? request.payload.status)).toEqual([1, 2, 3, 4, 'completed']);
    expect(received.slice(0, 4).every((request) => request.payload.total_expected === 4)).toBe(true);
    expect(received.slice(0, 4).map((request) => request.payload.input)).toEqual(places);
    const name = (index: number) => (received[index]!.payload.result as Record<string, unknown> | null)?.business_name;
    expect([name(0), name(1), name(3)]).toEqual([String(happy!.array[11]), 'Kipriakon', String(third!.array[11])]);
    expect(received[2]!.payload).toMatchObject({ result: null, error: 'Google Maps shows no place for this link or id', input: 'ChIJ0000000000000missingPlace' });
    expect(received.at(-1)!.payload).toMatchObject({ status: 'completed', total_results: 3 });

    // The chat: three cards and the missing item in its place, then the CSV of the three.
    // The summary comes last.
    await telegram.waitForMessage(user.id, (m) => m.at >= started && (m.text ?? '').includes('Done'));
    const csv = telegram.sent(user.id).find((m) => m.at >= started && m.method === 'sendDocument')!;
    expect(csv.document!.data.toString('utf8').trim().split('\r\n')).toHaveLength(4);
    const lines = telegram
      .sent(user.id)
      .filter((message) => message.at >= started)
      .flatMap((message) => (message.text ?? '').split('\n\n'))
      .filter((text) => /^<b>\d+\.( |<\/b>)/.test(text));
    expect(lines.map((text) => /^<b>(\d+)\./.exec(text)?.[1])).toEqual(['1', '2', '3', '4']);
    expect(lines[2]).toContain('<code>ChIJ0000000000000missingPlace</code>: Google Maps shows no place');
  });

  it('takes a list from the bot too', async () => {
    const [kipriakon, happy] = standardPlaces();
    const started = Date.now();
    telegram.sendUserMessage(user, `/scrape ${placeIdOf(kipriakon!)}\nhttps://www.google.com${maps.placePathOf(placeIdOf(happy!))}`);
    const summary = await telegram.waitForMessage(user.id, (m) => m.at >= started && (m.text ?? '').includes('Done'), 60_000);
    expect(summary.text).toContain('place list (2)');
    expect(summary.text).toMatch(/places: 2/);
    telegram.sendUserMessage(user, '/scrape ChIJabcdefghijklmnop https://example.com/maps/place/x');
    const refused = await telegram.waitForMessage(user.id, (m) => m.at >= started && (m.text ?? '').includes('not Google Maps place links'));
    expect(refused.text).toContain('is not a Google Maps link');
  });

  it('refuses malformed lists with a clear 400 and starts nothing', async () => {
    const jobsBefore = await hookbot.query(`SELECT 1 FROM scrape_jobs`);
    const cases: Array<[unknown, RegExp]> = [
      [{ places: [] }, /places must not be empty/],
      [{ places: 'ChIJabcdefghijklmnop' }, /places must be a list/],
      [{ places: [42] }, /places must be a list of strings/],
      [{ places: ['ChIJa', 'ChIJb', 'ChIJc', 'ChIJd', 'ChIJe', 'ChIJf'] }, /places may hold at most 5 items/],
      [{ places: ['coffee in Athens'] }, /places\[0\]: "coffee in Athens" is neither a Google Maps place link nor a place id/],
      [{ places: ['ChIJabcdefghijklmnop', 'https://evil.example/maps/place/x/data=!1s0x1:0x2'] }, /places\[1\]: .* is not a Google Maps link/],
      [{ places: ['https://www.google.com/maps/search/coffee'] }, /is not a link to one place/],
      [{ places: ['https://www.google.com/maps/place/Cafe/@37.9,23.7,17z'] }, /carries no place data id/],
      [{ places: ['https://www.google.com/maps/place/?q=place_id:nope'] }, /names no valid place id/],
      [{ query: 'coffee', places: ['ChIJabcdefghijklmnop'] }, /either query .* or places .*not both/],
      [{ max_results: 3 }, /either query .* or places/],
    ];
    for (const [body, error] of cases) {
      const response = await api(hookbot.url, 'POST', '/scrape', { key: credentials.key, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(String(response.body.error), JSON.stringify(body)).toMatch(error);
    }
    expect(await hookbot.query(`SELECT 1 FROM scrape_jobs`)).toHaveLength(jobsBefore.length);
  });
});
