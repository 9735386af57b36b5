/**
 * The live web view: how soon an alert shows in an open page, and what open pages cost.
 *
 * (1) A real Chromium opens the page as Telegram opens the Mini App; the page itself POSTs
 *     TradingView alerts to the user's URL at RATE per second and notes, with performance.now(),
 *     when each was answered (the baseline: the ingest round trip) and when its row was drawn (the
 *     next animation frame after it arrived on the stream). Target: visible p99 < 150 ms.
 * (2) The web process's resident memory with no live page, then with IDLE idle live pages open
 *     (spread over users, as many phones would hold them), each having received its first items.
 *
 *   BENCH_SECONDS=10 BENCH_IDLE_PAGES=1000 node --import tsx bench/webview.ts
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { signInitData } from '../handlers/webAppAuth.js';
import { EndpointRepository } from '../models/endpoints.js';
import { UserRepository } from '../models/users.js';
import { openDatabase, runMigrations } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { resolveChromium } from '../src/services/scraper/browser.js';
import { startFakeTelegram } from '../test/support/fakeTelegram.js';
import { type Child, createDatabase, fmt, percentile, printTable, progress, startPostgres, startProcess } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = 20;
const IDLE_PAGES = Number(process.env.BENCH_IDLE_PAGES ?? 1000);
const PAGES_PER_USER = 5;
const FIRST_TELEGRAM_ID = 3_000_000;

/** Users straight into the database: the first one watches and alerts, the rest hold idle pages. */
async function seed(databaseUrl: string, count: number): Promise<string> {
  const log = createLogger('silent');
  const database = openDatabase(databaseUrl, log, 4);
  try {
    await runMigrations(database, log);
    const users = new UserRepository(database.db);
    const endpoints = new EndpointRepository(database.db);
    let token = '';
    for (let i = 0; i < count; i += 1) {
      const { user } = await users.register({ telegramId: FIRST_TELEGRAM_ID + i, language: 'en', firstName: `Viewer${i}` }, true);
      if (i === 0) token = (await endpoints.getOrCreate(user.id, 'tradingview')).token;
    }
    return token;
  } finally {
    await database.close();
  }
}

function initData(telegramId: number, botToken: string): string {
  return signInitData({ user: JSON.stringify({ id: telegramId, first_name: 'Bench' }), auth_date: String(Math.floor(Date.now() / 1000)) }, botToken);
}

/** Resident memory of a process, in MiB (Linux). */
function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** An idle live page: its stream, open until closed, resolved once the first items came. */
function idlePage(url: string, authorization: string): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/app/api/stream`, { headers: { authorization }, agent: false }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`stream answered ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      let seen = '';
      response.on('data', (chunk: string) => {
        if (seen.includes('event: items')) return;
        seen += chunk;
        if (seen.includes('event: items')) resolve(request);
      });
    });
    request.on('error', reject);
  });
}

interface Sample {
  ack: number;
  visible: number;
}

