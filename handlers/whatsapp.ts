import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { parseStorableJson } from './storableJson.js';
import { ignored, rejected, type HandlerResult, type InboundRequest } from './types.js';

/**
 * Green API webhooks (https://green-api.com/en/docs/api/receiving/notifications-format/).
 * Pure: checks the bearer token Green API echoes back (`webhookUrlToken`), parses the body and
 * turns the message types we relay into one normalized event.
 */

export type WhatsAppMedia = 'photo' | 'video' | 'audio' | 'document';

export type WhatsAppContent =
  | { type: 'text'; text: string }
  | { type: 'media'; media: WhatsAppMedia; url: string; caption: string; fileName?: string }
  | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { type: 'contact'; name: string; vcard: string; phone?: string }
  /** A stub: WhatsApp has not given the linked device the message's content yet (see STUB_MARKER). */
  | { type: 'pending'; marker: string };

export interface WhatsAppMessageEvent {
  kind: 'message';
  idInstance: string;
  idMessage: string;
  timestamp: number;
  /** Where a reply goes: the chat (a person, `...@c.us`, or a group, `...@g.us`). */
  chatId: string;
  chatName?: string;
  senderName: string;
  /** +digits of the sender, taken from their WhatsApp id. */
  phone: string;
  group: boolean;
  content: WhatsAppContent;
  /** The message this one quotes, shown above it. */
  quote?: { text: string; participant?: string };
}

export interface WhatsAppStateEvent {
  kind: 'state';
  idInstance: string;
  timestamp: number;
  /** authorized, notAuthorized, blocked, sleepMode, starting, yellowCard... */
  state: string;
}

export type WhatsAppEvent = WhatsAppMessageEvent | WhatsAppStateEvent;

/**
 * The text Green API puts in a message its linked device could not decrypt yet ("Waiting for this
 * message"): {{SWE001}}, and {{SWE003}} for a failed decryption. The same idMessage may come
 * again later with the real content, so a stub is stored under a key of its own.
 */
const STUB_MARKER = /^\{\{SWE00[13]\}\}$/;

/** The dedupe key of a relayed message: one per instance and idMessage. */
export function whatsappDedupeKey(idInstance: string, idMessage: string): string {
  return `wa:${idInstance}:${idMessage}`;
}

/** The dedupe key of a stub: the decrypted message with the same idMessage is not its duplicate. */
export function whatsappStubKey(idInstance: string, idMessage: string): string {
  return `wa-stub:${idInstance}:${idMessage}`;
}

/** Green API retries a delivery for a while; a week is far beyond that and bounds the dedupe table. */
const DEDUPE_TTL_SECONDS = 7 * 86_400;

const instanceData = z.object({ idInstance: z.union([z.number(), z.string()]).transform(String), wid: z.string().optional() }).loose();

const senderData = z
  .object({
    chatId: z.string().min(1),
    sender: z.string().optional(),
    chatName: z.string().optional(),
    senderName: z.string().optional(),
    senderContactName: z.string().optional(),
  })
  .loose();

const fileData = z
  .object({ downloadUrl: z.string().min(1), caption: z.string().optional(), fileName: z.string().optional(), mimeType: z.string().optional() })
  .loose();

const messageData = z
  .object({
    typeMessage: z.string(),
    textMessageData: z.object({ textMessage: z.string() }).loose().optional(),
    extendedTextMessageData: z.object({ text: z.string(), stanzaId: z.string().optional(), participant: z.string().optional() }).loose().optional(),
    fileMessageData: fileData.optional(),
    locationMessageData: z
      .object({ latitude: z.number(), longitude: z.number(), nameLocation: z.string().optional(), address: z.string().optional() })
      .loose()
      .optional(),
    contactMessageData: z.object({ displayName: z.string(), vcard: z.string() }).loose().optional(),
    quotedMessage: z
      .object({
        typeMessage: z.string().optional(),
        participant: z.string().optional(),
        textMessage: z.string().optional(),
        caption: z.string().optional(),
        fileName: z.string().optional(),
        displayName: z.string().optional(),
        nameLocation: z.string().optional(),
      })
      .loose()
      .optional(),
  })
  .loose();

const envelope = z.object({ typeWebhook: z.string().min(1), instanceData, timestamp: z.number().int().nonnegative() }).loose();

const incoming = envelope.extend({ idMessage: z.string().min(1), senderData, messageData });
const stateChanged = envelope.extend({ stateInstance: z.string().min(1) });

/** The token Green API sends as `Authorization: Bearer <token>`, compared in constant time. */
export function bearerMatches(header: string | string[] | undefined, expected: string): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(.+)$/i.exec(value?.trim() ?? '');
  if (!match?.[1] || expected === '') return false;
  // Hashing first makes both sides the same length, so the comparison time says nothing.
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}

function phoneOf(whatsappId: string | undefined): string {
  const digits = /^(\d+)@/.exec(whatsappId ?? '')?.[1];
  return digits ? `+${digits}` : (whatsappId ?? '');
}

const MEDIA: Record<string, WhatsAppMedia> = {
  imageMessage: 'photo',
  videoMessage: 'video',
  audioMessage: 'audio',
  documentMessage: 'document',
};

function quoteText(quoted: NonNullable<z.infer<typeof messageData>['quotedMessage']>): string {
  return quoted.textMessage ?? quoted.caption ?? quoted.fileName ?? quoted.displayName ?? quoted.nameLocation ?? `[${quoted.typeMessage ?? 'message'}]`;
}

