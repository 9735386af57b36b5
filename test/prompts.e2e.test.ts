import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PromptRepository } from '../models/prompts.js';
import { openDatabase, runMigrations, type Database } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { createTestDatabase } from './support/database.js';

let database: Database;
let prompts: PromptRepository;

beforeAll(async () => {
  const log = createLogger('silent');
  database = openDatabase(await createTestDatabase(), log, 2);
  await runMigrations(database, log);
  prompts = new PromptRepository(database.db);
});

afterAll(async () => {
  await database?.close();
});

describe('pending bot questions', () => {
  it('keeps one question per user: a new one replaces the old, clear ends it', async () => {
    await prompts.ask(1, 'keys:api-key', { account: 'demo' }, 600);
    expect(await prompts.pending(1)).toEqual({ kind: 'keys:api-key', state: { account: 'demo' } });
    await prompts.ask(1, 'keys:api-secret', { account: 'demo', apiKey: 'sealed' }, 600);
    expect(await prompts.pending(1)).toEqual({ kind: 'keys:api-secret', state: { account: 'demo', apiKey: 'sealed' } });
    expect(await prompts.pending(2)).toBeUndefined();
    await prompts.clear(1);
    expect(await prompts.pending(1)).toBeUndefined();
  });

  it('forgets a question once it has expired', async () => {
    await prompts.ask(3, 'keys:api-key', {}, 0);
    expect(await prompts.pending(3)).toBeUndefined();
  });
});
