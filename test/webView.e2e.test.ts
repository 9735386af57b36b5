import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInitData } from '../handlers/webAppAuth.js';
import { resolveChromium } from '../src/services/scraper/browser.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from './support/fakeTelegram.js';
import { personalToken, postAlert, PUBLIC_URL, registerUser, startTestHookbot, startTestRoles, type TestHookbot } from './support/hookbot.js';

// The live web view in a real Chromium: opened as Telegram opens a Mini App (initData in the URL
// fragment), fed live by server-sent events. Screenshots go to test/artifacts/ (not committed).

const ARTIFACTS = path.resolve('test/artifacts');
const PHONE = { width: 390, height: 844 };

let telegram: FakeTelegram;
let hookbot: TestHookbot;
let browser: Browser;
const english: FakeUser = { id: 7701, first_name: 'Ellen', language_code: 'en' };
const arabic: FakeUser = { id: 7702, first_name: 'Amal', language_code: 'ar' };
const tokens = new Map<number, string>();
const contexts: BrowserContext[] = [];

/** initData as Telegram hands it to a Mini App it opens for `user`, signed `ageSeconds` ago. */
function initDataFor(user: FakeUser, ageSeconds = 0, botToken = telegram.token): string {
  return signInitData(
    {
      query_id: `q${user.id}`,
      user: JSON.stringify({ id: user.id, first_name: user.first_name, language_code: user.language_code }),
      auth_date: String(Math.floor(Date.now() / 1000) - ageSeconds),
    },
    botToken,
  );
}

/** The URL Telegram opens: the page, with the launch parameters in the fragment. */
function miniAppUrl(base: string, initData: string): string {
  const launch = new URLSearchParams({
    tgWebAppData: initData,
    tgWebAppVersion: '8.0',
    tgWebAppPlatform: 'android',
    tgWebAppThemeParams: JSON.stringify({ bg_color: '#ffffff', text_color: '#000000', button_color: '#2481cc', button_text_color: '#ffffff' }),
  });
  return `${base}/app#${launch.toString()}`;
}