/** The content of a message of a type we relay; undefined for any other type. */
function contentOf(data: z.infer<typeof messageData>): WhatsAppContent | 'malformed' | undefined {
  const type = data.typeMessage;
  if (type === 'textMessage') {
    if (!data.textMessageData) return 'malformed';
    const text = data.textMessageData.textMessage;
    return STUB_MARKER.test(text.trim()) ? { type: 'pending', marker: text.trim() } : { type: 'text', text };
  }
  if (type === 'extendedTextMessage' || type === 'quotedMessage') {
    return data.extendedTextMessageData ? { type: 'text', text: data.extendedTextMessageData.text } : 'malformed';
  }
  const media = MEDIA[type];
  if (media) {
    const file = data.fileMessageData;
    if (!file) return 'malformed';
    return { type: 'media', media, url: file.downloadUrl, caption: file.caption ?? '', ...(file.fileName ? { fileName: file.fileName } : {}) };
  }
  if (type === 'locationMessage') {
    const location = data.locationMessageData;
    if (!location) return 'malformed';
    return {
      type: 'location',
      latitude: location.latitude,
      longitude: location.longitude,
      ...(location.nameLocation ? { name: location.nameLocation } : {}),
      ...(location.address ? { address: location.address } : {}),
    };
  }
  if (type === 'contactMessage') {
    const contact = data.contactMessageData;
    if (!contact) return 'malformed';
    const phone = /(?:^|\n)TEL[^:\n]*:([^\n]+)/i.exec(contact.vcard)?.[1]?.trim();
    return { type: 'contact', name: contact.displayName, vcard: contact.vcard, ...(phone ? { phone } : {}) };
  }
  return undefined;
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}

/**
 * Checks and parses one Green API webhook. `expectedToken` is the webhookUrlToken we set on the
 * user's instance (undefined when WhatsApp is not connected: nothing is accepted then), and
 * `idInstance` that instance's id.
 */
export function parseGreenApiWebhook(
  request: InboundRequest,
  connection: { webhookToken: string; idInstance: string } | undefined,
): HandlerResult<WhatsAppEvent> {
  if (!connection) return rejected('WhatsApp is not connected for this URL: use /connect whatsapp in the bot', 401);
  if (!bearerMatches(request.headers.authorization, connection.webhookToken)) {
    return rejected('missing or wrong Authorization bearer token (the webhookUrlToken of the instance)', 401);
  }
  const json = parseStorableJson(request.body.toString('utf8'));
  if (!json.ok) return rejected(json.error);
  const body = json.value;
  const head = envelope.safeParse(body);
  if (!head.success) return rejected(`not a Green API webhook: ${issuesOf(head.error)}`);
  if (head.data.instanceData.idInstance !== connection.idInstance) {
    return rejected(`webhook from instance ${head.data.instanceData.idInstance}, but this URL belongs to instance ${connection.idInstance}`);
  }
  const type = head.data.typeWebhook;
  if (type === 'outgoingAPIMessageReceived' || type === 'outgoingMessageReceived') return ignored('our own outgoing message');
  if (type === 'stateInstanceChanged') {
    const parsed = stateChanged.safeParse(body);
    if (!parsed.success) return rejected(`bad stateInstanceChanged: ${issuesOf(parsed.error)}`);
    const { instanceData: instance, timestamp, stateInstance } = parsed.data;
    return {
      ok: true,
      event: { kind: 'state', idInstance: instance.idInstance, timestamp, state: stateInstance },
      dedupe: { key: `wa-state:${instance.idInstance}:${timestamp}:${stateInstance}`, ttlSeconds: DEDUPE_TTL_SECONDS },
    };
  }
  if (type !== 'incomingMessageReceived') return ignored(`webhook type ${type} is not relayed`);
  const parsed = incoming.safeParse(body);
  if (!parsed.success) return rejected(`bad incomingMessageReceived: ${issuesOf(parsed.error)}`);
  const { instanceData: instance, idMessage, timestamp, senderData: sender, messageData: data } = parsed.data;
  const content = contentOf(data);
  if (content === 'malformed') return rejected(`messageData of a ${data.typeMessage} lacks its data object`);
  if (!content) return ignored(`message type ${data.typeMessage} is not relayed`);
  const group = sender.chatId.endsWith('@g.us');
  const event: WhatsAppMessageEvent = {
    kind: 'message',
    idInstance: instance.idInstance,
    idMessage,
    timestamp,
    chatId: sender.chatId,
    senderName: sender.senderContactName || sender.senderName || phoneOf(sender.sender ?? sender.chatId),
    phone: phoneOf(sender.sender ?? sender.chatId),
    group,
    content,
  };
  if (group && sender.chatName) event.chatName = sender.chatName;
  if (data.quotedMessage) {
    event.quote = { text: quoteText(data.quotedMessage), ...(data.quotedMessage.participant ? { participant: phoneOf(data.quotedMessage.participant) } : {}) };
  }
  const key = content.type === 'pending' ? whatsappStubKey(instance.idInstance, idMessage) : whatsappDedupeKey(instance.idInstance, idMessage);
  return { ok: true, event, dedupe: { key, ttlSeconds: DEDUPE_TTL_SECONDS } };
}
