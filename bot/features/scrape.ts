import { Composer, InlineKeyboard } from 'grammy';
import { escapeHtml } from '../../src/services/telegram/html.js';
import { ACTIVE_JOBS_PER_USER, TooManyScrapesError } from '../../src/services/scraper/scrapeJobs.js';
import type { BotContext } from '../context.js';
import { editHtml, HTML, isLanguage } from '../shared.js';

export const scrape = new Composer<BotContext>();

/** Callback data of the "new API key" button. */
export const APIKEY_NEW = 'apikey:new';

/** How many places when the user names none. */
export const DEFAULT_SCRAPE_RESULTS = 20;

/** `restaurants in Cairo 20` -> query and count; the count is the last word when it is a number. */
export function parseScrapeArguments(text: string, max: number): { query: string; count: number } | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let count = DEFAULT_SCRAPE_RESULTS;
  const last = words.at(-1);
  if (last && /^\d+$/.test(last)) {
    count = Number(last);
    words.pop();
  }
  const query = words.join(' ');
  if (!query || query.length > 200 || count < 1 || count > max) return undefined;
  return { query, count: Math.min(count, max) };
}

const API_EXAMPLE = '{"query":"restaurants in Cairo","max_results":20,"webhook_url":"https://example.com/hook"}';

scrape.command('scrape', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const max = ctx.deps.config.scrape.maxResults;
  const parsed = parseScrapeArguments(ctx.match, max);
  if (!parsed) {
    await ctx.reply(ctx.t('scrape-usage', { max }), HTML);
    return;
  }
  try {
    // The progress message that follows is the answer: it is edited as the job moves.
    await ctx.deps.scrapes.create({
      userId: ctx.user.id,
      chatId: ctx.chat.id,
      source: 'bot',
      query: parsed.query,
      maxResults: parsed.count,
      language: isLanguage(ctx.user.language) ? ctx.user.language : 'en',
    });
  } catch (error) {
    if (!(error instanceof TooManyScrapesError)) throw error;
    await ctx.reply(ctx.t('scrape-too-many', { count: ACTIVE_JOBS_PER_USER }), HTML);
  }
});

scrape.command('cancel', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const job = await ctx.deps.scrapes.cancelLatest(ctx.user.id);
  if (!job) {
    await ctx.reply(ctx.t('cancel-none'), HTML);
    return;
  }
  await ctx.reply(ctx.t('cancel-requested', { query: escapeHtml(job.query) }), HTML);
});

function newKeyButton(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t('btn-new-apikey'), APIKEY_NEW);
}

async function issuedKeyHtml(ctx: BotContext, userId: number): Promise<string> {
  const { key, webhookSecret } = await ctx.deps.apiKeys.issue(userId, (secret) => ctx.deps.secrets.encrypt(secret));
  return ctx.t('apikey-message', {
    key,
    secret: webhookSecret,
    base: escapeHtml(ctx.deps.config.http.publicUrl),
    example: escapeHtml(API_EXAMPLE),
  });
}

scrape.command('apikey', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const existing = await ctx.deps.apiKeys.find(ctx.user.id);
  const html = existing
    ? ctx.t('apikey-existing', { prefix: escapeHtml(existing.keyPrefix), secret: ctx.deps.secrets.decrypt(existing.webhookSecret) })
    : await issuedKeyHtml(ctx, ctx.user.id);
  await ctx.reply(html, { ...HTML, reply_markup: newKeyButton(ctx) });
});

scrape.callbackQuery(APIKEY_NEW, async (ctx) => {
  if (!ctx.user) {
    await ctx.answerCallbackQuery({ text: ctx.t('callback-need-start'), show_alert: true });
    return;
  }
  if (!ctx.user.active && !ctx.isAdmin) {
    await ctx.answerCallbackQuery({ text: ctx.t('callback-inactive'), show_alert: true });
    return;
  }
  await editHtml(ctx, await issuedKeyHtml(ctx, ctx.user.id), newKeyButton(ctx));
  await ctx.answerCallbackQuery({ text: ctx.t('callback-apikey-new') });
});
