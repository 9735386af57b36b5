import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say, shown, waitUntil } from './support/conversation.js';
import { addStandardMarkets, startFakeBybit, type FakeBybit } from './support/fakeBybit.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser, type SentMessage } from './support/fakeTelegram.js';
import pg from 'pg';
import { SecretBox, parseEncryptionKey } from '../src/services/secrets/secretBox.js';
import { AccountReports } from '../src/services/trading/account/accountReports.js';
import { DailySummaries } from '../src/services/trading/account/dailySummaries.js';
import { createI18n } from '../src/i18n.js';
import { createLogger } from '../src/logger.js';
import { PositionCloser } from '../src/services/trading/account/positionClose.js';
import { BybitSession } from '../src/services/trading/bybit.js';
import { WindowLimiter } from '../src/services/trading/limiter.js';
import { postAlert, registerUser, startTestHookbot, startTestRoles, TEST_ENCRYPTION_KEY, type TestHookbot } from './support/hookbot.js';
import { newDemoTrader } from './support/trading.js';

/**
 * /positions (with Close), /balance, /pnl and the daily summary, as traders use them: through the
 * fake Telegram and the fake Bybit, one web+bot process and two worker processes on one database.
 */
let telegram: FakeTelegram;
let bybit: FakeBybit;
let web: TestHookbot;
const workers: Array<{ stop(): Promise<void> }> = [];

beforeAll(async () => {
  telegram = await startFakeTelegram();
  bybit = await startFakeBybit();
  addStandardMarkets(bybit);
  for (const [symbol, price] of [['SOLUSDT', 150], ['XRPUSDT', 2], ['ADAUSDT', 1], ['LINKUSDT', 20]] as const) {
    bybit.addLinear({ symbol, baseCoin: symbol.replace('USDT', ''), qtyStep: '0.1', minOrderQty: '0.1', maxMktOrderQty: '100000', minNotionalValue: '5', maxLeverage: '50', tickSize: '0.001' }, price);
  }
  const env = {
    BYBIT_BASE_URL: bybit.url,
    BYBIT_DEMO_BASE_URL: bybit.url,
    BYBIT_WS_URL: bybit.wsUrl,
    BYBIT_DEMO_WS_URL: bybit.wsUrl,
    TRADING_SUMMARY_CHECK_SECONDS: '1',
  };
  web = await startTestHookbot(telegram, { env, roles: ['web', 'bot'] });
  for (let i = 0; i < 2; i += 1) workers.push(await startTestRoles(telegram, { env, roles: ['worker'], databaseUrl: web.databaseUrl }));
}, 60_000);

afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await web?.stop();
  await telegram?.close();
  await bybit?.close();
});

const has = (fragment: string) => (m: SentMessage) => shown(m).includes(fragment);
const closeButtons = (message: SentMessage) =>
  (message.inlineKeyboard ?? []).flat().flatMap((button) => ('callback_data' in button && button.callback_data?.startsWith('pos:c:') ? [button.callback_data] : []));

/** Presses a button and resolves with the pop-up text the bot answered it with. */
async function press(user: FakeUser, message: SentMessage, data: string): Promise<string> {
  const update = telegram.pressButton(user, message.messageId, data);
  const answer = await telegram.waitForCall('answerCallbackQuery', (call) => call.params.callback_query_id === update.callback_query?.id, 15_000);
  return String(answer.params.text ?? '');
}

let nextId = 9_800;
const newTrader = (options: Parameters<typeof newDemoTrader>[3] = {}) => newDemoTrader(telegram, bybit, (nextId += 1), options);

