/**
 * A worker SIGKILLed while its sweeper is working through unprocessed events must not leave
 * them stranded: the next worker picks them up as it starts, not when a dead process's lock on
 * the sweep expires.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndpointRepository } from '../models/endpoints.js';
import { UserRepository } from '../models/users.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { postAlert, spawnHookbot, startTestRoles, testEnv, type ChildHookbot } from './support/hookbot.js';
import { waitUntil } from './support/until.js';

let telegram: FakeTelegram;
const children: ChildHookbot[] = [];

beforeAll(async () => {
  telegram = await startFakeTelegram();
});

afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await telegram?.close();
});

describe('sweeper and a killed worker', () => {
  it('events the killed worker was sweeping are picked up by the next worker at once', async () => {
    // A web process that only stores: every alert is left to the workers' sweeper.
    const store = await startTestRoles(telegram, { roles: ['web'], env: { INLINE_PROCESSING: 'false' } });
    try {
      const { user } = await new UserRepository(store.database.db).register({ telegramId: 7901, language: 'en', firstName: 'Sweep' }, true);
      const { token } = await new EndpointRepository(store.database.db).getOrCreate(user.id, 'tradingview');
      const count = 30;
      for (let i = 0; i < count; i += 1) {
        expect((await postAlert(store.url!, token, { symbol: 'SWEEPUSDT', action: 'buy', id: `sweep-${i}` })).status).toBe(200);
      }

      // Hold the sweep mid-run: queueing the events' messages waits for this lock.
      const blocker = new pg.Client({ connectionString: store.databaseUrl });
      await blocker.connect();
      await blocker.query('BEGIN; LOCK TABLE telegram_outbox IN SHARE MODE');
      const env = testEnv(telegram, store.databaseUrl);
      const first = await spawnHookbot(env, 'worker');
      children.push(first);
      const database = new URL(store.databaseUrl).pathname.slice(1);
      await waitUntil(
        async () =>
          (
            await store.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO telegram_outbox%'`,
              [database],
            )
          ).length > 0,
        30_000,
        'the sweeper to be under way',
      );
      await first.kill('SIGKILL');
      await blocker.query('ROLLBACK');
      await blocker.end();

      children.push(await spawnHookbot(env, 'worker'));
      const delivered = () => telegram.sent(7901).filter((m) => (m.text ?? '').includes('SWEEPUSDT')).length;
      // Far less than the two minutes a dead worker's sweep lock used to hold everything back.
      await waitUntil(() => delivered() >= count, 60_000, `all ${count} alerts delivered (have ${delivered()})`);
      expect(await store.query(`SELECT 1 FROM inbound_events WHERE status = 'pending'`)).toEqual([]);
    } finally {
      await store.stop();
    }
  }, 180_000);
});
