import type { Queryable } from '../../telegram/outbox.js';
import { enqueueLiveEdit, enqueueMessages } from '../../telegram/outbox.js';
import { formatOutcome, type Translate } from '../messages.js';
import type { Outcome } from '../placeSignal.js';
import type { Execution } from '../stream/execution.js';
import { applyFill, applyProtection, firstTakeProfitFilled, newCard, type CardState } from './cardState.js';
import { renderCard } from './cardView.js';

/** The signal an order belongs to, from its link id (`<base>-o`, `<base>-c0`, `<base>-s`, ...). */
export function linkBaseOf(orderLinkId: string): string | undefined {
  return /^(hb\d+-[A-Za-z0-9]{8})-[a-z0-9]+$/.exec(orderLinkId)?.[1];
}

/**
 * One lock per user, account and symbol, taken (in this order: signal row, this lock, card rows)
 * by everything that opens or moves a card of the symbol, so a report that arrives while its
 * card is being opened is never applied to nothing.
 */
async function lockSymbol(client: Queryable, userId: number, account: string, symbol: string): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(${SYMBOL_LOCK_CLASS}, hashtext($1))`, [`${userId}|${account}|${symbol}`]);
}
const SYMBOL_LOCK_CLASS = 7_320_011;

interface CardRow {
  id: string;
  chat_id: string;
  language: string;
  outbox_id: string;
  state: CardState;
  link_base: string;
  breakeven_state: string | null;
}

/**
 * Opens the live card of a placed signal, as its chat message (in the transaction that records
 * the outcome, after the signal's row was updated: see routeFill). Fills the stream recorded
 * before the card existed are applied at once. Returns false when the outcome opened nothing
 * (a close or a refusal): that stays a plain message.
 */
export async function openCard(
  client: Queryable,
  input: {
    userId: number;
    chatId: number;
    language: string;
    linkBase: string;
    outcome: Outcome;
    receivedAt: number;
    sourceEventId: number;
    /** A line above the outcome (a replay says so). */
    mark?: string;
  },
  t: Translate,
): Promise<boolean> {
  const { outcome } = input;
  if (outcome.status !== 'placed' || !outcome.symbol) return false;
  const open = outcome.orders.find((order) => order.role === 'open');
  if (!open) return false;
  let state = newCard({
    symbol: outcome.symbol,
    category: outcome.market,
    account: outcome.account,
    side: open.side,
    leverage: outcome.leverage,
    action: outcome.action,
    header: (input.mark ?? '') + formatOutcome(outcome, t),
    receivedAt: input.receivedAt,
    placedAt: Date.now(),
    orderId: open.orderId,
  });
  const { rows: earlier } = await client.query<Execution & { execTime: string }>(
    `SELECT exec_id AS "execId", category, symbol, side, order_id AS "orderId", order_link_id AS "orderLinkId", stop_order_type AS "stopOrderType",
            exec_price AS "execPrice", exec_qty AS "execQty", exec_fee AS "execFee", closed_size AS "closedSize",
            (extract(epoch FROM exec_time) * 1000)::bigint AS "execTime"
       FROM bybit_executions
      WHERE user_id = $1 AND account = $2 AND order_link_id LIKE $3 AND closed_size::numeric = 0
      ORDER BY exec_time, exec_id`,
    [input.userId, outcome.account, `${input.linkBase}-%`],
  );
  for (const fill of earlier) state = applyFill(state, { ...fill, execTime: Number(fill.execTime) });
  await lockSymbol(client, input.userId, outcome.account, outcome.symbol);
  const { rows: protection } = await client.query<{ stop_loss: string; take_profit: string }>(
    `SELECT stop_loss, take_profit FROM bybit_position_protection WHERE user_id = $1 AND account = $2 AND symbol = $3`,
    [input.userId, outcome.account, outcome.symbol],
  );
  if (protection[0] && outcome.market === 'linear') state = applyProtection(state, { stopLoss: protection[0].stop_loss, takeProfit: protection[0].take_profit });
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO trade_cards (user_id, account, category, symbol, link_base, chat_id, language, outbox_id, state)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8) RETURNING id`,
    [input.userId, outcome.account, outcome.market, outcome.symbol, input.linkBase, input.chatId, input.language, JSON.stringify(state)],
  );
  const cardId = Number(rows[0]!.id);
  const view = renderCard(cardId, state, t);
  const [outboxId] = await enqueueMessages(client, [{ chatId: input.chatId, html: view.html, ...(view.buttons ? { buttons: view.buttons } : {}), sourceEventId: input.sourceEventId }]);
  await client.query(`UPDATE trade_cards SET outbox_id = $2 WHERE id = $1`, [cardId, outboxId]);
  return true;
}

/** Saves a card's new state and edits its message; the ms until the edit is due, or undefined. */
async function update(client: Queryable, card: CardRow, state: CardState, translate: (language: string) => Translate): Promise<number | undefined> {
  if (JSON.stringify(state) === JSON.stringify(card.state)) return undefined;
  await client.query(`UPDATE trade_cards SET state = $2, closed = $3 WHERE id = $1`, [card.id, JSON.stringify(state), state.closed]);
  const view = renderCard(Number(card.id), state, translate(card.language));
  return enqueueLiveEdit(client, { chatId: Number(card.chat_id), editOf: Number(card.outbox_id), html: view.html, ...(view.buttons ? { buttons: view.buttons } : {}) });
}

