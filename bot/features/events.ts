import { Composer } from 'grammy';
import type { User } from '../../models/schema.js';
import { TRADING_PROVIDERS } from '../../src/services/events/replays.js';
import type { BotContext } from '../context.js';
import { buttonUser, editHtml, HTML } from '../shared.js';
import { describeEvent } from '../../src/services/events/eventWording.js';
import { EVENTS_PAGE_SIZE, eventsPageView } from './eventsView.js';
import { replayCardButtons } from './replayConfirm.js';

/** /events: what reached the user's personal URLs and what became of it, with a replay button. */
export const events = new Composer<BotContext>();

async function page(ctx: BotContext, user: User, number: number) {
  const view = await ctx.deps.events.log.page(user.id, number, EVENTS_PAGE_SIZE);
  return eventsPageView(view, number, (key, variables) => ctx.t(key, variables), user.language);
}

events.command('events', async (ctx) => {
  if (!ctx.user) return;
  const { html, keyboard } = await page(ctx, ctx.user, 1);
  await ctx.reply(html, { ...HTML, ...(keyboard ? { reply_markup: keyboard } : {}) });
});

events.callbackQuery(/^events:page:(\d{1,3})$/, async (ctx) => {
  const user = await buttonUser(ctx);
  if (!user) return;
  const { html, keyboard } = await page(ctx, user, Math.max(1, Number(ctx.match[1])));
  await editHtml(ctx, html, keyboard);
  await ctx.answerCallbackQuery();
});

/**
 * A replay. An event that may place an order asks first (Execute / Skip, see replayConfirm.ts);
 * any other is stored and acted on at once, and its messages come marked as a replay.
 */
events.callbackQuery(/^events:replay:(\d{1,18})$/, async (ctx) => {
  const user = await buttonUser(ctx);
  if (!user) return;
  const eventId = Number(ctx.match[1]);
  const event = await ctx.deps.events.log.event(user.id, eventId);
  if (!event) {
    await ctx.answerCallbackQuery({ text: ctx.t('callback-replay-missing'), show_alert: true });
    return;
  }
  const t = (key: string, variables?: Record<string, string | number>) => ctx.t(key, variables);
  if (TRADING_PROVIDERS.has(event.provider)) {
    const requestId = await ctx.deps.events.confirm.request(user.id, eventId);
    if (requestId === undefined) {
      await ctx.answerCallbackQuery({ text: ctx.t('callback-replay-missing'), show_alert: true });
      return;
    }
    await ctx.reply(ctx.t('replay-confirm', { id: String(eventId), what: describeEvent(event, t) }), {
      ...HTML,
      reply_markup: replayCardButtons(t, requestId),
    });
    await ctx.answerCallbackQuery();
    return;
  }
  const replayId = await ctx.deps.events.replays.replayNow(user.id, eventId);
  await ctx.answerCallbackQuery({
    text: replayId === undefined ? ctx.t('callback-replay-missing') : ctx.t('callback-replay-started', { id: String(eventId), newId: String(replayId) }),
  });
});
