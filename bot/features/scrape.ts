import { Composer, InlineKeyboard, type CommandContext } from 'grammy';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { ScrapeArea } from '../../models/schema.js';
import { areaRequestProblem } from '../../src/services/scraper/areaGrid.js';
import { ACTIVE_JOBS_PER_USER, TooManyScrapesError } from '../../src/services/scraper/scrapeJobs.js';
import { parsePlaceList, placeItemsOfText, placeListLabel } from '../../handlers/mapsPlaceInput.js';
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

/**
 * `cafes | Kazan` or `cafes | 55.70,49.00,55.85,49.27 | 2`: what to look for, then the area (a place,
 * or a box south,west,north,east), then optionally the cell size in km (else capped cells are
 * split). A bar keeps it clear in every language where the query ends and the place begins.
 */
export function parseAreaArguments(text: string): { query: string; area: ScrapeArea } | { error: 'usage' } | undefined {
  if (!text.includes('|')) return undefined;
  const [what = '', where = '', size, ...rest] = text.split('|').map((part) => part.trim());
  if (!what || what.length > 200 || !where || where.length > 200 || rest.length > 0) return { error: 'usage' };
  let cellKm: number | undefined;
  if (size !== undefined) {
    cellKm = Number(size.replace(',', '.'));
    if (!size || !Number.isFinite(cellKm)) return { error: 'usage' };
  }
  const numbers = where.split(/\s*[,;\s]\s*/).filter(Boolean);
  const bbox =
    numbers.length === 4 && numbers.every((part) => /^-?\d+(\.\d+)?$/.test(part)) ? (numbers.map(Number) as [number, number, number, number]) : undefined;
  const area: ScrapeArea = bbox ? { bbox } : { place: where };
  if (cellKm !== undefined) area.cell_km = cellKm;
  else area.split = 'auto';
  return { query: what, area };
}

const API_EXAMPLE = '{"query":"restaurants in Cairo","max_results":20,"webhook_url":"https://example.com/hook"}';

/** `/scrape` finds any places; `/scrapenew` leaves out those the user already got from earlier scrapes. */
async function startScrape(ctx: CommandContext<BotContext>, skipKnown: boolean): Promise<void> {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const items = placeItemsOfText(ctx.match);
  // Links or place ids instead of a query: each place is opened directly.
  if (items.length > 0 && items.every((item) => /^(https?:\/\/|ChIJ)/i.test(item))) {
    await startPlaceList(ctx, items);
    return;
  }
  const max = ctx.deps.config.scrape.maxResults;
  const areaRequest = parseAreaArguments(ctx.match);
  if (areaRequest) {
    await startAreaScrape(ctx, areaRequest, skipKnown);
    return;
  }
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
      skipKnown,
    });
  } catch (error) {
    if (!(error instanceof TooManyScrapesError)) throw error;
    await ctx.reply(ctx.t('scrape-too-many', { count: ACTIVE_JOBS_PER_USER }), HTML);
  }
}

/** `/scrape <link or id> <link or id> …`: enriches a known list of places. */
async function startPlaceList(ctx: CommandContext<BotContext>, items: string[]): Promise<void> {
  const user = ctx.user!;
  const { placeListMax, mapsBaseUrl } = ctx.deps.config.scrape;
  if (items.length > placeListMax) {
    await ctx.reply(ctx.t('scrape-places-too-many', { max: placeListMax, count: items.length }), HTML);
    return;
  }
  const { places, problems } = parsePlaceList(items, new URL(mapsBaseUrl).host);
  if (problems.length > 0) {
    await ctx.reply(ctx.t('scrape-places-bad', { problems: escapeHtml(problems.slice(0, 5).join('\n')) }), HTML);
    return;
  }
  try {
    await ctx.deps.scrapes.create({
      userId: user.id,
      chatId: ctx.chat.id,
      source: 'bot',
      query: placeListLabel(places.length),
      maxResults: places.length,
      language: isLanguage(user.language) ? user.language : 'en',
      places,
    });
  } catch (error) {
    if (!(error instanceof TooManyScrapesError)) throw error;
    await ctx.reply(ctx.t('scrape-too-many', { count: ACTIVE_JOBS_PER_USER }), HTML);
  }
}

async function startAreaScrape(
  ctx: CommandContext<BotContext>,
  request: { query: string; area: ScrapeArea } | { error: 'usage' },
  skipKnown: boolean,
): Promise<void> {
  if (!ctx.user) return;
  if ('error' in request) {
    await ctx.reply(ctx.t('scrape-usage', { max: ctx.deps.config.scrape.maxResults }), HTML);
    return;
  }
  const limits = ctx.deps.config.scrape.area;
  const problem = areaRequestProblem(request.area, limits);
  if (problem) {
    await ctx.reply(ctx.t('scrape-area-refused', { error: escapeHtml(problem) }), HTML);
    return;
  }
  try {
    await ctx.deps.scrapes.create({
      userId: ctx.user.id,
      chatId: ctx.chat.id,
      source: 'bot',
      query: request.query,
      maxResults: limits.maxPlaces,
      language: isLanguage(ctx.user.language) ? ctx.user.language : 'en',
      skipKnown,
      area: request.area,
    });
  } catch (error) {
    if (!(error instanceof TooManyScrapesError)) throw error;
    await ctx.reply(ctx.t('scrape-too-many', { count: ACTIVE_JOBS_PER_USER }), HTML);
  }
}

scrape.command('scrape', (ctx) => startScrape(ctx, false));
scrape.command('scrapenew', (ctx) => startScrape(ctx, true));

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