describe('/positions', () => {
  it('shows a position an alert opened, and its Close button closes it once, even pressed twice', async () => {
    const { user, token, apiKey } = await newTrader();
    expect((await postAlert(web.url, token, { symbol: 'BTCUSDT', action: 'buy', qty: 0.002 })).status).toBe(200);
    await telegram.waitForMessage(user.id, has('order placed'), 15_000);
    expect(bybit.position(apiKey, 'BTCUSDT')).toBe(0.002);
    bybit.setPrice('BTCUSDT', 51_000);

    const list = await say(telegram, user, '/positions', has('Open positions'));
    const text = shown(list);
    expect(text).toContain('BTCUSDT · Long 0.002 · 1x');
    expect(text).toContain('Entry 50000 · mark 51000 · unrealised PnL +2 USDT');
    expect(text).toContain('Unrealised PnL in total: +2 USDT');
    const [close] = closeButtons(list);
    expect(close).toBe('pos:c:d:0:B:BTCUSDT');

    const ordersBefore = bybit.orders.length;
    const first = press(user, list, close as string);
    const second = press(user, list, close as string);
    const answers = await Promise.all([first, second]);
    expect(answers).toContain('Closing BTCUSDT at market.');
    expect(answers.some((answer) => /Nothing is open on this BTCUSDT position|Already closing/.test(answer))).toBe(true);
    const confirmation = await telegram.waitForMessage(user.id, has('closed with a reduce-only market order'), 15_000);
    expect(shown(confirmation)).toContain('BTCUSDT closed with a reduce-only market order: Sell 0.002 at 51000');

    const closes = bybit.orders.slice(ordersBefore).filter((order) => order.apiKey === apiKey);
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatchObject({ symbol: 'BTCUSDT', side: 'Sell', qty: '0.002', reduceOnly: true, orderType: 'Market' });
    expect(bybit.position(apiKey, 'BTCUSDT')).toBe(0);
    // A press on the old list after the close: it reads Bybit again and places nothing.
    expect(await press(user, list, close as string)).toMatch(/Nothing is open on this BTCUSDT position/);
    expect(bybit.orders.slice(ordersBefore).filter((order) => order.apiKey === apiKey)).toHaveLength(1);
    const empty = await say(telegram, user, '/positions', has('Open positions'));
    expect(shown(empty)).toContain('No open futures positions');
  }, 60_000);

  it('closes once when two processes press Close on the same position at the same moment', async () => {
    const { user, apiKey } = await newTrader();
    bybit.setPosition(apiKey, 'ETHUSDT', -3);
    const [row] = await web.query<{ id: number }>(`SELECT id FROM users WHERE telegram_id = $1`, [user.id]);
    const userId = Number(row?.id);
    // Two processes' own services: each its own pool, Bybit session and limiter, one database.
    const processes = [0, 1].map(() => {
      const pool = new pg.Pool({ connectionString: web.databaseUrl, max: 2 });
      const limiter = new WindowLimiter(100, 1000);
      const reports = new AccountReports({
        pool,
        secrets: SecretBox.fromKey(parseEncryptionKey(TEST_ENCRYPTION_KEY)),
        session: (account, credentials) => new BybitSession(web.config.trading, account, limiter, credentials),
      });
      return { pool, closer: new PositionCloser({ pool, reports }) };
    });
    bybit.latencyMs = 150; // both presses are at Bybit at once
    const ordersBefore = bybit.orders.length;
    try {
      const target = { account: 'demo' as const, symbol: 'ETHUSDT', positionIdx: 0, side: 'Sell' as const };
      const results = await Promise.all(processes.map(({ closer }) => closer.close(userId, target)));
      // The other press waited (held) or, if it came after the first was done, found nothing open.
      const kinds = results.map((result) => result.kind);
      expect(kinds.filter((kind) => kind === 'closed')).toHaveLength(1);
      expect(kinds.filter((kind) => kind !== 'closed')).toEqual([expect.stringMatching(/^(busy|nothing)$/)]);
      expect(results.find((result) => result.kind === 'closed')).toMatchObject({ side: 'Buy', qty: '3', symbol: 'ETHUSDT' });
      // Pressed again once the first is done: it reads Bybit again and finds nothing to close.
      expect(await processes[1]?.closer.close(userId, target)).toEqual({ kind: 'nothing', symbol: 'ETHUSDT' });
    } finally {
      bybit.latencyMs = 0;
      for (const { pool } of processes) await pool.end();
    }
    expect(bybit.orders.slice(ordersBefore).filter((order) => order.apiKey === apiKey)).toHaveLength(1);
    expect(bybit.position(apiKey, 'ETHUSDT')).toBe(0);
  }, 60_000);

  it('pages through many positions, each page with the Close buttons of its own positions', async () => {
    const { user, apiKey } = await newTrader();
    const symbols = ['ADAUSDT', 'BTCUSDT', 'DOGEUSDT', 'ETHUSDT', 'LINKUSDT', 'SOLUSDT', 'XRPUSDT'];
    for (const [index, symbol] of symbols.entries()) bybit.setPosition(apiKey, symbol, index % 2 === 0 ? 10 + index : -(10 + index));
    const list = await say(telegram, user, '/positions', has('Open positions'));
    expect(shown(list)).toContain('Page 1 of 2 (7 positions)');
    expect(closeButtons(list)).toEqual(['pos:c:d:0:B:ADAUSDT', 'pos:c:d:0:S:BTCUSDT', 'pos:c:d:0:B:DOGEUSDT', 'pos:c:d:0:S:ETHUSDT', 'pos:c:d:0:B:LINKUSDT']);
    expect(await press(user, list, 'pos:p:1')).toBe('');
    await waitUntil(() => (telegram.chat(user.id).messages.find((m) => m.message_id === list.messageId) as { text?: string } | undefined)?.text?.includes('Page 2 of 2') === true, 10_000, 'page 2');
    const page2 = telegram.chat(user.id).messages.find((m) => m.message_id === list.messageId) as { text?: string; reply_markup?: { inline_keyboard: Array<Array<{ callback_data?: string }>> } };
    expect(page2.text).toContain('SOLUSDT · Short 15 · 10x');
    expect(page2.text).toContain('XRPUSDT · Long 16 · 10x');
    expect(page2.reply_markup?.inline_keyboard.flat().map((b) => b.callback_data)).toEqual(['pos:c:d:0:S:SOLUSDT', 'pos:c:d:0:B:XRPUSDT', 'pos:p:0']);
  }, 60_000);

  it('on spot, says that spot has no positions and lists the coins held', async () => {
    const { user } = await newTrader({ market: 'Spot', account: { balances: { USDT: 500, BTC: 0.25 } } });
    const list = await say(telegram, user, '/positions', has('Open positions'));
    expect(shown(list)).toContain('Spot has no positions');
    expect(shown(list)).toContain('BTC: 0.25');
  }, 60_000);
});

