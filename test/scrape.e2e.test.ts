import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WEBHOOKS_CHANNEL } from '../src/services/webhooks/dispatcher.js';
import { chromiumDescendants } from './support/chromiumProcesses.js';
import { startFakeMaps, type FakeMaps } from './support/fakeMaps.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { ADMIN_ID, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';
import { bulkPlaces, closedVariant, standardPlaces } from './support/mapsFixtures.js';
import { api, apiCredentials, waitForJobEnd, waitUntil, type ApiCredentials } from './support/scrapeApi.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhookReceiver.js';

// Every test here drives real Chromium through whole scrapes: with the other test files running
// beside it (CI), one takes several times what it takes alone.
vi.setConfig({ testTimeout: 120_000 });

let telegram: FakeTelegram;
let maps: FakeMaps;
let receiver: WebhookReceiver;
let hookbot: TestHookbot;
const alice = { id: 7101, first_name: 'Alice' };
const bob = { id: 7102, first_name: 'Bob', language_code: 'ar' };
let aliceKey: ApiCredentials;
let bobKey: ApiCredentials;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  maps = await startFakeMaps();
  receiver = await startWebhookReceiver();
  hookbot = await startTestHookbot(telegram, {
    env: { MAPS_BASE_URL: maps.url, ALLOW_PRIVATE_WEBHOOKS: 'true', SCRAPE_CONCURRENCY: '3', WEBHOOK_RETRY_SECONDS: '120' },
  });
  await registerUser(telegram, alice);
  await registerUser(telegram, bob);
  aliceKey = await apiCredentials(telegram, alice.id);
  bobKey = await apiCredentials(telegram, bob.id);
  receiver.setSecret(aliceKey.secret);
});

afterAll(async () => {
  await hookbot?.stop();
  await Promise.all([telegram?.close(), maps?.close(), receiver?.close()]);
  expect(chromiumDescendants()).toEqual([]);
});

const texts = (chatId: number, after: number) =>
  telegram
    .sent(chatId)
    .filter((message) => message.at >= after)
    .map((message) => message.text ?? message.caption ?? '');

async function startScrape(body: Record<string, unknown>, key = aliceKey.key): Promise<string> {
  const response = await api(hookbot.url, 'POST', '/scrape', { key, body });
  expect(response.status, response.text).toBe(202);
  return String(response.body.job_id);
}

