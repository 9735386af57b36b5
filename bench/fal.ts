/**
 * FAL ingress: what the ED25519 check and the lossless parse cost. In one run, one web
 * process, the same load: (t) the TradingView endpoint as the baseline (lookup + validation +
 * durable insert), (f) FAL deliveries signed as FAL signs them, (f401) deliveries with a bad
 * signature (refused before parsing; they must not make Hookbot fetch FAL's keys again).
 */
import autocannon from 'autocannon';
import { EndpointRepository } from '../models/endpoints.js';
import { UserRepository } from '../models/users.js';
import { openDatabase, runMigrations } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { falBodies, startFakeFal } from '../test/support/fakeFal.js';
import { startFakeTelegram } from '../test/support/fakeTelegram.js';
import { createDatabase, printTable, startPostgres, startProcess, type Child } from './support.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const USERS = 50;
const CONNECTIONS = 20;

async function seed(databaseUrl: string): Promise<{ tradingview: string[]; fal: string[] }> {
  const log = createLogger('silent');
  const database = openDatabase(databaseUrl, log, 4);
  await runMigrations(database, log);
  const users = new UserRepository(database.db);
  const endpoints = new EndpointRepository(database.db);
  const tokens = { tradingview: [] as string[], fal: [] as string[] };
  for (let i = 0; i < USERS; i += 1) {
    const { user } = await users.register({ telegramId: 2_000_000 + i, language: 'en', firstName: `Fal${i}` }, true);
    tokens.tradingview.push((await endpoints.getOrCreate(user.id, 'tradingview')).token);
    tokens.fal.push((await endpoints.getOrCreate(user.id, 'fal')).token);
  }
  await database.close();
  return tokens;
}

type Request = { path: string; headers: Record<string, string>; body: string };

async function load(url: string, next: () => Request, seconds: number) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, ...next() }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, statuses: result.statusCodeStats };
}

async function main(): Promise<void> {
  const postgres = await startPostgres();
  const telegram = await startFakeTelegram();
  const fal = await startFakeFal();
  fal.addKey();
  const stranger = await startFakeFal();
  stranger.addKey();
  let app: Child | undefined;
  try {
    const databaseUrl = await createDatabase(postgres.url, 'bench_fal');
    const tokens = await seed(databaseUrl);
    app = await startProcess('src/main.ts', ['--role', 'web'], {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      DATABASE_URL: databaseUrl,
      HOOK_RATE_LIMIT_PER_MINUTE: '1000000',
      INLINE_PROCESSING: 'false',
      LOG_LEVEL: 'info',
      ENCRYPTION_KEY: '0f'.repeat(32),
      FAL_JWKS_URL: fal.jwksUrl,
    });
    let n = 0;
    const scenarios: Array<[string, () => Request]> = [
      [
        '(t) TradingView endpoint (baseline)',
        () => ({
          path: `/hooks/tradingview/${tokens.tradingview[++n % USERS]}`,
          headers: { 'content-type': 'application/json' },
          body: `{"symbol":"BTCUSDT","action":"buy","price":50000,"id":"fal-bench-${process.pid}-${n}"}`,
        }),
      ],
      [
        '(f) FAL endpoint, signed',
        () => {
          const signed = fal.sign(falBodies.ok(`bench-${process.pid}-${++n}`, ['https://v3.fal.media/files/a.png']));
          return { path: `/hooks/fal/${tokens.fal[n % USERS]}`, ...signed };
        },
      ],
      [
        '(f401) FAL endpoint, unknown key',
        () => {
          const signed = stranger.sign(falBodies.ok(`bench-bad-${process.pid}-${++n}`, []));
          return { path: `/hooks/fal/${tokens.fal[n % USERS]}`, ...signed };
        },
      ],
    ];
    const rows: (string | number)[][] = [];
    const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 0) : '-');
    let baseline = Number.NaN;
    for (const [name, next] of scenarios) {
      process.stderr.write(`[bench] ${name}\n`);
      await load(app.url, next, 2); // warm-up
      const jwksBefore = fal.jwksRequests;
      const result = await load(app.url, next, DURATION);
      if (Number.isNaN(baseline)) baseline = result.rps;
      const statuses = Object.entries(result.statuses ?? {})
        .map(([code, stat]) => `${code}×${(stat as { count: number }).count}`)
        .join(' ');
      rows.push([name, fmt(result.rps), fmt(result.p50), fmt(result.p99), `${((result.rps / baseline) * 100).toFixed(0)}%`, statuses, fal.jwksRequests - jwksBefore]);
    }
    printTable(
      `FAL ingress: ${DURATION}s per row after a 2s warm-up, ${CONNECTIONS} connections, one web process, PostgreSQL with fsync on; latency in ms`,
      ['scenario', 'req/s', 'p50', 'p99', 'of (t)', 'answers', 'JWKS fetches'],
      rows,
    );
  } finally {
    await app?.stop().catch(() => undefined);
    await stranger.close();
    await fal.close();
    await telegram.close();
    await postgres.stop();
  }
}

await main();
