import type pg from 'pg';
import { startHookbot, type Hookbot, type Role } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createTestDatabase } from './database.js';
import type { FakeTelegram } from './fakeTelegram.js';
import { spawnUntilReady, type ReadyProcess, type SpawnOptions } from './processes.js';

export const PUBLIC_URL = 'https://hookbot.example';
export const ADMIN_ID = 900_001;
/** A fixed key so a test can open what the app sealed. */
export const TEST_ENCRYPTION_KEY = '0f'.repeat(32);

/** The settings a user would write in .env, pointed at the fakes. */
export function testEnv(telegram: FakeTelegram, databaseUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.url,
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL,
    ADMIN_IDS: String(ADMIN_ID),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SWEEP_INTERVAL_SECONDS: '1',
    SWEEP_MIN_AGE_SECONDS: '1',
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    // The suite runs two files at a time, and some run several Hookbot processes at normal
    // priority: a Chromium niced below them starves and a scrape test times out. Production keeps
    // its default (10); the priority itself is tested in mapsScraper.e2e.
    SCRAPE_BROWSER_NICE: '0',
    // Load shedding answers 503 once the event loop lags past a second. With several test files,
    // their Hookbot processes and Chromium on two cores, a loop can lag that long for reasons of
    // the machine, and a shed request (a page's script, an alert) fails a test that is not about
    // load. Shedding itself is tested in observability.e2e with its own threshold.
    SHED_EVENT_LOOP_DELAY_MS: '0',
    ...overrides,
  };
}

export interface TestHookbot extends Hookbot {
  url: string;
  config: Config;
  databaseUrl: string;
  /** A query against the app's database, for assertions on what was stored. */
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
}

/** `log`: a logger of the test's own (to read what the app logs); else one at TEST_LOG_LEVEL. */
interface TestHookbotOptions {
  env?: Record<string, string>;
  roles?: Role[];
  databaseUrl?: string;
  log?: Logger;
}

export async function startTestHookbot(
  telegram: FakeTelegram,
  options: TestHookbotOptions = {},
): Promise<TestHookbot> {
  const hookbot = await startTestRoles(telegram, options);
  const { url } = hookbot;
  if (!url) throw new Error('startTestHookbot needs the web role; use startTestRoles for the others');
  return { ...hookbot, url };
}

/** Any roles, e.g. a worker-only process beside a web-only one on the same database. */
export async function startTestRoles(
  telegram: FakeTelegram,
  options: TestHookbotOptions = {},
): Promise<Omit<TestHookbot, 'url'> & { url: string | undefined }> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const config = loadConfig(testEnv(telegram, databaseUrl, options.env));
  const log = options.log ?? createLogger(config.logLevel);
  const hookbot = await startHookbot(config, options.roles ?? ['web', 'worker', 'bot'], log);
  return {
    ...hookbot,
    config,
    databaseUrl,
    query: async (sql, params) => (await hookbot.database.pool.query(sql, params)).rows,
  };
}

/** A user registers the way a person does: /start in the chat, answered by the bot. */
export async function registerUser(
  telegram: FakeTelegram,
  user: { id: number; first_name?: string; language_code?: string },
  timeoutMs?: number,
): Promise<void> {
  const asked = Date.now();
  telegram.sendUserMessage({ first_name: 'Test', ...user }, '/start');
  await telegram.waitForMessage(user.id, (message) => message.at >= asked, timeoutMs);
}

/** The personal URL token, read the way a user gets it: from /url. */
export async function personalToken(telegram: FakeTelegram, userId: number, timeoutMs?: number): Promise<string> {
  const asked = Date.now();
  telegram.sendUserMessage({ id: userId, first_name: 'Test' }, '/url');
  const reply = await telegram.waitForMessage(userId, (message) => message.at >= asked && (message.text ?? '').includes('/hooks/tradingview/'), timeoutMs);
  const match = /\/hooks\/tradingview\/([A-Za-z0-9_-]+)/.exec(reply.text ?? '');
  if (!match?.[1]) throw new Error(`no personal URL in: ${reply.text}`);
  return match[1];
}

export async function postAlert(
  baseUrl: string,
  token: string,
  body: string | object,
  contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/hooks/tradingview/${token}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export type ChildHookbot = ReadyProcess;

/** Hookbot as its own OS process, exactly as `npm start` runs it, so a test can SIGKILL it. */
export function spawnHookbot(env: Record<string, string>, role = 'all', options: SpawnOptions = {}): Promise<ChildHookbot> {
  return spawnUntilReady('src/main.ts', ['--role', role], { ...env, LOG_LEVEL: 'info' }, [], options);
}
