/**
 * The ingress benchmark: (a) a bare Fastify route vs (b) the real TradingView endpoint (token
 * lookup + validation + durable insert, acknowledged only after its group commit is flushed), with
 * (b0) the naive one-INSERT-per-request handler for reference; same load generator, same machine,
 * same run. The load generator (this process) runs on one core, the server under test and
 * PostgreSQL on the other (taskset), so the ratio measures the server, not the scheduler; the
 * server's and PostgreSQL's CPU time per acknowledged request come from /proc. (p) PostgreSQL's
 * CPU per event for the ingest statement alone gives the ceiling of (b)/(a) on this layout. Then
 * (c) the time from an alert's request to its sendMessage arriving at a fake Telegram.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { EndpointRepository } from '../models/endpoints.js';
import { UserRepository } from '../models/users.js';
import { openDatabase, runMigrations } from '../src/db/database.js';
import { INSERT_BATCH } from '../src/services/inbound/ingestWriter.js';
import { createLogger } from '../src/logger.js';
import { startFakeTelegram } from '../test/support/fakeTelegram.js';
import { cpuMillis, cpuSpent, LOAD_CORE, pin, PostgresProcesses, requirePinning, SERVER_CORE, unpin } from './pinning.js';
import { atSteadyRate, type Child, createDatabase, fmt, percentile, printTable, progress, startPostgres, startProcess } from './support.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const USERS = 200;

async function seedUsers(databaseUrl: string, count: number): Promise<{ tokens: string[]; telegramIds: number[] }> {
  const log = createLogger('silent');
  const database = openDatabase(databaseUrl, log, 4);
  await runMigrations(database, log);
  const users = new UserRepository(database.db);
  const endpoints = new EndpointRepository(database.db);
  const tokens: string[] = [];
  const telegramIds: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const { user } = await users.register({ telegramId: 1_000_000 + i, language: 'en', firstName: `Bench${i}` }, true);
    tokens.push((await endpoints.getOrCreate(user.id, 'tradingview')).token);
    telegramIds.push(user.telegramId);
  }
  await database.close();
  return { tokens, telegramIds };
}

interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Requests answered 2xx (acknowledged). */
  acknowledged: number;
}

interface Measured extends LoadResult {
  /** CPU time of the server process per acknowledged request, µs. */
  serverCpuUs: number;
  /** CPU time of all PostgreSQL processes per acknowledged request, µs. */
  postgresCpuUs: number;
}

async function load(target: string, tokens: string[], options: { connections: number; rate?: number; seconds: number }): Promise<LoadResult> {
  let counter = 0;
  const result = await autocannon({
    url: target,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          counter += 1;
          return {
            ...request,
            path: `/hooks/tradingview/${tokens[counter % tokens.length]}`,
            body: `{"symbol":"BTCUSDT","action":"buy","price":50000,"id":"bench-${process.pid}-${counter}"}`,
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    acknowledged: result['2xx'],
  };
}

/** The settings that make an acknowledged alert durable, as the server under test sees them. */
async function databaseDurability(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const setting = async (name: string) => (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name];
  const fsync = await setting('fsync');
  const synchronousCommit = await setting('synchronous_commit');
  await client.end();
  // An acknowledgement must mean "on disk": a faster number without that would not be comparable.
  if (fsync !== 'on' || synchronousCommit !== 'on') throw new Error(`the benchmark needs fsync and synchronous_commit on (got ${fsync}, ${synchronousCommit})`);
  return `fsync=${fsync}, synchronous_commit=${synchronousCommit}`;
}

/**
 * PostgreSQL's own CPU per event, with nothing in front of it: the ingest statement Hookbot runs,
 * in batches of 100 (about what group commit makes of 100 connections), each its own durable
 * commit, sent from the load generator's core; and, as the floor under any design that stores
 * before answering, the same batches into a table of one jsonb column.
 */
async function postgresPerEvent(databaseUrl: string, postgres: PostgresProcesses): Promise<{ ingest: number; floor: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: owners } = await client.query<{ endpoint_id: string; user_id: string }>(`SELECT id AS endpoint_id, user_id FROM endpoints`);
    await client.query('CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, payload jsonb)');
    let serial = 0;
    const batchOf = (size: number) => {
      const rows: string[] = [];
      for (let i = 0; i < size; i += 1) {
        serial += 1;
        const owner = owners[serial % owners.length]!;
        const id = `floor-${process.pid}-${serial}`;
        rows.push(JSON.stringify({
          ord: i, endpoint_id: Number(owner.endpoint_id), user_id: Number(owner.user_id), provider: 'tradingview', key: `id:${id}`, ttl: 86_400,
          payload: { symbol: 'BTCUSDT', action: 'buy', price: 50000, id },
        }));
      }
      return `[${rows.join(',')}]`;
    };
    const perEvent = async (name: string, text: string) => {
      const batches = 300;
      const size = 100;
      for (let b = 0; b < 30; b += 1) await client.query({ name, text, values: [batchOf(size)] }); // warm-up
      const before = cpuMillis(postgres.pids());
      for (let b = 0; b < batches; b += 1) await client.query({ name, text, values: [batchOf(size)] });
      return (cpuSpent(before, cpuMillis(postgres.pids())) * 1000) / (batches * size);
    };
    const ingest = await perEvent('bench-ingest', INSERT_BATCH);
    const floor = await perEvent('bench-floor', `INSERT INTO bench_floor (payload) SELECT payload FROM json_to_recordset($1::json) AS t(ord int, payload jsonb) ORDER BY ord RETURNING id`);
    return { ingest, floor };
  } finally {
    await client.end();
  }
}

