import type pg from 'pg';
import { inTransaction } from '../../../db/transaction.js';
import type { BybitSession } from '../bybit.js';
import { compareDecimal, dec, floorToStep, plain } from '../decimal.js';
import type { Translate } from '../messages.js';
import { applyBreakevenFailed, applyStopMoved, averageEntry, type CardState } from './cardState.js';
import { editCard } from './tradeCards.js';

type Answer<T> = { retCode: number; retMsg: string; result: T };

/** Bybit's "not modified": the stop is already there (an earlier attempt set it). */
const NOT_MODIFIED = 34040;
/** How long one process holds a card's move before another may take it over (it died mid-way). */
const HOLD_SECONDS = 30;

export interface BreakevenDeps {
  pool: pg.Pool;
  /** The REST session of the card's key. */
  session: BybitSession;
  /** The symbol's price step, so the stop is a price Bybit takes. */
  tickSize(symbol: string): Promise<string>;
  translate: (language: string) => Translate;
}

/**
 * The breakeven stop: the average entry, rounded to the tick away from a loss (up for a long,
 * down for a short), so the rest of the position cannot close below what it was bought at.
 */
export function breakevenPrice(entry: string, side: 'Buy' | 'Sell', tickSize: string): string {
  const down = floorToStep(entry, tickSize);
  if (side === 'Sell' || compareDecimal(down, entry) === 0) return plain(down);
  return plain(dec(down).plus(dec(tickSize)));
}

/** Cards of the account whose move is due, or was claimed by a process that did not finish it. */
export async function pendingBreakevens(pool: pg.Pool, owner: { userId: number; account: string }): Promise<number[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM trade_cards WHERE user_id = $1 AND account = $2
        AND (breakeven_state = 'due' OR (breakeven_state = 'moving' AND breakeven_until < now()))`,
    [owner.userId, owner.account],
  );
  return rows.map((row) => Number(row.id));
}

/**
 * Moves a card's stop to its entry on Bybit (/v5/position/trading-stop, the whole position's
 * stop), once: the card is claimed with one conditional UPDATE, so of several processes (or a
 * catch-up and the stream) only one sends it; one that dies mid-way leaves the claim to expire
 * and the next catch-up does it, where Bybit's "not modified" answer means it was done.
 * Returns the ms until the card's edit is due, or undefined when nothing changed.
 */
export async function moveStopToBreakeven(deps: BreakevenDeps, owner: { userId: number; account: string }, cardId: number): Promise<number | undefined> {
  const { pool, session } = deps;
  const { rows } = await pool.query<{ symbol: string; state: CardState }>(
    `UPDATE trade_cards SET breakeven_state = 'moving', breakeven_until = now() + make_interval(secs => $3)
      WHERE id = $1 AND user_id = $2 AND (breakeven_state = 'due' OR (breakeven_state = 'moving' AND breakeven_until < now()))
      RETURNING symbol, state`,
    [cardId, owner.userId, HOLD_SECONDS],
  );
  const claimed = rows[0];
  if (!claimed) return undefined;
  // The card is edited first: editCard takes the symbol's lock before the card's row, as a fill does.
  const finish = (state: 'done' | 'failed', change?: (card: CardState) => CardState) =>
    inTransaction(pool, async (client) => {
      const due = change ? await editCard(client, owner, cardId, change, deps.translate) : undefined;
      await client.query(`UPDATE trade_cards SET breakeven_state = $2, breakeven_until = NULL WHERE id = $1`, [cardId, state]);
      return due;
    });
  const entry = averageEntry(claimed.state);
  try {
    const positions = await session.expect(
      (client) => client.getPositionInfo({ category: 'linear', symbol: claimed.symbol }) as unknown as Promise<Answer<{ list: Record<string, string | number>[] }>>,
    );
    const held = positions.result.list.find((entry) => entry.side === claimed.state.side && Number(entry.size) > 0);
    // Closed meanwhile (the rest hit its stop or was closed): nothing left to protect.
    if (!held || entry === null) return await finish('done');
    const price = breakevenPrice(entry, claimed.state.side, await deps.tickSize(claimed.symbol));
    const answer = await session.send(
      (client) =>
        client.setTradingStop({
          category: 'linear',
          symbol: claimed.symbol,
          positionIdx: Number(held.positionIdx ?? 0) as 0 | 1 | 2,
          tpslMode: 'Full',
          stopLoss: price,
          slTriggerBy: 'LastPrice',
          slOrderType: 'Market',
        }) as unknown as Promise<Answer<unknown>>,
    );
    if (answer.retCode === 0 || answer.retCode === NOT_MODIFIED) return await finish('done', (card) => applyStopMoved(card, price));
    // Refused (the price already fell through the entry, say): the card says so; the old stop stays.
    return await finish('failed', (card) => applyBreakevenFailed(card, `${answer.retCode}: ${answer.retMsg}`));
  } catch (error) {
    // No answer from Bybit: due again, for the next catch-up (or this one's retry).
    await pool.query(`UPDATE trade_cards SET breakeven_state = 'due', breakeven_until = NULL WHERE id = $1 AND breakeven_state = 'moving'`, [cardId]);
    throw error;
  }
}
