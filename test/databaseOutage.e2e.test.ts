import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { personalToken, registerUser, spawnHookbot, testEnv, type ChildHookbot } from './support/hookbot.js';
import { startTemporaryPostgres, type TemporaryPostgres } from './support/postgres.js';
import { until } from './support/until.js';

let telegram: FakeTelegram;
const children: ChildHookbot[] = [];
const cleanups: Array<() => Promise<void>> = [];

async function spawn(env: Record<string, string>, role = 'all'): Promise<ChildHookbot> {
  const child = await spawnHookbot(env, role);
  children.push(child);
  return child;
}

const alive = (child: ChildHookbot) => child.process.exitCode === null && child.process.signalCode === null;

interface Answer {
  status: number;
  retryAfter: string | null;
  symbol: string;
}

async function alert(baseUrl: string, token: string, symbol: string): Promise<Answer> {
  const response = await fetch(`${baseUrl}/hooks/tradingview/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'buy', symbol, id: symbol }),
  });
  await response.arrayBuffer();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), symbol };
}

/** The outage takes PostgreSQL's restart: a longer bound than the usual one. */
const waitFor = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 120_000) => until(what, check, timeoutMs, 100);

beforeAll(async () => {
  telegram = await startFakeTelegram();
});

afterEach(async () => {
  for (const child of children.splice(0)) await child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) await cleanup();
  telegram.reset();
});

afterAll(async () => {
  await telegram?.close();
});

describe('losing the database', () => {
  it('embedded: a SIGKILLed postmaster under a stream of alerts is restarted by its process; 503 + Retry-After meanwhile, nothing acknowledged is lost', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hookbot-outage-'));
    await chmod(dataDir, 0o755);
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const { DATABASE_URL: _unset, ...rest } = testEnv(telegram, '');
    const hookbot = await spawn({ ...rest, DATA_DIR: dataDir });
    const user = { id: 8101, first_name: 'Outage' };
    await registerUser(telegram, user);
    const token = await personalToken(telegram, user.id);

    // A steady stream of alerts, each with a symbol of its own, until told to stop.
    const answers: Answer[] = [];
    let streaming = true;
    const stream = (async () => {
      for (let n = 0; streaming; n += 1) {
        answers.push(await alert(hookbot.url, token, `OUTAGE${n}USDT`));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    await waitFor('alerts before the outage', () => answers.filter((a) => a.status === 200).length >= 5);
    const postmaster = Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');
    const killedAt = answers.length;
    await waitFor('a request refused during the outage', () => answers.slice(killedAt).some((a) => a.status === 503));
    await waitFor('the embedded PostgreSQL restarted by its process', () => hookbot.output().includes('the embedded PostgreSQL is running again'));
    const lastRefused = () => answers.findLastIndex((a) => a.status === 503);
    await waitFor('alerts accepted again', () => answers.slice(lastRefused() + 1).filter((a) => a.status === 200).length >= 5);
    streaming = false;
    await stream;

    expect(alive(hookbot), hookbot.output()).toBe(true);
    expect(hookbot.output()).toContain('the embedded PostgreSQL stopped on its own; restarting it');
    // Every answer was "stored" or "not now, retry": never a 500.
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200, 503]));
    for (const refused of answers.filter((a) => a.status === 503)) expect(refused.retryAfter).toMatch(/^\d+$/);
    // Everything acknowledged reaches the chat.
    for (const accepted of answers.filter((a) => a.status === 200)) {
      await telegram.waitForMessage(user.id, (m) => (m.text ?? '').includes(accepted.symbol), 120_000);
    }
    // Telegram has no idempotency key: a message sent just before the crash may go again if its
    // delivery could not be recorded, but only the one this chat had in flight.
    const texts = telegram.sent(user.id).map((m) => m.text ?? '');
    const copies = (symbol: string) => texts.filter((text) => new RegExp(`\\b${symbol}\\b`).test(text)).length;
    const repeats = answers.filter((a) => a.status === 200).reduce((sum, a) => sum + copies(a.symbol) - 1, 0);
    console.info(`database crash: ${answers.filter((a) => a.status === 200).length} alerts acknowledged, ${repeats} repeated`);
    expect(repeats).toBeLessThanOrEqual(1);
    expect(await hookbot.kill('SIGTERM'), hookbot.output()).toBe(0);
  }, 600_000);

  it('DATABASE_URL: web, worker and bot processes survive a database stop and start, and resume by themselves', async () => {
    const database: TemporaryPostgres = await startTemporaryPostgres({ fsync: false, maxConnections: 100, socketOnly: true });
    cleanups.push(() => database.stop());
    const env = testEnv(telegram, database.url, { LOG_LEVEL: 'info' });
    const web = await spawn({ ...env, INLINE_PROCESSING: 'true' }, 'web');
    const worker = await spawn(env, 'worker');
    const bot = await spawn(env, 'bot');
    const user = { id: 8102, first_name: 'Restart' };
    await registerUser(telegram, user);
    const token = await personalToken(telegram, user.id);
    expect((await alert(web.url, token, 'BEFOREUSDT')).status).toBe(200);
    await telegram.waitForMessage(user.id, (m) => (m.text ?? '').includes('BEFOREUSDT'), 60_000);

    await database.server.stop();
    const refused = await alert(web.url, token, 'DOWNUSDT');
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toMatch(/^\d+$/);
    // Down for a while: every process notices, none of them exits.
    await waitFor('the worker noticing', () => worker.output().includes('database connection for notifications lost'));
    await waitFor('the bot noticing', () => /polling lock|connection lost/.test(bot.output()));

    await database.server.start();
    const restarted = Date.now();
    let accepted: Answer | undefined;
    await waitFor('the web process accepting alerts again', async () => {
      const answer = await alert(web.url, token, 'AFTERUSDT');
      if (answer.status === 200) accepted = answer;
      else expect(answer.status).toBe(503);
      return accepted !== undefined;
    });
    const webMs = Date.now() - restarted;
    await telegram.waitForMessage(user.id, (m) => (m.text ?? '').includes('AFTERUSDT'), 120_000);
    const workerMs = Date.now() - restarted;
    const asked = Date.now();
    telegram.sendUserMessage(user, '/help');
    await telegram.waitForMessage(user.id, (m) => m.at >= asked, 120_000);
    const botMs = Date.now() - restarted;
    console.info(`recovery after a database restart: web ${webMs} ms, worker (alert in chat) ${workerMs} ms, bot (answers /help) ${botMs} ms`);

    for (const child of [web, worker, bot]) expect(alive(child), child.output()).toBe(true);
    for (const child of [web, worker, bot]) expect(await child.kill('SIGTERM'), child.output()).toBe(0);
  }, 600_000);
});
