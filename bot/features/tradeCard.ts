import { Composer } from 'grammy';
import { CARD_CALLBACK } from '../../src/services/trading/cards/cardView.js';
import type { BotContext } from '../context.js';

/** The buttons of a live trade card (src/services/trading/cards): Close position, Cancel orders. */
export const tradeCard = new Composer<BotContext>();

tradeCard.callbackQuery(CARD_CALLBACK, async (ctx) => {
  if (!ctx.user?.active) {
    await ctx.answerCallbackQuery({ text: ctx.t(ctx.user ? 'callback-inactive' : 'callback-need-start'), show_alert: true });
    return;
  }
  const [, verb, id] = ctx.match as RegExpMatchArray;
  const answer = await ctx.deps.trading.cards.press(ctx.user.id, Number(id), verb === 'close' ? 'close' : 'cancel');
  await ctx.answerCallbackQuery({ text: ctx.t(`callback-card-${answer.key}`, answer.variables), show_alert: answer.key === 'failed' });
});
