import type { I18n } from '@grammyjs/i18n';
import type { FalImage, FalWebhookEvent } from '../../../handlers/fal.js';
import type { EventAction } from '../inbound/processor.js';
import { escapeHtml, visibleLength } from '../telegram/html.js';
import type { OutgoingMessage } from '../telegram/outbox.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** Telegram fetches a photo given by URL only up to 5 MB; bigger ones are shown as links. */
const PHOTO_URL_LIMIT_BYTES = 5 * 1024 * 1024;
/** An album holds 2 to 10 items. */
const ALBUM_SIZE = 10;
const CAPTION_LIMIT = 1024;
const SUMMARY_FIELDS = 15;
const VALUE_CHARS = 300;

const escapeAttribute = (text: string) => escapeHtml(text).replace(/"/g, '&quot;');
const link = (url: string, text: string) => `<a href="${escapeAttribute(url)}">${escapeHtml(text)}</a>`;

function shorten(text: string, max = VALUE_CHARS): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Title, label and request id: the head of every FAL message. */
function head(event: FalWebhookEvent, t: Translate, titleKey: string): string[] {
  const lines = [t(titleKey)];
  if (event.label) lines.push(t('fal-label', { label: escapeHtml(event.label) }));
  lines.push(t('fal-request', { id: escapeHtml(event.requestId) }));
  return lines;
}

/** The prompt and the seed, when the result names them: what it takes to make the image again. */
function recipeLines(event: FalWebhookEvent, t: Translate): string[] {
  if (!isRecord(event.payload)) return [];
  const { prompt, seed } = event.payload;
  const lines: string[] = [];
  if (typeof prompt === 'string' && prompt.trim() !== '') lines.push(t('fal-prompt', { prompt: escapeHtml(shorten(prompt.trim(), 200)) }));
  if (typeof seed === 'number' || typeof seed === 'string') lines.push(t('fal-seed', { seed: escapeHtml(String(seed)) }));
  return lines;
}

/** Top-level fields of a result without images, as `• key: value` lines (files are listed apart). */
function summaryLines(event: FalWebhookEvent, t: Translate): string[] {
  if (!isRecord(event.payload)) {
    return event.payload === null ? [t('fal-empty-result')] : [t('fal-field', { key: 'payload', value: escapeHtml(shorten(JSON.stringify(event.payload))) })];
  }
  const fileFields = new Set(event.files.map((file) => file.field));
  const shown = new Set(['images', 'image', 'prompt', 'seed']);
  const entries = Object.entries(event.payload).filter(([key]) => !fileFields.has(key) && !shown.has(key));
  const lines = entries.slice(0, SUMMARY_FIELDS).map(([key, value]) =>
    t('fal-field', { key: escapeHtml(key), value: escapeHtml(shorten(typeof value === 'string' ? value : JSON.stringify(value))) }),
  );
  if (entries.length > SUMMARY_FIELDS) lines.push(t('fal-more-fields', { count: entries.length - SUMMARY_FIELDS }));
  if (Object.keys(event.payload).length === 0) lines.push(t('fal-empty-result'));
  return lines;
}

function fileLines(event: FalWebhookEvent, extraImages: FalImage[], t: Translate): string[] {
  const lines = event.files.map((file) => t('fal-file', { link: link(file.url, file.field) }));
  extraImages.forEach((image, index) => lines.push(t('fal-file', { link: link(image.url, t('fal-image-name', { count: index + 1 })) })));
  return lines;
}

/** Plain words for FAL's usual errors ("Invalid status code: 422"), or nothing when there are none. */
function explain(error: string | null, t: Translate): string | undefined {
  const status = /status code:?\s*(\d{3})/i.exec(error ?? '')?.[1];
  if (status === '422' || status === '400') return t('fal-why-input');
  if (status === '401' || status === '403') return t('fal-why-auth');
  if (status === '429') return t('fal-why-busy');
  if (status === '504' || /time(d)? ?out/i.test(error ?? '')) return t('fal-why-timeout');
  if (status?.startsWith('5')) return t('fal-why-server');
  return undefined;
}

function errorMessage(event: FalWebhookEvent, t: Translate): string {
  const lines = head(event, t, 'fal-title-error');
  lines.push('', t('fal-error', { error: escapeHtml(shorten(event.error ?? t('fal-error-unknown'), 1000)) }));
  const why = explain(event.error, t);
  if (why) lines.push(why);
  if (event.errorDetails.length > 0) {
    lines.push('', t('fal-error-details'));
    for (const detail of event.errorDetails.slice(0, SUMMARY_FIELDS)) {
      lines.push(
        detail.field
          ? t('fal-error-field', { field: escapeHtml(detail.field), message: escapeHtml(shorten(detail.message)) })
          : t('fal-error-line', { message: escapeHtml(shorten(detail.message)) }),
      );
    }
  } else if (event.payload !== null && event.payload !== undefined) {
    lines.push('', t('fal-field', { key: 'payload', value: escapeHtml(shorten(JSON.stringify(event.payload), 1000)) }));
  }
  return lines.join('\n');
}

function payloadErrorMessage(event: FalWebhookEvent, t: Translate): string {
  const lines = head(event, t, 'fal-title-payload-error');
  lines.push('', t('fal-payload-error', { error: escapeHtml(shorten(event.payloadError ?? '', 1000)) }));
  return lines.join('\n');
}

/** The photos, one by one or as albums of up to ten, captioned with the head of the message. */
function photoMessages(chatId: number, photos: FalImage[], caption: string, t: Translate): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [];
  const captionFits = visibleLength(caption) <= CAPTION_LIMIT;
  if (!captionFits) messages.push({ chatId, html: caption });
  for (let start = 0; start < photos.length; start += ALBUM_SIZE) {
    const group = photos.slice(start, start + ALBUM_SIZE);
    const groupCaption = start === 0 && captionFits ? caption : undefined;
    // If Telegram cannot fetch a photo, the user still gets the result: as links.
    const fallback = [
      ...(groupCaption ? [groupCaption, ''] : []),
      ...group.map((photo, index) => t('fal-file', { link: link(photo.url, t('fal-image-name', { count: start + index + 1 })) })),
    ].join('\n');
    const captioned = groupCaption ? { caption: groupCaption, parse_mode: 'HTML' } : {};
    if (group.length === 1) {
      messages.push({ chatId, html: fallback, call: { method: 'sendPhoto', params: { photo: group[0]!.url, ...captioned } } });
    } else {
      const media = group.map((photo, index) => ({ type: 'photo', media: photo.url, ...(index === 0 ? captioned : {}) }));
      messages.push({ chatId, html: fallback, call: { method: 'sendMediaGroup', params: { media } } });
    }
  }
  return messages;
}

