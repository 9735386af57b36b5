import { z } from 'zod';
import { parseStorableJson } from './storableJson.js';
import { ignored, rejected, type HandlerResult, type InboundRequest } from './types.js';

/**
 * Avito messenger webhooks, version 3 (https://developers.avito.ru/api-catalog/messenger/documentation).
 * Avito signs nothing: the secret token in the URL is the authentication. Pure: parses a pushed
 * body, or a message fetched by the polling fallback, into the same normalized event, so both
 * paths share one dedupe key.
 */

export type AvitoContent =
  | { type: 'text'; text: string }
  | { type: 'image'; url: string }
  | { type: 'link'; url: string; text?: string }
  | { type: 'location'; lat: number; lon: number; title?: string; text?: string }
  | { type: 'item'; title: string; url?: string; price?: string; imageUrl?: string }
  | { type: 'other'; kind: string };

export interface AvitoMessageEvent {
  kind: 'message';
  /** The connected Avito account (user_id in every messenger path). */
  accountId: number;
  chatId: string;
  messageId: string;
  authorId: number;
  /** Unix seconds. */
  created: number;
  chatType?: string;
  itemId?: number;
  content: AvitoContent;
  /** How it reached us: the webhook, or the polling fallback. */
  via: 'push' | 'poll';
}

const DEDUPE_TTL_SECONDS = 7 * 86_400;

const id = z.union([z.number(), z.string()]);

export const avitoContentSchema = z
  .object({
    text: z.string().optional(),
    image: z.object({ sizes: z.record(z.string(), z.string()) }).loose().optional(),
    link: z.object({ url: z.string(), text: z.string().optional() }).loose().optional(),
    location: z
      .object({ lat: z.number(), lon: z.number(), title: z.string().optional(), text: z.string().optional() })
      .loose()
      .optional(),
    item: z
      .object({ title: z.string().optional(), item_url: z.string().optional(), price_string: z.string().optional(), image_url: z.string().optional() })
      .loose()
      .optional(),
  })
  .loose();

const messageValue = z
  .object({
    id: id.transform(String),
    chat_id: id.transform(String),
    user_id: z.coerce.number().int(),
    author_id: z.coerce.number().int(),
    created: z.number().int().nonnegative(),
    type: z.string().min(1),
    chat_type: z.string().optional(),
    item_id: z.number().int().optional(),
    content: avitoContentSchema.default({}),
  })
  .loose();

const webhookBody = z
  .object({
    id: z.string().optional(),
    version: z.string().optional(),
    timestamp: z.number().optional(),
    payload: z.object({ type: z.string().min(1), value: z.unknown() }).loose(),
  })
  .loose();

/** A message as GET /messenger/v3/accounts/{user_id}/chats/{chat_id}/messages/ lists it. */
export const avitoListedMessage = z
  .object({
    id: id.transform(String),
    author_id: z.coerce.number().int(),
    created: z.number().int().nonnegative(),
    type: z.string().min(1),
    direction: z.string().optional(),
    content: avitoContentSchema.default({}),
  })
  .loose();
export type AvitoListedMessage = z.output<typeof avitoListedMessage>;

/** The biggest of the sizes Avito offers ("1280x960": url, "140x105": url...). */
export function largestImage(sizes: Record<string, string>): string | undefined {
  let best: { area: number; url: string } | undefined;
  for (const [size, url] of Object.entries(sizes)) {
    const [width, height] = size.split('x').map(Number);
    const area = (width ?? 0) * (height ?? 0);
    if (!best || area > best.area) best = { area: Number.isFinite(area) ? area : 0, url };
  }
  return best?.url;
}

export function avitoContent(type: string, content: z.output<typeof avitoContentSchema>): AvitoContent {
  if (type === 'text' && content.text !== undefined) return { type: 'text', text: content.text };
  if (type === 'image' && content.image) {
    const url = largestImage(content.image.sizes);
    if (url) return { type: 'image', url };
  }
  if (type === 'link' && content.link) return { type: 'link', url: content.link.url, ...(content.link.text ? { text: content.link.text } : {}) };
  if (type === 'location' && content.location) {
    const { lat, lon, title, text } = content.location;
    return { type: 'location', lat, lon, ...(title ? { title } : {}), ...(text ? { text } : {}) };
  }
  if (type === 'item' && content.item) {
    const item = content.item;
    return {
      type: 'item',
      title: item.title ?? '',
      ...(item.item_url ? { url: item.item_url } : {}),
      ...(item.price_string ? { price: item.price_string } : {}),
      ...(item.image_url ? { imageUrl: item.image_url } : {}),
    };
  }
  return { type: 'other', kind: type };
}