describe('/balance', () => {
  it('shows equity, available and wallet balance, unrealised PnL and each coin with a balance', async () => {
    const { user, apiKey } = await newTrader({ account: { balances: { USDT: 1234.5, ETH: 2, SOL: 0 } } });
    bybit.setWalletTotals(apiKey, { totalEquity: 7240.5, totalAvailableBalance: 1200 });
    const reply = await say(telegram, user, '/balance', has('Balance'));
    const text = shown(reply);
    expect(text).toContain('Equity: 7240.5 USD');
    expect(text).toContain('Available: 1200 USD');
    expect(text).toContain('Unrealised PnL (futures): 0 USD');
    expect(text).toContain('USDT: 1234.5');
    expect(text).toContain('ETH: 2');
    expect(text).not.toContain('SOL');
  }, 60_000);
});

describe('/pnl', () => {
  it('sums closed trades of today, 7 and 30 days per symbol, over 7-day windows paged by cursor', async () => {
    const { user, apiKey } = await newTrader();
    const now = Date.now();
    const midnight = new Date(now).setUTCHours(0, 0, 0, 0);
    const day = 86_400_000;
    const trade = (symbol: string, closedPnl: string, closedAt: number) =>
      bybit.addClosedPnl(apiKey, { symbol, side: 'Sell', qty: '1', avgEntryPrice: '100', avgExitPrice: '110', closedPnl, closedAt });
    trade('BTCUSDT', '10', now - 1000);
    trade('ETHUSDT', '-4', midnight - 2.5 * day);
    trade('BTCUSDT', '20', midnight - 9.5 * day);
    trade('DOGEUSDT', '5', midnight - 19.5 * day);
    // 120 trades in one week: more than one page (Bybit gives at most 100).
    for (let i = 0; i < 120; i += 1) trade('ETHUSDT', '0.5', midnight - 11.5 * day + i * 1000);
    trade('BTCUSDT', '100', midnight - 40 * day); // beyond 30 days: not counted
    const callsBefore = bybit.calls.length;

    const reply = await say(telegram, user, '/pnl', has('Realised PnL'), { timeoutMs: 15_000 });
    const text = shown(reply);
    expect(text).toContain('Days start at midnight UTC');
    expect(text).toContain('Today: +10 USDT · trades: 1 · won: 100 %');
    expect(text).toContain('7 days: +6 USDT · trades: 2 · won: 50 %');
    expect(text).toContain('30 days: +91 USDT · trades: 124 · won: 99 %');
    expect(text).toContain('• ETHUSDT: +56 USDT · trades: 121');
    expect(text).toContain('• BTCUSDT: +30 USDT · trades: 2');
    expect(text).toContain('• DOGEUSDT: +5 USDT · trades: 1');

    const requests = bybit.calls.slice(callsBefore).filter((call) => call.path === '/v5/position/closed-pnl' && call.apiKey === apiKey);
    const params = requests.map((call) => new URLSearchParams(call.query));
    for (const query of params) expect(Number(query.get('endTime')) - Number(query.get('startTime'))).toBeLessThanOrEqual(7 * day);
    expect(new Set(params.map((query) => query.get('startTime'))).size).toBeGreaterThanOrEqual(5);
    expect(params.some((query) => query.get('cursor'))).toBe(true);
    expect(requests.every((call) => call.retCode === 0)).toBe(true);
  }, 60_000);

  it("counts days in the user's own time zone and says which", async () => {
    const { user } = await newTrader();
    await say(telegram, user, '/quiet whatsapp 22:00-08:00 Europe/Moscow', has('22:00'));
    expect(shown(await say(telegram, user, '/pnl', has('Realised PnL')))).toContain("Days start at midnight in Europe/Moscow (your quiet hours' time zone");
    expect(shown(await say(telegram, user, '/summary zone asia/kolkata', has('Time zone')))).toContain('Time zone: Asia/Kolkata.');
    expect(shown(await say(telegram, user, '/pnl', has('Realised PnL')))).toContain('Days start at midnight in Asia/Kolkata.');
    expect(shown(await say(telegram, user, '/summary zone Asia/Dubai', has('Time zone')))).toContain('Time zone: Asia/Dubai');
    expect(shown(await say(telegram, user, '/pnl', has('Realised PnL')))).toContain('Days start at midnight in Asia/Dubai');
    expect(shown(await say(telegram, user, '/summary zone Mars/Olympus', has('Unknown time zone')))).toContain('Mars/Olympus');
  }, 60_000);
});

