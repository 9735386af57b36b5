import type pg from 'pg';
import { inTransaction } from '../../../db/transaction.js';
import { enqueueMessages } from '../../telegram/outbox.js';
import type { Account } from '../bybit.js';
import { routeFill, routeProtection } from '../cards/tradeCards.js';
import { formatFill, type Translate } from '../messages.js';
import { reconcileFill, reconcilePosition } from '../reconcile/positionWatch.js';
import type { PositionReport } from './accountStream.js';
import type { Execution } from './execution.js';

/** Whose fills these are, and where to tell them. */
export interface StreamOwner {
  userId: number;
  account: Account;
  telegramId: number;
  language: string;
}

/** What a recording queued: messages now, and card edits due in `dueMs` (paced per chat). */
export interface Queued {
  now: boolean;
  dueMs: number[];
  /** Cards whose first take-profit just filled with "stop to breakeven" asked: the stop is to be moved. */
  breakeven?: number[];
}

/**
 * Records fills and tells the chat in one transaction: on the trade's live card when it has
 * one, else as a message of its own. A fill already recorded (the stream and a catch-up both
 * saw it, or two workers overlapped during a takeover) is skipped by its exec_id, so each is
 * told exactly once.
 */
export async function recordExecutions(
  pool: pg.Pool,
  owner: StreamOwner,
  executions: Execution[],
  source: 'stream' | 'catch-up',
  t: Translate,
): Promise<Queued> {
  if (executions.length === 0) return { now: false, dueMs: [] };
  const ordered = [...new Map(executions.map((e) => [e.execId, e])).values()].sort((a, b) => a.execTime - b.execTime);
  return inTransaction(pool, async (client) => {
    // A fill lost with an unflushed commit (a database crash) is found again by the next catch-up,
    // whose cursor cannot have moved past it: no need to wait for the disk on the live path.
    await client.query('SET LOCAL synchronous_commit TO off');
    const { rows } = await client.query<{ exec_id: string }>(
      `INSERT INTO bybit_executions (exec_id, user_id, account, category, symbol, side, order_id, order_link_id, stop_order_type,
                                     exec_price, exec_qty, exec_fee, closed_size, exec_time, source)
       SELECT e.exec_id, $1, $2, e.category, e.symbol, e.side, e.order_id, e.order_link_id, e.stop_order_type,
              e.exec_price, e.exec_qty, e.exec_fee, e.closed_size, to_timestamp(e.exec_time / 1000.0), $3
         FROM jsonb_to_recordset($4::jsonb) AS e(exec_id text, category text, symbol text, side text, order_id text, order_link_id text,
              stop_order_type text, exec_price text, exec_qty text, exec_fee text, closed_size text, exec_time bigint)
       ON CONFLICT (exec_id) DO NOTHING
       RETURNING exec_id`,
      [
        owner.userId,
        owner.account,
        source,
        JSON.stringify(
          ordered.map((e) => ({
            exec_id: e.execId,
            category: e.category,
            symbol: e.symbol,
            side: e.side,
            order_id: e.orderId,
            order_link_id: e.orderLinkId,
            stop_order_type: e.stopOrderType,
            exec_price: e.execPrice,
            exec_qty: e.execQty,
            exec_fee: e.execFee,
            closed_size: e.closedSize,
            exec_time: e.execTime,
          })),
        ),
      ],
    );
    const fresh = new Set(rows.map((row) => row.exec_id));
    const news = ordered.filter((e) => fresh.has(e.execId));
    const alone: Execution[] = [];
    const dueMs: number[] = [];
    const breakeven: number[] = [];
    let told = false;
    for (const execution of news) {
      const route = await routeFill(client, owner, execution, () => t);
      if (route.card) {
        if (route.dueMs !== undefined) dueMs.push(route.dueMs);
        if (route.breakevenDue) breakeven.push(route.cardId);
      } else if (!route.silent) {
        alone.push(execution);
      }
      if (await reconcileFill(client, owner, execution, t)) told = true;
    }
    await enqueueMessages(
      client,
      alone.map((execution) => ({ chatId: owner.telegramId, html: formatFill(execution, { account: owner.account, late: source === 'catch-up' }, t) })),
    );
    return { now: alone.length > 0 || told, dueMs, ...(breakeven.length > 0 ? { breakeven } : {}) };
  });
}

/** A position's report (the `position` topic): its take-profit and stop onto its open card, and compared with what Hookbot expects. */
export async function recordProtection(
  pool: pg.Pool,
  owner: StreamOwner,
  positions: PositionReport[],
  t: Translate,
): Promise<Queued> {
  const dueMs: number[] = [];
  let told = false;
  await inTransaction(pool, async (client) => {
    await client.query('SET LOCAL synchronous_commit TO off');
    for (const position of positions) {
      const due = await routeProtection(client, owner, position, () => t);
      if (due !== undefined) dueMs.push(due);
      // Compared with what Hookbot expects (after the fills that moved it: the stream keeps their order).
      if (await reconcilePosition(client, owner, position, t)) told = true;
    }
  });
  return { now: told, dueMs };
}
