import { Composer, InlineKeyboard } from 'grammy';
import type { Endpoint } from '../../models/schema.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { BotContext } from '../context.js';
import { editHtml, HTML } from '../shared.js';
import { buttonUser } from './url.js';

export const fal = new Composer<BotContext>();

/** Callback data of the buttons. */
export const FAL_ROTATE = 'fal:rotate';
export const FAL_ROTATE_YES = 'fal:rotate:yes';
export const FAL_ROTATE_NO = 'fal:rotate:no';

/** The label shown in the example; any short text works (handlers/fal.ts keeps 64 characters). */
const LABEL_EXAMPLE = 'portrait-42';

/** The user's FAL URL, how to hand it to FAL, and the button to replace it. */
function falView(ctx: BotContext, endpoint: Endpoint): { html: string; keyboard: InlineKeyboard } {
  const url = `${ctx.deps.config.http.publicUrl}/hooks/fal/${endpoint.token}`;
  const html = ctx.t('fal-url-message', {
    url: escapeHtml(url),
    // As a query parameter of FAL's queue URL, the webhook URL must be percent-encoded.
    encodedUrl: escapeHtml(encodeURIComponent(url)),
    labelUrl: escapeHtml(`${url}?label=${LABEL_EXAMPLE}`),
  });
  return { html, keyboard: new InlineKeyboard().text(ctx.t('btn-new-url'), FAL_ROTATE) };
}

fal.command('fal', async (ctx) => {
  // The guard has let through only registered, active users and admins; an admin may be neither.
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const endpoint = await ctx.deps.endpoints.getOrCreate(ctx.user.id, 'fal');
  const { html, keyboard } = falView(ctx, endpoint);
  await ctx.reply(html, { ...HTML, reply_markup: keyboard });
});

fal.callbackQuery(FAL_ROTATE, async (ctx) => {
  if (!(await buttonUser(ctx))) return;
  const keyboard = new InlineKeyboard().text(ctx.t('btn-rotate-yes'), FAL_ROTATE_YES).text(ctx.t('btn-rotate-no'), FAL_ROTATE_NO);
  await editHtml(ctx, ctx.t('fal-rotate-confirm'), keyboard);
  await ctx.answerCallbackQuery();
});

fal.callbackQuery(FAL_ROTATE_YES, async (ctx) => {
  const user = await buttonUser(ctx);
  if (!user) return;
  const endpoint = await ctx.deps.endpoints.rotate(user.id, 'fal');
  const { html, keyboard } = falView(ctx, endpoint);
  await editHtml(ctx, `${ctx.t('fal-url-rotated')}\n\n${html}`, keyboard);
  await ctx.answerCallbackQuery({ text: ctx.t('callback-url-rotated') });
});

fal.callbackQuery(FAL_ROTATE_NO, async (ctx) => {
  const user = await buttonUser(ctx);
  if (!user) return;
  const endpoint = await ctx.deps.endpoints.getOrCreate(user.id, 'fal');
  const { html, keyboard } = falView(ctx, endpoint);
  await editHtml(ctx, html, keyboard);
  await ctx.answerCallbackQuery();
});
