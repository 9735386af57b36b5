/**
 * Live trade cards: a take-profit fills on Bybit's private WebSocket (the fake's, auth and topic
 * messages as Bybit sends them) and the user's card is edited at the fake Telegram. Measured:
 * from the fill (the fake sending its `execution` message) to the card's editMessageText call
 * arriving, beside a baseline in the same run: a bare WebSocket client that turns each
 * `execution` message straight into an editMessageText call (the wire, with nothing in between).
 * What Hookbot adds (database, dedupe, card state, outbox) is the difference.
 */
import { addStandardMarkets, startFakeBybit } from '../test/support/fakeBybit.js';
import { startFakeTelegram } from '../test/support/fakeTelegram.js';
import { startBareFillClient } from './bareFillClient.js';
import { seedTraders } from './seedTraders.js';
import { cardEdits, cardText, fillLatencies, latencyRow as row, paceTakeProfitFills } from './takeProfitFills.js';
import { type Child, createDatabase, fmt, percentile, printTable, progress, startPostgres, startProcess } from './support.js';
import { until as pollUntil } from '../test/support/until.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Fills per second over all users; each user's card gets one every USERS / RATE s (> the 1 s pace). */
const RATE = 10;
const USERS = 20;
const ENCRYPTION_KEY = '0f'.repeat(32);
const CHAT_BASE = 3_000_000;

/** Polls until `check` holds; 60_000 ms bound a hang on a loaded machine, they are not a speed target. */
const until = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000) => pollUntil(what, check, timeoutMs);

async function main(): Promise<void> {
  const postgres = await startPostgres();
  const telegram = await startFakeTelegram();
  const bybit = await startFakeBybit();
  addStandardMarkets(bybit);
  const children: Child[] = [];
  try {
    progress(`seeding ${USERS} users with Bybit keys`);
    const databaseUrl = await createDatabase(postgres.url, 'bench_cards');
    // The last account is the baseline's: it has no key in Hookbot.
    const seeded = await seedTraders(databaseUrl, bybit, { count: USERS + 1, firstChatId: CHAT_BASE, encryptionKey: ENCRYPTION_KEY, withKeys: USERS });

    const app = await startProcess('src/main.ts', ['--role', 'all'], {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      DATABASE_URL: databaseUrl,
      ENCRYPTION_KEY,
      HOOK_RATE_LIMIT_PER_MINUTE: '1000000',
      TELEGRAM_RATE_PER_SECOND: '200',
      BYBIT_BASE_URL: bybit.url,
      BYBIT_DEMO_BASE_URL: bybit.url,
      BYBIT_WS_URL: bybit.wsUrl,
      BYBIT_DEMO_WS_URL: bybit.wsUrl,
      LOG_LEVEL: 'info',
    });
    children.push(app);
    const traders = seeded.slice(0, USERS);
    await until('every key is subscribed', () => traders.every((t) => bybit.streams(t.apiKey) === 1));

    progress('opening one card per user (a long of 0.1 BTC each)');
    for (const trader of traders) {
      await fetch(`${app.url}/hooks/tradingview/${trader.token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ symbol: 'BTCUSDT', action: 'buy', qty: 0.1 }),
      }).then((response) => response.arrayBuffer());
    }
    await until('every card shows its fill', () => traders.every((t) => cardText(telegram, t.chatId).includes('Filled 0.1')));
    // Past the 1 s pace of every chat, so the measured edits are not held back by the set-up's.
    await new Promise((resolve) => setTimeout(resolve, 2000));

    // Baseline: a bare client on the same fake stream, turning each fill into an edit call.
    const baseline = await startBareFillClient(bybit, telegram, seeded[USERS]!, until);

    progress(`${RATE} take-profit fills/s for ${SECONDS}s over ${USERS} cards, and the baseline client's`);
    const total = RATE * SECONDS;
    const fills = await paceTakeProfitFills(bybit, traders, baseline, RATE, SECONDS);
    const editAt = cardEdits(telegram);
    await until('every card edit has arrived', () => fills.every((f) => editAt(f) !== undefined), 60_000).catch(() => undefined);
    baseline.close();

    const latencies = fillLatencies(fills, editAt);
    const baseLatencies = baseline.latencies();
    printTable(
      `Live trade cards: ${RATE} fills/s for ${SECONDS}s over ${USERS} cards (one fill per card every ${USERS / RATE} s); ms`,
      ['scenario', 'fills', 'edits seen', 'p50', 'p99', 'max'],
      [
        row('(a) bare client: execution message -> editMessageText', baseLatencies, total),
        row('(h) Hookbot: fill on the stream -> card edited', latencies, total),
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
