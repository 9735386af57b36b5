import { Composer, InlineKeyboard } from 'grammy';
import { formatPositions, formatProblem } from '../../src/services/trading/account/accountViews.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import type { Account } from '../../src/services/trading/bybit.js';
import type { OpenPosition } from '../../src/services/trading/account/bybitReads.js';
import type { BotContext } from '../context.js';
import { buttonUser, editHtml, HTML } from '../shared.js';

/**
 * /positions: the open futures positions of the account the user trades on, a page at a time,
 * each with a Close button (a reduce-only market order for what is open when it is pressed).
 */
export const positions = new Composer<BotContext>();

/** `pos:p:<page>` turns the page; `pos:c:<d|r>:<positionIdx>:<B|S>:<symbol>` closes one position. */
const PAGE_DATA = /^pos:p:(\d{1,4})$/;
const CLOSE_DATA = /^pos:c:([dr]):([012]):([BS]):([A-Z0-9]{2,30})$/;

function closeData(account: Account, position: OpenPosition): string {
  return `pos:c:${account === 'real' ? 'r' : 'd'}:${position.positionIdx}:${position.side === 'Buy' ? 'B' : 'S'}:${position.symbol}`;
}

/** The page as text and buttons; a problem reading Bybit as text alone. */
async function positionsPage(ctx: BotContext, userId: number, page: number): Promise<{ html: string; keyboard?: InlineKeyboard }> {
  const read = await ctx.deps.trading.reports.positions(userId);
  if (!read.ok) return { html: formatProblem(read.problem, read.account, ctx.t) };
  const view = formatPositions(read.value, read.account, page, ctx.t);
  const keyboard = new InlineKeyboard();
  for (const position of view.shown) {
    const side = ctx.t(position.side === 'Buy' ? 'positions-side-long' : 'positions-side-short');
    keyboard.text(ctx.t('btn-position-close', { symbol: position.symbol, side }), closeData(read.account, position)).row();
  }
  if (view.pages > 1) {
    if (view.page > 0) keyboard.text(ctx.t('btn-positions-prev'), `pos:p:${view.page - 1}`);
    if (view.page < view.pages - 1) keyboard.text(ctx.t('btn-positions-next'), `pos:p:${view.page + 1}`);
  }
  return { html: view.html, keyboard };
}

positions.command('positions', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  await ctx.replyWithChatAction('typing').catch(() => undefined);
  const { html, keyboard } = await positionsPage(ctx, ctx.user.id, 0);
  await ctx.reply(html, { ...HTML, ...(keyboard ? { reply_markup: keyboard } : {}) });
});

positions.callbackQuery(PAGE_DATA, async (ctx) => {
  const user = await buttonUser(ctx);
  if (!user) return;
  const { html, keyboard } = await positionsPage(ctx, user.id, Number(ctx.match[1]));
  await editHtml(ctx, html, keyboard);
  await ctx.answerCallbackQuery();
});

positions.callbackQuery(CLOSE_DATA, async (ctx) => {
  const user = await buttonUser(ctx);
  if (!user) return;
  const [, account, positionIdx, side, symbol] = ctx.match as RegExpMatchArray;
  const target = { account: (account === 'r' ? 'real' : 'demo') as Account, positionIdx: Number(positionIdx), side: side === 'B' ? ('Buy' as const) : ('Sell' as const), symbol: symbol as string };
  const result = await ctx.deps.trading.closer.close(user.id, target);
  switch (result.kind) {
    case 'busy':
      await ctx.answerCallbackQuery({ text: ctx.t('callback-position-busy') });
      return;
    case 'nothing':
      await ctx.answerCallbackQuery({ text: ctx.t('callback-position-nothing', { symbol: result.symbol }), show_alert: true });
      return;
    case 'failed':
      await ctx.answerCallbackQuery({ text: ctx.t('callback-position-failed') });
      await ctx.reply(formatProblem(result.problem, target.account, ctx.t), HTML);
      return;
    case 'closed':
      await ctx.answerCallbackQuery({ text: ctx.t('callback-position-closed', { symbol: result.symbol }) });
      await ctx.reply(
        ctx.t('position-closed', {
          symbol: escapeHtml(result.symbol),
          side: ctx.t(`trade-side-${result.side.toLowerCase()}`),
          qty: escapeHtml(result.qty),
          price: escapeHtml(result.avgPrice ?? ctx.t('trade-price-unknown')),
          orderId: escapeHtml(result.orderId),
          account: ctx.t(`trade-account-${target.account}`),
        }),
        HTML,
      );
      return;
  }
});
