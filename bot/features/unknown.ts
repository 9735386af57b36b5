import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { HTML, isCommand } from '../shared.js';

/** Last in the chain: a command no feature answered, in a private chat, gets a pointer to /help. */
export const unknown = new Composer<BotContext>();

unknown.chatType('private').use(async (ctx, next) => {
  if (!isCommand(ctx)) return next();
  await ctx.reply(ctx.t('unknown-command'), HTML);
});
