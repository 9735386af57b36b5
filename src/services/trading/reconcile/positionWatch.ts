import { linkBaseOf } from '../cards/tradeCards.js';
import { escapeHtml } from '../../telegram/html.js';
import { enqueueMessages, type Queryable } from '../../telegram/outbox.js';
import { shown } from '../decimal.js';
import type { Translate } from '../messages.js';
import type { Execution } from '../stream/execution.js';

/**
 * What Hookbot expects of a futures position against what Bybit reports. Hookbot's expectation
 * is the side its own orders left (`expected_side`: set by its opening fills, cleared when the
 * position goes flat through its own order or a take-profit/stop it attached). A mismatch is a
 * divergence, told to the user once (the kind is kept until the state matches again):
 *
 * - closed-outside: the position went flat through an order Hookbot did not place and no
 *   take-profit or stop (the Bybit app, the website, a liquidation).
 * - grew-outside: an order Hookbot did not place added to the position it holds.
 * - side-differs: Bybit holds the other side from what Hookbot's orders left.
 * - missed-alert: a close alert found no position while Hookbot's last order left one open.
 *
 * Only one-way positions (positionIdx 0) are compared: in hedge mode both sides are held apart.
 */
export type Divergence = 'closed-outside' | 'grew-outside' | 'side-differs' | 'missed-alert';

export interface WatchOwner {
  userId: number;
  account: string;
  telegramId: number;
}

interface WatchRow {
  expected_side: string;
  bybit_side: string;
  bybit_size: string;
  divergence: Divergence | null;
}

