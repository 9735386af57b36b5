import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromiumDescendants } from './support/chromiumProcesses.js';
import { createTestDatabase } from './support/database.js';
import { startFakeMaps, type FakeMaps } from './support/fakeMaps.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { registerUser, spawnHookbot, startTestHookbot, testEnv, type TestHookbot } from './support/hookbot.js';
import { areaPlaces, placeIdOf } from './support/mapsFixtures.js';
import { api, apiCredentials, waitForJobEnd, waitUntil, type ApiCredentials } from './support/scrapeApi.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhookReceiver.js';

// Whole area searches in real Chromium, beside other test files. The two 300-place searches get
// more (their own timeouts below): 300 place pages take minutes on a loaded 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

/** About 10 km × 10 km: cells of 3.5 km cut it into 3 × 3. */
const GRID_BOX: [number, number, number, number] = [55.7, 49.0, 55.79, 49.16];
/** About 3.3 km × 3.4 km, 48 places on 8 × 6: more than a cap of 20, and each quarter fewer. */
const SPLIT_BOX: [number, number, number, number] = [40.0, 20.0, 40.03, 20.04];
const KAZAN: [number, number, number, number] = [55.6, 48.8, 55.64, 48.86];

const gridPlaces = areaPlaces(300, GRID_BOX, { prefix: 'grid', columns: 20 });
const splitPlaces = areaPlaces(48, SPLIT_BOX, { prefix: 'split', columns: 8 });
const kazanPlaces = areaPlaces(24, KAZAN, { prefix: 'kazan', columns: 6 });

let telegram: FakeTelegram;
let maps: FakeMaps;
let receiver: WebhookReceiver;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  maps = await startFakeMaps({ places: [...gridPlaces, ...splitPlaces, ...kazanPlaces], regions: { Kazan: KAZAN } });
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await Promise.all([telegram?.close(), maps?.close(), receiver?.close()]);
  expect(chromiumDescendants()).toEqual([]);
});

const env = (extra: Record<string, string> = {}) => ({ MAPS_BASE_URL: maps.url, ALLOW_PRIVATE_WEBHOOKS: 'true', SCRAPE_CONCURRENCY: '3', ...extra });

/** A Hookbot of its own (one polls the fake Telegram at a time) with a registered user and key. */
async function withHookbot<T>(user: { id: number; first_name: string }, extraEnv: Record<string, string>, run: (hookbot: TestHookbot, key: ApiCredentials) => Promise<T>): Promise<T> {
  const hookbot = await startTestHookbot(telegram, { env: env(extraEnv) });
  try {
    await registerUser(telegram, user);
    const key = await apiCredentials(telegram, user.id);
    receiver.setSecret(key.secret);
    return await run(hookbot, key);
  } finally {
    await hookbot.stop();
  }
}

/** The webhook requests of a job, the first of each webhook-id (a retry repeats its id), in arrival order. */
function webhooksOf(jobId: string) {
  const accepted = receiver.accepted().filter((request) => request.payload.job_id === jobId);
  return accepted.filter((request, index) => accepted.findIndex((other) => other.headers['webhook-id'] === request.headers['webhook-id']) === index);
}

/** The card numbers the chat got since `after`, in order (cards may share a message). */
function cardNumbers(chatId: number, after: number): number[] {
  return telegram
    .sent(chatId)
    .filter((message) => message.at >= after && /^<b>\d+\. /.test(message.text ?? ''))
    .flatMap((message) => (message.text ?? '').split('\n\n'))
    .map((card) => Number(/^<b>(\d+)\./.exec(card)?.[1]));
}

const oneTo = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

async function cellsOf(hookbot: { query: TestHookbot['query'] }, jobId: string) {
  return hookbot.query<{ seq: number; parent_seq: number | null; depth: number; status: string; feed_links: number | null; new_places: number | null }>(
    `SELECT seq, parent_seq, depth, status, feed_links, new_places FROM scrape_cells WHERE job_id = $1 ORDER BY seq`,
    [jobId],
  );
}

