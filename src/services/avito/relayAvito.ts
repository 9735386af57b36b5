import type { I18n } from '@grammyjs/i18n';
import type { AvitoMessageEvent } from '../../../handlers/avito.js';
import type { AvitoConnectionRepository } from '../../../models/connections.js';
import type { EventAction } from '../inbound/processor.js';
import type { AvitoService, ChatInfo } from './avitoService.js';
import { withAttachment } from '../relay/attachments.js';
import type { ConnectionHealth } from '../health/connectionHealth.js';
import type { RelayTargets } from '../relay/relayTarget.js';
import { escapeHtml } from '../telegram/html.js';
import { enqueueMessages, type OutgoingMessage } from '../telegram/outbox.js';

type T = (key: string, variables?: Record<string, string | number>) => string;

function link(url: string, text: string): string {
  return `<a href="${escapeHtml(url).replace(/"/g, '&quot;')}">${escapeHtml(text)}</a>`;
}

/** One Avito message as a Telegram message: text, the largest image, a link, a location, an ad. */
export function avitoMessages(event: AvitoMessageEvent, chatId: number, t: T, chat?: ChatInfo): OutgoingMessage[] {
  const about = chat?.item ? (chat.itemUrl ? link(chat.itemUrl, chat.item) : escapeHtml(chat.item)) : undefined;
  const top = chat?.buyer
    ? t('avito-from-buyer', { name: escapeHtml(chat.buyer), item: about ?? escapeHtml(event.chatId) })
    : t('avito-from', { chat: escapeHtml(event.chatId) });
  const content = event.content;
  switch (content.type) {
    case 'text':
      return [{ chatId, html: `${top}\n${escapeHtml(content.text)}` }];
    case 'image':
      return withAttachment(chatId, top, { kind: 'photo', url: content.url });
    case 'link':
      return [{ chatId, html: `${top}\n🔗 ${link(content.url, content.text || content.url)}` }];
    case 'location': {
      const place = [content.title, content.text].filter(Boolean).join(', ');
      const html = place ? `${top}\n${t('avito-location', { place: escapeHtml(place) })}` : top;
      return withAttachment(chatId, html, { kind: 'location', latitude: content.lat, longitude: content.lon });
    }
    case 'item': {
      const title = content.url ? link(content.url, content.title || content.url) : escapeHtml(content.title);
      const price = content.price ? ` · ${escapeHtml(content.price)}` : '';
      return [{ chatId, html: `${top}\n${t('avito-item', { item: `${title}${price}` })}` }];
    }
    case 'other':
      return [{ chatId, html: `${top}\n${t('avito-other', { kind: escapeHtml(content.kind) })}` }];
  }
}

/** The action for an Avito message (pushed or polled): relay it and note when it came. */
export function relayAvitoEvent(i18n: I18n, connections: AvitoConnectionRepository, avito: AvitoService, targets: RelayTargets, health: ConnectionHealth): EventAction {
  return async (stored, { client }) => {
    const event = stored.payload as AvitoMessageEvent;
    const t: T = (key, variables) => i18n.t(stored.user.language, key, variables);
    const [chat] = await Promise.all([
      avito.describeChat(stored.user.id, event.chatId),
      connections.recordMessage(stored.user.id, event.via === 'push', new Date(event.created * 1000)),
    ]);
    const name = chat?.buyer ? [chat.buyer, chat.item].filter(Boolean).join(' · ') : `Avito ${event.chatId}`;
    // A pushed message: Avito's webhook subscription works (again).
    const recovered = event.via === 'push' ? await health.delivered(client, stored.user.id, 'avito', (code) => code === 'avito-unsubscribed') : [];
    const relayed = await targets.place(client, stored.user.id, stored.user.telegramId, { provider: 'avito', id: event.chatId, name }, (target) => avitoMessages(event, target, t, chat), {
      quickReplyLabel: t('btn-quick-reply'),
    });
    // The owner's notice is not part of the relayed message: a reply to it must not reach the customer.
    if (recovered.length > 0) await enqueueMessages(client, recovered);
    return [...relayed];
  };
}
