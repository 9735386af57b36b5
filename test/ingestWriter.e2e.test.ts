import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndpointRepository } from '../models/endpoints.js';
import { UserRepository } from '../models/users.js';
import { openDatabase, runMigrations, type Database } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { IngestWriter, UnstorableEventError, type EventToStore, type StoreOutcome } from '../src/services/inbound/ingestWriter.js';
import { createTestDatabase } from './support/database.js';

let database: Database;
const endpointIds: number[] = [];
const userIds: number[] = [];

beforeAll(async () => {
  const log = createLogger('silent');
  database = openDatabase(await createTestDatabase(), log, 4);
  await runMigrations(database, log);
  const users = new UserRepository(database.db);
  const endpoints = new EndpointRepository(database.db);
  for (let i = 0; i < 6; i += 1) {
    const { user } = await users.register({ telegramId: 810_000 + i, language: 'en', firstName: `Writer${i}` }, true);
    userIds.push(user.id);
    endpointIds.push((await endpoints.getOrCreate(user.id, 'tradingview')).id);
  }
});

afterAll(async () => {
  await database?.close();
});

const event = (user: number, key: string, payload: unknown): EventToStore => ({
  endpointId: endpointIds[user]!,
  userId: userIds[user]!,
  provider: 'tradingview',
  dedupe: { key, ttlSeconds: null },
  payload,
});

type Settled = { ok: true; outcome: StoreOutcome } | { ok: false; error: unknown };
const settle = (promise: Promise<StoreOutcome>): Promise<Settled> =>
  promise.then((outcome) => ({ ok: true as const, outcome }), (error: unknown) => ({ ok: false as const, error }));

describe('IngestWriter isolates failures within a group commit', () => {
  it('refuses only the events PostgreSQL refuses; every other event of the batch is stored', async () => {
    // The writer gets events straight from us here, past the handlers' checks: a payload jsonb
    // refuses (\u0000, an unpaired surrogate) stands for whatever else the database may refuse.
    const writer = new IngestWriter(database.pool);
    const submitted: Array<{ bad: boolean; key: string; promise: Promise<Settled> }> = [];
    for (let i = 0; i < 300; i += 1) {
      const bad = i % 61 === 5;
      const user = bad ? 0 : 1 + (i % 5);
      const key = `iso-${i}`;
      const payload = bad ? { note: i % 2 ? 'nul \u0000 here' : 'lone \ud800 here' } : { n: i };
      submitted.push({ bad, key, promise: settle(writer.store(event(user, key, payload))) });
    }
    // The same key twice in one batch: the first is stored, the repeat is its duplicate.
    const first = settle(writer.store(event(1, 'iso-repeat', { n: 'first' })));
    const repeat = settle(writer.store(event(1, 'iso-repeat', { n: 'second' })));
    await writer.drain();

    for (const item of submitted) {
      const result = await item.promise;
      if (item.bad) {
        expect(result.ok, item.key).toBe(false);
        expect(!result.ok && result.error).toBeInstanceOf(UnstorableEventError);
        expect(!result.ok && (result.error as Error).message).toMatch(/^the request cannot be stored: /);
      } else {
        expect(result, item.key).toEqual({ ok: true, outcome: { duplicate: false, id: expect.any(Number) } });
      }
    }
    expect(await first).toEqual({ ok: true, outcome: { duplicate: false, id: expect.any(Number) } });
    expect(await repeat).toEqual({ ok: true, outcome: { duplicate: true } });
    const stored = await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_events WHERE dedupe_key LIKE 'iso-%'`);
    expect(stored.rows[0]?.n).toBe(submitted.filter((item) => !item.bad).length + 1);
  });

  it('leaves a failure that is no event\'s fault (database unreachable) as it is, never a 400', async () => {
    const unreachable = new pg.Pool({ connectionString: 'postgres://hookbot@127.0.0.1:1/none', connectionTimeoutMillis: 2_000 });
    try {
      const writer = new IngestWriter(unreachable);
      const results = await Promise.all([settle(writer.store(event(1, 'down-1', { n: 1 }))), settle(writer.store(event(2, 'down-2', { n: 2 })))]);
      for (const result of results) {
        expect(result.ok).toBe(false);
        expect(!result.ok && result.error).not.toBeInstanceOf(UnstorableEventError);
        expect(!result.ok && (result.error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
      }
    } finally {
      await unreachable.end();
    }
  });
});
