import { Composer } from 'grammy';
import { CONFIRM_DATA } from '../../src/services/trading/confirmCard.js';
import type { BotContext } from '../context.js';
import { buttonUser, editHtml } from '../shared.js';

/** Execute / Skip on the card of an alert that waits for confirmation (confirm mode). */
export const tradeConfirm = new Composer<BotContext>();

tradeConfirm.callbackQuery(CONFIRM_DATA, async (ctx) => {
  const user = await buttonUser(ctx);
  if (!user) return;
  const execute = ctx.match[1] === 'x';
  const decision = await ctx.deps.trading.service.decideConfirmation(user.id, Number(ctx.match[2]), execute);
  switch (decision.kind) {
    case 'decided':
      if (decision.html) await editHtml(ctx, decision.html);
      await ctx.answerCallbackQuery({ text: ctx.t(execute ? 'callback-trade-executing' : 'callback-trade-skipped') });
      return;
    case 'expired':
      // The sweeper edits the card; the press is answered at once.
      await ctx.answerCallbackQuery({ text: ctx.t('callback-trade-expired'), show_alert: true });
      return;
    case 'decidedBefore':
      await ctx.answerCallbackQuery({ text: ctx.t(decision.status === 'skipped' ? 'callback-trade-skipped' : 'callback-trade-decided') });
      return;
    case 'missing':
      await ctx.answerCallbackQuery({ text: ctx.t('callback-trade-missing'), show_alert: true });
      return;
  }
});
