import { Composer } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup, Message } from 'grammy/types';
import type { User } from '../../models/schema.js';
import {
  QUICK_REPLY_LIMIT,
  QUICK_REPLY_NAME_MAX,
  QUICK_REPLY_OPEN,
  QUICK_REPLY_TEXT_MAX,
  QuickReplies,
  quickReplyName,
} from '../../src/services/relay/quickReplies.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { BotContext } from '../context.js';
import { conversationOf, conversationOfRelayed, inGroup, isConnected, mayAnswer, memberName, reasonOf, SERVICES, type CustomerConversation } from '../conversation.js';
import { sendTextBack } from '../replyBack.js';
import { HTML } from '../shared.js';

/**
 * Quick replies: saved answers per connection (`/q add`, `/q list`, `/q del`), sent to a customer
 * with `/q name` (in their topic, or as a reply to their relayed message) or from the one button
 * under each relayed message, which opens the list in place. Sent exactly like a typed reply:
 * allowed members only, signed in groups, and a button pressed twice sends once.
 */
export const quickReplies = new Composer<BotContext>();

const CLOSE = 'qr:close';
const SEND = /^qr:s:(\d{1,18}):([A-Za-z0-9_-]{6,24})$/;

type Provider = 'whatsapp' | 'avito';
const isProvider = (word: string): word is Provider => word === 'whatsapp' || word === 'avito';

/** The single button a relayed message carries, in its owner's language. */
function openKeyboard(ctx: BotContext, owner: User): InlineKeyboardMarkup {
  return { inline_keyboard: [[{ text: ctx.deps.i18n.t(owner.language, 'btn-quick-reply'), callback_data: QUICK_REPLY_OPEN }]] };
}

/** Which connection a management command is about: named, or the only one the user has. */
async function providerFor(ctx: BotContext, user: User, named: string | undefined): Promise<Provider | string> {
  if (named !== undefined) return named;
  const connected = [];
  for (const provider of ['whatsapp', 'avito'] as const) if (await isConnected(ctx, provider, user.id)) connected.push(provider);
  if (connected.length === 1) return connected[0]!;
  return ctx.t(connected.length === 0 ? 'qr-no-connection' : 'qr-which');
}

async function listText(ctx: BotContext, user: User, provider: Provider): Promise<string> {
  const service = SERVICES[provider]!.name;
  const saved = await ctx.deps.quickReplies.list(user.id, provider);
  if (saved.length === 0) return ctx.t('qr-list-empty', { service });
  const short = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);
  const lines = saved.map((reply) => `• <code>${escapeHtml(reply.name)}</code> — ${escapeHtml(short(reply.text.replace(/\s+/g, ' ')))}`);
  return `${ctx.t('qr-list-title', { service, count: saved.length, limit: QUICK_REPLY_LIMIT })}\n${lines.join('\n')}`;
}

function nameError(ctx: BotContext, error: string): string {
  return ctx.t(`qr-name-${error}`, { max: QUICK_REPLY_NAME_MAX });
}

quickReplies.command('q', async (ctx) => {
  const match = ctx.match.trim();
  const verb = (match.split(/\s+/)[0] ?? '').toLowerCase();
  const reply = (html: string) =>
    ctx.reply(html, {
      ...HTML,
      reply_parameters: { message_id: ctx.message!.message_id },
      ...(ctx.message?.is_topic_message && ctx.message.message_thread_id !== undefined ? { message_thread_id: ctx.message.message_thread_id } : {}),
    });
  if (verb === 'help') return void (await reply(ctx.t('qr-usage', { limit: QUICK_REPLY_LIMIT, max: QUICK_REPLY_TEXT_MAX })));
  if (verb !== '' && verb !== 'list' && verb !== 'add' && verb !== 'del' && verb !== 'delete' && verb !== 'rm') {
    return void (await sendByName(ctx, match, reply));
  }
  const user = ctx.user;
  if (!user) return void (await reply(ctx.t('need-start')));
  if (verb === '' || verb === 'list') {
    const named = match.split(/\s+/)[1]?.toLowerCase();
    if (named !== undefined && !isProvider(named)) return void (await reply(ctx.t('qr-usage', { limit: QUICK_REPLY_LIMIT, max: QUICK_REPLY_TEXT_MAX })));
    const provider = await providerFor(ctx, user, named);
    if (!isProvider(provider)) return void (await reply(provider));
    return void (await reply(`${await listText(ctx, user, provider)}\n\n${ctx.t('qr-list-hint')}`));
  }
  if (verb === 'add') {
    // The text keeps its line breaks: everything after the name is the answer.
    const parsed = /^add(?:\s+(whatsapp|avito)(?=\s|$))?(?:\s+(\S+))?(?:\s+([\s\S]*))?$/i.exec(match);
    const [, named, rawName = '', text = ''] = parsed ?? [];
    if (!parsed || rawName === '' || text.trim() === '') return void (await reply(ctx.t('qr-add-usage', { max: QUICK_REPLY_TEXT_MAX })));
    const name = quickReplyName(rawName);
    if (!name.ok) return void (await reply(nameError(ctx, name.error)));
    const provider = await providerFor(ctx, user, named?.toLowerCase());
    if (!isProvider(provider)) return void (await reply(provider));
    const service = SERVICES[provider]!.name;
    if (!(await isConnected(ctx, provider, user.id))) return void (await reply(ctx.t('reply-not-connected', { service, command: SERVICES[provider]!.connect })));
    const outcome = await ctx.deps.quickReplies.save(user.id, provider, name.name, text);
    const variables = { service, name: escapeHtml(name.name), limit: QUICK_REPLY_LIMIT, max: QUICK_REPLY_TEXT_MAX, length: [...text.trim()].length };
    return void (await reply(ctx.t(`qr-add-${outcome}`, variables)));
  }
  // del
  const [, second = '', third] = match.split(/\s+/);
  const named = isProvider(second.toLowerCase()) ? second.toLowerCase() : undefined;
  const rawName = named ? third : second;
  if (!rawName) return void (await reply(ctx.t('qr-del-usage')));
  const provider = await providerFor(ctx, user, named);
  if (!isProvider(provider)) return void (await reply(provider));
  const name = rawName.toLowerCase();
  const removed = await ctx.deps.quickReplies.remove(user.id, provider, name);
  await reply(ctx.t(removed ? 'qr-deleted' : 'qr-del-unknown', { service: SERVICES[provider]!.name, name: escapeHtml(name) }));
});

