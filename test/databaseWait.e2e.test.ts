import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { spawnHookbot, testEnv, type ChildHookbot } from './support/hookbot.js';
import { startTemporaryPostgres, type TemporaryPostgres } from './support/postgres.js';
import { runToCompletion } from './support/processes.js';

let telegram: FakeTelegram;
/** A database that is not running at first: initialised, then stopped. */
let database: TemporaryPostgres;
const children: ChildHookbot[] = [];

beforeAll(async () => {
  telegram = await startFakeTelegram();
  database = await startTemporaryPostgres({ fsync: false, maxConnections: 50, socketOnly: true });
  await database.server.stop();
}, 120_000);

afterAll(async () => {
  for (const child of children) await child.kill('SIGKILL');
  await telegram?.close();
  await database?.stop();
});

describe('start-up with DATABASE_URL', () => {
  it('gives up after DATABASE_WAIT_SECONDS with one line saying what to do, one line logged per attempt', async () => {
    const result = await runToCompletion('src/main.ts', [], testEnv(telegram, database.url, { LOG_LEVEL: 'info', DATABASE_WAIT_SECONDS: '2' }));
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^Hookbot failed to start: the database at .+ did not answer within 2 s \(.+\): start it or check DATABASE_URL; DATABASE_WAIT_SECONDS sets how long to wait$/);
    const attempts = result.stdout.split('\n').filter((line) => line.includes('is not reachable yet'));
    expect(attempts.length, result.stdout).toBeGreaterThanOrEqual(1);
    expect(attempts[0]).toContain('attempt 1');
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
    // The password of DATABASE_URL is in no line.
    expect(result.stdout + result.stderr).not.toContain('hookbot:hookbot');
  }, 120_000);

  it('waits for a database that comes up after Hookbot, then starts', async () => {
    let started: Promise<void> | undefined;
    const child = await spawnHookbot(testEnv(telegram, database.url, { DATABASE_WAIT_SECONDS: '120' }), 'all', {
      // The database comes up only once Hookbot has found it missing.
      onOutput: (output) => {
        if (!started && output.includes('is not reachable yet')) started = database.server.start();
      },
    });
    children.push(child);
    expect(started).toBeDefined();
    await started;
    expect(child.output()).toContain('answers; starting');
    expect(await (await fetch(`${child.url}/ready`)).json()).toEqual({ status: 'ready' });
    expect(await child.kill('SIGTERM'), child.output()).toBe(0);
  }, 180_000);
});
