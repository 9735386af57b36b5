import { Composer } from 'grammy';
import { formatPnl, formatProblem } from '../../src/services/trading/account/accountViews.js';
import type { BotContext } from '../context.js';
import { HTML } from '../shared.js';

/** /pnl: realised PnL today, over 7 and 30 days, per symbol, with trades and win rate (Bybit's closed PnL). */
export const pnl = new Composer<BotContext>();

pnl.command('pnl', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  await ctx.replyWithChatAction('typing').catch(() => undefined);
  const read = await ctx.deps.trading.reports.pnl(ctx.user.id);
  await ctx.reply(read.ok ? formatPnl(read.value, read.account, ctx.t) : formatProblem(read.problem, read.account, ctx.t), HTML);
});
