import type { BotCommand, Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram, type FakeUser, type RecordedCall, type SentMessage } from './support/fakeTelegram.js';
import { ADMIN_ID, personalToken, postAlert, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';

let telegram: FakeTelegram;
let hookbot: TestHookbot;

const admin: FakeUser = { id: ADMIN_ID, first_name: 'Admin', language_code: 'en' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  hookbot = await startTestHookbot(telegram);
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
});

const ARABIC = /[\u0600-\u06FF]/;
const CYRILLIC = /[\u0400-\u04FF]/;
const TOKEN_IN_URL = /\/hooks\/tradingview\/([A-Za-z0-9_-]+)/;

/** Sends a message as the user and waits for the first bot message to them, sent after it, that matches. */
async function say(user: FakeUser, text: string, predicate: (m: SentMessage) => boolean = () => true): Promise<SentMessage> {
  const asked = Date.now();
  telegram.sendUserMessage(user, text);
  return telegram.waitForMessage(user.id, (m) => m.at >= asked && predicate(m));
}

/** The message as the user sees it now, edits applied. */
function currentMessage(chatId: number, messageId: number): { text: string; buttons: string[] } {
  const message: Message | undefined = telegram.chat(chatId).messages.find((m) => m.message_id === messageId);
  if (!message) throw new Error(`chat ${chatId} has no message ${messageId}`);
  const buttons = (message.reply_markup?.inline_keyboard ?? []).flat().map((b) => ('callback_data' in b ? b.callback_data : `(${b.text})`));
  return { text: 'text' in message && typeof message.text === 'string' ? message.text : '', buttons };
}

function buttonData(message: SentMessage): string[] {
  return (message.inlineKeyboard ?? []).flat().map((b) => ('callback_data' in b ? b.callback_data : `(${b.text})`));
}

/** Presses an inline button and waits until the bot has answered that callback query (after its edit). */
async function press(user: FakeUser, messageId: number, data: string): Promise<{ answer: RecordedCall; text: string; buttons: string[] }> {
  const update = telegram.pressButton(user, messageId, data);
  const queryId = update.callback_query?.id;
  expect(queryId).toBeDefined();
  const answer = await telegram.waitForCall('answerCallbackQuery', (call) => call.params.callback_query_id === queryId);
  expect(answer.response?.ok).toBe(true);
  return { answer, ...currentMessage(user.id, messageId) };
}

async function userRows(telegramId: number): Promise<Array<{ language: string; first_name: string | null }>> {
  return hookbot.query('SELECT language, first_name FROM users WHERE telegram_id = $1', [telegramId]);
}

function failedCallsFor(chatId: number): RecordedCall[] {
  return telegram.calls.filter((c) => Number(c.params.chat_id) === chatId && (c.dropped || c.response?.ok === false));
}

