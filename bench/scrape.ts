/**
 * The scrape benchmark, on the fixture Maps site: time from POST /scrape to the first
 * result at the user's webhook, places per minute at concurrency 1 and 4, peak RSS of Hookbot
 * and its Chromium children, and webhook delivery lag (result committed -> received) p50/p99.
 * Baselines from the same run: concurrency 1 for throughput, a 20-place job for memory, and a
 * direct POST from this process to the same receiver for the lag floor.
 *
 * BENCH_SCRAPE_PLACES (default 200) sets the size of the long job; 20 is used for a quick check.
 *
 * Area searches (a second table): an area of 9 cells (3 × 3 grid of 3.5 km, neighbours sharing
 * places) holding BENCH_AREA_PLACES places (default 300), at concurrency 1 and 4, next to a
 * single search for the same places in the same process: places per minute, peak memory and the
 * result -> webhook lag p99 (target < 50 ms). BENCH_SCRAPE_AREA_ONLY=1 runs only this part.
 */
import { readdir, readFile } from 'node:fs/promises';
import { ApiKeyRepository } from '../models/apiKeys.js';
import { UserRepository } from '../models/users.js';
import { openDatabase, runMigrations } from '../src/db/database.js';
import { parseEncryptionKey, SecretBox } from '../src/services/secrets/secretBox.js';
import { createLogger } from '../src/logger.js';
import { startFakeMaps } from '../test/support/fakeMaps.js';
import { startFakeTelegram } from '../test/support/fakeTelegram.js';
import { areaPlaces, bulkPlaces } from '../test/support/mapsFixtures.js';
import { startWebhookReceiver, type WebhookReceiver } from '../test/support/webhookReceiver.js';
import { createDatabase, percentile, printTable, startPostgres, startProcess, type Child } from './support.js';

/** The key the bench and Hookbot share, so the bench can seal the signing secret it seeds. */
const ENCRYPTION_KEY = '0f'.repeat(32);
const LONG_JOB = Number(process.env.BENCH_SCRAPE_PLACES ?? 200);
const SHORT_JOB = 20;
// The fixture answers a place page after this long, as a real network would (Maps takes longer).
const PAGE_DELAY_MS = Number(process.env.BENCH_PAGE_DELAY_MS ?? 250);
const AREA_PLACES = Number(process.env.BENCH_AREA_PLACES ?? 300);
const AREA_ONLY = process.env.BENCH_SCRAPE_AREA_ONLY === '1';
/** About 10 km × 10 km: cells of 3.5 km make 3 × 3. */
const AREA_BOX: [number, number, number, number] = [55.7, 49.0, 55.79, 49.16];
/** The p99 lag the area search must stay under. */
const LAG_TARGET_MS = 50;

function progress(message: string): void {
  process.stderr.write(`[bench scrape] ${message}\n`);
}

/**
 * Memory of a process and all its descendants (Chromium's are many), in MB: RSS summed as the
 * issue asks, and PSS, which shares each shared page among the processes using it (summed RSS
 * counts Chromium's shared libraries once per process).
 */
async function treeMemoryMb(root: number): Promise<{ rss: number; pss: number }> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      parents.set(pid, Number(/^PPid:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0));
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid: number): boolean => {
    for (let current = pid, depth = 0; current > 1 && depth < 30; depth += 1) {
      if (current === root) return true;
      current = parents.get(current) ?? 0;
    }
    return false;
  };
  let rss = 0;
  let pss = 0;
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    try {
      const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return { rss: rss / 1024, pss: pss / 1024 };
}

async function seed(databaseUrl: string): Promise<string> {
  const log = createLogger('silent');
  const database = openDatabase(databaseUrl, log, 2);
  await runMigrations(database, log);
  const { user } = await new UserRepository(database.db).register({ telegramId: 4_000_001, language: 'en', firstName: 'Bench' }, true);
  const box = SecretBox.fromKey(parseEncryptionKey(ENCRYPTION_KEY));
  const { key, webhookSecret } = await new ApiKeyRepository(database.db).issue(user.id, (secret) => box.encrypt(secret));
  await database.close();
  return `${key} ${webhookSecret}`;
}

interface Row {
  label: string;
  concurrency: number;
  places: number;
  firstResultS: number;
  perMinute: number;
  peakRssMb: number;
  peakPssMb: number;
  lagP50: number;
  lagP99: number;
}