/** What a FAL webhook becomes in the user's chat. */
export function falMessages(event: FalWebhookEvent, chatId: number, t: Translate): OutgoingMessage[] {
  if (event.status === 'ERROR') return [{ chatId, html: errorMessage(event, t) }];
  if (event.payloadError) return [{ chatId, html: payloadErrorMessage(event, t) }];

  const photos = event.images.filter((image) => image.fileSize === null || image.fileSize <= PHOTO_URL_LIMIT_BYTES);
  const tooBig = event.images.filter((image) => !photos.includes(image));
  const files = fileLines(event, tooBig, t);
  if (photos.length === 0) {
    const lines = [...head(event, t, 'fal-title-ok'), ...recipeLines(event, t), '', ...summaryLines(event, t)];
    if (files.length > 0) lines.push('', t('fal-files'), ...files);
    return [{ chatId, html: lines.join('\n') }];
  }
  const caption = [...head(event, t, 'fal-title-ok'), ...recipeLines(event, t), t('fal-images', { count: photos.length })].join('\n');
  const messages = photoMessages(chatId, photos, caption, t);
  if (files.length > 0) messages.push({ chatId, html: [t('fal-files'), ...files].join('\n') });
  return messages;
}

/** The `fal` action: the job's outcome in the user's chat, in their language. */
export function relayFalWebhook(i18n: I18n): EventAction {
  return (event) => {
    const t: Translate = (key, variables) => i18n.t(event.user.language, key, variables);
    return falMessages(event.payload as FalWebhookEvent, event.user.telegramId, t);
  };
}
