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
  await client.query(`SELECT pg_advisory_xact_lock(${SYMBOL_LOCK_CLASS}, hashtext($1))`, [symbolLockKey(userId, account, symbol)]);
}
const symbolLockKey = (userId: number, account: string, symbol: string) => `${userId}|${account}|${symbol}`;
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
  // Three round trips, on the path of every placed order. The symbol's lock first, with the card's
  // id (its buttons carry it, so the card is drawn before its row is written).
  // (Named statements: each connection prepares them once.)
  const { rows: locked } = await client.query<{ card_id: string }>({
    name: 'hookbot-card-lock',
    text: `SELECT pg_advisory_xact_lock(${SYMBOL_LOCK_CLASS}, hashtext($1)), nextval(pg_get_serial_sequence('trade_cards', 'id')) AS card_id`,
    values: [symbolLockKey(input.userId, outcome.account, outcome.symbol)],
  });
  const cardId = Number(locked[0]!.card_id);
  // Then, in a statement that starts under the lock, the fills the stream recorded before the card
  // existed, and the position's protection. (The fills may be read this late: a fill of this signal
  // takes the signal's row first, which this transaction holds.)
  const { rows: known } = await client.query<{ fills: Array<Execution & { execTime: string | number }> | null; stop_loss: string | null; take_profit: string | null }>({
    name: 'hookbot-card-known',
    text: `SELECT (SELECT json_agg(json_build_object(
                      'execId', exec_id, 'category', category, 'symbol', symbol, 'side', side, 'orderId', order_id, 'orderLinkId', order_link_id,
                      'stopOrderType', stop_order_type, 'execPrice', exec_price, 'execQty', exec_qty, 'execFee', exec_fee, 'closedSize', closed_size,
                      'execTime', (extract(epoch FROM exec_time) * 1000)::bigint) ORDER BY exec_time, exec_id)
               FROM bybit_executions
              WHERE user_id = $1 AND account = $2 AND order_link_id LIKE $3 AND closed_size::numeric = 0) AS fills,
            p.stop_loss, p.take_profit
       FROM (VALUES (1)) AS one (x)
       LEFT JOIN bybit_position_protection p ON p.user_id = $1 AND p.account = $2 AND p.symbol = $4`,
    values: [input.userId, outcome.account, `${input.linkBase}-%`, outcome.symbol],
  });
  for (const fill of known[0]?.fills ?? []) state = applyFill(state, { ...fill, execTime: Number(fill.execTime) });
  const protection = known[0];
  if (protection?.stop_loss != null && protection.take_profit != null && outcome.market === 'linear') {
    state = applyProtection(state, { stopLoss: protection.stop_loss, takeProfit: protection.take_profit });
  }
  // Last, the card's message and its row, which points at the message, in one statement.
  const view = renderCard(cardId, state, t);
  await enqueueMessages(client, [{ chatId: input.chatId, html: view.html, ...(view.buttons ? { buttons: view.buttons } : {}), sourceEventId: input.sourceEventId }], {
    name: 'hookbot-card-open',
    sql: `INSERT INTO trade_cards (id, user_id, account, category, symbol, link_base, chat_id, language, outbox_id, state)
          SELECT $6, $7, $8, $9, $10, $11, $12, $13, max(id), $14 FROM queued`,
    params: [cardId, input.userId, outcome.account, outcome.market, outcome.symbol, input.linkBase, input.chatId, input.language, JSON.stringify(state)],
  });
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
