import { afterAll, beforeAll, expect, it } from 'vitest';
import { announce } from '../src/db/announce.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { NotifiedCache } from '../src/services/inbound/notifiedCache.js';
import { createTestDatabase } from './support/database.js';

let database: Database;

beforeAll(async () => {
  database = openDatabase(await createTestDatabase(), createLogger('silent'), 2);
});

afterAll(async () => {
  await database?.close();
});

const newCache = (channel: string) => new NotifiedCache<string>({ name: 'test cache', channel, ttlMs: () => 60_000, maxEntries: 100 });

it('a change this process announces is seen by its very next lookup, without waiting for the NOTIFY', async () => {
  // Not listening at all: only the in-process announcement can empty it.
  const cache = newCache('hookbot_test_local');
  let stored = 'connected';
  const load = async () => stored;
  expect(await cache.get('user:1', load)).toBe('connected');
  stored = 'disconnected';
  expect(await cache.get('user:1', load)).toBe('connected');
  await announce(database.db, 'hookbot_test_local');
  expect(await cache.get('user:1', load)).toBe('disconnected');
  await cache.close();
});

it('a value read before a change and returned after it is not kept', async () => {
  const cache = newCache('hookbot_test_inflight');
  let release: (value: string) => void = () => undefined;
  const slow = cache.get('user:1', () => new Promise<string>((resolve) => (release = resolve)));
  await announce(database.db, 'hookbot_test_inflight');
  release('read before the change');
  expect(await slow).toBe('read before the change');
  expect(await cache.get('user:1', async () => 'read after the change')).toBe('read after the change');
  await cache.close();
});

it('another process hears the change through NOTIFY', async () => {
  const cache = newCache('hookbot_test_remote');
  await cache.listen(database.pool, createLogger('silent'));
  expect(await cache.get('user:1', async () => 'before')).toBe('before');
  // As another process would: the NOTIFY alone, with no in-process announcement.
  await database.pool.query(`SELECT pg_notify('hookbot_test_remote', '')`);
  const deadline = Date.now() + 10_000;
  let seen = await cache.get('user:1', async () => 'after');
  while (seen !== 'after' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    seen = await cache.get('user:1', async () => 'after');
  }
  expect(seen).toBe('after');
  await cache.close();
});