async function runJob(
  app: Child,
  key: string,
  receiver: WebhookReceiver,
  databaseUrl: string,
  job: number | Record<string, unknown>,
  label: string,
  concurrency: number,
): Promise<Row> {
  const before = receiver.requests.length;
  let peak = 0;
  let peakPss = 0;
  // This process also timestamps the webhooks it receives: /proc is read asynchronously, file by
  // file, so a sample never holds a request's arrival back (read synchronously, one sample
  // blocked the loop for 20-50 ms and showed up as delivery lag).
  let sampling = false;
  const sampler = setInterval(() => {
    if (sampling) return;
    sampling = true;
    void treeMemoryMb(app.process.pid!)
      .then((memory) => {
        peak = Math.max(peak, memory.rss);
        peakPss = Math.max(peakPss, memory.pss);
      })
      .finally(() => {
        sampling = false;
      });
  }, 300);
  const requested = Date.now();
  const response = await fetch(`${app.url}/scrape`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...(typeof job === 'number' ? { query: 'all', max_results: job } : job), webhook_url: receiver.url }),
  });
  const { job_id: jobId } = (await response.json()) as { job_id: string };
  const deadline = Date.now() + 15 * 60_000;
  while (!receiver.requests.slice(before).some((r) => r.payload.job_id === jobId && r.payload.status !== 'processing')) {
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  clearInterval(sampler);
  const received = receiver.requests.slice(before).filter((r) => r.payload.job_id === jobId && r.payload.status === 'processing');
  // When each result was committed, from the database (same machine, same clock).
  const log = createLogger('silent');
  const database = openDatabase(databaseUrl, log, 1);
  const { rows } = await database.pool.query<{ position: number; at: Date }>(`SELECT position, extracted_at AS at FROM scrape_results WHERE job_id = $1`, [jobId]);
  await database.close();
  const extractedAt = new Map(rows.map((row) => [row.position, row.at.getTime()]));
  const lags = received
    .map((r) => r.at - (extractedAt.get(Number(r.payload.current_result)) ?? Number.NaN))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const first = received[0]?.at ?? Number.NaN;
  const last = received.at(-1)?.at ?? Number.NaN;
  return {
    label,
    concurrency,
    places: received.length,
    firstResultS: (first - requested) / 1000,
    perMinute: received.length > 1 ? ((received.length - 1) / (last - first)) * 60_000 : Number.NaN,
    peakRssMb: peak,
    peakPssMb: peakPss,
    lagP50: percentile(lags, 50),
    lagP99: percentile(lags, 99),
  };
}

