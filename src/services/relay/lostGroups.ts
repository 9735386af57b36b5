import type { I18n } from '@grammyjs/i18n';
import type pg from 'pg';
import { inTransaction } from '../../db/transaction.js';
import type { Logger } from '../../logger.js';
import { enqueueMessages } from '../telegram/outbox.js';

const SERVICE_NAMES: Record<string, string> = { whatsapp: 'WhatsApp', avito: 'Avito' };

/**
 * The bot was removed from a group (Telegram answers 403, or says so in my_chat_member) or lost its
 * admin rights there: the connections routed there come back
 * to their owners' private chats, with the messages that were still waiting for the group (at their
 * place in the order, without their topic), and each owner is told. Nothing relayed is lost.
 */
export class LostGroups {
  constructor(
    private readonly pool: pg.Pool,
    private readonly i18n: I18n,
    private readonly log: Logger,
  ) {}

  /** `reason`: removed from the group, or kept there without the rights a team inbox needs. */
  async lost(chatId: number, reason: 'removed' | 'demoted' = 'removed'): Promise<void> {
    const moved = await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ user_id: string; provider: string; telegram_id: string; language: string }>(
        `DELETE FROM relay_routes r USING users u WHERE r.chat_id = $1 AND u.id = r.user_id
         RETURNING r.user_id, r.provider, u.telegram_id, u.language`,
        [chatId],
      );
      // Every relayed message still waiting for the group, whichever route put it there (a message
      // queued by an event that read the route just before it was removed comes here later, alone).
      const { rowCount } = await client.query(
        `UPDATE telegram_outbox o
            SET chat_id = u.telegram_id, locked_until = NULL, locked_by = NULL,
                payload = (CASE WHEN o.payload ? 'hookbot_fallback'
                                THEN jsonb_set(o.payload, '{hookbot_fallback}', ((o.payload->'hookbot_fallback') - 'hookbot_topic') || jsonb_build_object('chat_id', u.telegram_id))
                                ELSE o.payload END - 'hookbot_topic' - 'message_thread_id') || jsonb_build_object('chat_id', u.telegram_id)
           FROM inbound_events e JOIN users u ON u.id = e.user_id
          WHERE o.chat_id = $1 AND o.status IN ('pending', 'held') AND e.id = o.source_event_id`,
        [chatId],
      );
      const count = rowCount ?? 0;
      await client.query('DELETE FROM forum_topics WHERE chat_id = $1', [chatId]);
      if (rows.length > 0) {
        await enqueueMessages(
          client,
          rows.map((route) => ({
            chatId: Number(route.telegram_id),
            html: this.i18n.t(route.language, reason === 'removed' ? 'team-route-lost' : 'team-route-demoted', { service: SERVICE_NAMES[route.provider] ?? route.provider }),
          })),
        );
      }
      return { routes: rows.length, count };
    });
    if (moved.routes > 0 || moved.count > 0) this.log.info({ chatId, reason, routes: moved.routes, messages: moved.count }, 'removed from a routed group; its connections are back in private chats');
  }
}
