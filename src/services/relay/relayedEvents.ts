import type pg from 'pg';

export interface RelayedEvent {
  eventId: number;
  provider: string;
  payload: unknown;
  userId: number;
}

/**
 * The inbound event a Telegram message relayed, found from the message a user replies to: the
 * outbox records each delivered message's id next to the event it came from.
 */
export async function findRelayedEvent(pool: pg.Pool, chatId: number, telegramMessageId: number): Promise<RelayedEvent | undefined> {
  const { rows } = await pool.query<{ id: number; provider: string; payload: unknown; user_id: number }>(
    `SELECT e.id, e.provider, e.payload, e.user_id
       FROM telegram_outbox o JOIN inbound_events e ON e.id = o.source_event_id
      WHERE o.chat_id = $1 AND o.telegram_message_id = $2
      LIMIT 1`,
    [chatId, telegramMessageId],
  );
  const row = rows[0];
  return row ? { eventId: Number(row.id), provider: row.provider, payload: row.payload, userId: Number(row.user_id) } : undefined;
}