/** The symbol's row, locked for this transaction (created flat on first use). */
async function lockWatch(client: Queryable, owner: WatchOwner, symbol: string): Promise<WatchRow> {
  await client.query(`INSERT INTO trade_reconciliation (user_id, account, symbol) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [owner.userId, owner.account, symbol]);
  const { rows } = await client.query<WatchRow>(
    `SELECT expected_side, bybit_side, bybit_size, divergence FROM trade_reconciliation WHERE user_id = $1 AND account = $2 AND symbol = $3 FOR UPDATE`,
    [owner.userId, owner.account, symbol],
  );
  return rows[0] as WatchRow;
}

async function save(client: Queryable, owner: WatchOwner, symbol: string, change: Partial<Record<'expected_side' | 'bybit_side' | 'bybit_size', string>> & { divergence?: Divergence | null }): Promise<void> {
  const columns = Object.keys(change) as Array<keyof typeof change>;
  if (columns.length === 0) return;
  const sets = columns.map((column, index) => `${column} = $${index + 4}`).join(', ');
  await client.query(`UPDATE trade_reconciliation SET ${sets}, updated_at = now() WHERE user_id = $1 AND account = $2 AND symbol = $3`, [
    owner.userId,
    owner.account,
    symbol,
    ...columns.map((column) => change[column] ?? null),
  ]);
}

const sideWord = (side: string, t: Translate) => t(side === 'Sell' ? 'reconcile-side-short' : 'reconcile-side-long');

/** Tells the user of a divergence unless it is the one already told; true when a message was queued. */
async function tell(client: Queryable, owner: WatchOwner, symbol: string, row: WatchRow, kind: Divergence, variables: Record<string, string>, t: Translate): Promise<boolean> {
  if (row.divergence === kind) return false;
  await save(client, owner, symbol, { divergence: kind });
  await enqueueMessages(client, [{ chatId: owner.telegramId, html: t(`reconcile-${kind}`, { symbol: escapeHtml(symbol), ...variables }) }]);
  return true;
}

/** Was this order Hookbot's (its link id names one of the user's signals)? */
async function isOurs(client: Queryable, userId: number, orderLinkId: string): Promise<boolean> {
  const base = linkBaseOf(orderLinkId);
  if (!base) return false;
  const { rows } = await client.query(`SELECT 1 FROM trade_signals WHERE user_id = $1 AND order_link_id = $2`, [userId, base]);
  return rows.length > 0;
}

/**
 * A `position` message, in the transaction that records it (after the fills that caused it: the
 * stream hands them over in order). Returns true when a message was queued.
 */
export async function reconcilePosition(
  client: Queryable,
  owner: WatchOwner,
  position: { symbol: string; side: string; size: string; positionIdx: number },
  t: Translate,
): Promise<boolean> {
  if (position.positionIdx !== 0) return false;
  const row = await lockWatch(client, owner, position.symbol);
  const flat = position.side === '' || Number(position.size) === 0;
  await save(client, owner, position.symbol, { bybit_side: flat ? '' : position.side, bybit_size: flat ? '0' : position.size });
  if (flat) {
    if (row.expected_side === '') {
      if (row.divergence !== null && row.divergence !== 'closed-outside') await save(client, owner, position.symbol, { divergence: null });
      return false;
    }
    // Expected open and now flat: by whom? The fill that closed it was recorded just before; none
    // since the position's last opening fill means it went by a trade Bybit does not list as one
    // (a liquidation, an auto-deleveraging).
    const { rows } = await client.query<{ order_link_id: string; stop_order_type: string }>(
      `SELECT e.order_link_id, e.stop_order_type FROM bybit_executions e
        WHERE e.user_id = $1 AND e.account = $2 AND e.symbol = $3 AND e.category = 'linear' AND e.closed_size::numeric > 0
          AND e.exec_time >= coalesce((SELECT max(o.exec_time) FROM bybit_executions o
                                        WHERE o.user_id = $1 AND o.account = $2 AND o.symbol = $3 AND o.category = 'linear'
                                          AND o.closed_size::numeric = 0), '-infinity')
        ORDER BY e.exec_time DESC, e.created_at DESC LIMIT 1`,
      [owner.userId, owner.account, position.symbol],
    );
    const last = rows[0];
    const byHookbot = last !== undefined && (last.stop_order_type !== '' || (await isOurs(client, owner.userId, last.order_link_id)));
    await save(client, owner, position.symbol, { expected_side: '' });
    if (byHookbot) {
      await save(client, owner, position.symbol, { divergence: null });
      return false;
    }
    return tell(client, owner, position.symbol, row, 'closed-outside', { side: sideWord(row.expected_side, t) }, t);
  }
  if (position.side === row.expected_side) {
    // The side matches again; a position grown outside Hookbot stays grown (and told once) until it
    // closes, whatever position messages come between its fills.
    if (row.divergence !== null && row.divergence !== 'grew-outside') await save(client, owner, position.symbol, { divergence: null });
    return false;
  }
  if (row.expected_side === '') return false;
  return tell(
    client,
    owner,
    position.symbol,
    row,
    'side-differs',
    { expected: sideWord(row.expected_side, t), actual: sideWord(position.side, t), size: escapeHtml(shown(position.size)) },
    t,
  );
}

/**
 * A futures fill, in the transaction that records it: Hookbot's own opening fill sets what it
 * expects; an opening fill of an order Hookbot did not place, on the side it holds, is a
 * position grown outside it. Returns true when a message was queued.
 */
export async function reconcileFill(client: Queryable, owner: WatchOwner, fill: Execution, t: Translate): Promise<boolean> {
  if (fill.category !== 'linear' || Number(fill.closedSize) > 0) return false;
  const ours = await isOurs(client, owner.userId, fill.orderLinkId);
  const row = await lockWatch(client, owner, fill.symbol);
  if (ours) {
    const cleared = row.divergence === 'grew-outside' || row.divergence === 'side-differs' ? {} : { divergence: null };
    await save(client, owner, fill.symbol, { expected_side: fill.side, ...cleared });
    return false;
  }
  if (fill.stopOrderType !== '' || row.expected_side !== fill.side) return false;
  return tell(client, owner, fill.symbol, row, 'grew-outside', { side: sideWord(fill.side, t), qty: escapeHtml(shown(fill.execQty)) }, t);
}

/**
 * After a futures signal's outcome: a close alert that found nothing while Hookbot's last order
 * left a position open means the position went away unseen (closed outside Hookbot while the
 * connection was down) or an alert in between was missed. Returns true when a message was queued.
 */
export async function reconcileSignal(
  client: Queryable,
  owner: WatchOwner,
  outcome: { symbol: string | null; market: string; status: string; reason?: string; orders?: Array<{ role: string; side: string; avgPrice: string | null }> },
  t: Translate,
): Promise<boolean> {
  if (outcome.market !== 'linear' || !outcome.symbol) return false;
  if (outcome.status === 'nothing' && outcome.reason === 'nothing-to-close') {
    const row = await lockWatch(client, owner, outcome.symbol);
    if (row.expected_side === '') return false;
    await save(client, owner, outcome.symbol, { expected_side: '' });
    return tell(client, owner, outcome.symbol, row, 'missed-alert', { side: sideWord(row.expected_side, t) }, t);
  }
  // The opening order filled: expected on its side even if its fill never comes over the stream.
  const opened = outcome.status === 'placed' ? outcome.orders?.find((order) => order.role === 'open' && order.avgPrice !== null) : undefined;
  if (opened) {
    // lockWatch and save in one statement (the upsert locks the row as lockWatch does).
    await client.query(
      `INSERT INTO trade_reconciliation (user_id, account, symbol, expected_side) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, account, symbol) DO UPDATE SET expected_side = excluded.expected_side, updated_at = now()`,
      [owner.userId, owner.account, outcome.symbol, opened.side],
    );
  }
  return false;
}