type Permit = { owner: User; signature?: string } | { refusal: string };

/**
 * Whether the member may answer this conversation from this chat: the owner in their private chat;
 * in the group the connection is routed to, the members the owner allows (signed with their name).
 */
async function permit(ctx: BotContext, chatId: number, conversation: CustomerConversation): Promise<Permit> {
  const service = SERVICES[conversation.provider]!.name;
  const from = ctx.from!;
  const owner = await ctx.deps.users.findById(conversation.userId);
  if (!owner) return { refusal: ctx.t('qr-not-here', { service }) };
  if (chatId === owner.telegramId) {
    if (from.id !== owner.telegramId) return { refusal: ctx.t('qr-not-here', { service }) };
    return owner.active ? { owner } : { refusal: ctx.t('account-inactive') };
  }
  const route = await ctx.deps.relayRoutes.find(conversation.userId, conversation.provider);
  // The owner routed the connection elsewhere since: this group no longer answers its customers.
  if (!route || route.chatId !== chatId) return { refusal: ctx.t('qr-not-here', { service }) };
  if (!mayAnswer(route, from.id, owner.telegramId)) return { refusal: ctx.t('team-not-allowed', { service }) };
  if (!owner.active) return { refusal: ctx.t('account-inactive') };
  return { owner, signature: memberName(from) };
}

/** Sends a saved answer; the confirmation (with what was sent), or why it was not. */
async function deliver(ctx: BotContext, conversation: CustomerConversation, owner: User, text: string, signature: string | undefined): Promise<{ ok: boolean; html: string }> {
  const known = SERVICES[conversation.provider]!;
  if (!(await isConnected(ctx, conversation.provider, owner.id))) return { ok: false, html: ctx.t('reply-not-connected', { service: known.name, command: known.connect }) };
  try {
    const target = { provider: conversation.provider, service: known.name, ownerId: owner.id, conversation: conversation.conversation, ...(conversation.quoted ? { quoted: conversation.quoted } : {}) };
    const confirmation = await sendTextBack(ctx, target, text, signature);
    return { ok: true, html: `${confirmation}\n<blockquote>${escapeHtml(text)}</blockquote>` };
  } catch (error) {
    ctx.deps.log.warn({ provider: conversation.provider, err: error instanceof Error ? error.message : String(error) }, 'quick reply not delivered');
    return { ok: false, html: ctx.t('reply-failed', { service: known.name, reason: reasonOf(ctx, error) }) };
  }
}

/** `/q name`: in a customer's topic, or as a reply to their relayed message. */
async function sendByName(ctx: BotContext, rawName: string, reply: (html: string) => Promise<unknown>): Promise<void> {
  const message = ctx.message!;
  const conversation = await conversationIn(ctx, message);
  if (!conversation) return void (await reply(ctx.t('qr-send-where')));
  const found = await permit(ctx, message.chat.id, conversation);
  if ('refusal' in found) return void (await reply(found.refusal));
  const name = rawName.split(/\s+/)[0]!.toLowerCase();
  const saved = await ctx.deps.quickReplies.find(conversation.userId, conversation.provider, name);
  if (!saved) {
    const names = (await ctx.deps.quickReplies.list(conversation.userId, conversation.provider)).map((item) => `<code>${escapeHtml(item.name)}</code>`);
    const service = SERVICES[conversation.provider]!.name;
    return void (await reply(ctx.t('qr-unknown', { name: escapeHtml(name), service, names: names.length > 0 ? names.join(', ') : '—' })));
  }
  const outcome = await deliver(ctx, conversation, found.owner, saved.text, found.signature);
  await reply(outcome.html);
}