describe('the daily summary', () => {
  it('arrives once at the user\'s hour, with two workers looking', async () => {
    const { user, token, apiKey } = await newTrader();
    expect((await postAlert(web.url, token, { symbol: 'ETHUSDT', action: 'buy', qty: 0.5 })).status).toBe(200);
    await telegram.waitForMessage(user.id, has('order placed'), 15_000);
    bybit.addClosedPnl(apiKey, { symbol: 'BTCUSDT', side: 'Sell', qty: '0.01', avgEntryPrice: '50000', avgExitPrice: '50500', closedPnl: '4.5', closedAt: Date.now() - 1000 });
    // A zone whose hour has at least 30 minutes left, so the hour cannot end during the test.
    const zone = new Date().getUTCMinutes() < 30 ? 'UTC' : 'Asia/Kolkata';
    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    const set = await say(telegram, user, `/summary ${hour} ${zone}`, has('Daily summary every day'));
    expect(shown(set)).toContain(`at ${String(hour).padStart(2, '0')}:00 (${zone})`);

    const summary = await telegram.waitForMessage(user.id, has('Daily summary ·'), 20_000);
    const text = shown(summary);
    expect(text).toContain(`(${zone}) · Demo account`);
    expect(text).toContain('Today: +4.5 USDT · trades: 1 · won: 100 %');
    expect(text).toContain('Yesterday: no closed trades');
    expect(text).toContain('Open positions: 1');
    expect(text).toContain('ETHUSDT Long 0.5');
    expect(text).toContain('Equity 10000 USD');

    // Both workers keep looking: a few more runs of the job send nothing more.
    const runs = async () => (await web.query<{ at: Date | null }>(`SELECT last_finished_at AS at FROM agenda_jobs WHERE name = 'trading-daily-summary'`))[0]?.at?.getTime() ?? 0;
    const sentAt = summary.at;
    await waitUntil(async () => (await runs()) > sentAt + 1500, 20_000, 'the summary job to run again twice');
    expect(telegram.sent(user.id).filter(has('Daily summary ·'))).toHaveLength(1);
    const [row] = await web.query<{ day: string }>(`SELECT summary_sent_on::text AS day FROM trading_reports r JOIN users u ON u.id = r.user_id WHERE u.telegram_id = $1`, [user.id]);
    expect(row?.day).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date()));

    expect(shown(await say(telegram, user, '/summary off', has('Daily summary off')))).toContain('off');
  }, 90_000);
});

