import { Composer } from 'grammy';
import type { ChatMember } from 'grammy/types';
import type { RelayRoute } from '../../models/schema.js';
import type { BotContext } from '../context.js';
import { conversationOf, inGroup, isConnected, mayAnswer, memberName, reasonOf, SERVICES } from '../conversation.js';
import { sendBack } from '../replyBack.js';
import { HTML } from '../shared.js';

/**
 * A messenger connection routed to a Telegram group: the owner routes it there (`/route`), says
 * who may answer (`/answerers`), and a member's message in a customer's topic (or a reply to a
 * relayed message) goes back to that customer, signed in the group with the member's name.
 */
export const teamInbox = new Composer<BotContext>();

/** What the bot lacks in a group to serve as a team inbox, as locale keys of the missing rights. */
export function missingRights(member: ChatMember, forum: boolean): string[] {
  if (member.status === 'creator') return [];
  // Only an admin sees every message of a group (Telegram's privacy mode hides the rest from bots).
  if (member.status !== 'administrator') return ['team-right-admin'];
  const missing: string[] = [];
  if (forum && !member.can_manage_topics) missing.push('team-right-topics');
  return missing;
}

function answerersText(ctx: BotContext, route: RelayRoute): string {
  if (route.answerers === null) return ctx.t('team-answerers-all');
  if (route.answerers.length === 0) return ctx.t('team-answerers-owner');
  return ctx.t('team-answerers-list', { ids: route.answerers.map((id) => `<code>${id}</code>`).join(', ') });
}

teamInbox.command('route', async (ctx) => {
  if (!ctx.user) return;
  const [service = '', option = ''] = ctx.match.trim().toLowerCase().split(/\s+/);
  const known = SERVICES[service];
  if (!known) {
    await ctx.reply(ctx.t('team-route-usage'), HTML);
    return;
  }
  if (option === 'off') {
    const removed = await ctx.deps.relayRoutes.unroute(ctx.user.id, service);
    await ctx.reply(ctx.t(removed ? 'team-route-off' : 'team-route-was-private', { service: known.name }), HTML);
    return;
  }
  if (!inGroup(ctx)) {
    await ctx.reply(ctx.t('team-route-in-group', { service: known.name, command: `/route ${service}` }), HTML);
    return;
  }
  if (!(await isConnected(ctx, service, ctx.user.id))) {
    await ctx.reply(ctx.t('reply-not-connected', { service: known.name, command: known.connect }), HTML);
    return;
  }
  const chat = await ctx.api.getChat(ctx.chat.id);
  const forum = 'is_forum' in chat && chat.is_forum === true;
  const member = await ctx.api.getChatMember(ctx.chat.id, ctx.me.id);
  const missing = missingRights(member, forum);
  if (missing.length > 0) {
    const rights = missing.map((key) => `• ${ctx.t(key)}`).join('\n');
    await ctx.reply(ctx.t('team-route-missing-rights', { service: known.name, rights }), HTML);
    return;
  }
  await ctx.deps.relayRoutes.route(ctx.user.id, service, ctx.chat.id, forum);
  const route = await ctx.deps.relayRoutes.find(ctx.user.id, service);
  const where = ctx.t(forum ? 'team-route-done-forum' : 'team-route-done-group');
  await ctx.reply(`${ctx.t('team-route-done', { service: known.name, where })}\n${route ? answerersText(ctx, route) : ''}`, HTML);
});

teamInbox.command('answerers', async (ctx) => {
  if (!ctx.user) return;
  const [service = '', option = ''] = ctx.match.trim().toLowerCase().split(/\s+/);
  const known = SERVICES[service];
  if (!known) {
    await ctx.reply(ctx.t('team-answerers-usage'), HTML);
    return;
  }
  // Only the connection's owner sets who answers for it: the route is theirs.
  const route = await ctx.deps.relayRoutes.find(ctx.user.id, service);
  if (!route || route.chatId !== ctx.chat.id) {
    await ctx.reply(ctx.t('team-answerers-not-here', { service: known.name, command: `/route ${service}` }), HTML);
    return;
  }
  const member = ctx.message?.reply_to_message?.from;
  let answerers = route.answerers;
  if (option === 'all') answerers = null;
  else if (option === 'only') answerers = [];
  else if (option === 'add' || option === 'remove') {
    if (!member || member.is_bot) {
      await ctx.reply(ctx.t('team-answerers-reply-needed', { command: `/answerers ${service} ${option}` }), HTML);
      return;
    }
    const list = new Set(answerers ?? []);
    if (option === 'add') list.add(member.id);
    else list.delete(member.id);
    answerers = [...list];
  } else if (option !== '') {
    await ctx.reply(ctx.t('team-answerers-usage'), HTML);
    return;
  }
  if (option !== '') await ctx.deps.relayRoutes.setAnswerers(ctx.user.id, service, answerers);
  await ctx.reply(answerersText(ctx, { ...route, answerers }), HTML);
});

teamInbox.on('message', async (ctx, next) => {
  const message = ctx.message;
  if (!inGroup(ctx) || ctx.from.is_bot || message.text?.startsWith('/')) return next();
  const found = await conversationOf(ctx, message);
  if (!found) return next();
  const known = SERVICES[found.provider];
  const route = await ctx.deps.relayRoutes.find(found.userId, found.provider);
  // The owner routed the connection elsewhere since: this group no longer answers its customers.
  if (!known || !route || route.chatId !== message.chat.id) return next();
  const owner = await ctx.deps.users.findById(found.userId);
  if (!owner) return next();
  const answer = (html: string) =>
    ctx.reply(html, {
      ...HTML,
      reply_parameters: { message_id: message.message_id },
      ...(message.is_topic_message && message.message_thread_id !== undefined ? { message_thread_id: message.message_thread_id } : {}),
    });
  if (!mayAnswer(route, ctx.from.id, owner.telegramId)) {
    await answer(ctx.t('team-not-allowed', { service: known.name }));
    return;
  }
  if (!owner.active) {
    await answer(ctx.t('account-inactive'));
    return;
  }
  const name = memberName(ctx.from);
  try {
    if (!(await isConnected(ctx, found.provider, owner.id))) {
      await answer(ctx.t('reply-not-connected', { service: known.name, command: known.connect }));
      return;
    }
    await answer(await sendBack(ctx, message, { provider: found.provider, service: known.name, ownerId: owner.id, conversation: found.conversation, ...(found.quoted ? { quoted: found.quoted } : {}) }, name));
  } catch (error) {
    ctx.deps.log.warn({ provider: found.provider, err: error instanceof Error ? error.message : String(error) }, 'team reply not delivered');
    await answer(ctx.t('reply-failed', { service: known.name, reason: reasonOf(ctx, error) }));
  }
});