/** The conversation a message is written in: a topic or a reply in a group, a reply in the private chat. */
async function conversationIn(ctx: BotContext, message: Message): Promise<CustomerConversation | undefined> {
  if (inGroup(ctx)) return conversationOf(ctx, message);
  const target = message.reply_to_message;
  if (!target || target.from?.id !== ctx.me.id) return undefined;
  const relayed = await ctx.deps.findRelayed(message.chat.id, target.message_id);
  return relayed && conversationOfRelayed(relayed);
}

/** For a press on a relayed message: its conversation and whether the presser may answer it. */
async function pressed(ctx: BotContext): Promise<{ message: Message; conversation: CustomerConversation; owner: User; signature?: string } | undefined> {
  const message = ctx.callbackQuery?.message;
  const relayed = message ? await ctx.deps.findRelayed(message.chat.id, message.message_id) : undefined;
  const conversation = relayed && conversationOfRelayed(relayed);
  if (!message || !conversation) {
    await ctx.answerCallbackQuery({ text: ctx.t('callback-qr-gone'), show_alert: true });
    return undefined;
  }
  const found = await permit(ctx, message.chat.id, conversation);
  if ('refusal' in found) {
    await ctx.answerCallbackQuery({ text: plain(found.refusal), show_alert: true });
    return undefined;
  }
  return { message: message as Message, conversation, ...found };
}

/** A callback answer is plain text. */
function plain(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

quickReplies.callbackQuery(QUICK_REPLY_OPEN, async (ctx) => {
  const found = await pressed(ctx);
  if (!found) return;
  const saved = await ctx.deps.quickReplies.list(found.conversation.userId, found.conversation.provider);
  if (saved.length === 0) {
    await ctx.answerCallbackQuery({ text: plain(ctx.t('qr-list-empty', { service: SERVICES[found.conversation.provider]!.name })), show_alert: true });
    return;
  }
  // One token for this opening: whichever of its buttons is pressed first sends, and only once.
  const token = QuickReplies.newToken();
  const rows: InlineKeyboardButton[][] = [];
  for (let index = 0; index < saved.length; index += 2) {
    rows.push(saved.slice(index, index + 2).map((item) => ({ text: item.name, callback_data: `qr:s:${item.id}:${token}` })));
  }
  rows.push([{ text: ctx.t('btn-qr-close'), callback_data: CLOSE }]);
  await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: rows } });
  await ctx.answerCallbackQuery();
});

quickReplies.callbackQuery(CLOSE, async (ctx) => {
  const found = await pressed(ctx);
  if (!found) return;
  await ctx.editMessageReplyMarkup({ reply_markup: openKeyboard(ctx, found.owner) });
  await ctx.answerCallbackQuery();
});

quickReplies.callbackQuery(SEND, async (ctx) => {
  const found = await pressed(ctx);
  if (!found) return;
  const [, id = '', token = ''] = SEND.exec(ctx.callbackQuery.data) ?? [];
  const saved = await ctx.deps.quickReplies.byId(Number(id));
  // The answer must be one of this connection's (a button is only ever made from them).
  if (!saved || saved.userId !== found.conversation.userId || saved.provider !== found.conversation.provider) {
    await ctx.answerCallbackQuery({ text: ctx.t('callback-qr-gone'), show_alert: true });
    return;
  }
  if (!(await ctx.deps.quickReplies.claim(token))) {
    await ctx.answerCallbackQuery({ text: ctx.t('callback-qr-already-sent') });
    return;
  }
  const outcome = await deliver(ctx, found.conversation, found.owner, saved.text, found.signature);
  if (!outcome.ok) await ctx.deps.quickReplies.release(token);
  else await ctx.editMessageReplyMarkup({ reply_markup: openKeyboard(ctx, found.owner) }).catch(() => undefined);
  await ctx.answerCallbackQuery(outcome.ok ? { text: ctx.t('callback-qr-sent') } : { text: plain(outcome.html), show_alert: true });
  const topic = found.message.is_topic_message && found.message.message_thread_id !== undefined ? { message_thread_id: found.message.message_thread_id } : {};
  await ctx.reply(outcome.html, { ...HTML, reply_parameters: { message_id: found.message.message_id }, ...topic });
});