describe('scrapes from the bot', () => {
  it('streams each place as a card, edits one progress message, then sends the CSV and a summary', async () => {
    const started = Date.now();
    telegram.sendUserMessage(alice, '/scrape coffee shop 5');
    const summary = await telegram.waitForMessage(alice.id, (m) => m.at >= started && (m.text ?? '').includes('Done'), 60_000);
    expect(summary.text).toMatch(/places: 5/);

    const sent = telegram.sent(alice.id).filter((message) => message.at >= started);
    const progress = sent[0]!;
    expect(progress.text).toContain('<b>coffee shop</b>');
    // Cards leave one by one, or several in one message when the chat's pace holds them back.
    const cardMessages = sent.filter((message) => /^<b>\d+\. /.test(message.text ?? ''));
    const cards = cardMessages.flatMap((message) => (message.text ?? '').split('\n\n'));
    expect(cards.map((card) => /^<b>(\d+)\./.exec(card)?.[1])).toEqual(['1', '2', '3', '4', '5']);
    expect(cards[0]).toMatch(/★ \d(\.\d)? \(\d+\)/);
    expect(cards[0]).toContain('📞 +30');
    expect(cards[0]).toMatch(/📍 .+/);

    // One progress message, edited in place, never with the same text twice in a row.
    const edits = telegram.calls.filter((call) => call.method === 'editMessageText' && call.at >= started && call.params.chat_id === alice.id);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(new Set(edits.map((edit) => edit.params.message_id))).toEqual(new Set([progress.messageId]));
    const editTexts = edits.map((edit) => String(edit.params.text));
    for (let i = 1; i < editTexts.length; i += 1) expect(editTexts[i]).not.toBe(editTexts[i - 1]);
    expect(editTexts.at(-1)).toMatch(/▓{12} 5\/5/);
    const finalView = telegram.chat(alice.id).messages.find((message) => message.message_id === progress.messageId);
    expect(finalView?.text).toContain('finished');

    const csv = sent.find((message) => message.method === 'sendDocument');
    expect(csv?.document?.filename).toMatch(/^coffee-shop-.+\.csv$/);
    const bytes = csv!.document!.data;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(rows[0]).toMatch(/^business_name,category,address,phone,website,email,rating,review_count,one_star/);
    expect(rows).toHaveLength(6);
    // The order of the messages: progress first, cards, CSV, summary last.
    expect(sent.at(-1)?.messageId).toBe(summary.messageId);
    expect(sent.indexOf(csv!)).toBeGreaterThan(sent.indexOf(cardMessages.at(-1)!));
  });

  it('answers /scrape without a query with the usage, in the user language', async () => {
    const asked = Date.now();
    telegram.sendUserMessage(bob, '/scrape');
    const reply = await telegram.waitForMessage(bob.id, (m) => m.at >= asked);
    expect(reply.text).toContain('/scrape مطاعم في القاهرة 20');
    telegram.sendUserMessage(bob, '/scrape cafes 5000');
    const tooMany = await telegram.waitForMessage(bob.id, (m) => m.at >= asked);
    expect(tooMany.text).toContain('200');
  });

  it('/cancel stops a running scrape, keeps what was found and leaves no Chromium', async () => {
    maps.setOptions({ places: bulkPlaces(60), placeDelayMs: 300 });
    try {
      const started = Date.now();
      telegram.sendUserMessage(alice, '/scrape all 60');
      await telegram.waitForMessage(alice.id, (m) => m.at >= started && /(^|\n\n)<b>2\. /.test(m.text ?? ''), 30_000);
      telegram.sendUserMessage(alice, '/cancel');
      const stopped = await telegram.waitForMessage(alice.id, (m) => m.at >= started && (m.text ?? '').includes('was stopped'), 30_000);
      const [job] = await hookbot.query<{ status: string; result_count: number }>(
        `SELECT status, result_count FROM scrape_jobs WHERE query = 'all' ORDER BY created_at DESC LIMIT 1`,
      );
      expect(job?.status).toBe('cancelled');
      expect(job!.result_count).toBeGreaterThanOrEqual(2);
      expect(job!.result_count).toBeLessThan(60);
      expect(stopped.text).toContain(`${job!.result_count}`);
      expect(texts(alice.id, started).some((text) => text.includes('Stopping the scrape of <b>all</b>'))).toBe(true);
      await waitUntil(() => chromiumDescendants().length === 0, 10_000, 'Chromium to exit');
      telegram.sendUserMessage(alice, '/cancel');
      const nothing = await telegram.waitForMessage(alice.id, (m) => m.at >= started && (m.text ?? '').includes('no scrape to stop'));
      expect(nothing.text).toBe('There is no scrape to stop.');
    } finally {
      maps.setOptions({ places: undefined, placeDelayMs: 0 });
    }
  });
  it('stops the scrape of a user an admin deactivates', async () => {
    const carol = { id: 7103, first_name: 'Carol' };
    await registerUser(telegram, carol);
    maps.setOptions({ places: bulkPlaces(60), placeDelayMs: 300 });
    try {
      const started = Date.now();
      telegram.sendUserMessage(carol, '/scrape all 60');
      await telegram.waitForMessage(carol.id, (m) => m.at >= started && /(^|\n\n)<b>1\. /.test(m.text ?? ''), 30_000);
      telegram.sendUserMessage({ id: ADMIN_ID, first_name: 'Admin' }, `/deactivate ${carol.id}`);
      await waitUntil(
        async () => (await hookbot.query(`SELECT 1 FROM scrape_jobs WHERE user_id = (SELECT id FROM users WHERE telegram_id = $1) AND status = 'failed'`, [carol.id])).length === 1,
        20_000,
        'the job to stop',
      );
      const [job] = await hookbot.query<{ error: string; result_count: number }>(
        `SELECT error, result_count FROM scrape_jobs WHERE user_id = (SELECT id FROM users WHERE telegram_id = $1)`,
        [carol.id],
      );
      expect(job?.error).toBe('the account was deactivated by an administrator');
      expect(job!.result_count).toBeLessThan(60);
    } finally {
      maps.setOptions({ places: undefined, placeDelayMs: 0 });
    }
  });
});

