/**
 * Alerts from many chats through two web processes and a worker on one PostgreSQL, with
 * processes SIGKILLed at seeded random moments and restarted; then everything acknowledged is
 * reconciled with what the fake Telegram received: lost, doubled, out of order.
 *
 * Every chat's sender posts its alerts one after the other, each only once the previous one was
 * acknowledged (200), alternating between the two web processes: so each chat's alerts must
 * arrive in the order they were sent. Reproduce a run with CRASH_SEED=<seed> (printed).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndpointRepository } from '../models/endpoints.js';
import { UserRepository } from '../models/users.js';
import { openDatabase, runMigrations } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { createTestDatabase } from './support/database.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { spawnHookbot, testEnv, type ChildHookbot } from './support/hookbot.js';
import { seededRandom } from './support/random.js';
import { waitUntil } from './support/until.js';

const SEED = Number(process.env.CRASH_SEED ?? 20_261_202);
const CHATS = 30;
const ALERTS_PER_CHAT = 25;
/** Between two alerts of one chat: this much on average (uniform 0..2x), so the load lasts ~6 s. */
const MEAN_GAP_MS = 250;
const OUTBOX_CONCURRENCY = 8;
/** Kill order; which web process dies is drawn from the seed too. */
const KILLS: Array<'worker' | 'web'> = ['worker', 'web', 'worker', 'web'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keyOf = (chat: number, seq: number) => `${chat}:${seq}`;
const MARK = /crash-c(\d+)-s(\d+)/;

type Slot = 'webA' | 'webB' | 'worker';

let telegram: FakeTelegram;
const processes = new Map<Slot, ChildHookbot | undefined>();
const all: ChildHookbot[] = [];

beforeAll(async () => {
  telegram = await startFakeTelegram();
});

afterAll(async () => {
  for (const child of all) await child.kill('SIGKILL');
  await telegram?.close();
});

describe('crash reconciliation', () => {
  it('delivers every acknowledged alert, in each chat in order, through SIGKILLs of web and worker processes; duplicates only of messages in flight at a kill', async () => {
    const random = seededRandom(SEED);
    const databaseUrl = await createTestDatabase();
    const env = testEnv(telegram, databaseUrl, {
      HOOK_RATE_LIMIT_PER_MINUTE: '1000000',
      TELEGRAM_RATE_PER_SECOND: '1000',
      OUTBOX_CONCURRENCY: String(OUTBOX_CONCURRENCY),
      SWEEP_INTERVAL_SECONDS: '1',
      SWEEP_MIN_AGE_SECONDS: '1',
    });

    // Users and their personal URLs, written the way the bot writes them.
    const log = createLogger('silent');
    const database = openDatabase(databaseUrl, log, 2);
    const chats: Array<{ chatId: number; token: string }> = [];
    try {
      await runMigrations(database, log);
      const users = new UserRepository(database.db);
      const endpoints = new EndpointRepository(database.db);
      for (let i = 0; i < CHATS; i += 1) {
        const { user } = await users.register({ telegramId: 8_500_000 + i, language: 'en', firstName: `Crash${i}` }, true);
        chats.push({ chatId: user.telegramId, token: (await endpoints.getOrCreate(user.id, 'tradingview')).token });
      }
    } finally {
      await database.close();
    }
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();

    const roleOf = (slot: Slot) => (slot === 'worker' ? 'worker' : 'web');
    const restarts = new Map<Slot, Promise<void>>();
    const start = (slot: Slot) => {
      const started = spawnHookbot(env, roleOf(slot)).then((child) => {
        all.push(child);
        processes.set(slot, child);
      });
      restarts.set(slot, started);
      return started;
    };
    // One at a time: three at once can take over a minute to start on a busy machine.
    for (const slot of ['webA', 'webB', 'worker'] as const) await start(slot);

    // Kills come at seeded points of the load (after so many acknowledged alerts), not at seeded
    // times: however slow the machine, every kill falls inside the load.
    const total = CHATS * ALERTS_PER_CHAT;
    const thresholds = KILLS.map(() => Math.round(total * (0.1 + random() * 0.75))).sort((a, b) => a - b);
    const killed = KILLS.map(() => {
      let resolve = () => {};
      const promise = new Promise<void>((done) => (resolve = done));
      return { promise, resolve };
    });
    let nextKill = 0;

    // --- load: each chat posts its alerts one at a time, alternating web processes ------------
    const ackedAt = new Map<string, number>();
    const gaps = chats.map(() => Array.from({ length: ALERTS_PER_CHAT }, () => random() * 2 * MEAN_GAP_MS));
    const post = async (slot: Slot, token: string, body: object): Promise<boolean> => {
      const child = processes.get(slot);
      if (!child) return false;
      try {
        const response = await fetch(`${child.url}/hooks/tradingview/${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        return response.status === 200;
      } catch {
        return false; // killed mid-request: not acknowledged, so sent again
      }
    };
    const senders = chats.map(async ({ chatId, token }, c) => {
      for (let seq = 0; seq < ALERTS_PER_CHAT; seq += 1) {
        await sleep(gaps[c]![seq]!);
        // A kill that is due happens before the load goes on.
        while (nextKill < KILLS.length && ackedAt.size >= thresholds[nextKill]!) await killed[nextKill]!.promise;
        const body = { symbol: 'BTCUSDT', action: 'buy', id: `crash-${chatId}-${seq}`, ref: `crash-c${chatId}-s${seq}` };
        let slot: Slot = (c + seq) % 2 === 0 ? 'webA' : 'webB';
        // TradingView resends what was not acknowledged; a stored one is answered as a duplicate.
        while (!(await post(slot, token, body))) {
          slot = slot === 'webA' ? 'webB' : 'webA';
          await sleep(50);
        }
        ackedAt.set(keyOf(chatId, seq), Date.now());
      }
    });
    const load = Promise.all(senders);

    // --- the kills, each victim restarted at once -----------------------------------------------
    const firstDelivery = new Map<string, number>();
    const trackDeliveries = () => {
      for (const message of telegram.sent()) {
        const match = MARK.exec(message.text ?? '');
        if (!match) continue;
        const key = keyOf(Number(match[1]), Number(match[2]));
        if (!firstDelivery.has(key)) firstDelivery.set(key, message.at);
      }
    };
    const kills: Array<{ victim: Slot; at: number; waiting: string[]; inFlight: Set<string> }> = [];
    for (const [k, kind] of KILLS.entries()) {
      while (ackedAt.size < thresholds[k]!) await sleep(20);
      const victim: Slot = kind === 'worker' ? 'worker' : random() < 0.5 ? 'webA' : 'webB';
      // The victim must be up again from an earlier kill, and a web process may die only while
      // the other one serves.
      await Promise.all(kind === 'worker' ? [restarts.get('worker')] : [restarts.get('webA'), restarts.get('webB')]);
      const child = processes.get(victim)!;
      processes.set(victim, undefined);
      await child.kill('SIGKILL');
      const at = Date.now();
      trackDeliveries();
      const waiting = [...ackedAt.keys()].filter((key) => !firstDelivery.has(key) || firstDelivery.get(key)! > at);
      // What the dead worker was sending: the only messages that may now go out twice.
      const leased = await db.query<{ text: string }>(
        `SELECT payload->>'text' AS text FROM telegram_outbox WHERE status = 'pending' AND locked_until IS NOT NULL`,
      );
      const inFlight = new Set(
        leased.rows.flatMap(({ text }) => {
          const match = MARK.exec(text);
          return match ? [keyOf(Number(match[1]), Number(match[2]))] : [];
        }),
      );
      kills.push({ victim, at, waiting, inFlight: victim === 'worker' ? inFlight : new Set() });
      void start(victim);
      nextKill = k + 1;
      killed[k]!.resolve();
    }
    await load;
    await Promise.all(restarts.values());

    // --- reconcile ------------------------------------------------------------------------------
    const acknowledged = [...ackedAt.keys()];
    expect(acknowledged).toHaveLength(CHATS * ALERTS_PER_CHAT);
    await waitUntil(
      () => {
        trackDeliveries();
        return acknowledged.every((key) => firstDelivery.has(key));
      },
      120_000,
      () => `every acknowledged alert delivered (missing ${acknowledged.filter((key) => !firstDelivery.has(key)).length})`,
    );
    // Nothing still on its way that could add a late duplicate.
    await waitUntil(
      async () =>
        (await db.query(`SELECT 1 FROM telegram_outbox WHERE status = 'pending' UNION ALL SELECT 1 FROM inbound_events WHERE status = 'pending'`))
          .rowCount === 0,
      30_000,
      () => 'the outbox and the inbound queue to be empty',
    );
    await db.end();
    trackDeliveries();

    const lost = acknowledged.filter((key) => !firstDelivery.has(key));
    const outOfOrder: Array<{ chatId: number; sequence: number[] }> = [];
    const duplicates: string[] = [];
    for (const { chatId } of chats) {
      const sequence = telegram
        .sent(chatId)
        .map((message) => MARK.exec(message.text ?? ''))
        .filter((match) => match !== null)
        .map((match) => Number(match[2]));
      // A message repeated after a crash repeats at once (it was its chat's one message in flight).
      const collapsed = sequence.filter((seq, i) => i === 0 || seq !== sequence[i - 1]);
      if (collapsed.some((seq, i) => seq !== i) || collapsed.length !== ALERTS_PER_CHAT) outOfOrder.push({ chatId, sequence });
      const seen = new Set<number>();
      for (const seq of sequence) {
        if (seen.has(seq)) duplicates.push(keyOf(chatId, seq));
        seen.add(seq);
      }
    }

    const lines = kills.map(({ victim, at, waiting, inFlight }) => {
      const recovered = waiting.length === 0 ? at : Math.max(...waiting.map((key) => firstDelivery.get(key)!));
      const doubled = duplicates.filter((key) => inFlight.has(key)).length;
      return `  ${victim.padEnd(6)} at +${at - kills[0]!.at} ms: ${waiting.length} acknowledged alerts undelivered at the kill, all delivered ${recovered - at} ms later; in flight ${inFlight.size}, sent twice ${doubled}`;
    });
    console.log(
      [
        `crash reconciliation (CRASH_SEED=${SEED}): ${acknowledged.length} alerts acknowledged from ${CHATS} chats, ${kills.length} SIGKILLs`,
        `  lost ${lost.length}, chats out of order ${outOfOrder.length}, sent twice ${duplicates.length}`,
        ...lines,
      ].join('\n'),
    );

    expect(kills.map(({ victim }) => victim.slice(0, 3))).toEqual(KILLS.map((kind) => kind.slice(0, 3)));
    expect(lost).toEqual([]);
    expect(outOfOrder).toEqual([]);
    // Telegram has no idempotency key: only a message on the wire when its worker died may repeat,
    // so at most one per chat in flight, and at most the worker's concurrency per kill.
    const inFlightAtKills = new Set(kills.flatMap(({ inFlight }) => [...inFlight]));
    expect(duplicates.filter((key) => !inFlightAtKills.has(key))).toEqual([]);
    for (const { inFlight } of kills) expect(inFlight.size).toBeLessThanOrEqual(OUTBOX_CONCURRENCY);
  }, 300_000);
});
