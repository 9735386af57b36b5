import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { HTML, isCommand } from '../shared.js';

/**
 * Placed after /start, /help and /lang: every other command needs a registered, active user.
 * Admins always pass (they may not even be registered). Buttons check for themselves, so they
 * can answer with an alert instead of a message.
 */
export const guard = new Composer<BotContext>();

/** `/q name` in a group: a team member answering a customer need not use the bot themselves. */
const isGroupQuickReply = (ctx: BotContext) =>
  (ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup') && /^\/q(@\w+)?(\s|$)/.test(ctx.message?.text ?? '');

guard.use(async (ctx, next) => {
  if (!isCommand(ctx) || ctx.isAdmin || isGroupQuickReply(ctx)) return next();
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  if (!ctx.user.active) {
    await ctx.reply(ctx.t('account-inactive'), HTML);
    return;
  }
  return next();
});
