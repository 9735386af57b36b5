/**
 * One worker process holding the private WebSocket of many users (500 by default) at the fake
 * Bybit (Bybit's auth, ping/pong and topic messages). Measured:
 * - memory per connection: the worker's RSS with every key subscribed, less its RSS before any
 *   key existed, over the number of connections;
 * - fill -> chat at 50 fills/s spread over all users: from the fake sending a take-profit's
 *   `execution` message to the user's card edit reaching the fake Telegram, beside the bare
 *   client of the fill-card bench (the wire, with nothing in between) in the same run.
 */
import { readFile } from 'node:fs/promises';
import { addStandardMarkets, startFakeBybit } from '../test/support/fakeBybit.js';
import { startFakeTelegram } from '../test/support/fakeTelegram.js';
import { startBareFillClient } from './bareFillClient.js';
import { saveTraderKeys, seedTraders } from './seedTraders.js';
import { cardEdits, cardText, fillLatencies, latencyRow as row, paceTakeProfitFills } from './takeProfitFills.js';
import { type Child, createDatabase, fmt, percentile, printTable, progress, startPostgres, startProcess } from './support.js';
import { until as pollUntil } from '../test/support/until.js';

const USERS = Number(process.env.BENCH_STREAM_USERS ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = 50;
const ENCRYPTION_KEY = '1e'.repeat(32);
const CHAT_BASE = 4_000_000;

/** Polls until `check` holds; 180_000 ms bound a hang on a loaded machine, they are not a speed target. */
const until = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 180_000) => pollUntil(what, check, timeoutMs);

/** Resident memory of a process, MB (VmRSS). */
async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN) / 1024;
}

/** The median of a few samples a second apart: one sample can land on a collection. */
async function settledRssMb(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    samples.push(await rssMb(pid));
  }
  return samples.sort((a, b) => a - b)[2]!;
}

async function main(): Promise<void> {
  const postgres = await startPostgres();
  const telegram = await startFakeTelegram();
  const bybit = await startFakeBybit();
  addStandardMarkets(bybit);
  const children: Child[] = [];
  try {
    progress(`seeding ${USERS} users (their keys are saved once the worker runs)`);
    const databaseUrl = await createDatabase(postgres.url, 'bench_streams');
    const seeded = await seedTraders(databaseUrl, bybit, { count: USERS + 1, firstChatId: CHAT_BASE, encryptionKey: ENCRYPTION_KEY, withKeys: 0 });
    const traders = seeded.slice(0, USERS);
    const env = {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      DATABASE_URL: databaseUrl,
      ENCRYPTION_KEY,
      HOOK_RATE_LIMIT_PER_MINUTE: '1000000',
      TELEGRAM_RATE_PER_SECOND: '1000',
      BYBIT_RATE_LIMIT: '100000',
      BYBIT_BASE_URL: bybit.url,
      BYBIT_DEMO_BASE_URL: bybit.url,
      BYBIT_WS_URL: bybit.wsUrl,
      BYBIT_DEMO_WS_URL: bybit.wsUrl,
      BYBIT_STREAM_LEASE_SECONDS: '6',
      LOG_LEVEL: 'info',
    };
    // Alerts are taken and placed by the web process; the worker holds the streams and sends the chat.
    const web = await startProcess('src/main.ts', ['--role', 'web'], env);
    children.push(web);
    const worker = await startProcess('src/main.ts', ['--role', 'worker'], env);
    children.push(worker);
    const pid = worker.process.pid!;

    const idle = await settledRssMb(pid);
    progress(`worker idle at ${fmt(idle)} MB; saving ${USERS} keys`);
    await saveTraderKeys(databaseUrl, traders, ENCRYPTION_KEY);
    const connectStarted = Date.now();
    await until('every key is subscribed', () => traders.every((t) => bybit.streams(t.apiKey) === 1));
    const connectSeconds = (Date.now() - connectStarted) / 1000;
    const connected = await settledRssMb(pid);

    progress('opening one card per user (a long of 0.1 BTC each)');
    for (let i = 0; i < traders.length; i += 25) {
      await Promise.all(
        traders.slice(i, i + 25).map((trader) =>
          fetch(`${web.url}/hooks/tradingview/${trader.token}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ symbol: 'BTCUSDT', action: 'buy', qty: 0.1 }),
          }).then((response) => response.arrayBuffer()),
        ),
      );
    }
    const filledCards = () => traders.filter((t) => cardText(telegram, t.chatId).includes('Filled 0.1')).length;
    const placing = setInterval(() => progress(`${filledCards()} of ${USERS} cards show their fill`), 10_000);
    await until('every card shows its fill', () => filledCards() === USERS, 600_000).finally(() => clearInterval(placing));
    const withCards = await settledRssMb(pid);

    const baseline = await startBareFillClient(bybit, telegram, seeded[USERS]!, until);
    const total = RATE * SECONDS;
    progress(`${RATE} take-profit fills/s for ${SECONDS}s over ${USERS} cards, and the baseline client's`);
    const fills = await paceTakeProfitFills(bybit, traders, baseline, RATE, SECONDS);
    const editAt = cardEdits(telegram);
    await until('every card edit has arrived', () => fills.every((f) => editAt(f) !== undefined), 120_000).catch(() => undefined);
    baseline.close();

    const latencies = fillLatencies(fills, editAt);
    const baseLatencies = baseline.latencies();
    printTable(
      `Private WebSockets: one worker holding ${USERS} users' connections (subscribed in ${fmt(connectSeconds)} s); worker RSS, MB`,
      ['state', 'RSS MB', 'per connection KB'],
      [
        ['(a) worker, no keys yet', fmt(idle), ''],
        [`(h) worker, ${USERS} connections subscribed`, fmt(connected), fmt(((connected - idle) * 1024) / USERS)],
        [`(h) ... and ${USERS} open trade cards`, fmt(withCards), fmt(((withCards - idle) * 1024) / USERS)],
      ],
    );
    printTable(
      `Fill -> chat with ${USERS} connections in one worker: ${RATE} fills/s for ${SECONDS}s; ms`,
      ['scenario', 'fills', 'edits seen', 'p50', 'p99', 'max'],
      [
        row('(a) bare client: execution message -> editMessageText', baseLatencies, total),
        row(`(h) Hookbot, ${USERS} connections: fill -> card edited`, latencies, total),
        ['(h) - (a): what Hookbot adds', '', '', fmt(percentile(latencies, 50) - percentile(baseLatencies, 50)), fmt(percentile(latencies, 99) - percentile(baseLatencies, 99)), ''],
      ],
    );
    if (latencies.length < total) throw new Error(`only ${latencies.length} of ${total} fills reached their card`);
  } finally {
    for (const child of children) await child.stop().catch(() => undefined);
    await bybit.close();
    await telegram.close();
    await postgres.stop();
  }
}

await main();