describe('area searches', () => {
  it('streams the 300 places of a 9-cell area once each, in order, to the chat and the webhook, though neighbouring cells share places', async () => {
    const user = { id: 7501, first_name: 'Grid' };
    await withHookbot(user, {}, async (hookbot, { key }) => {
      const started = Date.now();
      const camerasBefore = maps.cameraSearches().length;
      const response = await api(hookbot.url, 'POST', '/scrape', {
        key,
        body: { query: 'grid', area: { bbox: GRID_BOX }, cell_km: 3.5, webhook_url: receiver.url },
      });
      expect(response.status, response.text).toBe(202);
      const jobId = String(response.body.job_id);
      const job = await waitForJobEnd(hookbot.url, key, jobId, 280_000);
      expect(job).toMatchObject({ status: 'completed', results: 300, area: { bbox: GRID_BOX, cell_km: 3.5, cells_done: 9, cells_total: 9 } });

      // Nine searches by camera, each cell once; the cells' feeds overlap, yet each place was opened once.
      expect(maps.cameraSearches().length - camerasBefore).toBe(9);
      const cells = await cellsOf(hookbot, jobId);
      expect(cells.map((cell) => cell.status)).toEqual(Array(9).fill('done'));
      expect(cells.reduce((sum, cell) => sum + (cell.feed_links ?? 0), 0)).toBeGreaterThan(300);
      expect(cells.reduce((sum, cell) => sum + (cell.new_places ?? 0), 0)).toBe(300);
      for (const place of gridPlaces) expect(maps.visitsOf(placeIdOf(place)), placeIdOf(place)).toBe(1);

      const results = await hookbot.query<{ position: number; place_id: string }>(`SELECT position, place_id FROM scrape_results WHERE job_id = $1 ORDER BY position`, [jobId]);
      expect(results.map((row) => row.position)).toEqual(oneTo(300));
      expect(new Set(results.map((row) => row.place_id))).toEqual(new Set(gridPlaces.map(placeIdOf)));

      await receiver.waitFor(() => webhooksOf(jobId).some((request) => request.payload.status === 'completed'), 60_000);
      const webhooks = webhooksOf(jobId);
      expect(webhooks.every((request) => request.verified)).toBe(true);
      expect(webhooks.map((request) => request.payload.current_result ?? request.payload.status)).toEqual([...oneTo(300), 'completed']);
      for (const { payload } of webhooks.slice(0, 300)) {
        expect(payload).toMatchObject({ status: 'processing', total_is_estimate: true, cells_total: 9 });
        expect(Number(payload.total_expected)).toBeGreaterThanOrEqual(Number(payload.current_result));
        expect(Number(payload.cells_done)).toBeLessThan(9);
      }
      expect(webhooks.at(-1)!.payload).toMatchObject({ status: 'completed', total_results: 300 });

      // The chat: every card once, in order, and the progress message ends on the cells.
      await telegram.waitForMessage(user.id, (message) => message.at >= started && (message.text ?? '').includes('Done'), 60_000);
      expect(cardNumbers(user.id, started)).toEqual(oneTo(300));
      const progressEdits = telegram.calls.filter((call) => call.method === 'editMessageText' && call.at >= started && call.params.chat_id === user.id);
      expect(progressEdits.some((call) => /cells: [1-8]\/9/.test(String(call.params.text)))).toBe(true);
      expect(String(progressEdits.at(-1)?.params.text)).toMatch(/cells: 9\/9[\s\S]*places: 300/);
    });
  }, 300_000);

  it('splits a cell whose feed reaches the cap into four, and delivers each place once', async () => {
    const user = { id: 7502, first_name: 'Split' };
    maps.setOptions({ cap: 20 });
    try {
      await withHookbot(user, { SCRAPE_AREA_CELL_CAP: '20' }, async (hookbot, { key }) => {
        const response = await api(hookbot.url, 'POST', '/scrape', {
          key,
          body: { query: 'split', area: { bbox: SPLIT_BOX }, split: 'auto', max_results: 500, webhook_url: receiver.url },
        });
        expect(response.status, response.text).toBe(202);
        const jobId = String(response.body.job_id);
        const job = await waitForJobEnd(hookbot.url, key, jobId, 110_000);
        expect(job).toMatchObject({ status: 'completed', results: 48, area: { cells_done: 5, cells_total: 5 } });
        const cells = await cellsOf(hookbot, jobId);
        expect(cells.map(({ seq, parent_seq, depth, status }) => ({ seq, parent_seq, depth, status }))).toEqual([
          { seq: 1, parent_seq: null, depth: 0, status: 'split' },
          ...[2, 3, 4, 5].map((seq) => ({ seq, parent_seq: 1, depth: 1, status: 'done' })),
        ]);
        expect(cells[0]!.feed_links).toBe(20);
        for (const child of cells.slice(1)) expect(child.feed_links).toBeLessThan(20);
        for (const place of splitPlaces) expect(maps.visitsOf(placeIdOf(place)), placeIdOf(place)).toBe(1);
        await receiver.waitFor(() => webhooksOf(jobId).some((request) => request.payload.status === 'completed'), 60_000);
        expect(webhooksOf(jobId).map((request) => request.payload.current_result ?? request.payload.status)).toEqual([...oneTo(48), 'completed']);
      });
    } finally {
      maps.setOptions({ cap: undefined });
    }
  });

  it('takes an area by place name from the bot: Maps finds the place, its viewport becomes the area', async () => {
    const user = { id: 7503, first_name: 'Kazan', language_code: 'ru' };
    await withHookbot(user, {}, async (hookbot) => {
      const started = Date.now();
      const camerasBefore = maps.cameraSearches().length;
      telegram.sendUserMessage(user, '/scrape kazan | Kazan');
      await telegram.waitForMessage(user.id, (message) => message.at >= started && /мест: 24/.test(message.text ?? ''), 90_000);
      expect(cardNumbers(user.id, started)).toEqual(oneTo(24));
      const [job] = await hookbot.query<{ area: unknown; status: string; result_count: number; id: string }>(
        `SELECT id, area, status, result_count FROM scrape_jobs WHERE query = 'kazan'`,
      );
      expect(job).toMatchObject({ area: { place: 'Kazan', split: 'auto' }, status: 'completed', result_count: 24 });
      // One cell: the place's viewport, searched with a camera on the region's centre.
      const cameras = maps.cameraSearches().slice(camerasBefore);
      expect(cameras).toHaveLength(1);
      expect(cameras[0]!.lat).toBeCloseTo((KAZAN[0] + KAZAN[2]) / 2, 4);
      expect(cameras[0]!.lng).toBeCloseTo((KAZAN[1] + KAZAN[3]) / 2, 4);
      const progress = telegram.calls.filter((call) => call.method === 'editMessageText' && call.at >= started && call.params.chat_id === user.id).at(-1);
      expect(String(progress?.params.text)).toContain('ячейки: 1/1');

      // A box the wrong way round is refused before anything starts, in the user's language.
      const asked = Date.now();
      telegram.sendUserMessage(user, '/scrape cafes | 56,49,55,50');
      const refused = await telegram.waitForMessage(user.id, (message) => message.at >= asked);
      expect(refused.text).toContain('Этот район нельзя обыскать');
      expect(refused.text).toContain('south (56) must be less than north (55)');
    });
  });

  it('resumes after the worker is killed mid-area: cells done are not searched again, and still 300 places once each', async () => {
    const user = { id: 7504, first_name: 'Crash' };
    const databaseUrl = await createTestDatabase();
    const setup = await startTestHookbot(telegram, { databaseUrl, env: env() });
    await registerUser(telegram, user);
    const { key, secret } = await apiCredentials(telegram, user.id);
    receiver.setSecret(secret);
    await setup.stop();
    const query = async <R,>(sql: string, params: unknown[]) => {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as R[];
      } finally {
        await client.end();
      }
    };

    const child = await spawnHookbot(testEnv(telegram, databaseUrl, env()));
    let jobId = '';
    const doneBeforeKill: number[] = [];
    try {
      const response = await api(child.url, 'POST', '/scrape', { key, body: { query: 'grid', area: { bbox: GRID_BOX }, cell_km: 3.5, webhook_url: receiver.url } });
      expect(response.status, response.text).toBe(202);
      jobId = String(response.body.job_id);
      await waitUntil(
        async () => (await query<{ seq: number }>(`SELECT seq FROM scrape_cells WHERE job_id = $1 AND status = 'done'`, [jobId])).length >= 3,
        90_000,
        'three cells searched',
      );
      const browsers = chromiumDescendants(child.process.pid);
      await child.kill('SIGKILL');
      await waitUntil(() => browsers.every((pid) => !isAlive(pid)), 20_000, "the killed worker's Chromium to exit");
      doneBeforeKill.push(...(await query<{ seq: number }>(`SELECT seq FROM scrape_cells WHERE job_id = $1 AND status = 'done'`, [jobId])).map((row) => row.seq));
    } finally {
      await child.kill('SIGKILL');
    }
    const [{ count: deliveredBeforeKill } = { count: 0 }] = await query<{ count: number }>(`SELECT count(*)::int AS count FROM scrape_results WHERE job_id = $1`, [jobId]);
    expect(deliveredBeforeKill).toBeGreaterThan(0);
    expect(deliveredBeforeKill).toBeLessThan(300);

    const camerasBefore = maps.cameraSearches().length;
    const survivor = await startTestHookbot(telegram, { databaseUrl, env: env() });
    try {
      const job = await waitForJobEnd(survivor.url, key, jobId, 300_000);
      expect(job).toMatchObject({ status: 'completed', results: 300, area: { cells_done: 9, cells_total: 9 } });
      // Only the cells not done were searched again.
      expect(maps.cameraSearches().length - camerasBefore).toBe(9 - doneBeforeKill.length);
      const results = await survivor.query<{ position: number; place_id: string }>(`SELECT position, place_id FROM scrape_results WHERE job_id = $1 ORDER BY position`, [jobId]);
      expect(results.map((row) => row.position)).toEqual(oneTo(300));
      expect(new Set(results.map((row) => row.place_id)).size).toBe(300);
      const [row] = await survivor.query<{ attempts: number }>(`SELECT attempts FROM scrape_jobs WHERE id = $1`, [jobId]);
      expect(row?.attempts).toBe(2);
      await receiver.waitFor(() => webhooksOf(jobId).some((request) => request.payload.status === 'completed'), 60_000);
      expect(webhooksOf(jobId).map((request) => request.payload.current_result ?? request.payload.status)).toEqual([...oneTo(300), 'completed']);
    } finally {
      await survivor.stop();
    }
  }, 420_000);

  it('refuses bad areas with a clear 400', async () => {
    const user = { id: 7505, first_name: 'Bad' };
    await withHookbot(user, {}, async (hookbot, { key }) => {
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ area: { bbox: [55.8, 49.0, 55.7, 49.1] } }, /south \(55\.8\) must be less than north \(55\.7\)/],
        [{ area: { bbox: [55.7, 49.1, 55.8, 49.0] } }, /west \(49\.1\) must be less than east \(49\)/],
        [{ area: { bbox: [86, 49.0, 87, 49.1] } }, /latitudes must be between -85 and 85/],
        [{ area: { bbox: [55.7, 179, 55.8, 181] } }, /longitudes must be between -180 and 180/],
        [{ area: { bbox: [50, 40, 56, 50] } }, /the area is too large: \d+ km × \d+ km; a side may be at most 100 km/],
        [{ area: { bbox: [55.7, 49.0, 55.79, 49.16] }, cell_km: 0.1 }, /cut this area into \d+ cells .*at most 256/],
        [{ area: { bbox: [55.7, 49.0, 55.79] } }, /bbox must be four numbers|area must be/],
        [{ area: { bbox: [55.7, 49.0, 55.79, 49.16], place: 'Kazan' } }, /area must be/],
        [{ area: { place: '' } }, /area/],
        [{ area: { bbox: [55.7, 49.0, 55.79, 49.16] }, cell_km: -1 }, /cell_km must be more than 0/],
        [{ cell_km: 2 }, /cell_km and split apply to an area/],
        [{ area: { bbox: [55.7, 49.0, 55.79, 49.16] }, split: 'always' }, /split must be "auto"/],
        [{ area: { bbox: [55.7, 49.0, 55.79, 49.16] }, max_results: 100_000 }, /max_results must be at most/],
        [{ max_results: 1_000 }, /max_results must be at most 200/],
      ];
      for (const [body, message] of cases) {
        const response = await api(hookbot.url, 'POST', '/scrape', { key, body: { query: 'cafes', ...body } });
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(String(response.body.error), JSON.stringify(body)).toMatch(message);
      }
      const [{ count } = { count: -1 }] = await hookbot.query<{ count: number }>(`SELECT count(*)::int AS count FROM scrape_jobs`);
      expect(count).toBe(0);

      // The schema is the documentation: /docs shows the area fields and says the total is an estimate.
      const spec = JSON.stringify(await (await fetch(`${hookbot.url}/docs/json`)).json());
      for (const text of ['"area"', '"bbox"', '"place"', '"cell_km"', '"split"', 'total_is_estimate', '/@lat,lng,<zoom>z']) expect(spec, text).toContain(text);
    });
  });
});

/** A process that still runs (a zombie waiting for its parent counts as gone). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
