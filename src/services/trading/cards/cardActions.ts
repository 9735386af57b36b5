import type pg from 'pg';
import type { SecretBox } from '../../secrets/secretBox.js';
import { BybitFailure, type Account, type BybitSession } from '../bybit.js';
import { DUPLICATE_ORDER_CODES } from '../errors.js';
import { rememberOwnCancels } from '../stream/orderEnds.js';

type Answer<T> = { retCode: number; retMsg: string; result: T };

/** What a press came to: the pop-up to show (a `callback-card-*` key) and its variables. */
export interface PressAnswer {
  key: 'busy' | 'closing' | 'nothing' | 'cancelled' | 'failed' | 'gone';
  variables?: Record<string, string | number>;
}

/** How long a press holds its card against a second one while it talks to Bybit. */
const BUSY_SECONDS = 30;

/**
 * The buttons of a trade card: close the position at market, cancel the symbol's open orders.
 * A press first takes the card (busy_until) in the database, so two presses, in one process or
 * two, never act twice at once; a close's order link id is derived from the card, so even a
 * press after the hold ran out is refused by Bybit as a duplicate rather than closing twice.
 * The card itself changes when Bybit reports the fill on the account stream.
 */
export class CardActions {
  constructor(
    private readonly options: {
      pool: pg.Pool;
      secrets: SecretBox;
      session(account: Account, credentials: { key: string; secret: string }): BybitSession;
    },
  ) {}

  async press(userId: number, cardId: number, verb: 'close' | 'cancel'): Promise<PressAnswer> {
    const { pool } = this.options;
    const { rows } = await pool.query<{ user_id: string; account: Account; category: 'linear' | 'spot'; symbol: string; link_base: string }>(
      `UPDATE trade_cards SET busy_until = now() + make_interval(secs => $3)
        WHERE id = $1 AND user_id = $2 AND NOT closed AND (busy_until IS NULL OR busy_until < now())
        RETURNING user_id, account, category, symbol, link_base`,
      [cardId, userId, BUSY_SECONDS],
    );
    const card = rows[0];
    if (!card) {
      const { rows: existing } = await pool.query<{ closed: boolean }>(`SELECT closed FROM trade_cards WHERE id = $1 AND user_id = $2`, [cardId, userId]);
      return { key: existing[0] && !existing[0].closed ? 'busy' : 'gone' };
    }
    try {
      const session = await this.sessionOf(userId, card.account);
      if (!session) return { key: 'failed', variables: { problem: 'no API key' } };
      return verb === 'close' ? await this.close(session, card) : await this.cancel(session, card);
    } catch (error) {
      return { key: 'failed', variables: { problem: error instanceof BybitFailure ? error.detail : 'Bybit did not answer' } };
    } finally {
      await pool.query(`UPDATE trade_cards SET busy_until = NULL WHERE id = $1`, [cardId]);
    }
  }

  private async close(session: BybitSession, card: { symbol: string; link_base: string }): Promise<PressAnswer> {
    const positions = await session.expect(
      (client) => client.getPositionInfo({ category: 'linear', symbol: card.symbol }) as unknown as Promise<Answer<{ list: Record<string, string | number>[] }>>,
    );
    const open = positions.result.list.filter((entry) => Number(entry.size) > 0 && (entry.side === 'Buy' || entry.side === 'Sell'));
    if (open.length === 0) return { key: 'nothing' };
    for (const entry of open) {
      const positionIdx = Number(entry.positionIdx ?? 0);
      await session.expect(
        (client) =>
          client.submitOrder({
            category: 'linear',
            symbol: card.symbol,
            side: entry.side === 'Buy' ? 'Sell' : 'Buy',
            orderType: 'Market',
            qty: String(entry.size),
            reduceOnly: true,
            positionIdx: positionIdx as 0 | 1 | 2,
            orderLinkId: `${card.link_base}-x${positionIdx}`,
          }) as unknown as Promise<Answer<unknown>>,
        [...DUPLICATE_ORDER_CODES],
      );
    }
    return { key: 'closing' };
  }

  private async cancel(session: BybitSession, card: { user_id: string; category: 'linear' | 'spot'; symbol: string }): Promise<PressAnswer> {
    const answer = await session.expect(
      (client) => client.cancelAllOrders({ category: card.category, symbol: card.symbol }) as unknown as Promise<Answer<{ list?: Array<{ orderId?: string }> }>>,
    );
    const list = answer.result.list ?? [];
    await rememberOwnCancels(this.options.pool, Number(card.user_id), list.map((order) => order.orderId ?? ''));
    return { key: 'cancelled', variables: { count: list.length } };
  }

  private async sessionOf(userId: number, account: Account): Promise<BybitSession | undefined> {
    const { rows } = await this.options.pool.query<{ api_key: string; api_secret: string }>(
      `SELECT api_key, api_secret FROM bybit_keys WHERE user_id = $1 AND account = $2`,
      [userId, account],
    );
    const row = rows[0];
    if (!row) return undefined;
    return this.options.session(account, { key: this.options.secrets.decrypt(row.api_key), secret: this.options.secrets.decrypt(row.api_secret) });
  }
}
