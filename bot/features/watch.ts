import { Composer, InlineKeyboard } from 'grammy';
import { escapeHtml } from '../../src/services/telegram/html.js';
import { scheduleText } from '../../src/services/watches/watchMessages.js';
import { scheduleOf, TooManyWatchesError, Watches, type WatchRow } from '../../src/services/watches/watches.js';
import type { BotContext } from '../context.js';
import { buttonUser, editHtml, HTML, isLanguage } from '../shared.js';
import { parseScrapeArguments } from './scrape.js';

/**
 * `/watch <query> [count]`: a saved search run again daily or weekly; the reply's buttons say when.
 * `/watches`: the user's watches, each with pause/resume and delete buttons.
 */
export const watch = new Composer<BotContext>();

/** The hours the bot offers (the API takes any). */
const HOURS = [6, 9, 12, 18];

const languageOf = (ctx: BotContext) => (isLanguage(ctx.user?.language) ? ctx.user.language : 'en');

watch.command('watch', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const max = ctx.deps.config.scrape.maxResults;
  const parsed = parseScrapeArguments(ctx.match, max);
  if (!parsed) {
    await ctx.reply(ctx.t('watch-usage', { max }), HTML);
    return;
  }
  const draft = await ctx.deps.watches.create({
    userId: ctx.user.id,
    chatId: ctx.chat.id,
    query: parsed.query,
    maxResults: parsed.count,
    language: languageOf(ctx),
  });
  const zone = await ctx.deps.watches.defaultTimeZone(ctx.user.id);
  const keyboard = new InlineKeyboard();
  for (const hour of HOURS) keyboard.text(ctx.t('watch-btn-daily', { time: `${String(hour).padStart(2, '0')}:00` }), `watch:new:${draft.id}:d:${hour}`);
  keyboard.row();
  for (const hour of HOURS) keyboard.text(ctx.t('watch-btn-weekly', { time: `${String(hour).padStart(2, '0')}:00` }), `watch:new:${draft.id}:w:${hour}`);
  await ctx.reply(ctx.t('watch-ask', { query: escapeHtml(parsed.query), count: parsed.count, zone: escapeHtml(zone) }), { ...HTML, reply_markup: keyboard });
});

watch.callbackQuery(/^watch:new:([A-Za-z0-9_-]{1,32}):([dw]):(\d{1,2})$/, async (ctx) => {
  const user = await buttonUser(ctx);
  if (!user) return;
  const [, id = '', frequency, hour] = ctx.match;
  const timeZone = await ctx.deps.watches.defaultTimeZone(user.id);
  const schedule = {
    frequency: frequency === 'w' ? ('weekly' as const) : ('daily' as const),
    hour: Math.min(23, Number(hour)),
    weekday: frequency === 'w' ? Watches.weekdayNow(timeZone) : null,
    timeZone,
  };
  const started = await ctx.deps.watches.activate(user.id, id, schedule);
  if (started instanceof TooManyWatchesError) {
    await ctx.answerCallbackQuery({ text: ctx.t('watch-too-many', { count: started.limit }), show_alert: true });
    return;
  }
  if (!started) {
    await ctx.answerCallbackQuery({ text: ctx.t('callback-watch-missing'), show_alert: true });
    return;
  }
  const language = languageOf(ctx);
  await editHtml(ctx, ctx.t('watch-started', { query: escapeHtml(started.query), schedule: scheduleText(ctx.deps.i18n.t.bind(ctx.deps.i18n), language, schedule) }));
  await ctx.answerCallbackQuery();
});

/** The list and its buttons: one row per watch. */
function listView(ctx: BotContext, watches: WatchRow[]): { html: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  if (watches.length === 0) return { html: ctx.t('watches-none'), keyboard };
  const language = languageOf(ctx);
  const t = ctx.deps.i18n.t.bind(ctx.deps.i18n);
  const lines = watches.map((item, index) => {
    const status = item.status === 'paused' ? ctx.t('watches-paused') : ctx.t('watches-next', { at: item.next_run_at ? `${item.next_run_at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—' });
    return ctx.t('watches-item', { number: index + 1, query: escapeHtml(item.query), count: item.max_results, schedule: scheduleText(t, language, scheduleOf(item)), status });
  });
  watches.forEach((item, index) => {
    keyboard
      .text(item.status === 'paused' ? ctx.t('watch-btn-resume', { number: index + 1 }) : ctx.t('watch-btn-pause', { number: index + 1 }), `watch:${item.status === 'paused' ? 'resume' : 'pause'}:${item.id}`)
      .text(ctx.t('watch-btn-delete', { number: index + 1 }), `watch:del:${item.id}`)
      .row();
  });
  return { html: [ctx.t('watches-title', { count: watches.length }), ...lines].join('\n\n'), keyboard };
}

watch.command('watches', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const { html, keyboard } = listView(ctx, await ctx.deps.watches.list(ctx.user.id));
  await ctx.reply(html, { ...HTML, reply_markup: keyboard });
});

watch.callbackQuery(/^watch:(pause|resume|del):([A-Za-z0-9_-]{1,32})$/, async (ctx) => {
  const user = await buttonUser(ctx);
  if (!user) return;
  const [, action, id = ''] = ctx.match;
  const done = action === 'del' ? await ctx.deps.watches.remove(user.id, id) : Boolean(await ctx.deps.watches.setPaused(user.id, id, action === 'pause'));
  const { html, keyboard } = listView(ctx, await ctx.deps.watches.list(user.id));
  await editHtml(ctx, html, keyboard);
  await ctx.answerCallbackQuery(done ? { text: ctx.t(`callback-watch-${action}`) } : { text: ctx.t('callback-watch-missing'), show_alert: true });
});
