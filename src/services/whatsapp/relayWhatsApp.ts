import type { I18n } from '@grammyjs/i18n';
import { whatsappStubKey, type WhatsAppEvent, type WhatsAppMessageEvent } from '../../../handlers/whatsapp.js';
import type { WhatsAppConnectionRepository } from '../../../models/connections.js';
import type { EventAction } from '../inbound/processor.js';
import { withAttachment } from '../relay/attachments.js';
import type { RelayTargets } from '../relay/relayTarget.js';
import { escapeHtml } from '../telegram/html.js';
import { enqueueMessages, type OutgoingMessage, type Queryable } from '../telegram/outbox.js';
import { whatsappStateProblem, type ConnectionHealth } from '../health/connectionHealth.js';

type T = (key: string, variables?: Record<string, string | number>) => string;

function header(event: WhatsAppMessageEvent, t: T): string {
  const variables = { name: escapeHtml(event.senderName), phone: escapeHtml(event.phone) };
  return event.chatName ? t('wa-from-group', { ...variables, chat: escapeHtml(event.chatName) }) : t('wa-from', variables);
}

function quoteBlock(event: WhatsAppMessageEvent): string {
  if (!event.quote) return '';
  const who = event.quote.participant ? `${escapeHtml(event.quote.participant)}: ` : '';
  return `\n<blockquote>${who}${escapeHtml(event.quote.text)}</blockquote>`;
}

/** One incoming WhatsApp message as Telegram messages: text, media with caption, location, contact. */
export function whatsappMessages(event: WhatsAppMessageEvent, chatId: number, t: T): OutgoingMessage[] {
  const top = header(event, t) + quoteBlock(event);
  const content = event.content;
  switch (content.type) {
    case 'text':
      return [{ chatId, html: `${top}\n${escapeHtml(content.text)}` }];
    case 'media': {
      const caption = content.caption || (content.media === 'document' && content.fileName ? content.fileName : '');
      return withAttachment(chatId, caption ? `${top}\n${escapeHtml(caption)}` : top, { kind: content.media, url: content.url });
    }
    case 'location': {
      const place = [content.name, content.address].filter(Boolean).join(', ');
      const html = place ? `${top}\n${t('wa-location', { place: escapeHtml(place) })}` : top;
      return withAttachment(chatId, html, { kind: 'location', latitude: content.latitude, longitude: content.longitude });
    }
    case 'contact': {
      const html = `${top}\n${t('wa-contact', { name: escapeHtml(content.name) })}`;
      if (!content.phone) return [{ chatId, html }];
      return withAttachment(chatId, html, { kind: 'contact', phoneNumber: content.phone, firstName: content.name, vcard: content.vcard });
    }
    case 'pending':
      return [{ chatId, html: `${top}\n${t('wa-pending')}` }];
  }
}

/**
 * The stub relayed for this message before WhatsApp let it be decrypted, if there was one: its
 * outbox row, to edit now that the content is here. The first lookup (two keys) finds nothing
 * for almost every message.
 */
async function stubOf(client: Queryable, eventId: number, idInstance: string, idMessage: string): Promise<{ id: number; chatId: number; held: boolean } | undefined> {
  const key = whatsappStubKey(idInstance, idMessage);
  const { rows } = await client.query<{ id: string; chat_id: string; status: string }>(
    `SELECT o.id, o.chat_id, o.status
       FROM inbound_events ev
       JOIN inbound_dedupe d ON d.endpoint_id = ev.endpoint_id AND d.key = $2
       JOIN inbound_events stub ON stub.endpoint_id = ev.endpoint_id AND stub.dedupe_key = $2 AND stub.id < ev.id
       JOIN telegram_outbox o ON o.source_event_id = stub.id AND o.method = 'sendMessage'
      WHERE ev.id = $1
      ORDER BY o.id LIMIT 1`,
    [eventId, key],
  );
  const row = rows[0];
  return row && { id: Number(row.id), chatId: Number(row.chat_id), held: row.status === 'held' };
}

/** A WhatsApp message arriving ends these problems: webhooks flow, and the instance is linked. */
const endedByDelivery = (code: string) => code === 'wa-silent' || code.startsWith('wa-state:');

/**
 * The action for a Green API webhook: relay the message, or record the instance's new state (its
 * owner is told of a problem once, and of the recovery, by the connection's health).
 */
export function relayWhatsAppEvent(i18n: I18n, connections: WhatsAppConnectionRepository, targets: RelayTargets, health: ConnectionHealth): EventAction {
  return async (stored, { client }) => {
    const event = stored.payload as WhatsAppEvent;
    const t: T = (key, variables) => i18n.t(stored.user.language, key, variables);
    const chatId = stored.user.telegramId;
    if (event.kind === 'state') {
      await connections.setState(stored.user.id, event.state);
      const problem = whatsappStateProblem(event.state, event.idInstance);
      return problem === undefined ? [] : health.transition(client, stored.user.id, 'whatsapp', problem);
    }
    const recovered = await health.delivered(client, stored.user.id, 'whatsapp', endedByDelivery);
    const stub = event.content.type === 'pending' ? undefined : await stubOf(client, stored.id, event.idInstance, event.idMessage);
    const replaced: OutgoingMessage[] = stub
      ? [{ chatId: stub.chatId, editOf: stub.id, html: `${header(event, t)}\n${t('wa-pending-arrived')}`, ...(stub.held ? { held: true } : {}) }]
      : [];
    const name = event.chatName ?? `${event.senderName} ${event.phone}`;
    const relayed = await targets.place(client, stored.user.id, chatId, { provider: 'whatsapp', id: event.chatId, name }, (target) => whatsappMessages(event, target, t), {
      quickReplyLabel: t('btn-quick-reply'),
    });
    // The owner's notice is not part of the relayed message: a reply to it must not reach the customer.
    if (recovered.length > 0) await enqueueMessages(client, recovered);
    return [...replaced, ...relayed];
  };
}
