import type pg from 'pg';
import { inTransaction } from '../../../db/transaction.js';
import { escapeHtml } from '../../telegram/html.js';
import { enqueueMessages, type Queryable } from '../../telegram/outbox.js';
import { shown } from '../decimal.js';
import type { Translate } from '../messages.js';
import type { OrderEnd } from './catchUp.js';
import type { Queued, StreamOwner } from './recordExecutions.js';

/**
 * Orders Hookbot itself cancelled (a limit order at its expiry, a `cancel` alert, the card's
 * Cancel orders button), written down as Bybit confirms them so they are never reported as
 * cancelled outside Hookbot.
 */
export async function rememberOwnCancels(client: Queryable, userId: number, orderIds: string[]): Promise<void> {
  const ids = orderIds.filter((id) => id !== '');
  if (ids.length === 0) return;
  await client.query(
    `INSERT INTO bybit_order_reports (user_id, order_id, status) SELECT $1, id, 'hookbot' FROM unnest($2::text[]) AS id ON CONFLICT DO NOTHING`,
    [userId, ids],
  );
}

const number = (value: string) => escapeHtml(/^-?\d+(\.\d+)?$/.test(value) ? shown(value) : value || '—');

/** Bybit's own word for why it ended; its "no error" and "unknown" placeholders say nothing. */
function reasonOf(order: OrderEnd): string {
  const said = (value: string) => (value && value !== 'EC_NoError' && value !== 'UNKNOWN' ? value : '');
  return (order.orderStatus === 'Rejected' ? said(order.rejectReason) || said(order.cancelType) : said(order.cancelType) || said(order.rejectReason)) || '—';
}

/** The chat message for an order that ended on Bybit without Hookbot: what it was, what became of it, what to do. */
export function formatOrderEnd(order: OrderEnd, t: Translate): string {
  const variables = {
    side: t(`trade-side-${order.side.toLowerCase()}`),
    qty: number(order.qty),
    symbol: escapeHtml(order.symbol),
    price: order.orderType === 'Market' || !(Number(order.price) > 0) ? t('trade-price-unknown') : number(order.price),
    market: t(`trade-market-${order.category}`),
    filled: number(order.cumExecQty),
    reason: escapeHtml(reasonOf(order)),
    orderId: escapeHtml(order.orderId),
  };
  const key = order.orderStatus === 'Rejected' ? 'trade-order-rejected-outside' : 'trade-order-cancelled-outside';
  return [t(key, variables), t('trade-fill-late')].join('\n');
}

/**
 * Order ends found by a catch-up, each told once: the insert that takes its order id tells the
 * chat; one already told, or one Hookbot cancelled itself, is skipped. A limit order of Hookbot's
 * that ended so is not cancelled again at its expiry.
 */
export async function recordOrderEnds(pool: pg.Pool, owner: StreamOwner, orders: OrderEnd[], t: Translate): Promise<Queued> {
  if (orders.length === 0) return { now: false, dueMs: [] };
  const unique = [...new Map(orders.map((order) => [order.orderId, order])).values()];
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ order_id: string }>(
      `INSERT INTO bybit_order_reports (user_id, order_id, status)
       SELECT $1, o.order_id, o.status FROM jsonb_to_recordset($2::jsonb) AS o(order_id text, status text)
       ON CONFLICT DO NOTHING RETURNING order_id`,
      [owner.userId, JSON.stringify(unique.map((order) => ({ order_id: order.orderId, status: order.orderStatus })))],
    );
    const fresh = new Set(rows.map((row) => row.order_id));
    const news = unique.filter((order) => fresh.has(order.orderId));
    const links = news.map((order) => order.orderLinkId).filter(Boolean);
    if (links.length > 0) {
      await client.query(`UPDATE limit_orders SET status = 'done' WHERE user_id = $1 AND status = 'open' AND order_link_id = ANY($2::text[])`, [owner.userId, links]);
    }
    await enqueueMessages(client, news.map((order) => ({ chatId: owner.telegramId, html: formatOrderEnd(order, t) })));
    return { now: news.length > 0, dueMs: [] };
  });
}