describe('scrapes over HTTP with webhooks', () => {
  it('posts every result, signed, in the order of the feed, then completed; /jobs and /download agree', async () => {
    const before = receiver.requests.length;
    const jobId = await startScrape({ query: 'coffee', max_results: 6, webhook_url: receiver.url });
    const job = await waitForJobEnd(hookbot.url, aliceKey.key, jobId);
    expect(job).toMatchObject({ status: 'completed', results: 6, query: 'coffee', download_url: `/download/${jobId}` });
    await receiver.waitFor((requests) => requests.slice(before).some((request) => request.payload.status === 'completed'));

    const received = receiver.requests.slice(before);
    expect(received.every((request) => request.verified)).toBe(true);
    expect(received.map((request) => request.payload.status)).toEqual([...Array(6).fill('processing'), 'completed']);
    expect(received.slice(0, 6).map((request) => request.payload.current_result)).toEqual([1, 2, 3, 4, 5, 6]);
    const first = received[0]!.payload;
    expect(first).toMatchObject({ job_id: jobId, total_expected: 6 });
    expect(String(first.timestamp)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    const result = first.result as Record<string, unknown>;
    for (const field of ['business_name', 'rating', 'review_count', 'phone', 'website', 'address', 'email', 'one_star', 'five_star', 'place_id']) {
      expect(result, field).toHaveProperty(field);
    }
    expect(received[0]!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(received[0]!.headers['webhook-id']).toBe(`msg_${jobId}_1`);
    const completed = received.at(-1)!.payload;
    expect(completed).toMatchObject({ job_id: jobId, status: 'completed', total_results: 6, download_url: `/download/${jobId}` });
    expect(String(completed.completed_at)).toMatch(/\+00:00$/);

    // The receiver has the last request before the dispatcher has recorded its answer.
    const webhooksOf = async () => (await api(hookbot.url, 'GET', `/jobs/${jobId}`, { key: aliceKey.key })).body.webhooks as Record<string, number>;
    await waitUntil(async () => (await webhooksOf()).pending === 0, 10_000, 'every request recorded');
    expect(await webhooksOf()).toEqual({ delivered: 7, pending: 0, failed: 0 });

    const download = await api(hookbot.url, 'GET', `/download/${jobId}`, { key: aliceKey.key });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(download.headers.get('content-disposition')).toContain(`${jobId}.csv`);
    const raw = Buffer.from(await (await fetch(`${hookbot.url}/download/${jobId}`, { headers: { authorization: `Bearer ${aliceKey.key}` } })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const names = received.slice(0, 6).map((request) => String((request.payload.result as Record<string, unknown>).business_name));
    const csvRows = raw.toString('utf8').slice(1).trim().split('\r\n').slice(1);
    expect(csvRows.map((row) => row.split(',')[0]!.replace(/^"|"$/g, ''))).toEqual(names);
    // Non-Latin names survive the trip.
    expect(raw.toString('utf8')).toContain('Ίλιον');
  });

  it("hands a result's request straight to its own dispatcher: no other process is woken for it", async () => {
    // Every announcement on the dispatchers' channel, while a one-place scrape runs.
    const listener = new pg.Client({ connectionString: hookbot.databaseUrl });
    await listener.connect();
    const announced: string[] = [];
    listener.on('notification', (notification) => announced.push(notification.channel));
    await listener.query(`LISTEN ${WEBHOOKS_CHANNEL}`);
    try {
      const before = receiver.requests.length;
      const jobId = await startScrape({ query: 'coffee', max_results: 1, webhook_url: receiver.url });
      await waitForJobEnd(hookbot.url, aliceKey.key, jobId);
      await receiver.waitFor((requests) => requests.slice(before).some((request) => request.payload.status === 'completed'));
      const received = receiver.requests.slice(before).filter((request) => request.payload.job_id === jobId);
      expect(received.map((request) => request.payload.current_result ?? request.payload.status)).toEqual([1, 'completed']);
      // The first result of a job has nothing before it to wait for: leased as it was stored and
      // sent by the process that stored it. Only the final request went through the announcement.
      await listener.query('SELECT 1');
      expect(announced).toEqual([WEBHOOKS_CHANNEL]);
      const [row] = await hookbot.query<{ attempts: number; status: string }>(`SELECT attempts, status FROM webhook_deliveries WHERE job_id = $1 AND seq = 1`, [jobId]);
      expect(row).toEqual({ attempts: 1, status: 'delivered' });
    } finally {
      await listener.end();
    }
  });

  it('marks closed businesses in the chat, the CSV and the webhook, with the new fields after the old columns', async () => {
    const [kipriakon, happy] = standardPlaces();
    maps.setOptions({
      places: [
        kipriakon!,
        closedVariant(kipriakon!, { id: 'ChIJgone', name: 'Gone Taverna' }, 'Permanently closed', false),
        closedVariant(happy!, { id: 'ChIJpaused', name: 'Paused Grill' }, 'Temporarily closed', true),
      ],
    });
    try {
      const before = receiver.requests.length;
      const started = Date.now();
      const jobId = await startScrape({ query: 'all', max_results: 3, webhook_url: receiver.url });
      expect(await waitForJobEnd(hookbot.url, aliceKey.key, jobId)).toMatchObject({ status: 'completed', results: 3 });
      await receiver.waitFor((requests) => requests.slice(before).some((request) => request.payload.job_id === jobId && request.payload.status === 'completed'));

      const results = receiver.requests
        .slice(before)
        .filter((request) => request.payload.job_id === jobId && request.payload.status === 'processing')
        .map((request) => request.payload.result as Record<string, unknown>);
      const byName = new Map(results.map((result) => [String(result.business_name), result]));
      expect(byName.get('Kipriakon')).toMatchObject({
        business_status: 'OPERATIONAL',
        price_range: '€€',
        plus_code: '8G6MM2CR+6X',
        plus_code_compound: 'M2CR+6X Limassol',
        street: 'Old port',
        city: 'Limassol',
        postal_code: '3042',
        state: null,
        country_code: 'CY',
        address: 'Old port, Limassol 3042',
      });
      expect((byName.get('Kipriakon')!.opening_hours as unknown[])[0]).toEqual({ day: 'monday', hours: [{ open: '12:30', close: '22:00' }] });
      expect(byName.get('Gone Taverna')).toMatchObject({ business_status: 'CLOSED_PERMANENTLY', opening_hours: null });
      expect(byName.get('Paused Grill')).toMatchObject({ business_status: 'CLOSED_TEMPORARILY', city: 'Paphos' });

      // The chat: a closed place's card says so, its name struck through.
      const csvMessage = await telegram.waitForMessage(alice.id, (m) => m.at >= started && m.method === 'sendDocument' && (m.document?.filename ?? '').includes(jobId));
      const cards = texts(alice.id, started).flatMap((text) => text.split('\n\n')).filter((text) => /^<b>\d+\. /.test(text));
      const card = (name: string) => cards.find((text) => text.includes(name)) ?? '';
      expect(card('Gone Taverna')).toContain('<s>Gone Taverna</s>');
      expect(card('Gone Taverna')).toContain('⛔ <b>Permanently closed</b>');
      expect(card('Paused Grill')).toContain('⏸ <b>Temporarily closed</b>');
      expect(card('Kipriakon')).not.toMatch(/closed|<s>/i);

      // The CSV: the old columns where they were, the new ones after them.
      const csv = csvMessage.document!.data.toString('utf8').slice(1).trim().split('\r\n');
      expect(csv[0]).toBe(
        'business_name,category,address,phone,website,email,rating,review_count,one_star,two_star,three_star,four_star,five_star,' +
          'latitude,longitude,place_id,google_maps_url,business_status,opening_hours,price_range,plus_code,plus_code_compound,' +
          'street,city,postal_code,state,country_code',
      );
      const row = (name: string) => csv.find((line) => line.startsWith(`${name},`)) ?? '';
      expect(row('Kipriakon')).toContain(
        ',OPERATIONAL,Mon 12:30–22:00; Tue 12:30–22:00; Wed 12:30–22:00; Thu 12:30–22:00; Fri 12:30–22:00; Sat 12:30–22:00; Sun 12:30–22:00,€€,8G6MM2CR+6X,M2CR+6X Limassol,Old port,Limassol,3042,,CY',
      );
      expect(row('Gone Taverna')).toContain(',CLOSED_PERMANENTLY,,€€,');
      expect(row('Paused Grill')).toContain(',CLOSED_TEMPORARILY,Mon 00:00–23:00; ');
      const download = Buffer.from(
        await (await fetch(`${hookbot.url}/download/${jobId}`, { headers: { authorization: `Bearer ${aliceKey.key}` } })).arrayBuffer(),
      ).toString('utf8');
      expect(download.slice(1).trim().split('\r\n')).toEqual(csv);
    } finally {
      maps.setOptions({ places: undefined });
    }
  }, 120_000);

  it('skip_known and /scrapenew leave out the places this user already has, without opening them, and only theirs', async () => {
    const dave = { id: 7104, first_name: 'Dave' };
    await registerUser(telegram, dave);
    const daveKey = await apiCredentials(telegram, dave.id);
    const placeIds = async (jobId: string) =>
      (await hookbot.query<{ place_id: string }>(`SELECT place_id FROM scrape_results WHERE job_id = $1 ORDER BY position`, [jobId])).map((row) => row.place_id);
    const run = async (body: Record<string, unknown>, key: string) => {
      const jobId = await startScrape(body, key);
      const job = await waitForJobEnd(hookbot.url, key, jobId);
      expect(job.status).toBe('completed');
      return { jobId, job, ids: await placeIds(jobId) };
    };

    const first = await run({ query: 'coffee', max_results: 4 }, daveKey.key);
    expect(first.ids).toHaveLength(4);
    expect(first.job.skip_known).toBe(false);
    // Without skip_known the same search gives the same places again.
    const again = await run({ query: 'coffee', max_results: 4 }, daveKey.key);
    expect(again.ids).toEqual(first.ids);

    const before = receiver.requests.length;
    receiver.setSecret(daveKey.secret);
    let fresh: Awaited<ReturnType<typeof run>>;
    try {
      fresh = await run({ query: 'coffee', max_results: 4, skip_known: true, webhook_url: receiver.url }, daveKey.key);
      await receiver.waitFor((requests) => requests.slice(before).some((request) => request.payload.job_id === fresh.jobId && request.payload.status === 'completed'));
    } finally {
      receiver.setSecret(aliceKey.secret);
    }
    expect(fresh.job.skip_known).toBe(true);
    expect(fresh.ids).toHaveLength(4);
    expect(fresh.ids.filter((id) => first.ids.includes(id))).toEqual([]);
    // Numbered 1..4 as ever: the left-out places take no numbers.
    const numbers = receiver.requests.slice(before).filter((request) => request.payload.job_id === fresh.jobId).map((request) => request.payload.current_result ?? request.payload.status);
    expect(numbers).toEqual([1, 2, 3, 4, 'completed']);

    // From the bot: everything else the search has; the known places' pages are not even opened.
    const coffeePlaces = (await run({ query: 'coffee', max_results: 40 }, bobKey.key)).ids;
    const known = [...first.ids, ...fresh.ids];
    const visits = known.map((id) => maps.visitsOf(id));
    const started = Date.now();
    telegram.sendUserMessage(dave, '/scrapenew coffee 40');
    await telegram.waitForMessage(dave.id, (m) => m.at >= started && (m.text ?? '').includes('Done'), 90_000);
    const [botJob] = await hookbot.query<{ id: string; skip_known: boolean }>(
      `SELECT id, skip_known FROM scrape_jobs WHERE user_id = (SELECT id FROM users WHERE telegram_id = $1) ORDER BY created_at DESC LIMIT 1`,
      [dave.id],
    );
    expect(botJob?.skip_known).toBe(true);
    const rest = await placeIds(botJob!.id);
    expect(rest.length).toBe(coffeePlaces.length - 8);
    expect(new Set([...known, ...rest])).toEqual(new Set(coffeePlaces));
    expect(known.map((id) => maps.visitsOf(id))).toEqual(visits);

    // Another user's places are not this user's: Erin, who has none, gets Dave's first four.
    const erin = { id: 7105, first_name: 'Erin' };
    await registerUser(telegram, erin);
    const erinKey = await apiCredentials(telegram, erin.id);
    expect((await run({ query: 'coffee', max_results: 4, skip_known: true }, erinKey.key)).ids).toEqual(first.ids);

    const bad = await api(hookbot.url, 'POST', '/scrape', { key: daveKey.key, body: { query: 'x', skip_known: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/skip_known must be true or false/);
  }, 240_000);

  it("delivers the feed's first results in its order, however long each page takes", async () => {
    const csvNames = async (jobId: string) => {
      const csv = await (await fetch(`${hookbot.url}/download/${jobId}`, { headers: { authorization: `Bearer ${aliceKey.key}` } })).text();
      return csv.slice(1).trim().split('\r\n').slice(1).map((row) => row.split(',')[0]!.replace(/^"|"$/g, ''));
    };
    const quick = await startScrape({ query: 'coffee', max_results: 4 });
    expect(await waitForJobEnd(hookbot.url, aliceKey.key, quick)).toMatchObject({ status: 'completed', results: 4 });
    const ranking = await csvNames(quick);
    expect(ranking).toHaveLength(4);
    // The first place's page now takes longer than all the others together.
    maps.setOptions({ slowPlaces: { [ranking[0]!]: 3_000 } });
    try {
      const slow = await startScrape({ query: 'coffee', max_results: 4 });
      expect(await waitForJobEnd(hookbot.url, aliceKey.key, slow)).toMatchObject({ status: 'completed', results: 4 });
      expect(await csvNames(slow)).toEqual(ranking);
    } finally {
      maps.setOptions({ slowPlaces: undefined });
    }
  });

  it('keeps delivering in order when the connection that records deliveries is cut', async () => {
    const first = await startScrape({ query: 'coffee', max_results: 2, webhook_url: receiver.url });
    await waitForJobEnd(hookbot.url, aliceKey.key, first);
    await receiver.waitFor((requests) => requests.some((request) => request.payload.job_id === first && request.payload.status === 'completed'));
    const webhooksOf = async (id: string) => (await api(hookbot.url, 'GET', `/jobs/${id}`, { key: aliceKey.key })).body.webhooks as Record<string, number>;
    await waitUntil(async () => (await webhooksOf(first)).pending === 0, 10_000, 'the first job recorded as delivered');
    // The dispatcher's own connection: the one whose last statement recorded an outcome.
    const cut = await hookbot.query<{ pid: number }>(
      `SELECT pg_terminate_backend(pid), pid FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND (query LIKE 'UPDATE webhook_deliveries%' OR query LIKE 'WITH done AS%')`,
    );
    expect(cut.length).toBe(1);

    const before = receiver.requests.length;
    const jobId = await startScrape({ query: 'coffee', max_results: 4, webhook_url: receiver.url });
    await waitForJobEnd(hookbot.url, aliceKey.key, jobId);
    await receiver.waitFor((requests) => requests.slice(before).some((request) => request.payload.job_id === jobId && request.payload.status === 'completed'));
    const received = receiver.requests.slice(before).filter((request) => request.payload.job_id === jobId);
    expect(received.every((request) => request.verified)).toBe(true);
    expect(received.map((request) => request.payload.current_result ?? request.payload.status)).toEqual([1, 2, 3, 4, 'completed']);
    await waitUntil(async () => (await webhooksOf(jobId)).delivered === 5, 10_000, 'every request recorded as delivered');
    expect(await webhooksOf(jobId)).toEqual({ delivered: 5, pending: 0, failed: 0 });
  });

  it('keeps jobs private and refuses bad requests with clear errors', async () => {
    const jobId = await startScrape({ query: 'Kipriakon', max_results: 1 });
    await waitForJobEnd(hookbot.url, aliceKey.key, jobId);
    expect((await api(hookbot.url, 'GET', `/jobs/${jobId}`, { key: bobKey.key })).status).toBe(404);
    expect((await api(hookbot.url, 'GET', `/download/${jobId}`, { key: bobKey.key })).status).toBe(404);
    expect((await api(hookbot.url, 'GET', `/jobs/nope`, { key: aliceKey.key })).body).toEqual({ error: 'no job nope' });

    const cases: Array<[unknown, number, RegExp]> = [
      [{ max_results: 5 }, 400, /query/],
      [{ query: '   ', max_results: 5 }, 400, /query must not be empty/],
      [{ query: 'x', max_results: 0 }, 400, /max_results must be at least 1/],
      [{ query: 'x', max_results: 201 }, 400, /max_results must be at most 200/],
      [{ query: 'x', max_results: 'ten' }, 400, /max_results must be a number/],
      [{ query: 'x', max_results: 2.5 }, 400, /whole number/],
      [{ query: 'x', webhook_url: 'ftp://example.com/x' }, 400, /http:\/\/ or https:\/\//],
      [{ query: 'x', webhook_url: 'not a url' }, 400, /not a valid URL/],
      [{ query: 'x', webhook_url: 'http://user:pw@127.0.0.1/x' }, 400, /credentials/],
      [{ query: 'x', language: 'de' }, 400, /language must be one of en, ar, ru/],
    ];
    for (const [body, status, error] of cases) {
      const response = await api(hookbot.url, 'POST', '/scrape', { key: aliceKey.key, body });
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(String(response.body.error), JSON.stringify(body)).toMatch(error);
    }
    const badJson = await api(hookbot.url, 'POST', '/scrape', { key: aliceKey.key, rawBody: '{"query":' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error).toEqual(expect.any(String));
    const noKey = await api(hookbot.url, 'POST', '/scrape', { body: { query: 'x' } });
    expect(noKey.status).toBe(401);
    expect(noKey.body.error).toMatch(/Authorization: Bearer/);
    expect((await api(hookbot.url, 'POST', '/scrape', { key: 'hb_wrong', body: { query: 'x' } })).body).toEqual({ error: 'unknown API key' });
    expect((await api(hookbot.url, 'GET', `/jobs/${jobId}`)).status).toBe(401);
    const spec = (await (await fetch(`${hookbot.url}/docs/json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/scrape', '/jobs/{id}', '/download/{id}']));
  });

  it('retries a failing receiver with backoff, records every attempt, and keeps the order', async () => {
    const before = receiver.requests.length;
    receiver.failNext(2, 503);
    const jobId = await startScrape({ query: 'restaurant', max_results: 3, webhook_url: receiver.url });
    await waitForJobEnd(hookbot.url, aliceKey.key, jobId);
    await receiver.waitFor((requests) => requests.slice(before).some((request) => request.payload.status === 'completed'), 30_000);
    const received = receiver.requests.slice(before);
    // The first result was refused twice, then accepted; nothing overtook it.
    expect(received.slice(0, 3).map((request) => request.payload.current_result)).toEqual([1, 1, 1]);
    expect(received.slice(0, 3).map((request) => request.answered)).toEqual([503, 503, 200]);
    expect(new Set(received.slice(0, 3).map((request) => request.headers['webhook-id']))).toEqual(new Set([`msg_${jobId}_1`]));
    expect(received.map((request) => request.payload.current_result ?? request.payload.status)).toEqual([1, 1, 1, 2, 3, 'completed']);
    // Exponential backoff: the retries are spread out.
    expect(received[2]!.at - received[0]!.at).toBeGreaterThan(2_000);
    const [first] = await hookbot.query<{ attempts: number; status: string; last_status: number }>(
      `SELECT attempts, status, last_status FROM webhook_deliveries WHERE job_id = $1 AND seq = 1`,
      [jobId],
    );
    expect(first).toEqual({ attempts: 3, status: 'delivered', last_status: 200 });
  });

  it('a hanging, then dead receiver slows nothing: the scrape ends first, deliveries catch up in order', async () => {
    const before = receiver.requests.length;
    receiver.setHang(60_000);
    const jobId = await startScrape({ query: 'coffee', max_results: 4, webhook_url: receiver.url });
    const job = await waitForJobEnd(hookbot.url, aliceKey.key, jobId);
    expect(job.status).toBe('completed');
    // The scrape is over while the receiver has answered nothing: it never waited for it.
    expect(receiver.requests.slice(before).filter((request) => request.answered !== 0)).toEqual([]);
    // Now the receiver goes down altogether; the held request is cut off.
    await receiver.stop();
    receiver.setHang(0);
    await waitUntil(
      async () => {
        const [row] = await hookbot.query<{ last_error: string | null }>(`SELECT last_error FROM webhook_deliveries WHERE job_id = $1 AND seq = 1`, [jobId]);
        return Boolean(row?.last_error);
      },
      20_000,
      'a recorded delivery failure',
    );
    await receiver.start();
    await receiver.waitFor((requests) => requests.slice(before).some((request) => request.payload.status === 'completed' && request.answered === 200), 40_000);
    const accepted = receiver.accepted().filter((request) => request.payload.job_id === jobId);
    expect(accepted.map((request) => request.payload.current_result ?? request.payload.status)).toEqual([1, 2, 3, 4, 'completed']);
  }, 90_000);

  it('reports a blocked search as failed, in chat and to the webhook', async () => {
    const before = receiver.requests.length;
    const started = Date.now();
    const jobId = await startScrape({ query: 'blocked', max_results: 5, webhook_url: receiver.url });
    const job = await waitForJobEnd(hookbot.url, aliceKey.key, jobId);
    expect(job.status).toBe('failed');
    expect(String(job.error)).toMatch(/blocking automated traffic/);
    await receiver.waitFor((requests) => requests.slice(before).some((request) => request.payload.status === 'failed'));
    const failed = receiver.requests.slice(before).find((request) => request.payload.status === 'failed')!.payload;
    expect(failed).toMatchObject({ job_id: jobId, status: 'failed', error: expect.stringMatching(/blocking/) });
    expect(String(failed.completed_at)).toMatch(/\+00:00$/);
    const message = await telegram.waitForMessage(alice.id, (m) => m.at >= started && (m.text ?? '').includes('blocking automated searches'));
    expect(message.text).toContain('<b>blocked</b>');
  });

  it('/apikey shows the secret again but never the key; its button replaces the key at once', async () => {
    const asked = Date.now();
    telegram.sendUserMessage(bob, '/apikey');
    const shown = await telegram.waitForMessage(bob.id, (m) => m.at >= asked && (m.text ?? '').includes(bobKey.secret));
    expect(shown.text).not.toContain(bobKey.key);
    // At rest: the key only as a hash, the signing secret sealed.
    const [stored] = await hookbot.query<{ key_hash: string; webhook_secret: string }>(
      `SELECT key_hash, webhook_secret FROM api_keys WHERE user_id = (SELECT id FROM users WHERE telegram_id = $1)`,
      [bob.id],
    );
    expect(stored?.webhook_secret).toMatch(/^v1:/);
    expect(stored?.webhook_secret).not.toContain(bobKey.secret.slice(6));
    expect(stored?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(shown.text).toContain(`<code>${bobKey.key.slice(0, 7)}</code>`);
    telegram.pressButton(bob, shown.messageId, 'apikey:new');
    const edit = await telegram.waitForCall('editMessageText', (call) => call.params.chat_id === bob.id && String(call.params.text).includes('hb_'));
    const newKey = /<code>(hb_[A-Za-z0-9_-]+)<\/code>/.exec(String(edit.params.text))?.[1];
    expect(newKey).toBeDefined();
    expect(newKey).not.toBe(bobKey.key);
    expect((await api(hookbot.url, 'GET', '/jobs/any', { key: bobKey.key })).status).toBe(401);
    expect((await api(hookbot.url, 'GET', '/jobs/any', { key: newKey })).status).toBe(404);
  });
});
