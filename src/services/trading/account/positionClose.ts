import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Account, BybitSession } from '../bybit.js';
import { readSymbolPositions } from './bybitReads.js';
import { problemOf, type AccountProblem, type AccountReports } from './accountReports.js';

type Answer<T> = { retCode: number; retMsg: string; result: T };

/** What a Close press on /positions came to. */
export type CloseResult =
  | { kind: 'closed'; symbol: string; side: 'Buy' | 'Sell'; qty: string; orderId: string; avgPrice: string | null }
  /** Another press of this position is at Bybit right now. */
  | { kind: 'busy' }
  /** Nothing open on that side any more (closed already, by an earlier press or elsewhere). */
  | { kind: 'nothing'; symbol: string }
  | { kind: 'failed'; problem: AccountProblem };

/** How long a press holds its position against another press while it talks to Bybit. */
const HOLD_SECONDS = 30;

/**
 * Closes one futures position with a reduce-only market order, from a /positions button. The
 * press takes the position in the database first (a second press, in any process, is told to
 * wait), then reads the position again and closes only what is open now on the side the button
 * showed: a position closed since, or turned around, is not traded. Reduce-only makes sure the
 * order can only shrink the position, never open one the other way.
 */
export class PositionCloser {
  constructor(private readonly options: { pool: pg.Pool; reports: AccountReports }) {}

  async close(userId: number, target: { account: Account; symbol: string; positionIdx: number; side: 'Buy' | 'Sell' }): Promise<CloseResult> {
    const { pool } = this.options;
    const { rows } = await pool.query(
      `INSERT INTO position_closes (user_id, account, symbol, position_idx, busy_until) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
       ON CONFLICT (user_id, account, symbol, position_idx) DO UPDATE SET busy_until = EXCLUDED.busy_until
        WHERE position_closes.busy_until IS NULL OR position_closes.busy_until < now()
       RETURNING 1`,
      [userId, target.account, target.symbol, target.positionIdx, HOLD_SECONDS],
    );
    if (rows.length === 0) return { kind: 'busy' };
    try {
      return await this.closeHeld(userId, target);
    } finally {
      await pool.query(`UPDATE position_closes SET busy_until = NULL WHERE user_id = $1 AND account = $2 AND symbol = $3 AND position_idx = $4`, [
        userId,
        target.account,
        target.symbol,
        target.positionIdx,
      ]);
    }
  }

  private async closeHeld(userId: number, target: { account: Account; symbol: string; positionIdx: number; side: 'Buy' | 'Sell' }): Promise<CloseResult> {
    const session = await this.options.reports.sessionOf(userId, target.account);
    if (!session) return { kind: 'failed', problem: { reason: 'no-keys', detail: '' } };
    try {
      const now = await readSymbolPositions(session, target.symbol);
      const open = now.find((position) => position.positionIdx === target.positionIdx && position.side === target.side);
      if (!open) return { kind: 'nothing', symbol: target.symbol };
      const side = open.side === 'Buy' ? 'Sell' : 'Buy';
      const placed = await session.expect(
        (client) =>
          client.submitOrder({
            category: 'linear',
            symbol: target.symbol,
            side,
            orderType: 'Market',
            qty: open.size,
            reduceOnly: true,
            positionIdx: open.positionIdx as 0 | 1 | 2,
            orderLinkId: `hbx-${randomBytes(12).toString('hex')}`,
          }) as unknown as Promise<Answer<{ orderId?: string }>>,
      );
      const orderId = placed.result.orderId ?? '';
      return { kind: 'closed', symbol: target.symbol, side, qty: open.size, orderId, avgPrice: await this.fillPrice(session, orderId) };
    } catch (error) {
      return { kind: 'failed', problem: problemOf(error) };
    }
  }

  /** The close's average fill price, when Bybit already has it; the live card reports it otherwise. */
  private async fillPrice(session: BybitSession, orderId: string): Promise<string | null> {
    if (!orderId) return null;
    try {
      const answer = await session.send(
        (client) => client.getActiveOrders({ category: 'linear', orderId }) as unknown as Promise<Answer<{ list?: Array<{ avgPrice?: string; orderStatus?: string }> }>>,
      );
      const order = answer.retCode === 0 ? answer.result.list?.[0] : undefined;
      return order?.avgPrice && Number(order.avgPrice) > 0 ? order.avgPrice : null;
    } catch {
      return null;
    }
  }
}