async function measureThroughput(target: Child, tokens: string[], connections: number, postgres: PostgresProcesses): Promise<Measured> {
  progress(`${target.url}: ${connections} connections`);
  await load(target.url, tokens, { connections, seconds: 2 }); // warm-up: JIT, pools, caches
  const server = [target.process.pid!];
  const serverBefore = cpuMillis(server);
  const postgresBefore = cpuMillis(postgres.pids());
  const result = await load(target.url, tokens, { connections, seconds: DURATION });
  const serverMs = cpuSpent(serverBefore, cpuMillis(server));
  const postgresMs = cpuSpent(postgresBefore, cpuMillis(postgres.pids()));
  const per = (ms: number) => (result.acknowledged > 0 ? (ms * 1000) / result.acknowledged : Number.NaN);
  return { ...result, serverCpuUs: per(serverMs), postgresCpuUs: per(postgresMs) };
}

/** A target on the server's core, next to PostgreSQL. */
async function startPinned(script: string, args: string[], env: Record<string, string>): Promise<Child> {
  const child = await startProcess(script, args, env);
  pin(child.process.pid!, SERVER_CORE);
  return child;
}

async function main(): Promise<void> {
  requirePinning();
  pin(process.pid, LOAD_CORE);
  const postgres = await startPostgres();
  const postgresProcesses = await PostgresProcesses.find(postgres.url);
  postgresProcesses.pinTo(SERVER_CORE);
  const telegram = await startFakeTelegram();
  const children: Child[] = [];
  try {
    const ingressDb = await createDatabase(postgres.url, 'bench_ingress');
    progress('seeding users');
    const { tokens } = await seedUsers(ingressDb, USERS);
    const appEnv = {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      DATABASE_URL: ingressDb,
      HOOK_RATE_LIMIT_PER_MINUTE: '1000000',
      // As deployed: webhook requests are logged at debug, so info adds only a summary line a minute.
      LOG_LEVEL: 'info',
      ENCRYPTION_KEY: '0f'.repeat(32),
    };

    const rows: (string | number)[][] = [];
    let bare100: Measured | undefined;
    for (const connections of [10, 100]) {
      const bare = await startPinned('bench/targets/bare.ts', [], {});
      children.push(bare);
      const a = await measureThroughput(bare, tokens, connections, postgresProcesses);
      await bare.stop();
      // The naive design the issue compares against: one INSERT, one commit, per request.
      const plain = await startPinned('bench/targets/plainInsert.ts', [], { DATABASE_URL: ingressDb });
      children.push(plain);
      const b0 = await measureThroughput(plain, tokens, connections, postgresProcesses);
      await plain.stop();
      // A web process that stores and leaves acting to the workers: exactly (b) of the issue.
      const real = await startPinned('src/main.ts', ['--role', 'web'], { ...appEnv, INLINE_PROCESSING: 'false' });
      children.push(real);
      const b = await measureThroughput(real, tokens, connections, postgresProcesses);
      await real.stop();
      // A row whose target answered errors measures the errors, not the design: say so.
      const ratio = (x: LoadResult) => (x.non2xx + x.errors > 0 ? 'INVALID' : `${((x.rps / a.rps) * 100).toFixed(0)}%`);
      const row = (name: string, x: Measured, versus: string) => [
        name, connections, fmt(x.rps), fmt(x.p50), fmt(x.p99), versus, fmt(x.serverCpuUs), name.startsWith('(a)') ? '-' : fmt(x.postgresCpuUs), x.non2xx + x.errors,
      ];
      rows.push(row(`(a) bare Fastify route`, a, ''));
      rows.push(row(`(b0) one INSERT per request`, b0, ratio(b0)));
      rows.push(row(`(b) TradingView endpoint`, b, ratio(b)));
      if (connections === 100) bare100 = a;
    }

    // What (b) could reach if Hookbot added nothing to the bare route: the core then spends the
    // bare route's CPU plus PostgreSQL's own per event, and no less.
    progress('PostgreSQL alone: the ingest statement, 100 events a batch');
    const { ingest, floor } = await postgresPerEvent(ingressDb, postgresProcesses);
    const ceiling = (pgUs: number) => (bare100 ? `${((bare100.serverCpuUs / (bare100.serverCpuUs + pgUs)) * 100).toFixed(0)}%` : '-');
    rows.push(['(p) PostgreSQL alone: the ingest statement', 100, '', '', '', `ceiling ${ceiling(ingest)}`, '-', fmt(ingest), 0]);
    rows.push(['(p0) PostgreSQL alone: one jsonb column', 100, '', '', '', `ceiling ${ceiling(floor)}`, '-', fmt(floor), 0]);

    // Latency at a fixed, realistic rate.
    const bare = await startPinned('bench/targets/bare.ts', [], {});
    children.push(bare);
    await load(bare.url, tokens, { connections: 20, rate: 1000, seconds: 2 });
    const aFixed = await load(bare.url, tokens, { connections: 20, rate: 1000, seconds: DURATION });
    await bare.stop();
    const real = await startPinned('src/main.ts', ['--role', 'web'], { ...appEnv, INLINE_PROCESSING: 'false' });
    children.push(real);
    await load(real.url, tokens, { connections: 20, rate: 1000, seconds: 2 });
    const bFixed = await load(real.url, tokens, { connections: 20, rate: 1000, seconds: DURATION });
    await real.stop();
    rows.push([`(a) bare, at 1,000 req/s`, 20, fmt(aFixed.rps), fmt(aFixed.p50), fmt(aFixed.p99), '', '', '', aFixed.non2xx + aFixed.errors]);
    rows.push([`(b) endpoint, at 1,000 req/s`, 20, fmt(bFixed.rps), fmt(bFixed.p50), fmt(bFixed.p99), '', '', '', bFixed.non2xx + bFixed.errors]);

    const durability = await databaseDurability(ingressDb);
    printTable(
      `Ingress, pinned: load generator on CPU ${LOAD_CORE}, server + PostgreSQL on CPU ${SERVER_CORE} (taskset); ${DURATION}s per row after a 2s warm-up; ` +
        `PostgreSQL ${durability}; ${USERS} users' tokens in rotation; latency in ms; CPU in µs per acknowledged request`,
      ['scenario', 'conns', 'req/s', 'p50', 'p99', '(b)/(a)', 'server CPU', 'PG CPU', 'non-2xx'],
      rows,
    );

    progress('relay latency at 50 alerts/s');
    // (c) alert -> sendMessage at the fake Telegram, all roles in one process as `npm start` runs it.
    const relayDb = await createDatabase(postgres.url, 'bench_relay');
    const relayUsers = await seedUsers(relayDb, 50);
    const app = await startPinned('src/main.ts', ['--role', 'all'], {
      ...appEnv,
      DATABASE_URL: relayDb,
      // Telegram lets a bot send about 30 messages a second; at 50 alerts a second the limiter,
      // not Hookbot, would set the latency, so this run lifts it to measure Hookbot itself.
      TELEGRAM_RATE_PER_SECOND: '200',
    });
    children.push(app);
    // Warm-up, as for the rows above (JIT, prepared statements, pool connections): the first
    // alerts after a start take up to ~80 ms and would otherwise be the whole p99.
    for (let i = 0; i < 50; i += 1) {
      await fetch(`${app.url}/hooks/tradingview/${relayUsers.tokens[i % relayUsers.tokens.length]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ symbol: 'WARMUSDT', action: 'buy', id: `warm-${i}` }),
      }).then((response) => response.arrayBuffer());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    telegram.reset();
    const rate = 50;
    const seconds = 10;
    const sentAt = new Map<string, number>();
    await atSteadyRate(rate, seconds, async (i) => {
      const marker = `relay-${i}`;
      sentAt.set(marker, Date.now());
      const response = await fetch(`${app.url}/hooks/tradingview/${relayUsers.tokens[i % relayUsers.tokens.length]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ symbol: 'BTCUSDT', action: 'buy', price: 50000, id: marker }),
      });
      await response.arrayBuffer();
    });
    const deadline = Date.now() + 10_000;
    while (telegram.sent().filter((m) => (m.text ?? '').includes('BTCUSDT')).length < sentAt.size && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Each chat gets its alerts in order: pair the k-th message of a chat with the k-th alert sent to it.
    const perChatSent = new Map<number, number[]>();
    [...sentAt.values()].forEach((at, i) => {
      const chat = relayUsers.telegramIds[i % relayUsers.telegramIds.length]!;
      perChatSent.set(chat, [...(perChatSent.get(chat) ?? []), at]);
    });
    const relay: number[] = [];
    for (const [chat, sends] of perChatSent) {
      const received = telegram.sent(chat).map((m) => m.at);
      sends.forEach((at, k) => {
        if (received[k] !== undefined) relay.push(received[k]! - at);
      });
    }
    relay.sort((x, y) => x - y);
    printTable(
      `Relay: alert POST -> sendMessage received by the fake Telegram, ${rate} alerts/s for ${seconds}s over ${relayUsers.tokens.length} users, after a 1s warm-up (ms)`,
      ['scenario', 'alerts', 'delivered', 'p50', 'p99', 'max'],
      [['(c) alert -> Telegram', sentAt.size, relay.length, fmt(percentile(relay, 50)), fmt(percentile(relay, 99)), fmt(relay.at(-1) ?? NaN)]],
    );
    if (relay.length < sentAt.size) throw new Error(`only ${relay.length} of ${sentAt.size} alerts reached the fake Telegram`);
  } finally {
    for (const child of children) await child.stop().catch(() => undefined);
    await telegram.close();
    await postgres.stop();
    unpin(process.pid);
  }
}

await main();
