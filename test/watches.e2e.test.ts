import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromiumDescendants } from './support/chromiumProcesses.js';
import { startFakeMaps, type FakeMaps } from './support/fakeMaps.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { registerUser, spawnHookbot, startTestHookbot, testEnv, type ChildHookbot, type TestHookbot } from './support/hookbot.js';
import { closedVariant, placeIdOf, placeName, standardPlaces, variant, type FixturePlace } from './support/mapsFixtures.js';
import { api, apiCredentials, waitUntil, type ApiCredentials } from './support/scrapeApi.js';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './support/webhookReceiver.js';

// Every watch run drives real Chromium; with other test files beside it, that takes a while.
vi.setConfig({ testTimeout: 120_000 });

let telegram: FakeTelegram;
let maps: FakeMaps;
let receiver: WebhookReceiver;
let hookbot: TestHookbot;
let secondWorker: ChildHookbot | undefined;
const alice = { id: 7701, first_name: 'Watcher' };
let key: ApiCredentials;

/** A copy of a place with another rating, phone or review count (same id and name: the same place). */
function edited(place: FixturePlace, changes: { rating?: number; phone?: string; reviews?: number }): FixturePlace {
  const array = structuredClone(place.array);
  const stats = [...((array[4] as unknown[] | null) ?? [])];
  while (stats.length <= 8) stats.push(null);
  if (changes.rating !== undefined) stats[7] = changes.rating;
  if (changes.reviews !== undefined) stats[8] = changes.reviews;
  array[4] = stats;
  if (changes.phone !== undefined) array[178] = [[changes.phone, [[changes.phone.replace(/\s/g, ''), 1]]]];
  return { ...place, array };
}

const base = standardPlaces().slice(0, 5);
const [p0, p1, p2, p3, p4] = [edited(base[0]!, { rating: 4.1 }), base[1]!, edited(base[2]!, { rating: 4.4 }), base[3]!, base[4]!];
const firstCatalogue = [p0, p1, p2, p3, p4];
const newcomer = variant(base[2]!, { id: 'ChIJwatchNewcomer0001', name: 'Newcomer Coffee' });
const secondCatalogue = [
  edited(p0, { rating: 4.2, reviews: 999 }), // small moves: not news
  edited(p1, { phone: '+30 21 0555 0000' }), // a new phone
  edited(p2, { rating: 4.6 }), // crosses 4.5
  closedVariant(p3, { id: placeIdOf(p3), name: placeName(p3) }, 'Permanently closed', false),
  p4, // unchanged
  newcomer,
];

beforeAll(async () => {
  telegram = await startFakeTelegram();
  maps = await startFakeMaps({ places: firstCatalogue });
  receiver = await startWebhookReceiver();
  hookbot = await startTestHookbot(telegram, {
    env: { MAPS_BASE_URL: maps.url, ALLOW_PRIVATE_WEBHOOKS: 'true', SCRAPE_CONCURRENCY: '2', WATCH_CHECK_SECONDS: '1', WATCHES_PER_USER: '3' },
  });
  await registerUser(telegram, alice);
  key = await apiCredentials(telegram, alice.id);
  receiver.setSecret(key.secret);
});

afterAll(async () => {
  await secondWorker?.kill('SIGTERM');
  await hookbot?.stop();
  await Promise.all([telegram?.close(), maps?.close(), receiver?.close()]);
  expect(chromiumDescendants()).toEqual([]);
});

const jobsOf = (watchId: string) =>
  hookbot.query<{ id: string; status: string }>(`SELECT id, status FROM scrape_jobs WHERE watch_id = $1 ORDER BY created_at`, [watchId]);

/** Waits for run number `run` of the watch to end, and for its final webhook; returns its requests. */
async function runRequests(watchId: string, run: number): Promise<{ jobId: string; requests: ReceivedWebhook[] }> {
  await waitUntil(async () => (await jobsOf(watchId)).filter((job) => job.status === 'completed').length >= run, 90_000, `run ${run} of the watch`);
  const jobId = (await jobsOf(watchId))[run - 1]!.id;
  await receiver.waitFor((requests) => requests.some((request) => request.payload.job_id === jobId && request.payload.status === 'completed'), 30_000);
  return { jobId, requests: receiver.requests.filter((request) => request.payload.job_id === jobId) };
}

const chatTexts = (after: number) =>
  telegram
    .sent(alice.id)
    .filter((message) => message.at >= after)
    .map((message) => message.text ?? message.caption ?? '');