describe('the daily summary, two runs at the same moment', () => {
  it('queues one summary: the day is marked sent in the transaction that queues it', async () => {
    const { user } = await newTrader();
    const [row] = await web.query<{ id: number }>(`SELECT id FROM users WHERE telegram_id = $1`, [user.id]);
    const userId = Number(row?.id);
    // Due now (this hour, UTC) without the job having seen it: set in the database directly.
    await web.query(
      `INSERT INTO trading_reports (user_id, summary_hour, time_zone, summary_sent_on) VALUES ($1, extract(hour FROM now() AT TIME ZONE 'UTC'), 'UTC', (now() AT TIME ZONE 'UTC')::date)`,
      [userId],
    );
    const runs = [0, 1].map(() => {
      const pool = new pg.Pool({ connectionString: web.databaseUrl, max: 2 });
      const limiter = new WindowLimiter(100, 1000);
      const reports = new AccountReports({
        pool,
        secrets: SecretBox.fromKey(parseEncryptionKey(TEST_ENCRYPTION_KEY)),
        session: (account, credentials) => new BybitSession(web.config.trading, account, limiter, credentials),
      });
      return { pool, summaries: new DailySummaries({ pool, log: createLogger('silent'), i18n: createI18n(), reports }) };
    });
    const queued = async () => (await web.query(`SELECT 1 FROM telegram_outbox WHERE chat_id = $1 AND payload::text LIKE '%Daily summary%'`, [user.id])).length;
    try {
      // Already sent today: neither run sends.
      await Promise.all(runs.map(({ summaries }) => summaries.run()));
      expect(await queued()).toBe(0);
      await web.query(`UPDATE trading_reports SET summary_sent_on = NULL WHERE user_id = $1`, [userId]);
      bybit.latencyMs = 100; // both runs read Bybit at the same time
      await Promise.all(runs.map(({ summaries }) => summaries.run()));
      expect(await queued()).toBe(1);
    } finally {
      bybit.latencyMs = 0;
      await web.query(`UPDATE trading_reports SET summary_hour = NULL WHERE user_id = $1`, [userId]);
      for (const { pool } of runs) await pool.end();
    }
    await telegram.waitForMessage(user.id, has('Daily summary ·'), 15_000);
  }, 60_000);
});

describe('when Bybit cannot be read', () => {
  it('says what is wrong in the chat: no key, invalid key, missing permission, Bybit down; a refused Close too', async () => {
    const nobody: FakeUser = { id: 9_899, first_name: 'Keyless', language_code: 'en' };
    await registerUser(telegram, nobody);
    expect(shown(await say(telegram, nobody, '/balance', has('Could not read')))).toContain('No Bybit API key for this account');

    const { user, apiKey } = await newTrader();
    bybit.failNext('/v5/account/wallet-balance', 1, { kind: 'retCode', retCode: 10003, retMsg: 'API key is invalid.' });
    expect(shown(await say(telegram, user, '/balance', has('Could not read')))).toContain('Bybit refused the API key or secret');

    bybit.failNext('/v5/position/list', 1, { kind: 'retCode', retCode: 10005, retMsg: 'Permission denied, please check your API key permissions.' });
    expect(shown(await say(telegram, user, '/positions', has('Could not read')))).toContain('The API key is not allowed to do this');

    bybit.setPosition(apiKey, 'ETHUSDT', 1);
    const list = await say(telegram, user, '/positions', has('Open positions'));
    bybit.failNext('/v5/order/create', 1, { kind: 'retCode', retCode: 10005, retMsg: 'Permission denied, please check your API key permissions.' });
    expect(await press(user, list, 'pos:c:d:0:B:ETHUSDT')).toBe('Not closed: see the chat.');
    await telegram.waitForMessage(user.id, has('The API key is not allowed to do this'), 10_000);
    expect(bybit.position(apiKey, 'ETHUSDT')).toBe(1);

    bybit.down = true;
    try {
      expect(shown(await say(telegram, user, '/pnl', has('Could not read'), { timeoutMs: 30_000 }))).toContain('Bybit did not answer');
    } finally {
      bybit.down = false;
    }
  }, 90_000);
});
