import { Composer, InlineKeyboard } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { BotContext } from '../context.js';
import { buttonUser, editHtml } from '../shared.js';
import type { Translate } from '../../src/services/events/eventWording.js';

/**
 * The Execute / Skip card of a trade replay. Kept on its own so that a general confirm step for
 * trades can take it over: the card, its two buttons and what a press does are all here.
 */
export const replayConfirm = new Composer<BotContext>();

export const replayExecuteData = (requestId: number): string => `replay:execute:${requestId}`;
export const replaySkipData = (requestId: number): string => `replay:skip:${requestId}`;

export function replayCardButtons(t: Translate, requestId: number): InlineKeyboardMarkup {
  return new InlineKeyboard().text(t('btn-replay-execute'), replayExecuteData(requestId)).text(t('btn-replay-skip'), replaySkipData(requestId));
}

replayConfirm.callbackQuery(/^replay:(execute|skip):(\d{1,18})$/, async (ctx) => {
  const user = await buttonUser(ctx);
  if (!user) return;
  const decision = await ctx.deps.events.confirm.decide(user.id, Number(ctx.match[2]), ctx.match[1] === 'execute');
  switch (decision.kind) {
    case 'missing':
      await ctx.answerCallbackQuery({ text: ctx.t('callback-replay-missing'), show_alert: true });
      return;
    case 'replayed':
      await editHtml(ctx, ctx.t('replay-started', { id: String(decision.eventId), newId: String(decision.replayEventId) }));
      await ctx.answerCallbackQuery();
      return;
    case 'skipped':
      await editHtml(ctx, ctx.t('replay-skipped', { id: String(decision.eventId) }));
      await ctx.answerCallbackQuery();
      return;
    case 'decidedBefore': {
      // Pressed again (or in another process at once): say what the first press did, once more.
      const executed = decision.status === 'executed' && decision.replayEventId !== null;
      const html = executed
        ? ctx.t('replay-started', { id: String(decision.eventId), newId: String(decision.replayEventId) })
        : ctx.t('replay-skipped', { id: String(decision.eventId) });
      await editHtml(ctx, html);
      await ctx.answerCallbackQuery({ text: ctx.t(executed ? 'callback-replay-done' : 'callback-replay-skipped-before') });
      return;
    }
  }
});
