import type { Message } from 'grammy/types';
import { GREEN_API_FILE_LIMIT } from '../src/services/whatsapp/greenApi.js';
import type { BotContext } from './context.js';

/** The largest file a bot may download from Telegram (getFile). */
export const TELEGRAM_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

export type ReplyMediaKind = 'photo' | 'document' | 'voice' | 'video';

interface ReplyMedia {
  kind: ReplyMediaKind;
  fileId: string;
  fileSize?: number;
  fileName: string;
  mimeType: string;
}

/** What a Telegram message carries back to a customer: text, or one file with its caption. */
export function replyContentOf(message: Message): { text: string } | { media: ReplyMedia; caption?: string } | undefined {
  const caption = message.caption?.trim() ? { caption: message.caption } : {};
  const largest = message.photo?.at(-1);
  if (largest) return { media: { kind: 'photo', fileId: largest.file_id, fileSize: largest.file_size, fileName: 'photo.jpg', mimeType: 'image/jpeg' }, ...caption };
  if (message.document) {
    const { file_id, file_size, file_name, mime_type } = message.document;
    return { media: { kind: 'document', fileId: file_id, fileSize: file_size, fileName: file_name ?? 'document', mimeType: mime_type ?? 'application/octet-stream' }, ...caption };
  }
  if (message.voice) {
    const { file_id, file_size, mime_type } = message.voice;
    return { media: { kind: 'voice', fileId: file_id, fileSize: file_size, fileName: 'voice.ogg', mimeType: mime_type ?? 'audio/ogg' }, ...caption };
  }
  if (message.video) {
    const { file_id, file_size, file_name, mime_type } = message.video;
    return { media: { kind: 'video', fileId: file_id, fileSize: file_size, fileName: file_name ?? 'video.mp4', mimeType: mime_type ?? 'video/mp4' }, ...caption };
  }
  if (message.text?.trim()) return { text: message.text };
  return undefined;
}

async function download(ctx: BotContext, media: ReplyMedia): Promise<Buffer> {
  const file = await ctx.api.getFile(media.fileId);
  const { apiRoot, token } = ctx.deps.config.telegram;
  const response = await fetch(`${apiRoot}/file/bot${token}/${file.file_path ?? ''}`, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new Error(`Telegram file download: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

export interface ReplyTarget {
  provider: 'whatsapp' | 'avito';
  service: string;
  ownerId: number;
  conversation: string;
  quoted?: string;
}

/**
 * Sends a member's message to the customer: text (split for Avito), or its file: every kind to
 * WhatsApp (Green API's sendFileByUpload), photos to Avito (uploaded, then an image message).
 * What a side cannot take, or a file over a size limit, is refused before anything is sent.
 * Returns the confirmation to show; a provider's refusal is thrown.
 */
export async function sendBack(ctx: BotContext, message: Message, target: ReplyTarget, signature?: string): Promise<string> {
  const content = replyContentOf(message);
  const sent = confirmation(ctx, target, signature);
  if (!content) return ctx.t('reply-text-only');
  if ('text' in content) return sendTextBack(ctx, target, content.text, signature);
  const { media, caption } = content;
  if (target.provider === 'avito' && media.kind !== 'photo') return ctx.t('reply-avito-photos-only');
  const limit = Math.min(TELEGRAM_DOWNLOAD_LIMIT, GREEN_API_FILE_LIMIT);
  if (media.fileSize !== undefined && media.fileSize > limit) {
    return ctx.t('reply-file-too-big', { size: Math.ceil(media.fileSize / (1024 * 1024)), limit: limit / (1024 * 1024) });
  }
  const data = await download(ctx, media);
  if (target.provider === 'whatsapp') {
    await ctx.deps.whatsapp.replyFile(target.ownerId, target.conversation, { data, fileName: media.fileName, mimeType: media.mimeType }, caption, target.quoted);
  } else {
    await ctx.deps.avito.replyImage(target.ownerId, target.conversation, data, media.fileName, media.mimeType, caption);
  }
  return sent();
}

function confirmation(ctx: BotContext, target: ReplyTarget, signature: string | undefined): (parts?: number) => string {
  const service = target.service;
  return (parts = 1) =>
    signature !== undefined ? ctx.t('team-reply-sent', { service, name: signature }) : parts > 1 ? ctx.t('reply-sent-split', { service, parts }) : ctx.t('reply-sent', { service });
}

/** Text to the customer (a typed reply or a saved answer), split for Avito; returns the confirmation. */
export async function sendTextBack(ctx: BotContext, target: ReplyTarget, text: string, signature?: string): Promise<string> {
  const sent = confirmation(ctx, target, signature);
  if (target.provider === 'whatsapp') {
    await ctx.deps.whatsapp.reply(target.ownerId, target.conversation, text, target.quoted);
    return sent();
  }
  return sent(await ctx.deps.avito.reply(target.ownerId, target.conversation, text));
}