async function openPage(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  contexts.push(context);
  // Telegram's own script is loaded only inside Telegram; nothing outside 127.0.0.1 is reachable here.
  await context.route('https://telegram.org/**', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

const api = (base: string, pathname: string, authorization?: string) =>
  fetch(`${base}${pathname}`, { headers: authorization ? { authorization } : {} });

const card = (page: Page, eventId: number) => page.locator(`#events li[data-id="${eventId}"]`);

beforeAll(async () => {
  telegram = await startFakeTelegram();
  hookbot = await startTestHookbot(telegram);
  for (const user of [english, arabic]) {
    await registerUser(telegram, user);
    tokens.set(user.id, await personalToken(telegram, user.id));
  }
  browser = await chromium.launch({ executablePath: resolveChromium(process.env.CHROMIUM_PATH) });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await hookbot?.stop();
  await telegram?.close();
});

describe('the live web view', () => {
  let page: Page;
  let firstId: number;

  it('opens with valid initData and shows the events already there', async () => {
    const posted = await postAlert(hookbot.url, tokens.get(english.id)!, { symbol: 'BTCUSDT', action: 'buy', id: 'web-1' });
    expect(posted.status).toBe(200);
    firstId = Number(posted.body.id);
    page = await openPage(miniAppUrl(hookbot.url, initDataFor(english)));
    await expect.poll(() => card(page, firstId).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => card(page, firstId).locator('.what').textContent(), { timeout: 20_000 }).toContain('BTCUSDT');
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 20_000 }).toBe('live');
  });

  it('shows a new alert as it arrives, without a reload, and what became of it', async () => {
    await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
    const posted = await postAlert(hookbot.url, tokens.get(english.id)!, { symbol: 'ETHUSDT', action: 'sell', id: 'web-2' });
    const id = Number(posted.body.id);
    await card(page, id).waitFor({ timeout: 20_000 });
    expect(await card(page, id).locator('.what').textContent()).toContain('ETHUSDT');
    // Relayed to the chat (no Bybit key): the row's result follows the event's processing.
    await expect.poll(() => card(page, id).locator('.result').textContent(), { timeout: 20_000 }).toContain('relayed');
    expect(await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
    // The newest first.
    expect(await page.locator('#events li').first().getAttribute('data-id')).toBe(String(id));
  });

  it('shows orders and a sortable table of scrapes', async () => {
    await hookbot.query(
      `INSERT INTO trade_signals (event_id, user_id, alert, settings, order_link_id, status, outcome, received_at)
       SELECT $1, u.id, '{"symbol":"BTCUSDT","action":"buy"}', '{}', 'link-web-1', 'done',
              '{"status":"placed","action":"buy","symbol":"BTCUSDT","market":"linear","account":"demo","leverage":5,"orders":[{"qty":"0.01","avgPrice":"65000","orderId":"ord-web-1","orderLinkId":"link-web-1"}]}', now()
         FROM users u WHERE u.telegram_id = $2`,
      [firstId, english.id],
    );
    await hookbot.query(
      `INSERT INTO scrape_jobs (id, user_id, chat_id, source, query, max_results, language, status, result_count, created_at, started_at, finished_at, error)
       SELECT v.id, u.id, u.telegram_id, 'bot', v.query, 20, 'en', v.status, v.results, now() - v.age, now() - v.age, now() - v.age + interval '1 minute', v.error
         FROM users u, (VALUES ('webjob1', 'bakeries in Alexandria', 'completed', 12, interval '2 hours', NULL),
                               ('webjob2', 'cafes in Cairo', 'failed', 3, interval '1 hour', 'the site did not answer'),
                               ('webjob3', 'zoos in Giza', 'completed', 7, interval '3 hours', NULL)) AS v(id, query, status, results, age, error)
        WHERE u.telegram_id = $1`,
      [english.id],
    );
    await page.locator('[data-tab="orders"]').click();
    await expect.poll(() => page.locator('#orders li').first().textContent(), { timeout: 20_000 }).toContain('ord-web-1');
    await page.locator('[data-tab="scrapes"]').click();
    const queries = () => page.locator('#scrapes tbody td.query').allTextContents();
    await expect.poll(queries, { timeout: 20_000 }).toEqual(['cafes in Cairo', 'bakeries in Alexandria', 'zoos in Giza']);
    await page.locator('[data-sort="query"]').click();
    expect(await queries()).toEqual(['bakeries in Alexandria', 'cafes in Cairo', 'zoos in Giza']);
    await page.locator('[data-sort="query"]').click();
    expect(await queries()).toEqual(['zoos in Giza', 'cafes in Cairo', 'bakeries in Alexandria']);
    await page.locator('[data-sort="results"]').click();
    expect(await page.locator('#scrapes tbody td.num').allTextContents()).toEqual(['3/20', '7/20', '12/20']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'webview-en-scrapes.png') });
    await page.locator('[data-tab="events"]').click();
    await page.screenshot({ path: path.join(ARTIFACTS, 'webview-en.png') });
  });

  it('remembers muting across a reopen', async () => {
    await expect.poll(() => page.locator('#sound').getAttribute('aria-pressed')).toBe('true');
    await page.locator('#sound').click();
    expect(await page.locator('#sound').getAttribute('aria-pressed')).toBe('false');
    await page.reload();
    await expect.poll(() => page.locator('#sound').getAttribute('aria-pressed'), { timeout: 20_000 }).toBe('false');
    await page.locator('#sound').click();
  });

  it('chimes for a new WhatsApp message, and not once muted', async () => {
    // A WhatsApp message as the relay stores it (the Green API side is tested in whatsapp.e2e).
    const storeMessage = async (idMessage: string) =>
      (
        await hookbot.query<{ id: string }>(
          `WITH en AS (
             INSERT INTO endpoints (user_id, provider, token)
             SELECT id, 'whatsapp', 'wa-web-view-' || id FROM users WHERE telegram_id = $1
             ON CONFLICT (user_id, provider) DO UPDATE SET provider = EXCLUDED.provider RETURNING id, user_id)
           INSERT INTO inbound_events (endpoint_id, user_id, provider, dedupe_key, payload, status, outcome, processed_at)
           SELECT en.id, en.user_id, 'whatsapp', $2, $3, 'processed', 'relayed', now() FROM en RETURNING id`,
          [english.id, idMessage, { kind: 'message', senderName: 'Samir', phone: '79001234567', text: 'hello', idMessage }],
        )
      )[0]!.id;
    await page.evaluate(() => {
      const counter = globalThis as unknown as { chimes: number; addEventListener(type: string, listener: () => void): void };
      counter.chimes = 0;
      counter.addEventListener('hookbot:chime', () => (counter.chimes += 1));
    });
    const chimes = () => page.evaluate(() => (globalThis as unknown as { chimes: number }).chimes);
    const first = await storeMessage('wa-web-1');
    await card(page, Number(first)).waitFor({ timeout: 20_000 });
    expect(await card(page, Number(first)).locator('.what').textContent()).toContain('Samir');
    await expect.poll(chimes).toBe(1);
    await page.locator('#sound').click();
    const second = await storeMessage('wa-web-2');
    await card(page, Number(second)).waitFor({ timeout: 20_000 });
    expect(await chimes()).toBe(1);
    await page.locator('#sound').click();
  });

  it('reconnects by itself when the connection drops, and resumes with Last-Event-ID', async () => {
    // A TCP proxy in front of Hookbot, so the test can cut the page's connections.
    const target = new URL(hookbot.url);
    const sockets = new Set<net.Socket>();
    const requests: string[] = [];
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      sockets.add(client);
      client.on('data', (chunk) => requests.push(chunk.toString('latin1')));
      client.pipe(upstream).pipe(client);
      const drop = () => {
        sockets.delete(client);
        client.destroy();
        upstream.destroy();
      };
      client.on('close', drop).on('error', drop);
      upstream.on('close', drop).on('error', drop);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const via = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
      const proxied = await openPage(miniAppUrl(via, initDataFor(english)));
      await card(proxied, firstId).waitFor({ timeout: 20_000 });
      await expect.poll(() => proxied.locator('#status').textContent(), { timeout: 20_000 }).toBe('live');
      await proxied.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
      for (const socket of sockets) socket.destroy();
      // The page asks again for its stream, saying where it left off.
      const resumedStream = () => requests.some((request) => /^GET \/app\/api\/stream[\s\S]*\r\nlast-event-id: e\d+\.r\d+\.t\d+\r\n/im.test(request));
      await expect.poll(resumedStream, { timeout: 20_000 }).toBe(true);
      await expect.poll(() => proxied.locator('#status').textContent(), { timeout: 20_000 }).toBe('live');
      const posted = await postAlert(hookbot.url, tokens.get(english.id)!, { symbol: 'LTCUSDT', action: 'buy', id: 'web-reconnect-1' });
      await card(proxied, Number(posted.body.id)).waitFor({ timeout: 20_000 });
      expect(await proxied.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
      await proxied.context().close();
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('is laid out right to left in Arabic', async () => {
    await postAlert(hookbot.url, tokens.get(arabic.id)!, { symbol: 'SOLUSDT', action: 'buy', id: 'web-ar-1' });
    const arabicPage = await openPage(miniAppUrl(hookbot.url, initDataFor(arabic)));
    await arabicPage.locator('#events li').first().waitFor({ timeout: 20_000 });
    expect(await arabicPage.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await arabicPage.locator('html').getAttribute('lang')).toBe('ar');
    expect(await arabicPage.locator('[data-tab="events"]').textContent()).toContain('الأحداث');
    // Right to left: the first tab is drawn at the right.
    const first = await arabicPage.locator('[data-tab="events"]').boundingBox();
    const last = await arabicPage.locator('[data-tab="scrapes"]').boundingBox();
    expect(first!.x).toBeGreaterThan(last!.x);
    await arabicPage.screenshot({ path: path.join(ARTIFACTS, 'webview-ar.png') });
    // One user never sees another's rows.
    expect(await arabicPage.locator('#events').textContent()).not.toContain('BTCUSDT');
  });

  it('refuses forged initData, and says so on the page', async () => {
    const forged = initDataFor(english).replace(String(english.id), String(arabic.id));
    const forgedPage = await openPage(miniAppUrl(hookbot.url, forged));
    await forgedPage.locator('#problem').waitFor({ timeout: 20_000 });
    expect(await forgedPage.locator('#problem').textContent()).toContain('not signed by this bot');
    expect(await forgedPage.locator('#events li').count()).toBe(0);
    expect((await api(hookbot.url, '/app/api/session', `tma ${forged}`)).status).toBe(401);
    expect((await api(hookbot.url, '/app/api/stream', `tma ${forged}`)).status).toBe(401);
    expect((await api(hookbot.url, '/app/api/session', `tma ${initDataFor(english, 0, '1:another-bot')}`)).status).toBe(401);
    expect((await api(hookbot.url, '/app/api/session')).status).toBe(401);
  });

  it('refuses expired initData', async () => {
    const expired = initDataFor(english, hookbot.config.webView.initDataMaxAgeSeconds + 60);
    const response = await api(hookbot.url, '/app/api/stream', `tma ${expired}`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toContain('expired');
  });

  it('answers 404 for another user\'s event id, 400 for a malformed one', async () => {
    const other = await postAlert(hookbot.url, tokens.get(arabic.id)!, { symbol: 'XRPUSDT', action: 'sell', id: 'web-ar-2' });
    const auth = `tma ${initDataFor(english)}`;
    const theirs = await api(hookbot.url, `/app/api/events/${Number(other.body.id)}`, auth);
    expect(theirs.status).toBe(404);
    const mine = await api(hookbot.url, `/app/api/events/${firstId}`, auth);
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as { payload: { symbol: string } }).payload.symbol).toBe('BTCUSDT');
    expect((await api(hookbot.url, '/app/api/events/abc', auth)).status).toBe(400);
  });

  it('opens in a plain browser from the link /web sends, and offers the Mini App button', async () => {
    const asked = Date.now();
    telegram.sendUserMessage(english, '/web');
    const reply = await telegram.waitForMessage(english.id, (message) => message.at >= asked && (message.text ?? '').includes('/app#link='));
    expect(reply.inlineKeyboard?.[0]?.[0]).toMatchObject({ web_app: { url: `${PUBLIC_URL}/app` } });
    const link = /https:\/\/\S+\/app#link=\S+/.exec(reply.plainText ?? '')![0];
    const linkPage = await openPage(link.replace(PUBLIC_URL, hookbot.url));
    await card(linkPage, firstId).waitFor({ timeout: 20_000 });
    const tampered = link.replace(`link=${english.id}.`, `link=${arabic.id}.`).replace(PUBLIC_URL, hookbot.url);
    const tamperedPage = await openPage(tampered);
    await tamperedPage.locator('#problem').waitFor({ timeout: 20_000 });
    expect(await tamperedPage.locator('#events li').count()).toBe(0);
  });
});

type Frame = { initial: boolean; items: Array<{ key: string }> };

/** Reads a response's server-sent events, frame by frame. */
function sseReader(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    /** Reads on until a frame `until` accepts; returns its data and id. */
    async until(until: (data: Frame) => boolean): Promise<{ parsed: Frame; lastId: string | undefined }> {
      for (;;) {
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (!data) continue;
          const parsed = JSON.parse(data.slice(6)) as Frame;
          if (until(parsed)) return { parsed, lastId: /^id: (.*)$/m.exec(frame)?.[1] };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += value;
      }
    },
    close: () => reader.cancel().catch(() => undefined),
  };
}