/** The floor: this process POSTing straight to the receiver, no Hookbot in between. */
async function directLag(receiver: WebhookReceiver, count: number): Promise<number[]> {
  const lags: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const before = receiver.requests.length;
    const sent = Date.now();
    await fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'processing', i }) }).then((r) =>
      r.arrayBuffer(),
    );
    const arrived = receiver.requests[before]?.at ?? Number.NaN;
    lags.push(arrived - sent);
  }
  return lags.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const postgres = await startPostgres();
  const telegram = await startFakeTelegram();
  // The area's places (named "… grid #n") come after the others: a search for "all" reaches them last.
  const maps = await startFakeMaps({
    places: [...bulkPlaces(Math.max(LONG_JOB, SHORT_JOB) + 20), ...areaPlaces(AREA_PLACES, AREA_BOX, { prefix: 'grid', columns: 20 })],
    placeDelayMs: PAGE_DELAY_MS,
    feedDelayMs: 100,
    pageSize: 10,
  });
  const receiver = await startWebhookReceiver();
  const children: Child[] = [];
  try {
    const rows: Row[] = [];
    const areaRows: Row[] = [];
    for (const concurrency of [1, 4]) {
      const databaseUrl = await createDatabase(postgres.url, `bench_scrape_c${concurrency}`);
      const [key, secret] = (await seed(databaseUrl)).split(' ') as [string, string];
      receiver.setSecret(secret);
      const app = await startProcess('src/main.ts', ['--role', 'all'], {
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.url,
        DATABASE_URL: databaseUrl,
        ENCRYPTION_KEY,
        MAPS_BASE_URL: maps.url,
        ALLOW_PRIVATE_WEBHOOKS: 'true',
        SCRAPE_CONCURRENCY: String(concurrency),
        // The single search that stands next to the area asks for all its places at once.
        SCRAPE_MAX_RESULTS: String(Math.min(1_000, Math.max(200, AREA_PLACES))),
        // The chat cards go to a fake Telegram; its rate is not what this measures.
        TELEGRAM_RATE_PER_SECOND: '200',
        LOG_LEVEL: 'info', // spawnUntilReady waits for the start-up line
      });
      children.push(app);
      progress(`concurrency ${concurrency}: warm-up job`);
      await runJob(app, key, receiver, databaseUrl, 3, 'warm-up', concurrency);
      if (AREA_PLACES > 0) {
        progress(`concurrency ${concurrency}: single search of the ${AREA_PLACES} area places`);
        areaRows.push(await runJob(app, key, receiver, databaseUrl, { query: 'grid', max_results: AREA_PLACES }, 'single search', concurrency));
        progress(`concurrency ${concurrency}: area search, 9 cells, ${AREA_PLACES} places`);
        areaRows.push(await runJob(app, key, receiver, databaseUrl, { query: 'grid', area: { bbox: AREA_BOX }, cell_km: 3.5 }, 'area, 9 cells', concurrency));
      }
      if (AREA_ONLY) {
        await app.stop();
        continue;
      }
      progress(`concurrency ${concurrency}: ${SHORT_JOB}-place job`);
      rows.push(await runJob(app, key, receiver, databaseUrl, SHORT_JOB, `${SHORT_JOB} places`, concurrency));
      if (concurrency === 4) {
        progress(`concurrency ${concurrency}: ${LONG_JOB}-place job`);
        rows.push(await runJob(app, key, receiver, databaseUrl, LONG_JOB, `${LONG_JOB} places`, concurrency));
      }
      await app.stop();
    }
    const direct = await directLag(receiver, 100);
    const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
    if (areaRows.length > 0) {
      const single = (concurrency: number) => areaRows.find((row) => row.concurrency === concurrency && row.label === 'single search')!;
      printTable(
        `Area searches: ${AREA_PLACES} places in 9 cells whose views overlap, against one search for the same places (same process, same run; ${PAGE_DELAY_MS} ms per place page); lag target p99 < ${LAG_TARGET_MS} ms`,
        ['job', 'conc.', 'places', 'places/min', 'vs single', 'peak RSS MB', 'vs single', 'peak PSS MB', 'lag p50 ms', 'lag p99 ms', 'p99 < target'],
        [
          ...areaRows.map((row) => {
            const base = single(row.concurrency);
            const isArea = row !== base;
            return [
              row.label,
              row.concurrency,
              row.places,
              fmt(row.perMinute),
              isArea ? `${fmt((row.perMinute / base.perMinute) * 100)}%` : '',
              fmt(row.peakRssMb),
              isArea ? `${fmt(((row.peakRssMb - base.peakRssMb) / base.peakRssMb) * 100, 1)}%` : '',
              fmt(row.peakPssMb),
              fmt(row.lagP50, 1),
              fmt(row.lagP99, 1),
              row.lagP99 < LAG_TARGET_MS ? 'yes' : 'NO',
            ];
          }),
          ['direct POST to the receiver (floor)', '', direct.length, '', '', '', '', '', fmt(percentile(direct, 50), 1), fmt(percentile(direct, 99), 1), ''],
        ],
      );
    }
    if (AREA_ONLY) return;
    const baseRate = rows[0]!.perMinute;
    const short = rows.find((row) => row.concurrency === 4 && row.places === SHORT_JOB);
    const shortRss = short?.peakRssMb ?? Number.NaN;
    const shortPss = short?.peakPssMb ?? Number.NaN;
    printTable(
      `Maps scrapes on the fixture site (${PAGE_DELAY_MS} ms per place page, like a network); Hookbot as "npm start" runs it; lag = result committed -> received by the webhook`,
      ['job', 'conc.', 'places', 'first result s', 'places/min', 'vs conc. 1', 'peak RSS MB', 'vs 20-place', 'peak PSS MB', 'vs 20-place', 'lag p50 ms', 'lag p99 ms'],
      [
        ...rows.map((row) => [
          row.label,
          row.concurrency,
          row.places,
          fmt(row.firstResultS, 2),
          fmt(row.perMinute),
          `${fmt((row.perMinute / baseRate) * 100)}%`,
          fmt(row.peakRssMb),
          row.concurrency === 4 ? `${fmt(((row.peakRssMb - shortRss) / shortRss) * 100, 1)}%` : '',
          fmt(row.peakPssMb),
          row.concurrency === 4 ? `${fmt(((row.peakPssMb - shortPss) / shortPss) * 100, 1)}%` : '',
          fmt(row.lagP50, 1),
          fmt(row.lagP99, 1),
        ]),
        ['direct POST to the receiver (floor)', '', direct.length, '', '', '', '', '', '', '', fmt(percentile(direct, 50), 1), fmt(percentile(direct, 99), 1)],
      ],
    );
  } finally {
    for (const child of children) await child.stop().catch(() => undefined);
    await Promise.all([telegram.close(), maps.close(), receiver.close()]);
    await postgres.stop();
  }
}

await main();