const CARD_COLUMNS = 'id, chat_id, language, outbox_id, state, link_base, breakeven_state';

/** What became of a fill: it moved a card (edit due in `dueMs`), belongs to a card still to come, or is to be told on its own. */
export type FillRoute = { card: true; dueMs: number | undefined; cardId: number; breakevenDue: boolean } | { card: false; silent: boolean };

/**
 * Puts a new fill on its trade's card, in the transaction that recorded it. A closing fill
 * (closedSize > 0) goes to the oldest open card of the symbol; an opening one to the card of
 * the signal that placed it. The signal's row is locked first: its outcome's transaction holds
 * it while it opens the card, so either the card exists here, or the fill is committed before
 * that transaction reads the fills to apply.
 */
export async function routeFill(
  client: Queryable,
  owner: { userId: number; account: string },
  fill: Execution,
  translate: (language: string) => Translate,
): Promise<FillRoute> {
  const base = linkBaseOf(fill.orderLinkId);
  let ours = false;
  if (base) {
    const { rows } = await client.query(
      `SELECT 1 FROM trade_signals WHERE user_id = $1 AND order_link_id = $2 FOR UPDATE`,
      [owner.userId, base],
    );
    ours = rows.length > 0;
  }
  const closing = fill.category === 'linear' && Number(fill.closedSize) > 0;
  await lockSymbol(client, owner.userId, owner.account, fill.symbol);
  const { rows: cards } = closing
    ? await client.query<CardRow>(
        `SELECT ${CARD_COLUMNS} FROM trade_cards WHERE user_id = $1 AND account = $2 AND symbol = $3 AND category = 'linear' AND NOT closed
          ORDER BY id LIMIT 1 FOR UPDATE`,
        [owner.userId, owner.account, fill.symbol],
      )
    : base
      ? await client.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM trade_cards WHERE link_base = $1 AND user_id = $2 FOR UPDATE`, [base, owner.userId])
      : { rows: [] as CardRow[] };
  const card = cards[0];
  if (card) {
    const state = applyFill(card.state, fill);
    const dueMs = await update(client, card, state, translate);
    return { card: true, dueMs, cardId: Number(card.id), breakevenDue: await breakevenNowDue(client, owner.userId, card, state) };
  }
  // Our own order with no card: its signal is still being placed (the card, when it comes,
  // applies the fill), or the alert's own message reported it.
  return { card: false, silent: ours };
}

/** The position's take-profit and stop, from the `position` topic, onto the symbol's open card. */
export async function routeProtection(
  client: Queryable,
  owner: { userId: number; account: string },
  position: { symbol: string; stopLoss: string; takeProfit: string },
  translate: (language: string) => Translate,
): Promise<number | undefined> {
  await lockSymbol(client, owner.userId, owner.account, position.symbol);
  await client.query(
    `INSERT INTO bybit_position_protection (user_id, account, symbol, stop_loss, take_profit) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, account, symbol) DO UPDATE SET stop_loss = excluded.stop_loss, take_profit = excluded.take_profit, updated_at = now()`,
    [owner.userId, owner.account, position.symbol, position.stopLoss, position.takeProfit],
  );
  const { rows } = await client.query<CardRow>(
    `SELECT ${CARD_COLUMNS} FROM trade_cards WHERE user_id = $1 AND account = $2 AND symbol = $3 AND category = 'linear' AND NOT closed
      ORDER BY id DESC LIMIT 1 FOR UPDATE`,
    [owner.userId, owner.account, position.symbol],
  );
  const card = rows[0];
  if (!card) return undefined;
  return update(client, card, applyProtection(card.state, position), translate);
}

/**
 * The fill just applied was the trade's first take-profit and its signal asked for "stop to
 * breakeven": the card is marked due, in the fill's transaction, so the move is asked for once
 * per fill however many processes or catch-ups see it.
 */
async function breakevenNowDue(client: Queryable, userId: number, card: CardRow, state: CardState): Promise<boolean> {
  if (card.breakeven_state !== null || !firstTakeProfitFilled(card.state, state)) return false;
  const { rows } = await client.query<{ breakeven: boolean | null }>(
    `SELECT (protection->>'breakeven')::boolean AS breakeven FROM trade_signals WHERE user_id = $1 AND order_link_id = $2`,
    [userId, card.link_base],
  );
  if (rows[0]?.breakeven !== true) return false;
  await client.query(`UPDATE trade_cards SET breakeven_state = 'due' WHERE id = $1`, [card.id]);
  return true;
}

/**
 * Changes an open card outside a fill (Hookbot moved its stop, say), under the symbol's lock like
 * every other change; the ms until its edit is due, or undefined.
 */
export async function editCard(
  client: Queryable,
  owner: { userId: number; account: string },
  cardId: number,
  change: (state: CardState) => CardState,
  translate: (language: string) => Translate,
): Promise<number | undefined> {
  const { rows: found } = await client.query<{ symbol: string }>(`SELECT symbol FROM trade_cards WHERE id = $1 AND user_id = $2`, [cardId, owner.userId]);
  if (!found[0]) return undefined;
  await lockSymbol(client, owner.userId, owner.account, found[0].symbol);
  const { rows } = await client.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM trade_cards WHERE id = $1 FOR UPDATE`, [cardId]);
  const card = rows[0];
  if (!card) return undefined;
  return update(client, card, change(card.state), translate);
}