describe('with a second web process', () => {
  let second: Awaited<ReturnType<typeof startTestRoles>> & { url: string };
  const open: Array<{ close(): Promise<unknown> }> = [];

  beforeAll(async () => {
    const started = await startTestRoles(telegram, {
      roles: ['web'],
      databaseUrl: hookbot.databaseUrl,
      env: { WEBVIEW_STREAMS_PER_USER: '2', WEBVIEW_STREAMS_MAX: '3' },
    });
    second = { ...started, url: started.url! };
  }, 120_000);

  afterAll(async () => {
    for (const stream of open) await stream.close();
    await second?.stop();
  });

  const stream = async (user: FakeUser, lastEventId?: string) => {
    const response = await fetch(`${second.url}/app/api/stream`, {
      headers: { authorization: `tma ${initDataFor(user)}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    });
    const reader = response.ok ? sseReader(response) : undefined;
    if (reader) open.push(reader);
    return { response, reader: reader! };
  };
  /** A stream once the pages closed before have been let go of (the server hears of a close a little later). */
  const freeStream = async (user: FakeUser, lastEventId?: string) => {
    let opened: Awaited<ReturnType<typeof stream>> | undefined;
    await expect
      .poll(async () => {
        opened = await stream(user, lastEventId);
        return opened.response.status;
      }, { timeout: 20_000 })
      .toBe(200);
    return opened!;
  };

  it('bounds live pages per user (429) and in all (503)', async () => {
    const english1 = await stream(english);
    const english2 = await stream(english);
    expect([english1.response.status, english2.response.status]).toEqual([200, 200]);
    const { response: third } = await stream(english);
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: string }).error).toContain('too many');
    const { response: arabicOne } = await stream(arabic);
    expect(arabicOne.status).toBe(200);
    const { response: arabicTwo } = await stream(arabic);
    expect(arabicTwo.status).toBe(503);
    expect(arabicTwo.headers.get('retry-after')).toBe('30');
    for (const reader of open.splice(0)) await reader.close();
  });

  it('pushes an event stored by another process to a page open on this one', async () => {
    const { response, reader } = await freeStream(english);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const first = await reader.until((data) => data.initial);
    const posted = await postAlert(hookbot.url, tokens.get(english.id)!, { symbol: 'ADAUSDT', action: 'buy', id: 'web-multi-1' });
    const key = `e${Number(posted.body.id)}`;
    await reader.until((data) => data.items.some((item) => item.key === key));
    expect(first.lastId).toMatch(/^e\d+\.r\d+\.t\d+$/);
  });

  /**
   * Two writers, as two web processes storing alerts of the user's at once: each has inserted an
   * event and not committed yet, the first one holding the lower id.
   */
  async function twoOpenWriters(user: FakeUser, symbol: string) {
    const [owner] = await hookbot.query<{ user_id: number; endpoint_id: number }>(
      `SELECT u.id AS user_id, e.id AS endpoint_id FROM users u JOIN endpoints e ON e.user_id = u.id AND e.provider = 'tradingview' WHERE u.telegram_id = $1`,
      [user.id],
    );
    const writers = [new pg.Client({ connectionString: hookbot.databaseUrl }), new pg.Client({ connectionString: hookbot.databaseUrl })];
    const end = async () => {
      for (const writer of writers) await writer.end().catch(() => undefined);
    };
    try {
      const ids: number[] = [];
      for (const [i, writer] of writers.entries()) {
        await writer.connect();
        await writer.query('BEGIN');
        const { rows } = await writer.query<{ id: string }>(
          `INSERT INTO inbound_events (endpoint_id, user_id, provider, dedupe_key, payload, status, outcome)
           VALUES ($1, $2, 'tradingview', $3, json_build_object('symbol', $4::text, 'action', 'buy'), 'processed', 'nothing') RETURNING id`,
          [owner!.endpoint_id, owner!.user_id, `out-of-order-${symbol}-${i}-${Date.now()}`, symbol],
        );
        ids.push(Number(rows[0]!.id));
      }
      const [lower, higher] = ids as [number, number];
      return { lower, higher, commitLower: () => writers[0]!.query('COMMIT'), commitHigher: () => writers[1]!.query('COMMIT'), end };
    } catch (error) {
      await end();
      throw error;
    }
  }

  it('sends an event committed after a later one, and an update of an older one', async () => {
    const { reader } = await freeStream(english);
    await reader.until((data) => data.initial);
    const writers = await twoOpenWriters(english, 'DOTUSDT');
    try {
      const { lower, higher } = writers;
      expect(lower).toBeLessThan(higher);
      await writers.commitHigher();
      await reader.until((data) => data.items.some((item) => item.key === `e${higher}`));
      await writers.commitLower();
      await reader.until((data) => data.items.some((item) => item.key === `e${lower}`));
      // A later change of the older one reaches the page too.
      await hookbot.query(`UPDATE inbound_events SET outcome = 'relayed' WHERE id = $1`, [lower]);
      const { parsed } = await reader.until((data) => data.items.some((item) => item.key === `e${lower}`));
      expect(parsed.items.map((item) => item.key)).toEqual([`e${lower}`]);
    } finally {
      await writers.end();
      await reader.close();
      open.splice(open.indexOf(reader), 1);
    }
  });

  it('notifies the live feed only for users with a page open, from when it opens until it closes', async () => {
    const listener = new pg.Client({ connectionString: hookbot.databaseUrl });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (message) => {
        if (message.channel === 'live_feed') heard.push(message.payload ?? '');
      });
      await listener.query('LISTEN live_feed');
      // A user of its own: pages of the others stay open in the browser until the end.
      const watcher: FakeUser = { id: 7709, first_name: 'Wafa', language_code: 'ar' };
      await registerUser(telegram, watcher);
      const token = await personalToken(telegram, watcher.id);
      const userId = String((await hookbot.query<{ id: number }>('SELECT id FROM users WHERE telegram_id = $1', [watcher.id]))[0]!.id);
      /** Stored and processed, and every notification committed before is heard (they arrive in commit order). */
      const stored = async (id: string): Promise<number> => {
        const posted = await postAlert(hookbot.url, token, { symbol: 'XRPUSDT', action: 'buy', id });
        await expect.poll(async () => (await hookbot.query<{ status: string }>('SELECT status FROM inbound_events WHERE id = $1', [posted.body.id]))[0]?.status, { timeout: 20_000 }).toBe('processed');
        await hookbot.query(`SELECT pg_notify('live_feed', 'sentinel-' || $1::text)`, [id]);
        await expect.poll(() => heard.includes(`sentinel-${id}`), { timeout: 10_000 }).toBe(true);
        heard.splice(heard.indexOf(`sentinel-${id}`), 1);
        return Number(posted.body.id);
      };
      const forUser = () => heard.filter((payload) => payload.split(':')[0] === userId);
      await stored('watch-none-1');
      expect(forUser()).toEqual([]);

      const { reader } = await freeStream(watcher);
      await reader.until((data) => data.initial);
      const eventId = await stored('watch-open-1');
      // It names what changed: the event, as stored and as acted on.
      expect(forUser()).toContain(`${userId}:e${eventId}`);

      await reader.close();
      open.pop();
      await expect.poll(async () => (await hookbot.query('SELECT 1 FROM live_feed_watchers WHERE user_id = $1', [userId])).length, { timeout: 20_000 }).toBe(0);
      heard.length = 0;
      await stored('watch-closed-1');
      expect(forUser()).toEqual([]);
    } finally {
      await listener.end();
    }
  });

  it('resumes with an event that committed after the page left, below an id the page had seen', async () => {
    const { reader } = await freeStream(english);
    await reader.until((data) => data.initial);
    const writers = await twoOpenWriters(english, 'LTCUSDT');
    try {
      const { lower, higher } = writers;
      await writers.commitHigher();
      const { lastId } = await reader.until((data) => data.items.some((item) => item.key === `e${higher}`));
      // The page goes away holding the higher id; the lower one commits while it is gone.
      await reader.close();
      open.splice(open.indexOf(reader), 1);
      await writers.commitLower();
      const resumed = await freeStream(english, lastId);
      const { parsed } = await resumed.reader.until((data) => data.initial);
      const keys = parsed.items.map((item) => item.key);
      expect(keys).toContain(`e${lower}`);
      await resumed.reader.close();
      open.splice(open.indexOf(resumed.reader), 1);
    } finally {
      await writers.end();
    }
  });

  it('resumes from Last-Event-ID with only what the page has not seen', async () => {
    // Everything acted on first, so what the page was sent is final and not sent again.
    await expect
      .poll(async () => (await hookbot.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_events WHERE status = 'pending'`))[0]?.n, { timeout: 20_000 })
      .toBe(0);
    // And received long enough ago that nothing received before it can still be committing.
    await hookbot.query(`UPDATE inbound_events SET received_at = received_at - interval '5 minutes' WHERE user_id = (SELECT id FROM users WHERE telegram_id = $1)`, [english.id]);
    await hookbot.query(`UPDATE refused_requests SET received_at = received_at - interval '5 minutes' WHERE user_id = (SELECT id FROM users WHERE telegram_id = $1)`, [english.id]);
    const { reader } = await freeStream(english);
    const { lastId } = await reader.until((data) => data.initial);
    await reader.close();
    open.pop();
    const posted = await postAlert(hookbot.url, tokens.get(english.id)!, { symbol: 'DOTUSDT', action: 'sell', id: 'web-resume-1' });
    await expect.poll(async () => (await hookbot.query<{ status: string }>('SELECT status FROM inbound_events WHERE id = $1', [posted.body.id]))[0]?.status, { timeout: 20_000 }).toBe('processed');
    const resumed = await freeStream(english, lastId);
    const { parsed } = await resumed.reader.until((data) => data.initial);
    const entryKeys = parsed.items.map((item) => item.key).filter((key) => /^[er]\d/.test(key));
    expect(entryKeys).toEqual([`e${Number(posted.body.id)}`]);
  });

});
