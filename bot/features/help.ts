import { Composer } from 'grammy';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { BotContext } from '../context.js';
import { HTML, TRADINGVIEW_EXAMPLE } from '../shared.js';

export const help = new Composer<BotContext>();

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/**
 * The whole /help as Telegram messages (each at most 4096 characters in every language): the
 * URLs, FAL, messengers and scrapes first, then trading (and, for an admin, the admin commands),
 * so each part has room to grow without pushing the other past the limit.
 */
export function helpText(t: Translate, options: { dedupeWindowSeconds: number; scrapeMaxResults: number; admin: boolean }): string[] {
  const general = [
    t('help-text', { example: escapeHtml(TRADINGVIEW_EXAMPLE), window: options.dedupeWindowSeconds }),
    t('help-fal'),
    t('help-messengers'),
    t('help-scrape', { max: options.scrapeMaxResults }),
  ];
  const trading = [t('help-trading'), ...(options.admin ? [t('help-admin')] : [])];
  return [general.join('\n\n'), trading.join('\n\n')];
}

help.command('help', async (ctx) => {
  const messages = helpText(ctx.t, {
    dedupeWindowSeconds: ctx.deps.config.hooks.dedupeWindowSeconds,
    scrapeMaxResults: ctx.deps.config.scrape.maxResults,
    admin: ctx.isAdmin,
  });
  for (const html of messages) await ctx.reply(html, HTML);
});
