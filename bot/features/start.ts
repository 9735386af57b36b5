import { Composer } from 'grammy';
import { pickLanguage } from '../../src/i18n.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { BotContext } from '../context.js';
import { HTML, languageFor } from '../shared.js';

export const start = new Composer<BotContext>();

/** Registers the user (or refreshes their profile) and makes sure their TradingView URL exists. */
start.command('start', async (ctx) => {
  const from = ctx.from;
  if (!from) return;
  const { deps } = ctx;
  const { user, created } = await deps.users.register(
    { telegramId: from.id, username: from.username, firstName: from.first_name, language: pickLanguage(from.language_code) },
    deps.config.newUsersActive,
  );
  ctx.user = user;
  ctx.i18n.useLocale(languageFor(user, from.language_code));
  await deps.endpoints.getOrCreate(user.id, 'tradingview');

  const name = escapeHtml(from.first_name);
  const parts = [ctx.t(created ? 'start-welcome-new' : 'start-welcome-back', { name })];
  if (!user.active) parts.push(ctx.t(created ? 'start-pending' : 'account-inactive'));
  await ctx.reply(parts.join('\n\n'), HTML);
});
