import { Composer } from 'grammy';
import type { TradingViewAlert } from '../../handlers/tradingview.js';
import { escapeHtml } from '../../src/services/telegram/html.js';
import { reasonVariables } from '../../src/services/trading/messages.js';
import type { Outcome } from '../../src/services/trading/placeSignal.js';
import type { BotContext } from '../context.js';
import { formatDate, HTML } from '../shared.js';

export const orders = new Composer<BotContext>();

const SHOWN = 10;

/** One line per signal: when, what, and what became of it. */
orders.command('orders', async (ctx) => {
  if (!ctx.user) {
    await ctx.reply(ctx.t('need-start'), HTML);
    return;
  }
  const signals = await ctx.deps.trading.signals.recent(ctx.user.id, SHOWN);
  if (signals.length === 0) {
    await ctx.reply(ctx.t('orders-empty'), HTML);
    return;
  }
  const lines = [ctx.t('orders-title', { count: signals.length })];
  for (const signal of signals) {
    const alert = signal.alert as TradingViewAlert;
    const outcome = signal.outcome as Outcome | null;
    const symbol = outcome?.symbol ?? alert.symbol;
    let result: string;
    if (outcome?.status === 'placed') {
      const open = outcome.orders.at(-1);
      result = ctx.t('orders-placed', {
        qty: escapeHtml(open?.qty ?? ''),
        price: escapeHtml(open?.avgPrice ?? ctx.t('trade-price-unknown')),
        orderId: escapeHtml(open?.orderId || open?.orderLinkId || ''),
      });
    } else if (outcome) {
      result = `${ctx.t(`orders-status-${outcome.status}`)}: ${ctx.t(`trade-reason-${outcome.reason}`, reasonVariables(outcome.details))}`;
    } else {
      result = ctx.t(signal.status === 'skipped' ? 'orders-status-skipped' : 'orders-status-pending');
    }
    lines.push(
      ctx.t('orders-line', {
        date: formatDate(signal.createdAt),
        action: ctx.t(`action-${alert.action}`),
        symbol: escapeHtml(symbol ?? ctx.t('alert-no-symbol')),
        result,
      }) + (signal.replayOf !== null ? ` ${ctx.t('orders-replay', { id: String(signal.replayOf) })}` : ''),
    );
  }
  await ctx.reply(lines.join('\n'), HTML);
});