/** Why a message is not relayed: a system notice, or our own (a reply we or the seller sent). */
export function avitoSkipReason(type: string, authorId: number, accountId: number): string | undefined {
  if (type === 'system') return 'system message';
  if (type === 'deleted') return 'deleted message';
  if (authorId === accountId) return 'our own message';
  return undefined;
}

export function avitoDedupeKey(messageId: string): string {
  return `avito:${messageId}`;
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}

/**
 * One pushed webhook. `accountId` is the connected account (undefined when Avito is not
 * connected: the delivery is acknowledged and dropped, so Avito stops retrying it).
 */
export function parseAvitoWebhook(request: InboundRequest, accountId: number | undefined): HandlerResult<AvitoMessageEvent> {
  const text = request.body.toString('utf8').trim();
  // Avito checks a new subscription with an empty object (or body): it wants a quick 200.
  if (text === '' || text === '{}') return ignored('probe');
  const json = parseStorableJson(text);
  if (!json.ok) return rejected(json.error);
  const body = json.value;
  const envelope = webhookBody.safeParse(body);
  if (!envelope.success) return rejected(`not an Avito webhook: ${issuesOf(envelope.error)}`);
  if (envelope.data.payload.type !== 'message') return ignored(`payload type ${envelope.data.payload.type} is not relayed`);
  const value = messageValue.safeParse(envelope.data.payload.value);
  if (!value.success) return rejected(`bad message payload: ${issuesOf(value.error)}`);
  if (accountId === undefined) return ignored('Avito is not connected for this URL');
  const message = value.data;
  if (message.user_id !== accountId) return rejected(`message for Avito account ${message.user_id}, but this URL belongs to account ${accountId}`);
  const skip = avitoSkipReason(message.type, message.author_id, accountId);
  if (skip) return ignored(skip);
  const event: AvitoMessageEvent = {
    kind: 'message',
    accountId,
    chatId: message.chat_id,
    messageId: message.id,
    authorId: message.author_id,
    created: message.created,
    ...(message.chat_type ? { chatType: message.chat_type } : {}),
    ...(message.item_id !== undefined ? { itemId: message.item_id } : {}),
    content: avitoContent(message.type, message.content),
    via: 'push',
  };
  return { ok: true, event, dedupe: { key: avitoDedupeKey(message.id), ttlSeconds: DEDUPE_TTL_SECONDS } };
}

/** A message the polling fallback fetched, as the same event a push would have made; undefined to skip. */
export function avitoPolledEvent(accountId: number, chatId: string, message: AvitoListedMessage): { event: AvitoMessageEvent; dedupe: { key: string; ttlSeconds: number } } | undefined {
  if (avitoSkipReason(message.type, message.author_id, accountId) || message.direction === 'out') return undefined;
  return {
    event: {
      kind: 'message',
      accountId,
      chatId,
      messageId: message.id,
      authorId: message.author_id,
      created: message.created,
      content: avitoContent(message.type, message.content),
      via: 'poll',
    },
    dedupe: { key: avitoDedupeKey(message.id), ttlSeconds: DEDUPE_TTL_SECONDS },
  };
}

/** Where the polling fallback left a chat: its `updated` and last message id when last examined. */
export interface AvitoChatCursor {
  updated: number;
  lastMessageId: string | null;
}

/** A chat as the chat list shows it, reduced to what tells whether it changed. */
export interface AvitoChatState {
  updated?: number;
  lastMessage?: { id: string; created: number };
}

/** When the chat last changed, by Avito's clock (`updated`, else its last message's time). */
export function avitoChatUpdated(chat: AvitoChatState): number {
  return chat.updated ?? chat.lastMessage?.created ?? 0;
}

/**
 * Whether a chat changed since the poll left it. Both values count: `updated` is in seconds, so a
 * message in the same second as the last look changes only the last message id. Who wrote last
 * (the buyer, the seller from the Avito app, a system notice) does not matter.
 */
export function avitoChatChanged(chat: AvitoChatState, cursor: AvitoChatCursor | undefined): boolean {
  if (!cursor) return true;
  return avitoChatUpdated(chat) !== cursor.updated || (chat.lastMessage?.id ?? null) !== cursor.lastMessageId;
}

/**
 * Messages as Avito lists them (newest first, page after page) -> the order they were sent:
 * oldest first, and messages of the same second in the reverse of the listing's order, which is
 * the order they were sent in. A message listed twice (pages shift while new messages arrive) is
 * kept once.
 */
export function avitoSendingOrder<T extends { id: string; created: number }>(newestFirst: readonly T[]): T[] {
  const seen = new Set<string>();
  const unique = newestFirst.filter((message) => !seen.has(message.id) && Boolean(seen.add(message.id)));
  return unique
    .map((message, index) => ({ message, index }))
    .sort((a, b) => a.message.created - b.message.created || b.index - a.index)
    .map(({ message }) => message);
}
