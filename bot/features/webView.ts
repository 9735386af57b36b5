import { Composer, InlineKeyboard } from 'grammy';
import { signLink } from '../../handlers/webAppAuth.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { BotContext } from '../context.js';
import { HTML } from '../shared.js';

/** Where the web view is served (src/server/routes/webView.ts). */
export const WEB_VIEW_PATH = '/app';

/**
 * /web: the live view as a Mini App button (Telegram opens web_app buttons only on https), and a
 * link signed for this user that opens the same page in any browser for a while. The link's
 * token is in the fragment, so it never reaches a server log or a Referer.
 */
export const webView = new Composer<BotContext>();

webView.command('web', async (ctx) => {
  if (!ctx.user) return;
  const { http, webView: settings, telegram } = ctx.deps.config;
  const pageUrl = `${http.publicUrl}${WEB_VIEW_PATH}`;
  const expiresAt = Math.floor(Date.now() / 1000) + settings.linkMinutes * 60;
  const link = `${pageUrl}#link=${signLink(ctx.user.telegramId, expiresAt, telegram.token)}`;
  const https = http.publicUrl.startsWith('https://');
  const lines = [ctx.t('web-intro'), ctx.t('web-link', { minutes: settings.linkMinutes, url: escapeHtml(link) })];
  if (!https) lines.push(ctx.t('web-needs-https'));
  await ctx.reply(lines.join('\n\n'), {
    ...HTML,
    link_preview_options: { is_disabled: true },
    ...(https ? { reply_markup: new InlineKeyboard().webApp(ctx.t('btn-web-open'), pageUrl) } : {}),
  });
});