async function main(): Promise<void> {
  const postgres = await startPostgres();
  const telegram = await startFakeTelegram();
  const users = 1 + Math.ceil(IDLE_PAGES / PAGES_PER_USER);
  const children: Child[] = [];
  const browser = await chromium.launch({ executablePath: resolveChromium(process.env.CHROMIUM_PATH) });
  const idle: http.ClientRequest[] = [];
  try {
    const databaseUrl = await createDatabase(postgres.url, 'bench_webview');
    progress(`seeding ${users} users`);
    const token = await seed(databaseUrl, users);
    const app = await startProcess('src/main.ts', ['--role', 'all'], {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      DATABASE_URL: databaseUrl,
      ENCRYPTION_KEY: '0f'.repeat(32),
      HOOK_RATE_LIMIT_PER_MINUTE: '1000000',
      TELEGRAM_RATE_PER_SECOND: '200',
      WEBVIEW_STREAMS_PER_USER: String(PAGES_PER_USER),
      WEBVIEW_STREAMS_MAX: String(IDLE_PAGES + 10),
      LOG_LEVEL: 'info',
    });
    children.push(app);
    const pid = app.process.pid!;

    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.route('https://telegram.org/**', (route) => route.abort());
    const launch = new URLSearchParams({ tgWebAppData: initData(FIRST_TELEGRAM_ID, telegram.token), tgWebAppVersion: '8.0', tgWebAppPlatform: 'android' });
    await page.goto(`${app.url}/app#${launch.toString()}`);
    await page.locator('#status.live').waitFor({ timeout: 30_000 });
    // tsx names the functions it compiles with a helper the page does not have.
    await page.evaluate('globalThis.__name = (fn) => fn');

    const run = (seconds: number, label: string) =>
      page.evaluate(
        async ({ rate, seconds, token, label }) => {
          // This runs in the page (the bench's TypeScript has no DOM types).
          const page = globalThis as unknown as {
            requestAnimationFrame(callback: () => void): void;
            addEventListener(type: string, listener: (event: Event) => void): void;
            removeEventListener(type: string, listener: (event: Event) => void): void;
          };
          const drawn = new Map<string, number>();
          const onRendered = (event: Event) => {
            const keys = (event as CustomEvent<{ keys: string[] }>).detail.keys;
            // Visible: the frame after the rows were put in the document.
            page.requestAnimationFrame(() => {
              const now = performance.now();
              for (const key of keys) if (!drawn.has(key)) drawn.set(key, now);
            });
          };
          page.addEventListener('hookbot:rendered', onRendered);
          const sent: Array<Promise<{ key: string; t0: number; ack: number }>> = [];
          const start = performance.now();
          for (let i = 0; i < rate * seconds; i += 1) {
            const wait = start + (i * 1000) / rate - performance.now();
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
            const t0 = performance.now();
            sent.push(
              fetch(`/hooks/tradingview/${token}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ symbol: 'BTCUSDT', action: 'buy', id: `${label}-${i}-${Date.now()}` }),
              })
                .then((response) => response.json() as Promise<{ id: number }>)
                .then((body) => ({ key: `e${body.id}`, t0, ack: performance.now() - t0 })),
            );
          }
          const acks = await Promise.all(sent);
          const deadline = performance.now() + 10_000;
          while (acks.some((a) => !drawn.has(a.key)) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
          page.removeEventListener('hookbot:rendered', onRendered);
          return acks.map((a) => ({ ack: a.ack, visible: (drawn.get(a.key) ?? Number.NaN) - a.t0 }));
        },
        { rate: RATE, seconds, token, label },
      );

    progress('warm-up');
    await run(2, 'warm');
    progress(`alerts at ${RATE}/s for ${SECONDS}s, measured in the page`);
    const samples: Sample[] = await run(SECONDS, 'bench');
    const lost = samples.filter((s) => Number.isNaN(s.visible)).length;
    const acks = samples.map((s) => s.ack).sort((a, b) => a - b);
    const visible = samples.map((s) => s.visible).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    await page.close();

    const before = rssMiB(pid);
    progress(`opening ${IDLE_PAGES} idle live pages`);
    for (let i = 0; i < IDLE_PAGES; i += 50) {
      const batch = Array.from({ length: Math.min(50, IDLE_PAGES - i) }, (_, j) => {
        const user = FIRST_TELEGRAM_ID + 1 + Math.floor((i + j) / PAGES_PER_USER);
        return idlePage(app.url, `tma ${initData(user, telegram.token)}`);
      });
      idle.push(...(await Promise.all(batch)));
    }
    const after = rssMiB(pid);

    printTable(
      `Web view: alert POST -> row visible in the open page (Chromium, performance.now in the page), ${RATE} alerts/s for ${SECONDS}s, all roles in one process (ms; target visible p99 < 150)`,
      ['measure', 'alerts', 'p50', 'p99', 'max'],
      [
        ['baseline: POST answered (ingest round trip)', acks.length, fmt(percentile(acks, 50)), fmt(percentile(acks, 99)), fmt(acks.at(-1) ?? Number.NaN)],
        ['POST -> row visible in the page', visible.length, fmt(percentile(visible, 50)), fmt(percentile(visible, 99)), fmt(visible.at(-1) ?? Number.NaN)],
      ],
    );
    printTable(`Web view: memory of the web process (RSS, MiB) with ${IDLE_PAGES} idle live pages over ${users - 1} users`, ['state', 'RSS MiB', 'per page KiB'], [
      ['baseline: no live page open', fmt(before), '-'],
      [`${IDLE_PAGES} idle live pages`, fmt(after), fmt(((after - before) * 1024) / IDLE_PAGES)],
    ]);
    if (lost > 0) throw new Error(`${lost} alerts never showed in the page`);
  } finally {
    for (const request of idle) request.destroy();
    await browser.close();
    for (const child of children) await child.stop().catch(() => undefined);
    await telegram.close();
    await postgres.stop();
  }
}

await main();
