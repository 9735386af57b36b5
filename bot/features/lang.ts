import { Composer, InlineKeyboard } from 'grammy';
import { supportedLanguages } from '../../src/i18n.js';
import type { BotContext } from '../context.js';
import { editHtml, HTML, isLanguage } from '../shared.js';

export const lang = new Composer<BotContext>();

lang.command('lang', async (ctx) => {
  const keyboard = new InlineKeyboard();
  // Each language is named in itself, so anyone can find theirs.
  for (const code of supportedLanguages) keyboard.text(ctx.deps.i18n.t(code, 'lang-name'), `lang:${code}`);
  await ctx.reply(ctx.t('lang-choose'), { ...HTML, reply_markup: keyboard });
});

lang.callbackQuery(/^lang:(.+)$/, async (ctx) => {
  const code = ctx.match[1];
  if (!isLanguage(code)) {
    await ctx.answerCallbackQuery();
    return;
  }
  if (ctx.user) {
    await ctx.deps.users.setLanguage(ctx.user.telegramId, code);
    ctx.user = { ...ctx.user, language: code };
  }
  // Unregistered users get this answer in their language; /start registers them.
  ctx.i18n.useLocale(code);
  await editHtml(ctx, ctx.t(ctx.user ? 'lang-saved' : 'lang-saved-unregistered'));
  await ctx.answerCallbackQuery();
});
