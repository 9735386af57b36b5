import { Composer, InlineKeyboard } from 'grammy';
import type { Endpoint, User } from '../../models/schema.js';
import { publicUrlProblems } from '../../src/publicUrl.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { BotContext } from '../context.js';
import { editHtml, HTML, TRADINGVIEW_EXAMPLE } from '../shared.js';

export const url = new Composer<BotContext>();

/** Callback data of the buttons; the lead's end-to-end tests press them by these strings. */
export const URL_ROTATE = 'url:rotate';
export const URL_ROTATE_YES = 'url:rotate:yes';
export const URL_ROTATE_NO = 'url:rotate:no';

function urlView(ctx: BotContext, endpoint: Endpoint): { html: string; keyboard: InlineKeyboard } {
  const base = ctx.deps.config.http.publicUrl;
  const html = ctx.t('url-message', {
    url: escapeHtml(`${base}/hooks/tradingview/${endpoint.token}`),
    legacyUrl: escapeHtml(`${base}/personal/${endpoint.token}/webhook`),
    example: escapeHtml(TRADINGVIEW_EXAMPLE),
  });
  const warning = ctx.isAdmin ? publicUrlWarning(ctx) : undefined;
  return { html: warning ? `${html}\n\n${warning}` : html, keyboard: new InlineKeyboard().text(ctx.t('btn-new-url'), URL_ROTATE) };
}

/** For admins, who can fix it: why the URLs above cannot be reached from outside, if they cannot. */
function publicUrlWarning(ctx: BotContext): string | undefined {
  const problems = publicUrlProblems(ctx.deps.config.http);
  if (problems.length === 0) return undefined;
  return ctx.t('url-public-url-warning', { reasons: problems.map((problem) => ctx.t(`public-url-reason-${problem}`)).join('\n') });
}

url.command('url', async (ctx) => {
  // The guard has let through only registered, active users and admins; an admin may be neither.
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const endpoint = await ctx.deps.endpoints.getOrCreate(ctx.user.id, 'tradingview');
  const { html, keyboard } = urlView(ctx, endpoint);
  await ctx.reply(html, { ...HTML, reply_markup: keyboard });
});

/** The user behind a button press when they may use it; otherwise answers with an alert. */
export async function buttonUser(ctx: BotContext): Promise<User | undefined> {
  if (!ctx.user) {
    await ctx.answerCallbackQuery({ text: ctx.t('callback-need-start'), show_alert: true });
    return undefined;
  }
  if (!ctx.user.active && !ctx.isAdmin) {
    await ctx.answerCallbackQuery({ text: ctx.t('callback-inactive'), show_alert: true });
    return undefined;
  }
  return ctx.user;
}

url.callbackQuery(URL_ROTATE, async (ctx) => {
  if (!(await buttonUser(ctx))) return;
  const keyboard = new InlineKeyboard()
    .text(ctx.t('btn-rotate-yes'), URL_ROTATE_YES)
    .text(ctx.t('btn-rotate-no'), URL_ROTATE_NO);
  await editHtml(ctx, ctx.t('url-rotate-confirm'), keyboard);
  await ctx.answerCallbackQuery();
});

url.callbackQuery(URL_ROTATE_YES, async (ctx) => {
  const user = await buttonUser(ctx);
  if (!user) return;
  const endpoint = await ctx.deps.endpoints.rotate(user.id, 'tradingview');
  const { html, keyboard } = urlView(ctx, endpoint);
  await editHtml(ctx, `${ctx.t('url-rotated')}\n\n${html}`, keyboard);
  await ctx.answerCallbackQuery({ text: ctx.t('callback-url-rotated') });
});

url.callbackQuery(URL_ROTATE_NO, async (ctx) => {
  const user = await buttonUser(ctx);
  if (!user) return;
  const endpoint = await ctx.deps.endpoints.getOrCreate(user.id, 'tradingview');
  const { html, keyboard } = urlView(ctx, endpoint);
  await editHtml(ctx, html, keyboard);
  await ctx.answerCallbackQuery();
});
