import { escapeHtml, visibleLength } from '../telegram/html.js';
import type { OutgoingMessage } from '../telegram/outbox.js';

/** What a relayed message carries besides text: a file by URL, a place or a contact card. */
export type Attachment =
  | { kind: 'photo' | 'video' | 'audio' | 'document'; url: string }
  | { kind: 'location'; latitude: number; longitude: number }
  | { kind: 'contact'; phoneNumber: string; firstName: string; vcard?: string };

/** Telegram's limit for a media caption. */
export const TELEGRAM_CAPTION_LIMIT = 1024;

const MEDIA_METHODS = { photo: 'sendPhoto', video: 'sendVideo', audio: 'sendAudio', document: 'sendDocument' } as const;

/**
 * Outbox messages for `html` with an attachment. A file goes by URL with `html` as its caption, and
 * as the caption and the link when Telegram cannot fetch it; a caption too long for Telegram goes
 * as text first. A location or contact (they have no caption) follows its text.
 */
export function withAttachment(chatId: number, html: string, attachment: Attachment): OutgoingMessage[] {
  const text = html.trim() === '' ? [] : [{ chatId, html }];
  switch (attachment.kind) {
    case 'location': {
      const { latitude, longitude } = attachment;
      return [...text, { chatId, html: `📍 ${latitude}, ${longitude}`, call: { method: 'sendLocation', params: { latitude, longitude } } }];
    }
    case 'contact': {
      const { phoneNumber, firstName, vcard } = attachment;
      return [
        ...text,
        {
          chatId,
          html: `👤 ${escapeHtml(firstName)} ${escapeHtml(phoneNumber)}`,
          call: { method: 'sendContact', params: { phone_number: phoneNumber, first_name: firstName, ...(vcard ? { vcard } : {}) } },
        },
      ];
    }
    default: {
      const method = MEDIA_METHODS[attachment.kind];
      const link = `📎 ${escapeHtml(attachment.url)}`;
      if (text.length > 0 && visibleLength(html) > TELEGRAM_CAPTION_LIMIT) {
        return [...text, { chatId, html: link, call: { method, params: { [attachment.kind]: attachment.url } } }];
      }
      const caption = text.length > 0 ? { caption: html, parse_mode: 'HTML' } : {};
      return [{ chatId, html: text.length > 0 ? `${html}\n${link}` : link, call: { method, params: { [attachment.kind]: attachment.url, ...caption } } }];
    }
  }
}
