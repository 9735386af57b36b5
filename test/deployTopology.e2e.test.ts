import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createTestDatabase } from './support/database.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { personalToken, registerUser, testEnv } from './support/hookbot.js';
import { startNginx, type RunningNginx } from './support/nginx.js';
import { spawnUntilReady, type ReadyProcess } from './support/processes.js';
import { until as pollUntil } from './support/until.js';

/**
 * deploy/compose.yaml, run without containers: every Hookbot service of the file becomes a process
 * with the same role and settings, on one PostgreSQL, behind nginx configured by the shipped
 * template with the compose file's own values (its upstreams mapped to those processes).
 */
const root = fileURLToPath(new URL('..', import.meta.url));

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
}

const compose = parse(await readFile(path.join(root, 'deploy/compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const hookbotServices = Object.entries(compose.services).filter(([, service]) => service.command?.includes('--role'));
const roleOf = (service: ComposeService) => service.command![service.command!.indexOf('--role') + 1]!;
const nginxEnvironment = compose.services.nginx?.environment ?? {};

const users = [
  { id: 7701, first_name: 'Ana' },
  { id: 7702, first_name: 'Bo' },
  { id: 7703, first_name: 'Chen' },
];
const ALERTS_PER_USER = 40;
const CLIENTS = 6;

let telegram: FakeTelegram;
let databaseUrl: string;
let nginx: RunningNginx;
let client: Agent;
const processes = new Map<string, ReadyProcess>();

beforeAll(async () => {
  telegram = await startFakeTelegram();
  databaseUrl = await createTestDatabase();
  // One after the other: each start after the first reuses tsx's compiled cache.
  for (const [name, service] of hookbotServices) {
    const fromCompose = Object.fromEntries(Object.entries(service.environment ?? {}).filter(([key]) => key !== 'DATABASE_URL'));
    const env = { ...testEnv(telegram, databaseUrl), ...fromCompose, LOG_LEVEL: 'info' };
    processes.set(name, await spawnUntilReady('src/main.ts', service.command!, env));
  }
  // The compose file's upstreams ("web1:3000") point at the processes started for those services.
  const upstreams = Object.fromEntries(
    Object.entries(nginxEnvironment)
      .filter(([key]) => /^HOOKBOT_WEB_\d+$/.test(key))
      .map(([key, value]) => {
        const service = processes.get(value.split(':')[0]!);
        if (!service) throw new Error(`nginx's ${key}=${value} names no Hookbot service of compose.yaml`);
        return [key, new URL(service.url).host];
      }),
  );
  nginx = await startNginx(upstreams);
  client = new Agent({ connect: { ca: nginx.certificate }, connections: CLIENTS + 2 });
}, 600_000);

afterAll(async () => {
  for (const child of processes.values()) await child.kill('SIGTERM');
  await nginx?.stop();
  await client?.close();
  await telegram?.close();
});

async function get(pathname: string): Promise<{ status: number; body: string }> {
  const response = await request(`${nginx.httpsUrl}${pathname}`, { dispatcher: client });
  return { status: response.statusCode, body: await response.body.text() };
}

/**
 * What TradingView does: POST the alert and, on anything but a 200, send it again (TradingView
 * waits 5 s, three times; here more often and more patiently, as two cores are shared).
 */
async function sendAlert(token: string, body: object): Promise<{ acknowledged: boolean; attempts: number[] }> {
  const attempts: number[] = [];
  for (let attempt = 0; attempt < 40; attempt += 1) {
    try {
      const response = await request(`${nginx.httpsUrl}/hooks/tradingview/${token}`, {
        method: 'POST',
        dispatcher: client,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await response.body.text();
      attempts.push(response.statusCode);
      if (response.statusCode === 200) return { acknowledged: true, attempts };
    } catch {
      attempts.push(0);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { acknowledged: false, attempts };
}

async function outboxPending(): Promise<number> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM telegram_outbox WHERE status = 'pending'`);
    return Number(rows[0]!.n);
  } finally {
    await db.end();
  }
}

/** Polls until `check` holds; 90_000 ms bound a hang on a loaded machine, they are not a speed target. */
const until = (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 90_000) => pollUntil(what, check, timeoutMs);

describe('the deploy topology (deploy/compose.yaml) behind nginx', () => {
  it('is two web processes, one worker and one bot', () => {
    expect(hookbotServices.map(([, service]) => roleOf(service)).sort()).toEqual(['bot', 'web', 'web', 'worker']);
  });

  it('keeps every acknowledged alert, exactly once in the chat, and /health green, while a web process is killed mid-load', async () => {
    const tokens = new Map<number, string>();
    for (const user of users) {
      await registerUser(telegram, user, 60_000);
      tokens.set(user.id, await personalToken(telegram, user.id, 60_000));
    }

    const alerts = users.flatMap((user) =>
      Array.from({ length: ALERTS_PER_USER }, (_, n) => {
        const marker = `topo${user.id}n${String(n).padStart(3, '0')}z`;
        return { user, marker, body: { symbol: 'BTCUSDT', action: n % 2 === 0 ? 'buy' : 'sell', id: marker, note: marker } };
      }),
    );
    const [webToKill] = hookbotServices.filter(([, service]) => roleOf(service) === 'web').map(([name]) => name);
    let acknowledged = 0;
    let killed: Promise<number | null> | undefined;
    const results: Array<{ marker: string; userId: number; acknowledged: boolean; attempts: number[] }> = [];

    // /health through nginx, all along.
    const health: number[] = [];
    let loading = true;
    const healthPoller = (async () => {
      while (loading) {
        health.push((await get('/health').catch(() => ({ status: 0 }))).status);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const queue = [...alerts];
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let alert = queue.shift(); alert; alert = queue.shift()) {
          const result = await sendAlert(tokens.get(alert.user.id)!, alert.body);
          results.push({ marker: alert.marker, userId: alert.user.id, ...result });
          if (result.acknowledged) acknowledged += 1;
          // A third of the way in, with requests in flight on both web processes.
          if (!killed && acknowledged >= alerts.length / 3) killed = processes.get(webToKill!)!.kill('SIGKILL');
        }
      }),
    );
    loading = false;
    await healthPoller;
    expect(await killed).toBeNull();

    expect(results.filter((result) => !result.acknowledged)).toEqual([]);
    expect(health.length).toBeGreaterThan(0);
    const failures = (await nginx.accessLog()).split('\n').filter((line) => / (5\d\d) /.test(line) || line.includes('upstream_status=5'));
    expect(health.filter((status) => status !== 200), failures.slice(0, 40).join('\n')).toEqual([]);

    // Every alert reached its chat, and once everything queued is sent, exactly once.
    const count = (userId: number, marker: string) => telegram.sent(userId).filter((m) => (m.plainText ?? m.text ?? '').includes(marker)).length;
    await until('every alert in its chat', () => results.every((result) => count(result.userId, result.marker) >= 1));
    await until('the outbox to drain', async () => (await outboxPending()) === 0);
    const counts = results.map((result) => ({ marker: result.marker, messages: count(result.userId, result.marker) }));
    expect(counts.filter((entry) => entry.messages !== 1)).toEqual([]);

    // Both web processes served alerts through nginx before one was killed; the survivor after.
    const log = await nginx.accessLog();
    const servedBy = (name: string) => log.split('\n').filter((line) => line.includes(`upstream=${new URL(processes.get(name)!.url).host}`) && line.includes('"POST /hooks/'));
    for (const [name, service] of hookbotServices) if (roleOf(service) === 'web') expect(servedBy(name).length, name).toBeGreaterThan(0);
    // Nothing in nginx's logs carries a personal token.
    const logs = `${log}\n${await nginx.errorLog()}`;
    for (const token of tokens.values()) expect(logs.includes(token)).toBe(false);

    expect((await get('/ready')).status).toBe(200);
  }, 300_000);

  it('redirects plain HTTP to HTTPS, and answers nginx-side failures in JSON', async () => {
    const redirect = await request(`${nginx.httpUrl}/hooks/tradingview/abc`, { method: 'GET' });
    await redirect.body.text();
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toMatch(/^https:\/\//);

    const tooLarge = await request(`${nginx.httpsUrl}/hooks/tradingview/abc`, {
      method: 'POST',
      dispatcher: client,
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(await tooLarge.body.json()).toEqual({ error: 'body is too large' });
  }, 60_000);
});
