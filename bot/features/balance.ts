import { Composer } from 'grammy';
import { formatBalance, formatProblem } from '../../src/services/trading/account/accountViews.js';
import type { BotContext } from '../context.js';
import { HTML } from '../shared.js';

/** /balance: the unified account's equity, available and wallet balance, unrealised PnL, coins. */
export const balance = new Composer<BotContext>();

balance.command('balance', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  await ctx.replyWithChatAction('typing').catch(() => undefined);
  const read = await ctx.deps.trading.reports.balance(ctx.user.id);
  await ctx.reply(read.ok ? formatBalance(read.value, read.account, ctx.t) : formatProblem(read.problem, read.account, ctx.t), HTML);
});
