import { Composer } from 'grammy';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { BotContext } from '../context.js';
import { HTML, TRADINGVIEW_EXAMPLE } from '../shared.js';

export const help = new Composer<BotContext>();

help.command('help', async (ctx) => {
  const parts = [
    ctx.t('help-text', {
      example: escapeHtml(TRADINGVIEW_EXAMPLE),
      window: ctx.deps.config.hooks.dedupeWindowSeconds,
    }),
    ctx.t('help-fal'),
    ctx.t('help-messengers'),
    ctx.t('help-scrape', { max: ctx.deps.config.scrape.maxResults }),
  ];
  parts.push(ctx.t('help-trading'));
  if (ctx.isAdmin) parts.push(ctx.t('help-admin'));
  await ctx.reply(parts.join('\n\n'), HTML);
});