describe('/url and replacing the URL', () => {
  const rotator: FakeUser = { id: 8001, first_name: 'Rotator', language_code: 'en' };

  it('Cancel keeps the URL; Yes replaces it: old URL 404, new URL delivers', async () => {
    await registerUser(telegram, rotator);
    const oldToken = await personalToken(telegram, rotator.id);
    expect(oldToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    const view = telegram.sent(rotator.id).find((m) => (m.text ?? '').includes(oldToken));
    if (!view) throw new Error('the /url message was not recorded');
    expect(buttonData(view)).toEqual(['url:rotate']);

    // Ask, then cancel: the URL view comes back unchanged and the old URL keeps working.
    const confirm = await press(rotator, view.messageId, 'url:rotate');
    expect(confirm.text).toContain('Replace your webhook URL?');
    expect(confirm.text).not.toContain(oldToken);
    expect(confirm.buttons).toEqual(['url:rotate:yes', 'url:rotate:no']);

    const cancelled = await press(rotator, view.messageId, 'url:rotate:no');
    expect(cancelled.text).toBe(view.plainText);
    expect(cancelled.buttons).toEqual(['url:rotate']);
    const stillWorks = await postAlert(hookbot.url, oldToken, { action: 'buy', symbol: 'KEPTUSDT' });
    expect(stillWorks.status).toBe(200);
    await telegram.waitForMessage(rotator.id, (m) => (m.text ?? '').includes('KEPTUSDT'));

    // Ask again and confirm: a new token replaces the old one.
    const again = await press(rotator, view.messageId, 'url:rotate');
    expect(again.buttons).toEqual(['url:rotate:yes', 'url:rotate:no']);
    const rotated = await press(rotator, view.messageId, 'url:rotate:yes');
    expect(rotated.answer.params.text).toBe('New URL created.');
    expect(rotated.text).toContain('Your webhook URL has been replaced.');
    expect(rotated.buttons).toEqual(['url:rotate']);
    const newToken = TOKEN_IN_URL.exec(rotated.text)?.[1];
    expect(newToken).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(newToken).not.toBe(oldToken);
    expect(rotated.text).not.toContain(oldToken);
    expect(rotated.text).toContain(`https://hookbot.example/personal/${newToken}/webhook`);
    const stored = await hookbot.query<{ token: string }>(
      `SELECT e.token FROM endpoints e JOIN users u ON u.id = e.user_id WHERE u.telegram_id = $1`,
      [rotator.id],
    );
    expect(stored).toEqual([{ token: newToken }]);

    const refused = await postAlert(hookbot.url, oldToken, { action: 'buy', symbol: 'OLDUSDT' });
    expect(refused.status).toBe(404);
    expect(refused.body.error).toMatch(/unknown webhook URL/);

    const accepted = await postAlert(hookbot.url, newToken as string, { action: 'sell', symbol: 'NEWUSDT', price: 42 });
    expect(accepted.status).toBe(200);
    expect(accepted.body.ok).toBe(true);
    const alert = await telegram.waitForMessage(rotator.id, (m) => (m.text ?? '').includes('NEWUSDT'));
    expect(alert.plainText).toContain('SELL');
    expect(telegram.sent(rotator.id).some((m) => (m.text ?? '').includes('OLDUSDT'))).toBe(false);

    // A later /url shows the new URL.
    const reply = await say(rotator, '/url', (m) => (m.text ?? '').includes('/hooks/tradingview/'));
    expect(TOKEN_IN_URL.exec(reply.text ?? '')?.[1]).toBe(newToken);
  });
});

describe('/lang and the language of new users', () => {
  const polyglot: FakeUser = { id: 8002, first_name: 'Poly', language_code: 'en' };

  it('switching to Arabic answers in Arabic and turns alerts Arabic; switching back works', async () => {
    await registerUser(telegram, polyglot);
    const token = await personalToken(telegram, polyglot.id);

    const chooser = await say(polyglot, '/lang', (m) => buttonData(m).includes('lang:ar'));
    expect(buttonData(chooser)).toEqual(['lang:en', 'lang:ar', 'lang:ru']);
    const arabic = await press(polyglot, chooser.messageId, 'lang:ar');
    expect(arabic.text).toMatch(ARABIC);
    expect(arabic.text).toContain('بالعربية');
    expect(arabic.buttons).toEqual([]);
    expect(await userRows(polyglot.id)).toEqual([expect.objectContaining({ language: 'ar' })]);

    expect((await postAlert(hookbot.url, token, { action: 'buy', symbol: 'ARUSDT', price: 7 })).status).toBe(200);
    const arabicAlert = await telegram.waitForMessage(polyglot.id, (m) => (m.text ?? '').includes('ARUSDT'));
    // alert-title in ar.ftl, its Latin name in an isolate so it reads left to right
    expect(arabicAlert.plainText).toContain('تنبيه من \u2066TradingView\u2069');
    expect(arabicAlert.plainText).toContain('شراء'); // action-buy in ar.ftl
    expect(arabicAlert.plainText).not.toContain('TradingView alert');

    // The bot now speaks Arabic to them, also in replies to commands.
    const arabicChooser = await say(polyglot, '/lang', (m) => buttonData(m).includes('lang:en'));
    expect(arabicChooser.plainText).toMatch(ARABIC);
    const english = await press(polyglot, arabicChooser.messageId, 'lang:en');
    expect(english.text).toContain('I will speak English');
    expect(await userRows(polyglot.id)).toEqual([expect.objectContaining({ language: 'en' })]);

    expect((await postAlert(hookbot.url, token, { action: 'buy', symbol: 'ENUSDT' })).status).toBe(200);
    const englishAlert = await telegram.waitForMessage(polyglot.id, (m) => (m.text ?? '').includes('ENUSDT'));
    expect(englishAlert.plainText).toContain('TradingView alert');
    expect(englishAlert.plainText).toContain('BUY');
    expect(englishAlert.plainText).not.toMatch(ARABIC);
  });

  it.each([
    [8101, 'ru', 'ru', CYRILLIC, /Welcome/],
    [8102, 'ar-EG', 'ar', ARABIC, /Welcome/],
    [8103, 'de', 'en', /Welcome to Hookbot/, /[\u0400-\u04FF\u0600-\u06FF]/],
  ])('a new user %i with Telegram language %s is welcomed in %s', async (id, languageCode, stored, script, foreign) => {
    const user: FakeUser = { id, first_name: 'Newcomer', language_code: languageCode };
    const welcome = await say(user, '/start', (m) => (m.plainText ?? '').includes('Newcomer'));
    expect(welcome.plainText).toMatch(script);
    expect(welcome.plainText).toContain('/url');
    expect(welcome.plainText).not.toMatch(foreign);
    expect(await userRows(id)).toEqual([expect.objectContaining({ language: stored })]);
  });
});

describe('/help', () => {
  const reader: FakeUser = { id: 8003, first_name: 'Reader', language_code: 'en' };

  it('explains /url and the actions to a user, without admin commands', async () => {
    await registerUser(telegram, reader);
    const help = await say(reader, '/help', (m) => (m.plainText ?? '').includes('/url'));
    for (const word of ['/start', '/url', '/lang', 'buy', 'sell', 'long', 'short', 'close']) expect(help.plainText).toContain(word);
    expect(help.parseMode).toBe('HTML');
    for (const command of ['/users', '/activate', '/deactivate']) expect(help.plainText).not.toContain(command);
  });

  it('also lists the admin commands to an admin, after trading in the second message', async () => {
    const help = await say(admin, '/help', (m) => (m.plainText ?? '').includes('/url'));
    for (const word of ['/url', 'buy', 'sell']) expect(help.plainText).toContain(word);
    const second = await telegram.waitForMessage(admin.id, (m) => m.at >= help.at && (m.plainText ?? '').includes('/deactivate'));
    for (const command of ['/users', '/user <telegram_id>', '/activate', '/deactivate']) expect(second.plainText).toContain(command);
  });
});

describe('unregistered users', () => {
  it('/url tells them to /start first and does not register them', async () => {
    const stranger: FakeUser = { id: 8004, first_name: 'Stranger', language_code: 'en' };
    const reply = await say(stranger, '/url');
    expect(reply.plainText).toContain('/start');
    expect(reply.plainText).toMatch(/first to register/);
    expect(reply.plainText).not.toContain('/hooks/');
    expect(await userRows(stranger.id)).toEqual([]);
  });
});

describe('command menu', () => {
  /** Commands are registered in the background after start: poll for a bounded time. */
  async function commandsFor(opts: Parameters<FakeTelegram['commands']>[0], timeoutMs = 5_000): Promise<BotCommand[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const commands = telegram.commands(opts);
      if (commands) return commands;
      if (Date.now() > deadline) throw new Error(`no commands registered for ${JSON.stringify(opts)} within ${timeoutMs}ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('lists the user commands in English, Arabic and Russian, and the admin commands in the admin chat', async () => {
    const english = await commandsFor({});
    expect(english.map((c) => c.command)).toEqual(['start', 'url', 'template', 'settings', 'keys', 'orders', 'positions', 'balance', 'pnl', 'summary', 'events', 'web', 'fal', 'scrape', 'scrapenew', 'cancel', 'watch', 'watches', 'apikey', 'lang', 'help', 'connect', 'disconnect', 'route', 'answerers', 'q', 'notify', 'quiet', 'whatsapp', 'avito']);
    expect(english.find((c) => c.command === 'url')?.description).toBe('Your personal webhook URL');

    for (const [languageCode, script] of [['ar', ARABIC], ['ru', CYRILLIC]] as const) {
      const translated = await commandsFor({ languageCode });
      expect(translated.map((c) => c.command)).toEqual(['start', 'url', 'template', 'settings', 'keys', 'orders', 'positions', 'balance', 'pnl', 'summary', 'events', 'web', 'fal', 'scrape', 'scrapenew', 'cancel', 'watch', 'watches', 'apikey', 'lang', 'help', 'connect', 'disconnect', 'route', 'answerers', 'q', 'notify', 'quiet', 'whatsapp', 'avito']);
      for (const command of translated) expect(command.description).toMatch(script);
    }

    const scope = { type: 'chat' as const, chat_id: ADMIN_ID };
    for (const languageCode of [undefined, 'ar', 'ru']) {
      const adminCommands = await commandsFor({ scope, languageCode });
      expect(adminCommands.map((c) => c.command)).toEqual(['start', 'url', 'template', 'settings', 'keys', 'orders', 'positions', 'balance', 'pnl', 'summary', 'events', 'web', 'fal', 'scrape', 'scrapenew', 'cancel', 'watch', 'watches', 'apikey', 'lang', 'help', 'connect', 'disconnect', 'route', 'answerers', 'q', 'notify', 'quiet', 'whatsapp', 'avito', 'users', 'user', 'activate', 'deactivate', 'stats']);
    }
    expect((await commandsFor({ scope, languageCode: 'ru' })).find((c) => c.command === 'deactivate')?.description).toMatch(CYRILLIC);
  });
});

describe('HTML in names', () => {
  it('escapes a first name that looks like HTML in the welcome and in admin views', async () => {
    const eve: FakeUser = { id: 8005, first_name: '<b>Eve & Co</b>', language_code: 'en' };
    const welcome = await say(eve, '/start', (m) => (m.plainText ?? '').includes('Eve'));
    expect(welcome.plainText).toContain('Welcome to Hookbot, <b>Eve & Co</b>!');
    expect(welcome.text).toContain('&lt;b&gt;Eve &amp; Co&lt;/b&gt;');
    expect(failedCallsFor(eve.id)).toEqual([]);
    expect(await userRows(eve.id)).toEqual([{ language: 'en', first_name: '<b>Eve & Co</b>' }]);

    const details = await say(admin, `/user ${eve.id}`, (m) => (m.plainText ?? '').includes(String(eve.id)));
    expect(details.plainText).toContain('<b>Eve & Co</b>');
    expect(failedCallsFor(ADMIN_ID)).toEqual([]);
  });
});
