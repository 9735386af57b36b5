/**
 * Proves the fake Telegram server is wire-compatible with grammY's real
 * client (the one the app uses): every test talks to it through `Api` / `Bot`
 * over HTTP, never through the fake's internals.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api, Bot, GrammyError, HttpError, InputFile } from 'grammy';
import { startFakeFal, TINY_PNG } from './support/fakeFal.js';
import { parseTelegramHtml, startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';

const alice = { id: 1001, first_name: 'Alice', username: 'alice', language_code: 'en' };
const bob = { id: 1002, first_name: 'Bob' };

let tg: FakeTelegram;
let api: Api;

beforeEach(async () => {
  tg = await startFakeTelegram();
  api = new Api(tg.token, { apiRoot: tg.url });
});

afterEach(async () => {
  await tg.close();
});

/** Runs the call and returns the GrammyError it must fail with. */
async function grammyError(call: Promise<unknown>): Promise<GrammyError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}

describe('identity and routing', () => {
  it('answers getMe with the bot derived from the token', async () => {
    const me = await api.getMe();
    expect(me.is_bot).toBe(true);
    expect(me.id).toBe(Number(tg.token.split(':')[0]));
    expect(me.id).toBe(tg.botId);
    expect(me.username).toBe('hookbot_test_bot');
    expect(tg.calls.map((c) => c.method)).toEqual(['getMe']);
  });

  it('uses the configured token and username', async () => {
    const custom = await startFakeTelegram({ token: '987654321:AAHcustomTokenForTests_0123456789', botUsername: 'other_bot' });
    try {
      const me = await new Api(custom.token, { apiRoot: custom.url }).getMe();
      expect(me).toMatchObject({ id: 987654321, username: 'other_bot' });
    } finally {
      await custom.close();
    }
  });

  it('rejects a wrong token with 401 Unauthorized', async () => {
    const wrong = new Api('123456789:AAwrongwrongwrongwrongwrongwrongwrong', { apiRoot: tg.url });
    const error = await grammyError(wrong.getMe());
    expect(error.error_code).toBe(401);
    expect(error.description).toBe('Unauthorized');
  });

  it('answers unknown methods with 404 and matching HTTP status', async () => {
    const res = await fetch(`${tg.url}/bot${tg.token}/noSuchMethod`, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found: method not found' });
  });

  it('accepts GET with query params and urlencoded POST bodies', async () => {
    const viaGet = await fetch(`${tg.url}/bot${tg.token}/sendMessage?chat_id=${alice.id}&text=hi%20there`);
    expect(await viaGet.json()).toMatchObject({ ok: true, result: { text: 'hi there', chat: { id: alice.id } } });
    const viaForm = await fetch(`${tg.url}/bot${tg.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        chat_id: String(alice.id),
        text: 'form',
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] }),
      }),
    });
    expect(viaForm.status).toBe(200);
    const recorded = tg.calls.at(-1);
    // Form transports carry strings; the fake decodes them by field type like Telegram does.
    expect(recorded?.params).toMatchObject({
      chat_id: alice.id,
      reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] },
    });
  });
});

describe('getUpdates long polling', () => {
  it('confirms updates with offset and drops the acknowledged ones', async () => {
    const first = tg.sendUserMessage(alice, 'one');
    const second = tg.sendUserMessage(alice, 'two');
    expect(second.update_id).toBe(first.update_id + 1);

    const all = await api.getUpdates();
    expect(all.map((u) => u.message?.text)).toEqual(['one', 'two']);
    // Without an offset nothing is confirmed, so the same batch comes again.
    expect(await api.getUpdates()).toHaveLength(2);

    const rest = await api.getUpdates({ offset: first.update_id + 1 });
    expect(rest.map((u) => u.update_id)).toEqual([second.update_id]);
    expect(await api.getUpdates({ offset: second.update_id + 1, timeout: 0 })).toEqual([]);
    expect(tg.pendingUpdates()).toEqual([]);
  });

  it('honours allowed_updates as Telegram does: kept for later calls, other types dropped', async () => {
    const group = tg.createGroup({ title: 'Team', bot: { status: 'administrator', can_manage_chat: true } });
    tg.setBotMembership(group, { status: 'kicked' }, { by: alice });
    tg.sendUserMessage(alice, 'hello');
    // By default my_chat_member is delivered, with the old and new status.
    const all = await api.getUpdates({ timeout: 0 });
    expect(all[0]?.my_chat_member).toMatchObject({ chat: { id: group }, from: { id: alice.id }, old_chat_member: { status: 'administrator' }, new_chat_member: { status: 'kicked' } });
    // Asked for messages only, a later membership change is dropped, also by later calls that do not say.
    expect((await api.getUpdates({ allowed_updates: ['message'], timeout: 0 })).map((u) => u.message?.text)).toEqual(['hello']);
    tg.setBotMembership(group, { status: 'member' }, { by: alice });
    tg.sendUserMessage(alice, 'again');
    const later = await api.getUpdates({ offset: all.at(-1)!.update_id + 1, timeout: 0 });
    expect(later.map((u) => u.message?.text)).toEqual(['again']);
    // A change made without `by` is silent.
    tg.setBotMembership(group, { status: 'kicked' });
    expect(tg.pendingUpdates().some((u) => u.my_chat_member)).toBe(false);
  });

  it('honours limit', async () => {
    for (const text of ['a', 'b', 'c']) tg.sendUserMessage(alice, text);
    const batch = await api.getUpdates({ limit: 2 });
    expect(batch.map((u) => u.message?.text)).toEqual(['a', 'b']);
  });

  it('holds the request open until an update is pushed', async () => {
    const started = Date.now();
    const poll = api.getUpdates({ timeout: 10 });
    setTimeout(() => tg.sendUserMessage(alice, 'wake up'), 100);
    const updates = await poll;
    expect(updates.map((u) => u.message?.text)).toEqual(['wake up']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('returns [] when the long-poll timeout elapses', async () => {
    const started = Date.now();
    expect(await api.getUpdates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('ends a held long poll promptly on close()', async () => {
    const poll = api.getUpdates({ timeout: 30 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await tg.close();
    expect(await poll).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('drives a real grammY Bot: command, reply, button press, answer and edit', async () => {
    const bot = new Bot(tg.token, { client: { apiRoot: tg.url } });
    bot.command('start', (ctx) =>
      ctx.reply(`Hello, <b>${ctx.from?.first_name ?? ''}</b>`, {
        parse_mode: 'HTML',
        reply_markup: { inline_keyboard: [[{ text: 'Ping', callback_data: 'ping' }]] },
      }),
    );
    bot.callbackQuery('ping', async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'pong' });
      await ctx.editMessageText('Pong!');
    });
    bot.catch((err) => console.error('bot error in test', err.error));
    const running = bot.start({ timeout: 30 });

    tg.sendUserMessage(alice, '/start');
    const greeting = await tg.waitForMessage(alice.id);
    expect(greeting.text).toBe('Hello, <b>Alice</b>');
    expect(greeting.plainText).toBe('Hello, Alice');
    expect(greeting.message.entities).toEqual([{ type: 'bold', offset: 7, length: 5 }]);

    tg.pressButton(alice, greeting.messageId, 'ping');
    const edit = await tg.waitForCall('editMessageText');
    expect(edit.response?.ok).toBe(true);
    expect((await tg.waitForCall('answerCallbackQuery')).params).toMatchObject({ text: 'pong' });
    expect(tg.chat(alice.id).messages.map((m) => m.text)).toEqual(['/start', 'Pong!']);
    expect(tg.chat(alice.id).messages[1]?.reply_markup).toBeUndefined();

    await bot.stop();
    await running;
    // bot.stop() confirms what it handled with a final getUpdates(offset).
    expect(tg.pendingUpdates()).toEqual([]);
    expect((await api.getWebhookInfo()).pending_update_count).toBe(0);
  });
});

describe('sendMessage and waitForMessage', () => {
  it('delivers messages with per-chat message ids and recorded params', async () => {
    const m1 = await api.sendMessage(alice.id, 'first', { link_preview_options: { is_disabled: true } });
    const m2 = await api.sendMessage(alice.id, 'second');
    const b1 = await api.sendMessage(bob.id, 'hi bob');
    expect([m1.message_id, m2.message_id, b1.message_id]).toEqual([1, 2, 1]);
    expect(m1).toMatchObject({ chat: { id: alice.id, type: 'private' }, from: { id: tg.botId, is_bot: true }, text: 'first' });
    expect(typeof m1.date).toBe('number');
    expect(tg.sent(alice.id).map((m) => m.text)).toEqual(['first', 'second']);
    expect(tg.sent()).toHaveLength(3);
    expect(tg.sent(alice.id)[0]?.params.link_preview_options).toEqual({ is_disabled: true });
    expect(tg.sent(alice.id)[0]?.at).toBeGreaterThan(Date.now() - 5000);
  });

  it('returns already-sent messages once, then waits for new ones', async () => {
    await api.sendMessage(alice.id, 'early');
    expect((await tg.waitForMessage(alice.id)).text).toBe('early');
    const next = tg.waitForMessage(alice.id);
    setTimeout(() => void api.sendMessage(alice.id, 'later'), 50);
    expect((await next).text).toBe('later');
    const filtered = tg.waitForMessage(alice.id, (m) => m.text === 'wanted');
    await api.sendMessage(alice.id, 'noise');
    await api.sendMessage(alice.id, 'wanted');
    expect((await filtered).text).toBe('wanted');
  });

  it('times out with a report of what the chat received', async () => {
    await api.sendMessage(alice.id, 'something else');
    await tg.waitForMessage(alice.id); // consume it
    tg.blockChat(alice.id);
    await api.sendMessage(alice.id, 'blocked one').catch(() => undefined);
    const failure = await tg.waitForMessage(alice.id, undefined, 100).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/no message was delivered to chat 1001 within 100ms/);
    expect((failure as Error).message).toMatch(/"something else" \(already returned/);
    expect((failure as Error).message).toMatch(/Forbidden: bot was blocked by the user/);
  });
});

describe('validation like Telegram', () => {
  it("rejects malformed HTML with 400 can't parse entities", async () => {
    for (const bad of ['Tom & Jerry', '<b>bold</i>', '<div>x</div>', '1 < 2', '<b>open', 'x</b>', '<span>s</span>']) {
      const error = await grammyError(api.sendMessage(alice.id, bad, { parse_mode: 'HTML' }));
      expect(error.error_code, bad).toBe(400);
      expect(error.description, bad).toMatch(/^Bad Request: can't parse entities: /);
    }
    expect(tg.sent()).toEqual([]);
  });

  it('accepts correctly escaped HTML and reports the rendered text', async () => {
    const html =
      '<b>Tom &amp; Jerry</b> say 1 &lt; 2 &gt; 0 &quot;ok&quot; &#128512; &#x41; ' +
      '<a href="https://example.com/?a=1&amp;b=2">link</a> <tg-spoiler>s</tg-spoiler> ' +
      '<pre><code class="language-ts">let x;</code></pre>';
    const message = await api.sendMessage(alice.id, html, { parse_mode: 'HTML' });
    expect(message.text).toBe('Tom & Jerry say 1 < 2 > 0 "ok" 😀 A link s let x;');
    expect(message.entities).toContainEqual({ type: 'bold', offset: 0, length: 11 });
    expect(message.entities).toContainEqual(expect.objectContaining({ type: 'text_link', url: 'https://example.com/?a=1&b=2' }));
    expect(message.entities).toContainEqual(expect.objectContaining({ type: 'pre', language: 'ts' }));
    // Without parse_mode the same characters are just text.
    expect((await api.sendMessage(alice.id, 'Tom & Jerry <3')).text).toBe('Tom & Jerry <3');
  });

  it('exposes the HTML parser for unit-level checks', () => {
    expect(parseTelegramHtml('<i>a</i>&amp;')).toEqual({ text: 'a&', entities: [{ type: 'italic', offset: 0, length: 1 }] });
    expect(() => parseTelegramHtml('a & b')).toThrow(/Unsupported HTML entity at byte offset 2/);
  });

  it('enforces the 4096 limit on the parsed text and rejects empty text', async () => {
    await expect(api.sendMessage(alice.id, 'x'.repeat(4096))).resolves.toMatchObject({ message_id: 1 });
    const tooLong = await grammyError(api.sendMessage(alice.id, 'x'.repeat(4097)));
    expect([tooLong.error_code, tooLong.description]).toEqual([400, 'Bad Request: message is too long']);
    // Markup does not count: 4096 visible characters pass even though the raw text is longer.
    await expect(api.sendMessage(alice.id, `<b>${'x'.repeat(4096)}</b>`, { parse_mode: 'HTML' })).resolves.toBeDefined();
    await expect(api.sendMessage(alice.id, '&amp;'.repeat(4096), { parse_mode: 'HTML' })).resolves.toBeDefined();
    await expect(grammyError(api.sendMessage(alice.id, '&amp;'.repeat(4097), { parse_mode: 'HTML' }))).resolves.toMatchObject({
      description: 'Bad Request: message is too long',
    });
    const empty = await grammyError(api.sendMessage(alice.id, ''));
    expect(empty.description).toBe('Bad Request: message text is empty');
  });

  it('counts the 4096 limit in code points, as Telegram does: 4096 emoji pass, 4097 do not', async () => {
    await expect(api.sendMessage(alice.id, '😀'.repeat(4096))).resolves.toBeDefined();
    await expect(api.sendMessage(alice.id, `<b>${'😀'.repeat(4096)}</b>`, { parse_mode: 'HTML' })).resolves.toBeDefined();
    for (const text of ['😀'.repeat(4097), `${'😀'.repeat(4096)}x`]) {
      const tooLong = await grammyError(api.sendMessage(alice.id, text));
      expect(tooLong.description).toBe('Bad Request: message is too long');
    }
    const caption = await grammyError(api.sendPhoto(alice.id, 'AgACAgIAAxkBAAIBfakeFileId', { caption: '😀'.repeat(1025) }));
    expect(caption.description).toBe('Bad Request: message caption is too long');
  });

  it('rejects oversized callback_data like Telegram (BUTTON_DATA_INVALID)', async () => {
    const error = await grammyError(
      api.sendMessage(alice.id, 'pick', { reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: 'd'.repeat(65) }]] } }),
    );
    expect(error.description).toBe('Bad Request: BUTTON_DATA_INVALID');
  });
});

describe('editing and deleting', () => {
  it('edits, refuses no-op edits, and reports unknown messages', async () => {
    const keyboard = { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] };
    const sent = await api.sendMessage(alice.id, 'draft', { reply_markup: keyboard });

    const edited = await api.editMessageText(alice.id, sent.message_id, 'final', { reply_markup: keyboard });
    expect(edited).toMatchObject({ message_id: sent.message_id, text: 'final', reply_markup: keyboard });
    expect(typeof (edited as { edit_date?: number }).edit_date).toBe('number');

    const same = await grammyError(api.editMessageText(alice.id, sent.message_id, 'final', { reply_markup: keyboard }));
    expect(same.error_code).toBe(400);
    expect(same.description).toMatch(/^Bad Request: message is not modified: /);

    // Omitting reply_markup removes the keyboard, so this is a real change.
    await api.editMessageText(alice.id, sent.message_id, 'final');
    expect(tg.chat(alice.id).messages[0]).toMatchObject({ text: 'final' });
    expect(tg.chat(alice.id).messages[0]?.reply_markup).toBeUndefined();
    // The delivery log keeps what was originally sent.
    expect(tg.sent(alice.id)[0]?.text).toBe('draft');

    const missing = await grammyError(api.editMessageText(alice.id, 999, 'x'));
    expect(missing.description).toBe('Bad Request: message to edit not found');
    expect(await api.editMessageTextInline('inline-msg-1', 'inline edit')).toBe(true);
  });

  it('deletes messages and reports missing ones', async () => {
    const sent = await api.sendMessage(alice.id, 'temporary');
    expect(await api.deleteMessage(alice.id, sent.message_id)).toBe(true);
    expect(tg.chat(alice.id).messages).toEqual([]);
    const again = await grammyError(api.deleteMessage(alice.id, sent.message_id));
    expect(again.description).toBe('Bad Request: message to delete not found');
  });
});

describe('fault injection', () => {
  it('surfaces a flood fault as 429 with parameters.retry_after, then recovers', async () => {
    tg.failNext('sendMessage', 1, { kind: 'flood', retryAfter: 7 });
    const error = await grammyError(api.sendMessage(alice.id, 'x'));
    expect(error.error_code).toBe(429);
    expect(error.description).toBe('Too Many Requests: retry after 7');
    expect(error.parameters.retry_after).toBe(7);
    await expect(api.sendMessage(alice.id, 'x')).resolves.toMatchObject({ text: 'x' });
    expect(tg.sent(alice.id)).toHaveLength(1);
  });

  it('scopes faults to a chat when asked', async () => {
    tg.failNext('sendMessage', 2, { kind: 'server', status: 502 }, { chatId: bob.id });
    await expect(api.sendMessage(alice.id, 'fine')).resolves.toBeDefined();
    const error = await grammyError(api.sendMessage(bob.id, 'fails'));
    expect([error.error_code, error.description]).toEqual([502, 'Bad Gateway']);
    await grammyError(api.sendMessage(bob.id, 'fails again'));
    await expect(api.sendMessage(bob.id, 'recovered')).resolves.toBeDefined();
  });

  it('answers 403 for a blocked fault and for blocked chats until unblocked', async () => {
    tg.failNext('sendMessage', 1, { kind: 'blocked' });
    expect((await grammyError(api.sendMessage(alice.id, 'x'))).error_code).toBe(403);

    tg.blockChat(bob.id);
    for (let i = 0; i < 2; i += 1) {
      const error = await grammyError(api.sendMessage(bob.id, 'x'));
      expect([error.error_code, error.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
    }
    expect(tg.chat(bob.id).blocked).toBe(true);
    tg.unblockChat(bob.id);
    await expect(api.sendMessage(bob.id, 'back')).resolves.toBeDefined();
  });

  it('drops the connection for a network fault (grammY HttpError)', async () => {
    tg.failNext('sendMessage', 1, { kind: 'network' });
    const error = await api.sendMessage(alice.id, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(tg.calls.at(-1)).toMatchObject({ method: 'sendMessage', dropped: true });
    expect(tg.sent()).toEqual([]);
  });

  it('delays the answer for a hang fault, then answers normally', async () => {
    tg.failNext('sendMessage', 1, { kind: 'hang', ms: 300 });
    const started = Date.now();
    await expect(api.sendMessage(alice.id, 'slow')).resolves.toMatchObject({ text: 'slow' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('files', () => {
  it('receives a multipart sendDocument upload with exact bytes, filename and fields', async () => {
    // Every byte value, plus CRLF and boundary-like runs that a naive parser would split on.
    const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\r\n--------x\r\n\r\n')]);
    const keyboard = { inline_keyboard: [[{ text: 'Open', url: 'https://example.com' }]] };
    const message = await api.sendDocument(alice.id, new InputFile(bytes, 'weekly report; v2.csv'), {
      caption: '<b>Report</b> &amp; data',
      parse_mode: 'HTML',
      reply_markup: keyboard,
    });
    expect(message.document?.file_name).toBe('weekly report; v2.csv');
    expect(message.caption).toBe('Report & data');

    const [delivered] = tg.sent(alice.id);
    expect(delivered?.method).toBe('sendDocument');
    expect(delivered?.document?.filename).toBe('weekly report; v2.csv');
    expect(delivered?.document?.data.equals(bytes)).toBe(true);
    expect(delivered?.caption).toBe('<b>Report</b> &amp; data');
    expect(delivered?.replyMarkup).toEqual(keyboard);
    expect(delivered?.params.chat_id).toBe(alice.id);
  });

  it('accepts sendPhoto as an upload or as a URL, which it downloads as Telegram does', async () => {
    const cdn = await startFakeFal();
    try {
      const png = Buffer.from('89504e470d0a1a0a', 'hex');
      await api.sendPhoto(alice.id, new InputFile(png, 'chart.png'));
      const byUrl = await api.sendPhoto(alice.id, cdn.fileUrl('chart'), { caption: 'chart' });
      expect(byUrl.photo?.length).toBeGreaterThan(0);
      const [upload, url] = tg.sent(alice.id);
      expect(upload?.photo?.data.equals(png)).toBe(true);
      expect(url?.fileRef).toBe(cdn.fileUrl('chart'));
      expect(url?.photo?.data.equals(TINY_PNG)).toBe(true);
      expect(url?.caption).toBe('chart');
      const missing = await grammyError(api.sendPhoto(alice.id, `${cdn.url}/nothing-here.png`));
      expect(missing.error_code).toBe(400);
      expect(missing.description).toBe('Bad Request: failed to get HTTP URL content');
    } finally {
      await cdn.close();
    }
  });

  it('sends an album with sendMediaGroup: one message per photo, one group, the caption on the first', async () => {
    const cdn = await startFakeFal();
    try {
      const media = [
        { type: 'photo' as const, media: cdn.fileUrl('one'), caption: '<b>two</b> photos', parse_mode: 'HTML' as const },
        { type: 'photo' as const, media: cdn.fileUrl('two') },
      ];
      const messages = await api.sendMediaGroup(alice.id, media);
      expect(messages).toHaveLength(2);
      const groups = messages.map((m) => (m as { media_group_id?: string }).media_group_id);
      expect(groups[0]).toEqual(expect.any(String));
      expect(groups[1]).toBe(groups[0]);
      const sent = tg.sent(alice.id);
      expect(sent.map((m) => m.method)).toEqual(['sendMediaGroup', 'sendMediaGroup']);
      expect(sent[0]?.plainText).toBe('two photos');
      expect(sent[1]?.photo?.data.equals(TINY_PNG)).toBe(true);
      expect((await grammyError(api.sendMediaGroup(alice.id, [media[0]!]))).description).toMatch(/2-10 items/);
      const broken = [media[0]!, { type: 'photo' as const, media: `${cdn.url}/gone.png` }];
      expect((await grammyError(api.sendMediaGroup(alice.id, broken))).error_code).toBe(400);
      expect(tg.sent(alice.id)).toHaveLength(2); // nothing of a failed album is sent
    } finally {
      await cdn.close();
    }
  });
});

describe('commands and webhook', () => {
  it('records commands per scope and language', async () => {
    await api.setMyCommands([{ command: 'start', description: 'Start' }]);
    await api.setMyCommands([{ command: 'start', description: 'Начать' }], { language_code: 'ru' });
    await api.setMyCommands([{ command: 'admin', description: 'Admin' }], { scope: { type: 'chat', chat_id: alice.id } });

    expect(await api.getMyCommands()).toEqual([{ command: 'start', description: 'Start' }]);
    expect(await api.getMyCommands({ language_code: 'ru' })).toEqual([{ command: 'start', description: 'Начать' }]);
    expect(tg.commands({ languageCode: 'ru' })).toEqual([{ command: 'start', description: 'Начать' }]);
    expect(tg.commands({ scope: { type: 'chat', chat_id: alice.id } })).toEqual([{ command: 'admin', description: 'Admin' }]);
    expect(tg.commands({ languageCode: 'de' })).toBeUndefined();

    const invalid = await grammyError(api.setMyCommands([{ command: 'Bad-Command', description: 'x' }]));
    expect(invalid.description).toBe('Bad Request: BOT_COMMAND_INVALID');
  });

  it('records the webhook and makes getUpdates conflict while it is set', async () => {
    await api.setWebhook('https://hooks.example.com/telegram', { secret_token: 's3cret_token' });
    expect(tg.webhook).toMatchObject({ url: 'https://hooks.example.com/telegram', secretToken: 's3cret_token' });
    expect((await api.getWebhookInfo()).url).toBe('https://hooks.example.com/telegram');

    const conflict = await grammyError(api.getUpdates());
    expect(conflict.error_code).toBe(409);
    expect(conflict.description).toBe(
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );

    await api.deleteWebhook();
    expect(tg.webhook).toBeUndefined();
    await expect(api.getUpdates()).resolves.toEqual([]);

    const insecure = await grammyError(api.setWebhook('http://hooks.example.com/telegram'));
    expect(insecure.description).toMatch(/HTTPS URL must be provided/);
  });
});

describe('test-control helpers', () => {
  it('waitForCall resolves once the call is answered', async () => {
    const waiting = tg.waitForCall('sendMessage', (c) => c.params.chat_id === bob.id);
    await api.sendMessage(alice.id, 'not this one');
    await api.sendMessage(bob.id, 'this one');
    const call = await waiting;
    expect(call.params.text).toBe('this one');
    expect(call.response).toMatchObject({ ok: true, result: { text: 'this one' } });
  });

  it('refuses to press a button the message does not have', async () => {
    const sent = await api.sendMessage(alice.id, 'pick', { reply_markup: { inline_keyboard: [[{ text: 'Yes', callback_data: 'yes' }]] } });
    expect(() => tg.pressButton(alice, sent.message_id, 'no')).toThrow(/has no button with callback_data "no"/);
    const update = tg.pressButton(alice, sent.message_id, 'yes');
    expect(update.callback_query).toMatchObject({ data: 'yes', message: { message_id: sent.message_id }, from: { id: alice.id } });
    await expect(api.answerCallbackQuery(update.callback_query?.id ?? '')).resolves.toBe(true);
    // Telegram accepts one answer per query.
    expect((await grammyError(api.answerCallbackQuery(update.callback_query?.id ?? ''))).error_code).toBe(400);
  });

  it('builds user messages like a Telegram client: command entities, shared message ids, replies', async () => {
    const command = tg.sendUserMessage(alice, '/alert@hookbot_test_bot BTC');
    expect(command.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 23 }]);
    expect(command.message?.chat).toMatchObject({ id: alice.id, type: 'private', first_name: 'Alice' });
    const botReply = await api.sendMessage(alice.id, 'Which price?');
    // User and bot messages share the chat's message_id sequence.
    expect([command.message?.message_id, botReply.message_id]).toEqual([1, 2]);
    const answer = tg.sendUserMessage(alice, '65000', { replyTo: botReply.message_id });
    expect(answer.message?.reply_to_message).toMatchObject({ message_id: 2, text: 'Which price?' });
  });

  it('reset clears state but keeps the server up and update ids increasing', async () => {
    const before = tg.sendUserMessage(alice, 'old');
    await api.sendMessage(alice.id, 'old reply');
    tg.failNext('sendMessage', 5, { kind: 'blocked' });
    tg.reset();
    expect([tg.calls, tg.sent(), tg.pendingUpdates(), tg.chat(alice.id).messages]).toEqual([[], [], [], []]);
    await expect(api.sendMessage(alice.id, 'after reset')).resolves.toMatchObject({ message_id: 1 });
    expect(tg.sendUserMessage(alice, 'new').update_id).toBeGreaterThan(before.update_id);
  });
});