describe('watches', () => {
  let watchId: string;

  it('streams every place as new on the first run, then only what changed, to the chat and the webhook', async () => {
    const started = Date.now();
    const created = await api(hookbot.url, 'POST', '/watches', {
      key: key.key,
      body: { query: 'all', max_results: 10, schedule: 'weekly', weekday: 3, hour: 7, time_zone: 'Europe/Berlin', webhook_url: receiver.url },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ schedule: 'weekly', weekday: 3, hour: 7, time_zone: 'Europe/Berlin', status: 'active' });
    watchId = String(created.body.watch_id);

    const first = await runRequests(watchId, 1);
    expect(first.requests.every((request) => request.verified)).toBe(true);
    expect(first.requests.map((request) => request.payload.change ?? request.payload.status)).toEqual(['new', 'new', 'new', 'new', 'new', 'completed']);
    expect(first.requests.map((request) => request.payload.current_result ?? 'end')).toEqual([1, 2, 3, 4, 5, 'end']);
    expect(first.requests[0]!.payload).toMatchObject({ watch_id: watchId, status: 'processing' });
    expect(first.requests.at(-1)!.payload).toMatchObject({ status: 'completed', total_results: 5, watch_id: watchId });
    await telegram.waitForMessage(alice.id, (m) => m.at >= started && (m.text ?? '').includes('since the last run: 🆕 new 5 · ✏️ changed 0 · ⛔ closed 0'));
    // The next run falls on a Wednesday at 07:00 in Berlin.
    const [stored] = await hookbot.query<{ next_run_at: Date }>(`SELECT next_run_at FROM maps_watches WHERE id = $1`, [watchId]);
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(stored!.next_run_at);
    expect(local).toBe('Wed 07:00');

    // Meanwhile on Maps: a new phone, a rating across 4.5, a closure, a newcomer, and small moves.
    maps.setOptions({ places: secondCatalogue });
    const secondStarted = Date.now();
    await hookbot.query(`UPDATE maps_watches SET next_run_at = now() WHERE id = $1`, [watchId]);
    const second = await runRequests(watchId, 2);
    const results = second.requests.filter((request) => request.payload.status === 'processing');
    expect(results.map((request) => (request.payload.result as Record<string, unknown>).business_name)).toEqual([
      placeName(p1),
      placeName(p2),
      placeName(p3),
      'Newcomer Coffee',
    ]);
    expect(results.map((request) => request.payload.current_result)).toEqual([1, 2, 3, 4]);
    expect(results[0]!.payload).toMatchObject({ change: 'changed', changed_fields: ['phone'], previous: { phone: String((p1.array[178] as string[][])[0]![0]) } });
    expect(results[1]!.payload).toMatchObject({ change: 'changed', changed_fields: ['rating'], previous: { rating: 4.4 } });
    expect((results[1]!.payload.result as Record<string, unknown>).rating).toBe(4.6);
    expect(results[2]!.payload).toMatchObject({ change: 'closed', previous: { business_status: 'OPERATIONAL' } });
    expect((results[2]!.payload.result as Record<string, unknown>).business_status).toBe('CLOSED_PERMANENTLY');
    expect(results[3]!.payload).toMatchObject({ change: 'new' });
    expect(second.requests.at(-1)!.payload).toMatchObject({ status: 'completed', total_results: 4 });

    // The chat: the four cards with what changed, then the summary; nothing about the others.
    await telegram.waitForMessage(alice.id, (m) => m.at >= secondStarted && (m.text ?? '').includes('🆕 new 1 · ✏️ changed 2 · ⛔ closed 1'));
    const cards = chatTexts(secondStarted)
      .flatMap((text) => text.split('\n\n'))
      .filter((text) => /^<b>\d+\. /.test(text));
    expect(cards).toHaveLength(4);
    expect(cards[0]).toContain('✏️ <b>Changed</b>: phone (was ');
    expect(cards[1]).toContain('✏️ <b>Changed</b>: rating (was 4.4)');
    expect(cards[2]).toContain('⛔ <b>Closed</b> since the last run');
    expect(cards[3]).toContain('🆕 <b>New</b>');
    expect(cards.join('\n')).not.toContain(placeName(p0));
    // The CSV and /download carry the changes only.
    const download = await fetch(`${hookbot.url}/download/${second.jobId}`, { headers: { authorization: `Bearer ${key.key}` } });
    expect((await download.text()).trim().split('\r\n')).toHaveLength(5);
    // The run's job names its watch.
    const job = await api(hookbot.url, 'GET', `/jobs/${second.jobId}`, { key: key.key });
    expect(job.body).toMatchObject({ job_id: second.jobId, watch_id: watchId, status: 'completed' });
    const [snapshots] = await hookbot.query<{ count: string }>(`SELECT count(*) FROM maps_watch_places WHERE watch_id = $1`, [watchId]);
    expect(Number(snapshots!.count)).toBe(6);
  });

  it('says briefly that nothing changed when nothing did', async () => {
    const started = Date.now();
    await hookbot.query(`UPDATE maps_watches SET next_run_at = now() WHERE id = $1`, [watchId]);
    const third = await runRequests(watchId, 3);
    expect(third.requests.map((request) => request.payload.status)).toEqual(['completed']);
    expect(third.requests[0]!.payload).toMatchObject({ total_results: 0, watch_id: watchId });
    const quiet = await telegram.waitForMessage(alice.id, (m) => m.at >= started && (m.text ?? '').includes('nothing new or changed since the last run'));
    expect(quiet.text).toBe('👁 <b>all</b>: nothing new or changed since the last run.');
    expect(telegram.sent(alice.id).filter((m) => m.at >= started && m.method === 'sendDocument')).toEqual([]);
    const shown = await api(hookbot.url, 'GET', `/watches/${watchId}`, { key: key.key });
    expect(shown.body).toMatchObject({ runs: 3, last_job_id: third.jobId });
  });

  it('is listed, paused, resumed and deleted from the bot, and set up there with buttons', async () => {
    let asked = Date.now();
    telegram.sendUserMessage(alice, '/watch coffee 3');
    const question = await telegram.waitForMessage(alice.id, (m) => m.at >= asked && (m.text ?? '').includes('How often should I check'));
    const buttons = (telegram.chat(alice.id).messages.find((m) => m.message_id === question.messageId)?.reply_markup?.inline_keyboard ?? []).flat();
    const daily9 = buttons.find((button) => button.text === 'Daily 09:00');
    expect(daily9 && 'callback_data' in daily9).toBe(true);
    telegram.pressButton(alice, question.messageId, (daily9 as { callback_data: string }).callback_data);
    await telegram.waitForCall('editMessageText', (call) => call.params.chat_id === alice.id && String(call.params.text).includes('Watching <b>coffee</b>: daily at 09:00 (UTC)'));
    const [botWatch] = await hookbot.query<{ id: string; status: string }>(`SELECT id, status FROM maps_watches WHERE query = 'coffee'`);
    expect(botWatch?.status).toBe('active');
    await waitUntil(async () => (await jobsOf(botWatch!.id)).some((job) => job.status === 'completed'), 90_000, 'the first run of the bot watch');

    asked = Date.now();
    telegram.sendUserMessage(alice, '/watches');
    const list = await telegram.waitForMessage(alice.id, (m) => m.at >= asked && (m.text ?? '').includes('Your watches'));
    expect(list.text).toContain('1. <b>all</b> (10 places)');
    expect(list.text).toContain('weekly on Wednesday at 07:00 (Europe/Berlin)');
    expect(list.text).toContain('2. <b>coffee</b> (3 places)');
    const edit = (match: string) =>
      telegram.waitForCall('editMessageText', (call) => call.at >= asked && call.params.message_id === list.messageId && String(call.params.text).includes(match));

    telegram.pressButton(alice, list.messageId, `watch:pause:${botWatch!.id}`);
    await edit('⏸ paused');
    expect((await hookbot.query<{ status: string; next_run_at: Date | null }>(`SELECT status, next_run_at FROM maps_watches WHERE id = $1`, [botWatch!.id]))[0]).toEqual({
      status: 'paused',
      next_run_at: null,
    });
    asked = Date.now();
    telegram.pressButton(alice, list.messageId, `watch:resume:${botWatch!.id}`);
    await waitUntil(async () => (await hookbot.query(`SELECT 1 FROM maps_watches WHERE id = $1 AND status = 'active'`, [botWatch!.id])).length === 1, 20_000, 'resumed');
    asked = Date.now();
    telegram.pressButton(alice, list.messageId, `watch:del:${botWatch!.id}`);
    await edit('Your watches</b> (1)');
    expect(await hookbot.query(`SELECT 1 FROM maps_watches WHERE id = $1`, [botWatch!.id])).toEqual([]);
    const listed = await api(hookbot.url, 'GET', '/watches', { key: key.key });
    expect((listed.body.watches as Array<{ watch_id: string }>).map((watch) => watch.watch_id)).toEqual([watchId]);
  });

  it('runs a due watch once with two worker processes', async () => {
    secondWorker = await spawnHookbot(testEnv(telegram, hookbot.databaseUrl, { MAPS_BASE_URL: maps.url, ALLOW_PRIVATE_WEBHOOKS: 'true', WATCH_CHECK_SECONDS: '1' }), 'worker');
    maps.setOptions({ places: firstCatalogue });
    const due = await hookbot.query<{ now: Date }>(`UPDATE maps_watches SET next_run_at = now() WHERE id = $1 RETURNING now()`, [watchId]);
    await runRequests(watchId, 4);
    // Both workers look for due watches every second: let each of them look again after the run.
    const tickAfter = async () => {
      const [tick] = await hookbot.query<{ last_finished_at: Date | null }>(`SELECT max(last_finished_at) AS last_finished_at FROM agenda_jobs WHERE name = 'maps-watch-tick'`);
      return tick?.last_finished_at ?? new Date(0);
    };
    const finished = Date.now();
    await waitUntil(async () => (await tickAfter()).getTime() > finished + 2_000, 30_000, 'the watch tick to run again after the run');
    const runs = (await jobsOf(watchId)).slice(3);
    expect(runs).toHaveLength(1);
    const [row] = await hookbot.query<{ runs: number; next_run_at: Date }>(`SELECT runs, next_run_at FROM maps_watches WHERE id = $1`, [watchId]);
    expect(row!.runs).toBe(4);
    expect(row!.next_run_at.getTime()).toBeGreaterThan(due[0]!.now.getTime());
  });

  it('refuses bad watches with clear errors, and keeps them private', async () => {
    const cases: Array<[unknown, number, RegExp]> = [
      [{ max_results: 5 }, 400, /query/],
      [{ query: 'x', schedule: 'hourly' }, 400, /schedule must be daily or weekly/],
      [{ query: 'x', hour: 24 }, 400, /hour must be 0-23/],
      [{ query: 'x', schedule: 'weekly', weekday: 8 }, 400, /weekday must be 1 \(Monday\) to 7 \(Sunday\)/],
      [{ query: 'x', weekday: 2 }, 400, /weekday is only for schedule "weekly"/],
      [{ query: 'x', time_zone: 'Mars/Olympus' }, 400, /not an IANA time zone/],
      [{ query: 'x', rating_threshold: 7 }, 400, /rating_threshold must be between 1 and 5/],
      [{ query: 'x', max_results: 500 }, 400, /max_results must be at most 200/],
      [{ query: 'x', webhook_url: 'ftp://example.com' }, 400, /http:\/\/ or https:\/\//],
    ];
    for (const [body, status, error] of cases) {
      const response = await api(hookbot.url, 'POST', '/watches', { key: key.key, body });
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(String(response.body.error), JSON.stringify(body)).toMatch(error);
    }
    expect((await api(hookbot.url, 'POST', '/watches', { body: { query: 'x' } })).status).toBe(401);
    // The limit (3 here): one exists, two more fit, the fourth is refused.
    for (const query of ['a', 'b']) expect((await api(hookbot.url, 'POST', '/watches', { key: key.key, body: { query, max_results: 1 } })).status).toBe(201);
    const over = await api(hookbot.url, 'POST', '/watches', { key: key.key, body: { query: 'c' } });
    expect(over.status).toBe(409);
    expect(over.body.error).toBe('at most 3 watches per user; delete one first');

    const bob = { id: 7702, first_name: 'Other' };
    await registerUser(telegram, bob);
    const bobKey = await apiCredentials(telegram, bob.id);
    expect((await api(hookbot.url, 'GET', `/watches/${watchId}`, { key: bobKey.key })).status).toBe(404);
    const patch = await fetch(`${hookbot.url}/watches/${watchId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ paused: 'yes' }),
    });
    expect(patch.status).toBe(400);
    expect(((await patch.json()) as { error: string }).error).toMatch(/paused must be true or false/);
    const paused = await fetch(`${hookbot.url}/watches/${watchId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ paused: true }),
    });
    expect(((await paused.json()) as { status: string }).status).toBe('paused');
    const removed = await fetch(`${hookbot.url}/watches/${watchId}`, { method: 'DELETE', headers: { authorization: `Bearer ${bobKey.key}` } });
    expect(removed.status).toBe(404);
    const gone = await fetch(`${hookbot.url}/watches/${watchId}`, { method: 'DELETE', headers: { authorization: `Bearer ${key.key}` } });
    expect(gone.status).toBe(204);
    expect((await api(hookbot.url, 'GET', `/watches/${watchId}`, { key: key.key })).status).toBe(404);
    expect((await api(hookbot.url, 'GET', `/watches/bad$id`, { key: key.key })).status).toBe(400);
  });
});
