import type { I18n } from '@grammyjs/i18n';
import type { WhatsAppEvent, WhatsAppMessageEvent } from '../../../handlers/whatsapp.js';
import type { WhatsAppConnectionRepository } from '../../../models/connections.js';
import type { EventAction } from '../inbound/processor.js';
import { withAttachment } from '../relay/attachments.js';
import { escapeHtml } from '../telegram/html.js';
import type { OutgoingMessage } from '../telegram/outbox.js';

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
  }
}

const STATE_KEYS: Record<string, string> = {
  authorized: 'wa-state-authorized',
  notAuthorized: 'wa-state-not-authorized',
  blocked: 'wa-state-blocked',
};

/** Issue #5's action for a Green API webhook: relay the message, or report the instance's new state. */
export function relayWhatsAppEvent(i18n: I18n, connections: WhatsAppConnectionRepository): EventAction {
  return async (stored) => {
    const event = stored.payload as WhatsAppEvent;
    const t: T = (key, variables) => i18n.t(stored.user.language, key, variables);
    const chatId = stored.user.telegramId;
    if (event.kind === 'state') {
      await connections.setState(stored.user.id, event.state);
      const key = STATE_KEYS[event.state] ?? 'wa-state-other';
      return [{ chatId, html: t(key, { instance: escapeHtml(event.idInstance), state: escapeHtml(event.state) }) }];
    }
    return whatsappMessages(event, chatId, t);
  };
}
