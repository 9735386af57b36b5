import { expect } from 'vitest';
import { addStandardMarkets, startFakeBybit, type FakeAccountOptions, type FakeBybit } from './fakeBybit.js';
import { startFakeTelegram, type FakeTelegram, type FakeUser, type SentMessage } from './fakeTelegram.js';
import { personalToken, registerUser, startTestHookbot, type TestHookbot } from './hookbot.js';

/** What a trading test talks to, started before its tests and stopped after them. */
export interface TradingWorld {
  telegram: FakeTelegram;
  /** Serves the demo and the real API alike, with the standard markets. */
  bybit: FakeBybit;
  hookbot: TestHookbot;
  stop(): Promise<void>;
}

/**
 * A fake Telegram, a fake Bybit, and Hookbot pointed at them with `env` added to its settings;
 * `streams` points its private and public streams at the fake's WebSocket too.
 */
export async function startTradingWorld(options: { env?: Record<string, string>; streams?: boolean } = {}): Promise<TradingWorld> {
  const telegram = await startFakeTelegram();
  const bybit = await startFakeBybit();
  addStandardMarkets(bybit);
  const streams: Record<string, string> = options.streams ? { BYBIT_WS_URL: bybit.wsUrl, BYBIT_DEMO_WS_URL: bybit.wsUrl } : {};
  let hookbot: TestHookbot;
  try {
    hookbot = await startTestHookbot(telegram, { env: { BYBIT_BASE_URL: bybit.url, BYBIT_DEMO_BASE_URL: bybit.url, ...streams, ...options.env } });
  } catch (error) {
    await telegram.close();
    await bybit.close();
    throw error;
  }
  return {
    telegram,
    bybit,
    hookbot,
    async stop() {
      await hookbot.stop();
      await telegram.close();
      await bybit.close();
    },
  };
}

/** Sends a message as the user and waits for the first bot message after it that matches. */
export async function say(telegram: FakeTelegram, user: FakeUser, text: string, predicate: (m: SentMessage) => boolean = () => true): Promise<SentMessage> {
  const asked = Date.now();
  telegram.sendUserMessage(user, text);
  return telegram.waitForMessage(user.id, (m) => m.at >= asked && predicate(m));
}

const has = (fragment: string) => (m: SentMessage) => (m.plainText ?? m.text ?? '').includes(fragment);

/** The /keys conversation as a user has it; resolves with the bot's final answer. */
export async function enterKeys(telegram: FakeTelegram, user: FakeUser, account: 'demo' | 'real', apiKey: string, secret: string): Promise<SentMessage> {
  await say(telegram, user, `/keys ${account}`, has('API key'));
  await say(telegram, user, apiKey, has('API secret'));
  return say(telegram, user, secret, (m) => /saved|not saved/.test(m.plainText ?? ''));
}

/** Presses a /settings button that asks a question, answers it, and waits for "Saved". */
export async function setSetting(telegram: FakeTelegram, user: FakeUser, button: string, answer: string): Promise<SentMessage> {
  const menu = await say(telegram, user, '/settings', has('Trading settings'));
  const asked = Date.now();
  telegram.pressButton(user, menu.messageId, button);
  await telegram.waitForMessage(user.id, (m) => m.at >= asked && /Send /.test(m.plainText ?? ''));
  return say(telegram, user, answer, (m) => /Saved|❓|⏳/.test(m.plainText ?? ''));
}

/** Presses a /settings toggle (market or account) until the menu shows `wanted`. */
export async function toggleSetting(telegram: FakeTelegram, user: FakeUser, button: 'set:market' | 'set:account', wanted: string): Promise<void> {
  const label = button === 'set:market' ? 'Market: ' : 'Account: ';
  const menu = await say(telegram, user, '/settings', has('Trading settings'));
  if ((menu.plainText ?? '').includes(`${label}${wanted}`)) return;
  const update = telegram.pressButton(user, menu.messageId, button);
  await telegram.waitForCall('answerCallbackQuery', (call) => call.params.callback_query_id === update.callback_query?.id);
  const now = telegram.chat(user.id).messages.find((m) => m.message_id === menu.messageId);
  const text = now && 'text' in now ? (now.text ?? '') : '';
  if (!text.includes(`${label}${wanted}`)) throw new Error(`settings did not switch to ${wanted}: ${text}`);
}

export interface DemoTrader {
  user: FakeUser;
  /** The token of the user's TradingView URL. */
  token: string;
  apiKey: string;
}

/**
 * A registered user with demo keys checked and saved at the fake exchange, and the settings
 * given (each confirmed by the bot), as a trader sets themselves up.
 */
export async function newDemoTrader(
  telegram: FakeTelegram,
  bybit: FakeBybit,
  id: number,
  options: { name?: string; account?: Partial<FakeAccountOptions>; amount?: string; leverage?: string; market?: 'Spot' } = {},
): Promise<DemoTrader> {
  const user: FakeUser = { id, first_name: `${options.name ?? 'Trader'}${id}`, language_code: 'en' };
  const apiKey = `DEMOKEY${id}ABCDEFGH`;
  const secret = `demosecret${id}abcdefghijklmnopqrstuv`;
  bybit.addAccount({ apiKey, secret, ...options.account });
  await registerUser(telegram, user);
  expect((await enterKeys(telegram, user, 'demo', apiKey, secret)).plainText).toContain('checked with Bybit and saved');
  if (options.amount) expect((await setSetting(telegram, user, 'set:amount', options.amount)).plainText).toContain('Saved');
  if (options.leverage) expect((await setSetting(telegram, user, 'set:leverage', options.leverage)).plainText).toContain('Saved');
  if (options.market) await toggleSetting(telegram, user, 'set:market', options.market);
  return { user, token: await personalToken(telegram, user.id), apiKey };
}
