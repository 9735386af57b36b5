/**
 * Trading latency: TradingView alerts at 50/s from many users, each placed as a Bybit order.
 * Measured: from the alert's request being sent to its order arriving at a fake Bybit V5 server
 * (signature checked, as Bybit does), beside the bare-ingress figure (a bare Fastify route's round
 * trip at the same rate) measured in the same run. What Hookbot adds is the difference.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { addStandardMarkets, startFakeBybit } from '../test/support/fakeBybit.js';
import { startFakeTelegram } from '../test/support/fakeTelegram.js';
import { cpuMillis, cpuSpent, PostgresProcesses } from './pinning.js';
import { seedTraders } from './seedTraders.js';
import { atSteadyRate, type Child, createDatabase, fmt, percentile, printTable, progress, startPostgres, startProcess } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = 50;
const USERS = 100;
const ENCRYPTION_KEY = '0f'.repeat(32);

async function main(): Promise<void> {
  const postgres = await startPostgres();
  const telegram = await startFakeTelegram();
  const bybit = await startFakeBybit();
  addStandardMarkets(bybit);
  const children: Child[] = [];
  try {
    // Bare ingress at the same rate: the round trip of a route that does nothing.
    const bare = await startProcess('bench/targets/bare.ts', [], {});
    children.push(bare);
    const options = { url: `${bare.url}/hooks/tradingview/x`, connections: 10, overallRate: RATE, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: '{"symbol":"BTCUSDT","action":"buy"}' };
    await autocannon({ ...options, duration: 2 });
    const bareRun = await autocannon({ ...options, duration: SECONDS });
    await bare.stop();

    progress(`seeding ${USERS} users with Bybit keys`);
    const databaseUrl = await createDatabase(postgres.url, 'bench_signals');
    const seeded = await seedTraders(databaseUrl, bybit, { count: USERS, firstChatId: 2_000_000, encryptionKey: ENCRYPTION_KEY });

    const app = await startProcess('src/main.ts', ['--role', 'all'], {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      DATABASE_URL: databaseUrl,
      ENCRYPTION_KEY,
      HOOK_RATE_LIMIT_PER_MINUTE: '1000000',
      TELEGRAM_RATE_PER_SECOND: '200',
      BYBIT_BASE_URL: bybit.url,
      BYBIT_DEMO_BASE_URL: bybit.url,
      LOG_LEVEL: 'info', // start-up lines; per-signal lines are debug
    });
    children.push(app);

    const send = (user: number, marker: string) =>
      fetch(`${app.url}/hooks/tradingview/${seeded[user]!.token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // Every alert of a user buys again: "add" says so, or the second would be refused as a likely mistake.
        body: JSON.stringify({ symbol: 'BTCUSDT', action: 'buy', price: 50000, qty: 0.001, add: true, id: marker }),
      }).then((response) => response.arrayBuffer());

    progress('warm-up: one alert per user (JIT, pools, instrument cache, leverage set once)');
    for (let i = 0; i < USERS; i += 1) {
      await send(i, `warm-${i}`);
      await new Promise((resolve) => setTimeout(resolve, 1000 / RATE));
    }
    await bybit.waitForOrders(USERS, 60_000);
    // The warm-up's requests count against Bybit's 600 per 5 s for 5 s: let them leave the window,
    // or the measured alerts would queue behind the warm-up's budget.
    await new Promise((resolve) => setTimeout(resolve, 6000));

    progress(`${RATE} alerts/s for ${SECONDS}s`);
    // CPU and transactions per alert: the figures that hold on a machine shared with other work,
    // where latency does not.
    const postgresProcesses = await PostgresProcesses.find(postgres.url);
    const transactionsBefore = await committedTransactions(databaseUrl);
    const appPid = [app.process.pid!];
    const appCpuBefore = cpuMillis(appPid);
    const postgresCpuBefore = cpuMillis(postgresProcesses.pids());
    const firstCall = bybit.calls.length;
    const sentAt: number[] = [];
    const total = RATE * SECONDS;
    await atSteadyRate(RATE, SECONDS, (i) => {
      sentAt.push(Date.now());
      return send(i % USERS, `run-${i}`);
    });
    await bybit.waitForOrders(USERS + total, 60_000).catch(() => undefined);
    // The chat messages of the last alerts are still on their way: let them be sent, so their CPU counts too.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const appCpuPerAlert = cpuSpent(appCpuBefore, cpuMillis(appPid)) / total;
    const postgresCpuPerAlert = cpuSpent(postgresCpuBefore, cpuMillis(postgresProcesses.pids())) / total;
    // Approximate: the count includes the few transactions of the two readings themselves.
    const transactionsPerAlert = ((await committedTransactions(databaseUrl)) - transactionsBefore) / total;

    const byPath = new Map<string, number>();
    for (const call of bybit.calls.slice(firstCall)) byPath.set(call.path, (byPath.get(call.path) ?? 0) + 1);
    progress(`requests to the fake Bybit during the run: ${[...byPath].map(([path, n]) => `${path} ${n}`).join(', ')}`);
    // Each user's orders arrive in the order of their alerts: pair them up per user.
    const arrivals = new Map<string, number[]>();
    for (const call of bybit.calls.slice(firstCall)) {
      if (call.path !== '/v5/order/create' || call.retCode !== 0 || !call.apiKey) continue;
      arrivals.set(call.apiKey, [...(arrivals.get(call.apiKey) ?? []), call.at]);
    }
    const latencies: number[] = [];
    const perUser = new Map<string, number>();
    sentAt.forEach((at, i) => {
      const { apiKey } = seeded[i % USERS]!;
      const k = perUser.get(apiKey) ?? 0;
      perUser.set(apiKey, k + 1);
      const arrived = arrivals.get(apiKey)?.[k];
      if (arrived !== undefined) latencies.push(arrived - at);
    });
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    printTable(
      `Signal latency: ${RATE} alerts/s for ${SECONDS}s over ${USERS} users (after a warm-up); ms`,
      ['scenario', 'requests', 'done', 'p50', 'p99', 'max'],
      [
        ['(a) bare route round trip at 50/s', bareRun.requests.total, bareRun.requests.total - bareRun.non2xx - bareRun.errors, fmt(bareRun.latency.p50), fmt(bareRun.latency.p99), fmt(bareRun.latency.max)],
        ['(s) alert sent -> order at Bybit', total, latencies.length, fmt(p50), fmt(p99), fmt(latencies.at(-1) ?? NaN)],
        ['(s) - (a): what Hookbot adds', '', '', fmt(p50 - bareRun.latency.p50), fmt(p99 - bareRun.latency.p99), ''],
      ],
    );
    progress(
      `per alert: Hookbot CPU ${appCpuPerAlert.toFixed(1)} ms, PostgreSQL CPU ${postgresCpuPerAlert.toFixed(1)} ms, ` +
        `${fmt(transactionsPerAlert)} committed transactions (all of the database's, workers' polling included)`,
    );
    if (latencies.length < total) throw new Error(`only ${latencies.length} of ${total} alerts became orders at the fake Bybit`);
  } finally {
    for (const child of children) await child.stop().catch(() => undefined);
    await bybit.close();
    await telegram.close();
    await postgres.stop();
  }
}

/** Transactions committed so far in the bench's database (the statistics lag by up to a second). */
async function committedTransactions(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_stat_force_next_flush()');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const { rows } = await client.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

await main();
