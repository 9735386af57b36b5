/**
 * A fake Telegram Bot API server for integration tests and benchmarks.
 *
 * It is a real HTTP server on 127.0.0.1 that speaks the Bot API wire format
 * (`POST /bot<token>/<method>`, JSON / urlencoded / multipart params,
 * `{ok, result}` / `{ok:false, error_code, description}` answers), so the app
 * talks to it through its unmodified grammY client: point grammY's `apiRoot`
 * (or TELEGRAM_API_ROOT) at `fake.url`.
 *
 * Deliberate strictness: HTML parse_mode is validated (balanced, allowed tags,
 * every `&` must start an entity) so tests catch escaping bugs that Telegram
 * would reject in production. MarkdownV2 is accepted without validation.
 *
 * A photo given by http(s) URL (sendPhoto, sendMediaGroup) is downloaded, as
 * Telegram does; one that cannot be fetched gets Telegram's 400.
 *
 * Groups: a test creates supergroups (optionally forums) and sets the bot's
 * membership and admin rights; getChat, getChatMember, createForumTopic,
 * editForumTopic and deleteForumTopic answer as Telegram does, and a message
 * sent with a message_thread_id must name a live topic of a forum ("message
 * thread not found" otherwise). Members write with sendGroupMessage; in a
 * topic their message carries message_thread_id and is_topic_message, and,
 * as in Telegram, replies to the topic's creation message when it replies to
 * nothing else. A change of the bot's membership made "by" a member queues
 * my_chat_member, as Telegram does; buttons can be pressed in groups too.
 *
 * getUpdates honours allowed_updates as Telegram does: once given it holds for
 * later calls, and updates of other types are dropped; without it, every type
 * but chat_member and the reaction ones is delivered.
 *
 * Files users send (sendUserMedia) are served as Telegram serves them: getFile
 * gives a file_path (400 "file is too big" past 20 MB), and GET
 * /file/bot<token>/<file_path> returns the bytes.
 *
 * Scope limits: no webhook delivery (a set webhook is only recorded).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  BotCommand,
  BotCommandScope,
  Chat,
  ChatAdministratorRights,
  ChatMember,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  Update,
  User,
  UserFromGetMe,
} from 'grammy/types';

// ---------------------------------------------------------------------------
// Public types

export type Params = Record<string, unknown>;

/** A file that arrived in a multipart upload. */
export interface UploadedFile {
  filename: string;
  data: Buffer;
  contentType?: string;
}

export type ApiResponse =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after: number } };

export interface RecordedCall {
  /** Canonical method name (Telegram matches method names case-insensitively). */
  method: string;
  /** Parsed params; uploads appear as {@link UploadedFile}, JSON-valued form fields are decoded. */
  params: Params;
  /** Arrival time, ms since epoch. */
  at: number;
  /**
   * The answer the fake decided on. Undefined while a long poll is held, and
   * forever for a call dropped by a 'network' fault. With a 'hang' fault this
   * is set before the delayed bytes hit the socket.
   */
  response?: ApiResponse;
  /** The client never got an answer: a 'network' fault, or it hung up first (aborted long poll). */
  dropped?: boolean;
}

export type DeliveryMethod = 'sendMessage' | 'sendDocument' | 'sendPhoto' | 'sendMediaGroup' | 'sendVideo' | 'sendAudio' | 'sendLocation' | 'sendContact';

/** A message the bot successfully delivered, as it was sent (not as later edited). */
export interface SentMessage {
  chatId: number;
  messageId: number;
  method: DeliveryMethod;
  /** The `text` param exactly as sent (markup included). */
  text?: string;
  /** The `caption` param exactly as sent. */
  caption?: string;
  /** What the user sees: text or caption after entity parsing (tags removed, entities decoded). */
  plainText?: string;
  parseMode?: string;
  replyMarkup?: unknown;
  /** Shortcut to `replyMarkup.inline_keyboard` when the markup is an inline keyboard. */
  inlineKeyboard?: InlineKeyboardButton[][];
  document?: UploadedFile;
  photo?: UploadedFile;
  video?: UploadedFile;
  audio?: UploadedFile;
  /** sendLocation's coordinates. */
  location?: { latitude: number; longitude: number };
  /** sendContact's fields. */
  contact?: { phone_number: string; first_name: string; last_name?: string; vcard?: string };
  /** A file_id or URL the bot sent instead of uploading bytes. */
  fileRef?: string;
  /** Shared by the messages of one album (sendMediaGroup). */
  mediaGroupId?: string;
  /** The forum topic it was sent to (message_thread_id). */
  threadId?: number;
  /** Delivery time, ms since epoch. */
  at: number;
  params: Params;
  /** The Message object returned to the bot. */
  message: Message;
}

export interface ChatView {
  id: number;
  type: Chat['type'];
  blocked: boolean;
  /** Current state: user and bot messages, edits applied, deletions removed, ordered by message_id. */
  messages: Message[];
}

export interface FakeUser {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export type Failure =
  | { kind: 'flood'; retryAfter: number }
  | { kind: 'server'; status?: number }
  | { kind: 'blocked' }
  | { kind: 'hang'; ms: number }
  | { kind: 'network' };

/** The bot's place in a group: a plain member, or an admin with these rights. */
export type BotMembership = { status: 'member' } | { status: 'kicked' } | ({ status: 'administrator' } & Partial<ChatAdministratorRights>);

export interface FakeTopic {
  threadId: number;
  name: string;
  /** Current messages of the topic (bot and members), by message_id. */
  messages: Message[];
}

export interface WebhookState {
  url: string;
  secretToken?: string;
  maxConnections?: number;
  allowedUpdates?: unknown;
  setAt: number;
}

export interface FakeTelegram {
  /** e.g. http://127.0.0.1:PORT, usable as grammY `apiRoot`. */
  url: string;
  token: string;
  /** The token's numeric prefix, as Telegram derives it. */
  botId: number;
  botUsername: string;
  /** Every request in arrival order, including rejected ones. */
  calls: RecordedCall[];
  /** Successful sendMessage/sendDocument/sendPhoto/sendMediaGroup deliveries (one per album item) in arrival order, optionally for one chat. */
  sent(chatId?: number): SentMessage[];
  /** A snapshot (deep copy) of the chat as the user would see it now. */
  chat(chatId: number): ChatView;
  /** The webhook currently set, if any (secret_token included, unlike getWebhookInfo). */
  readonly webhook: WebhookState | undefined;
  /** Commands stored by setMyCommands for exactly this scope + language ('' = all languages). */
  commands(opts?: { scope?: BotCommandScope; languageCode?: string }): BotCommand[] | undefined;
  /** Updates queued and not yet confirmed through a getUpdates offset. */
  pendingUpdates(): Update[];

  /**
   * Queues a private-chat message from the user (chat id = from.id), with
   * bot_command entities for `/commands`. The message joins the chat's
   * message_id sequence. Releases any held long poll on the next turn of the
   * event loop: messages sent in one synchronous block arrive in one batch.
   */
  sendUserMessage(from: FakeUser, text: string, opts?: { replyTo?: number }): Update;
  /**
   * Queues a callback_query for a bot message in the user's chat. Throws if the
   * message has no inline button with that callback_data, as a real client
   * could not press it. The query must be answered at most once.
   */
  pressButton(from: FakeUser, messageId: number, data: string, opts?: { chatId?: number }): Update;
  /** Queues a raw update; update_id is assigned when missing. */
  pushUpdate(update: object): void;

  /** A supergroup (with topics when `forum`) the bot is in as `bot` says; returns its chat id (-100…). */
  createGroup(opts: { title: string; forum?: boolean; bot?: BotMembership }): number;
  /**
   * Changes the bot's membership or admin rights in a group. With `by` (the member who did it),
   * Telegram's my_chat_member update is queued, as Telegram sends it; without, the change is silent.
   */
  setBotMembership(chatId: number, membership: BotMembership, opts?: { by?: FakeUser }): void;
  /**
   * Queues a member's message in a group; `threadId` puts it in a forum topic (Telegram then
   * marks it is_topic_message and, without `replyTo`, makes it reply to the topic's first message).
   */
  sendGroupMessage(from: FakeUser, chatId: number, text: string, opts?: { threadId?: number; replyTo?: number }): Update;
  /**
   * Queues a user's photo, document, voice note or video, in their private chat or (with `chatId`)
   * a group; `fileSize` overrides the size reported (to stand for a file too big to send here).
   */
  sendUserMedia(
    from: FakeUser,
    media: { kind: 'photo' | 'document' | 'voice' | 'video'; data: Buffer; fileName?: string; mimeType?: string; fileSize?: number },
    opts?: { chatId?: number; caption?: string; threadId?: number; replyTo?: number },
  ): Update;
  /** The forum's live topics, oldest first. */
  topics(chatId: number): FakeTopic[];
  /** A member deletes a topic with all its messages, as from a Telegram app. */
  deleteTopic(chatId: number, threadId: number): void;

  /**
   * Resolves with the earliest delivered message to `chatId` that matches and
   * was not already returned by an earlier waitForMessage; otherwise waits for
   * the next one. Each message is handed out once, so consecutive waits walk
   * through the conversation. Resolves once the bot's call is answered. On
   * timeout it rejects with a list of what the chat received and which calls
   * to it failed.
   */
  waitForMessage(chatId: number, predicate?: (m: SentMessage) => boolean, timeoutMs?: number): Promise<SentMessage>;
  /** Same consumption rules as waitForMessage, over answered (or dropped) calls of `method`. */
  waitForCall(method: string, predicate?: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;

  /**
   * Scripts the next `count` answers for `method` (optionally only for calls to
   * `chatId`); queued scripts are consumed in order. A failing call has no side
   * effects, except 'hang': the call takes effect immediately and only the
   * answer is late, like a slow network after Telegram accepted the message.
   * Server faults default to 500.
   */
  failNext(method: string, count: number, failure: Failure, opts?: { chatId?: number }): void;
  /** Every later call with this chat_id gets 403 "bot was blocked by the user" until unblockChat. */
  blockChat(chatId: number): void;
  unblockChat(chatId: number): void;
  /**
   * Forgets calls, messages, chats, faults, blocks, queued updates, webhook and
   * commands; pending waits reject. The server and held long polls stay up, and
   * update_ids keep increasing so a still-polling bot's offset stays valid.
   */
  reset(): void;
  /** Answers held long polls with [], then closes the server and all keep-alive connections. */
  close(): Promise<void>;
}

export interface FakeTelegramOptions {
  /** Must look like a real token: `<digits>:<20+ chars of [A-Za-z0-9_-]>`. */
  token?: string;
  botUsername?: string;
}

export async function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const fake = new FakeTelegramServer(opts);
  await fake.listen();
  return fake;
}

// ---------------------------------------------------------------------------
// Errors and wire helpers

/** Thrown by method handlers; becomes an `ok:false` answer. */
class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }

  toResponse(): ApiResponse {
    const response: ApiResponse = { ok: false, error_code: this.code, description: this.description };
    if (this.retryAfter !== undefined) response.parameters = { retry_after: this.retryAfter };
    return response;
  }
}

const badRequest = (detail: string) => new ApiError(400, `Bad Request: ${detail}`);
const blockedError = () => new ApiError(403, 'Forbidden: bot was blocked by the user');

const TEXT_LIMIT = 4096;
const CAPTION_LIMIT = 1024;
const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
const WEBHOOK_CONFLICT =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
const POLL_CONFLICT = 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
const TOKEN_PATTERN = /^(\d+):[A-Za-z0-9_-]{20,}$/;
/** What Telegram sends without allowed_updates: every type but chat_member and the reaction ones. */
const DEFAULT_ALLOWED_UPDATES = [
  'message', 'edited_message', 'channel_post', 'edited_channel_post', 'business_connection', 'business_message',
  'edited_business_message', 'deleted_business_messages', 'inline_query', 'chosen_inline_result', 'callback_query',
  'shipping_query', 'pre_checkout_query', 'purchased_paid_media', 'poll', 'poll_answer', 'my_chat_member',
  'chat_join_request', 'chat_boost', 'removed_chat_boost',
];

function writeJson(res: ServerResponse, response: ApiResponse): void {
  if (res.writableEnded || res.destroyed) return;
  const body = JSON.stringify(response);
  res.writeHead(response.ok ? 200 : response.error_code, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface Route {
  token: string;
  method: string;
}

function parseRoute(pathname: string): Route | undefined {
  // grammY's `environment: 'test'` inserts a `test/` segment before the method.
  const match = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z0-9_]+)\/?$/.exec(pathname);
  if (!match?.[1] || !match[2]) return undefined;
  return { token: match[1], method: match[2] };
}

// ---------------------------------------------------------------------------
// Param decoding (JSON, urlencoded, multipart)

// Form-encoded transports (urlencoded, multipart, query string) carry every
// value as a string; Telegram decodes them by the field's declared type.
const JSON_FIELDS = new Set([
  'reply_markup', 'entities', 'caption_entities', 'link_preview_options', 'reply_parameters', 'commands',
  'scope', 'allowed_updates', 'media', 'results', 'options', 'reaction',
]);
const INT_FIELDS = new Set([
  'chat_id', 'message_id', 'offset', 'limit', 'timeout', 'reply_to_message_id', 'message_thread_id',
  'max_connections', 'cache_time', 'user_id', 'from_chat_id', 'duration', 'width', 'height', 'until_date',
]);
const BOOL_FIELDS = new Set([
  'disable_notification', 'protect_content', 'show_alert', 'drop_pending_updates', 'disable_web_page_preview',
  'allow_sending_without_reply', 'has_spoiler', 'show_caption_above_media', 'disable_content_type_detection',
  'allow_paid_broadcast', 'for_channels',
]);

function decodeFormValue(name: string, value: string): unknown {
  if (JSON_FIELDS.has(name)) {
    try {
      return JSON.parse(value);
    } catch {
      throw badRequest(`can't parse ${name} JSON object`);
    }
  }
  if (INT_FIELDS.has(name) && /^-?\d+$/.test(value)) return Number(value);
  if (BOOL_FIELDS.has(name) && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function decodeForm(entries: Iterable<[string, string]>): Params {
  const params: Params = {};
  for (const [name, value] of entries) params[name] = decodeFormValue(name, value);
  return params;
}

function headerParam(header: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(header);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]?.trim();
}

function dispositionFilename(header: string): string | undefined {
  const extended = /;\s*filename\*\s*=\s*[^']*'[^']*'([^;]*)/i.exec(header);
  if (extended?.[1] !== undefined) return decodeURIComponent(extended[1].trim());
  // grammY writes `filename=<raw name>` unquoted as the last parameter, so an
  // unquoted name runs to the end of the header (it may contain `;` or spaces).
  const plain = /;\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(.*))$/i.exec(header);
  if (!plain) return undefined;
  return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]?.trim();
}

interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

function parsePartHeaders(raw: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of raw.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function parsePart(raw: Buffer): MultipartPart {
  const headerEnd = raw.indexOf('\r\n\r\n');
  if (headerEnd === -1) throw badRequest('malformed multipart part');
  const headers = parsePartHeaders(raw.subarray(0, headerEnd).toString('utf8'));
  const disposition = headers.get('content-disposition') ?? '';
  const name = headerParam(disposition, 'name');
  if (!name) throw badRequest('multipart part without a name');
  return {
    name,
    filename: dispositionFilename(disposition),
    contentType: headers.get('content-type'),
    data: Buffer.from(raw.subarray(headerEnd + 4)),
  };
}

function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let cursor = body.indexOf(delimiter);
  if (cursor === -1) throw badRequest('multipart body without boundary');
  cursor += delimiter.length;
  while (body.subarray(cursor, cursor + 2).toString() !== '--') {
    cursor = body.indexOf('\n', cursor) + 1; // skip the delimiter line's CRLF
    if (cursor === 0) throw badRequest('unterminated multipart body');
    const end = body.indexOf(nextDelimiter, cursor);
    if (end === -1) throw badRequest('unterminated multipart body');
    parts.push(parsePart(body.subarray(cursor, end)));
    cursor = end + nextDelimiter.length;
  }
  return parts;
}

/** Replaces `attach://<part>` references (grammY's upload style) with the uploaded files. */
function resolveAttachments(value: unknown, files: Map<string, UploadedFile>, used: Set<string>): unknown {
  if (typeof value === 'string' && value.startsWith('attach://')) {
    const name = value.slice('attach://'.length);
    const file = files.get(name);
    if (!file) throw badRequest(`wrong file identifier/HTTP URL specified: no part "${name}" in the request`);
    used.add(name);
    return file;
  }
  if (Array.isArray(value)) return value.map((item) => resolveAttachments(item, files, used));
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const copy: Params = {};
    for (const [key, item] of Object.entries(value)) copy[key] = resolveAttachments(item, files, used);
    return copy;
  }
  return value;
}

function multipartParams(body: Buffer, boundary: string): Params {
  const fields: [string, string][] = [];
  const files = new Map<string, UploadedFile>();
  for (const part of parseMultipart(body, boundary)) {
    if (part.filename === undefined) fields.push([part.name, part.data.toString('utf8')]);
    else files.set(part.name, { filename: part.filename, data: part.data, contentType: part.contentType });
  }
  const used = new Set<string>();
  const params = resolveAttachments(decodeForm(fields), files, used) as Params;
  // A file part named after the field itself (curl -F document=@file style).
  for (const [name, file] of files) if (!used.has(name) && !(name in params)) params[name] = file;
  return params;
}

function parseParams(req: IncomingMessage, url: URL, body: Buffer): Params {
  const query = decodeForm(url.searchParams);
  const contentType = req.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  if (body.length === 0) return query;
  if (mediaType === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON request body");
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('request body must be a JSON object');
    return { ...query, ...(parsed as Params) };
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    return { ...query, ...decodeForm(new URLSearchParams(body.toString('utf8'))) };
  }
  if (mediaType === 'multipart/form-data') {
    const boundary = headerParam(contentType, 'boundary');
    if (!boundary) throw badRequest('multipart request without boundary');
    return { ...query, ...multipartParams(body, boundary) };
  }
  return query;
}

// ---------------------------------------------------------------------------
// Typed param accessors

function optionalInt(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw badRequest(`field "${name}" must be an integer`);
  return number;
}

function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`field "${name}" must be of type String`);
  return value;
}

/** Extracts chat_id without throwing; used to match faults and blocked chats. */
function peekChatId(params: Params): number | undefined {
  const value = params.chat_id;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

function requireChatId(params: Params): number {
  if (params.chat_id === undefined || params.chat_id === '') throw badRequest('chat_id is empty');
  const id = peekChatId(params);
  if (id === undefined) throw badRequest('chat not found');
  return id;
}

function requireMessageId(params: Params): number {
  const id = optionalInt(params, 'message_id');
  if (id === undefined) throw badRequest('message identifier is not specified');
  return id;
}

// ---------------------------------------------------------------------------
// HTML parse_mode, following Telegram's documented subset

const TAG_ENTITY: Record<string, MessageEntity['type']> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', span: 'spoiler', 'tg-spoiler': 'spoiler',
  a: 'text_link', code: 'code', pre: 'pre', blockquote: 'blockquote', 'tg-emoji': 'custom_emoji',
};

class HtmlParseError extends Error {}

interface OpenTag {
  name: string;
  start: number;
  attrs: Map<string, string>;
  language?: string;
}

function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index));
}

/** Decodes the entity at `index` (which holds '&'); only Telegram's supported entities. */
function readCharacterEntity(source: string, index: number): { text: string; next: number } {
  const match = /&(?:(lt|gt|amp|quot)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/y;
  match.lastIndex = index;
  const found = match.exec(source);
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
  if (found?.[1]) return { text: named[found[1]] ?? '', next: match.lastIndex };
  const codePoint = found ? Number.parseInt(found[2] ?? found[3] ?? '', found[2] ? 10 : 16) : NaN;
  if (Number.isNaN(codePoint) || codePoint > 0x10ffff) {
    throw new HtmlParseError(
      `Unsupported HTML entity at byte offset ${byteOffset(source, index)}; a literal "&" must be written as &amp;`,
    );
  }
  return { text: String.fromCodePoint(codePoint), next: match.lastIndex };
}

function decodeAttributeValue(source: string, raw: string, tagIndex: number): string {
  let out = '';
  for (let i = 0; i < raw.length; ) {
    if (raw[i] !== '&') {
      out += raw[i];
      i += 1;
      continue;
    }
    try {
      const entity = readCharacterEntity(raw, i);
      out += entity.text;
      i = entity.next;
    } catch {
      throw new HtmlParseError(`Unsupported HTML entity in attribute of tag at byte offset ${byteOffset(source, tagIndex)}`);
    }
  }
  return out;
}

/** Finds the `>` that ends a tag, skipping quoted attribute values. */
function findTagEnd(source: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < source.length; i += 1) {
    const ch = source[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i;
  }
  return -1;
}

function parseAttributes(source: string, raw: string, tagIndex: number): Map<string, string> {
  const attrs = new Map<string, string>();
  const pattern = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const match of raw.matchAll(pattern)) {
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    attrs.set((match[1] ?? '').toLowerCase(), decodeAttributeValue(source, value, tagIndex));
  }
  return attrs;
}

function checkRequiredAttributes(name: string, attrs: Map<string, string>, at: number): void {
  if (name === 'span' && attrs.get('class') !== 'tg-spoiler') {
    throw new HtmlParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${at}`);
  }
  if (name === 'tg-emoji' && !attrs.get('emoji-id')) {
    throw new HtmlParseError(`Tag "tg-emoji" must have attribute "emoji-id" at byte offset ${at}`);
  }
}

function entityForClosedTag(tag: OpenTag, end: number, stack: OpenTag[]): MessageEntity | undefined {
  const length = end - tag.start;
  const type = TAG_ENTITY[tag.name];
  if (length === 0 || !type) return undefined;
  const parent = stack[stack.length - 1];
  if (tag.name === 'code' && parent?.name === 'pre') {
    // <pre><code class="language-x"> is one pre entity carrying a language.
    const language = tag.attrs.get('class')?.replace(/^language-/, '');
    if (language) parent.language = language;
    return undefined;
  }
  switch (type) {
    case 'text_link': {
      const url = tag.attrs.get('href');
      return url ? { type, offset: tag.start, length, url } : undefined;
    }
    case 'custom_emoji':
      return { type, offset: tag.start, length, custom_emoji_id: tag.attrs.get('emoji-id') ?? '' };
    case 'pre':
      return tag.language ? { type, offset: tag.start, length, language: tag.language } : { type, offset: tag.start, length };
    case 'blockquote':
      return { type: tag.attrs.has('expandable') ? 'expandable_blockquote' : 'blockquote', offset: tag.start, length };
    default:
      return { type, offset: tag.start, length } as MessageEntity;
  }
}

export interface ParsedText {
  /** The text the user sees. */
  text: string;
  /** Entities with UTF-16 offsets, as Telegram reports them. */
  entities: MessageEntity[];
}

/**
 * Parses Telegram-flavoured HTML the way the fake validates it; throws an
 * Error whose message is the part after "can't parse entities: ".
 */
export function parseTelegramHtml(source: string): ParsedText {
  let text = '';
  const stack: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === '&') {
      const entity = readCharacterEntity(source, i);
      text += entity.text;
      i = entity.next;
      continue;
    }
    if (ch !== '<') {
      text += ch;
      i += 1;
      continue;
    }
    const at = byteOffset(source, i);
    const end = findTagEnd(source, i + 1);
    if (end === -1) throw new HtmlParseError(`Unclosed start tag at byte offset ${at}`);
    const inner = source.slice(i + 1, end);
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (!open) throw new HtmlParseError(`Unexpected end tag at byte offset ${at}`);
      if (open.name !== name) {
        throw new HtmlParseError(`Unmatched end tag at byte offset ${at}, expected "</${open.name}>", found "</${name}>"`);
      }
      const entity = entityForClosedTag(open, text.length, stack);
      if (entity) entities.push(entity);
    } else {
      const name = (/^[a-zA-Z][a-zA-Z0-9-]*/.exec(inner)?.[0] ?? '').toLowerCase();
      if (!Object.hasOwn(TAG_ENTITY, name)) throw new HtmlParseError(`Unsupported start tag "${name}" at byte offset ${at}`);
      const attrs = parseAttributes(source, inner.slice(name.length), i);
      checkRequiredAttributes(name, attrs, at);
      stack.push({ name, start: text.length, attrs });
    }
    i = end + 1;
  }
  const unclosed = stack.pop();
  if (unclosed) throw new HtmlParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function codePointCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

interface RenderedText {
  text: string;
  entities?: MessageEntity[];
}

function renderFormatted(
  raw: string,
  parseMode: string | undefined,
  explicitEntities: unknown,
  limits: { max: number; tooLong: string },
): RenderedText {
  let rendered: RenderedText;
  const mode = parseMode?.toLowerCase() ?? '';
  if (mode === 'html') {
    try {
      rendered = parseTelegramHtml(raw);
    } catch (error) {
      if (error instanceof HtmlParseError) throw badRequest(`can't parse entities: ${error.message}`);
      throw error;
    }
  } else if (mode === '' || mode === 'markdown' || mode === 'markdownv2') {
    rendered = { text: raw, entities: Array.isArray(explicitEntities) ? (explicitEntities as MessageEntity[]) : undefined };
  } else {
    throw badRequest('unsupported parse_mode');
  }
  // Telegram counts the limit in Unicode code points (4,096 emoji pass, 4,097 do not), after markup is parsed.
  if (codePointCount(rendered.text) > limits.max) throw badRequest(limits.tooLong);
  if (rendered.entities?.length === 0) rendered.entities = undefined;
  return rendered;
}

function renderMessageText(params: Params): RenderedText {
  const raw = optionalString(params, 'text');
  if (raw === undefined) throw badRequest('message text is empty');
  const rendered = renderFormatted(raw, optionalString(params, 'parse_mode'), params.entities, {
    max: TEXT_LIMIT,
    tooLong: 'message is too long',
  });
  if (rendered.text.trim() === '') throw badRequest('message text is empty');
  return rendered;
}

function renderCaption(params: Params): RenderedText | undefined {
  const raw = optionalString(params, 'caption');
  if (raw === undefined || raw === '') return undefined;
  return renderFormatted(raw, optionalString(params, 'parse_mode'), params.caption_entities, {
    max: CAPTION_LIMIT,
    tooLong: 'message caption is too long',
  });
}

// ---------------------------------------------------------------------------
// Reply markup validation

const BUTTON_ACTIONS = [
  'callback_data', 'url', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'copy_text', 'callback_game', 'pay', 'web_app',
];

function validateInlineButton(button: unknown): void {
  if (!button || typeof button !== 'object') throw badRequest("can't parse inline keyboard button: object expected");
  const fields = button as Record<string, unknown>;
  if (typeof fields.text !== 'string' || fields.text === '') {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  if (!BUTTON_ACTIONS.some((action) => action in fields)) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  if ('callback_data' in fields) {
    const data = fields.callback_data;
    const size = typeof data === 'string' ? Buffer.byteLength(data) : 0;
    if (size < 1 || size > 64) throw badRequest('BUTTON_DATA_INVALID');
  }
  if ('url' in fields && (typeof fields.url !== 'string' || !/^(https?|tg):\/\/\S+$/i.test(fields.url))) {
    throw badRequest('BUTTON_URL_INVALID');
  }
  // WebAppInfo.url: "An HTTPS URL of a Web App to be opened".
  if ('web_app' in fields) {
    const url = (fields.web_app as { url?: unknown } | null)?.url;
    if (typeof url !== 'string' || !/^https:\/\/\S+$/i.test(url)) {
      throw badRequest(`inline keyboard button Web App URL '${String(url)}' is invalid: Only HTTPS links are allowed`);
    }
  }
}

/** Validates any reply_markup; returns it only when it is an inline keyboard (the kind Telegram keeps on the message). */
function inlineMarkupOf(markup: unknown): InlineKeyboardMarkup | undefined {
  if (markup === undefined || markup === null) return undefined;
  if (typeof markup !== 'object' || Array.isArray(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
  const keyboard = (markup as Record<string, unknown>).inline_keyboard;
  if (keyboard === undefined) return undefined;
  if (!Array.isArray(keyboard) || !keyboard.every(Array.isArray)) {
    throw badRequest('field "inline_keyboard" must be an Array of Arrays');
  }
  for (const row of keyboard as unknown[][]) for (const button of row) validateInlineButton(button);
  return markup as InlineKeyboardMarkup;
}

/** JSON with sorted keys, so equal markups compare equal regardless of key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

// ---------------------------------------------------------------------------
// Waiting for things to happen

interface Waiter<T> {
  accept: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Hands each item to at most one waiter: an item returned by one waitFor call
 * is "consumed" and never returned again, so successive waits step through
 * the stream instead of matching the same item twice.
 */
class ItemWaiters<T extends object> {
  private readonly waiters = new Set<Waiter<T>>();
  private readonly consumed = new WeakSet<T>();

  wait(existing: readonly T[], accept: (item: T) => boolean, timeoutMs: number, explain: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      try {
        const earlier = existing.find((item) => !this.consumed.has(item) && accept(item));
        if (earlier) {
          this.consumed.add(earlier);
          resolve(earlier);
          return;
        }
      } catch (error) {
        reject(error as Error);
        return;
      }
      const waiter: Waiter<T> = {
        accept,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(explain()));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  offer(item: T): void {
    for (const waiter of this.waiters) {
      let accepted: boolean;
      try {
        accepted = waiter.accept(item);
      } catch (error) {
        this.settle(waiter);
        waiter.reject(error as Error);
        continue;
      }
      if (!accepted) continue;
      this.settle(waiter);
      this.consumed.add(item);
      waiter.resolve(item);
      return;
    }
  }

  rejectAll(reason: string): void {
    for (const waiter of this.waiters) {
      this.settle(waiter);
      waiter.reject(new Error(reason));
    }
  }

  isConsumed(item: T): boolean {
    return this.consumed.has(item);
  }

  private settle(waiter: Waiter<T>): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
  }
}

function preview(text: string | undefined, max = 60): string {
  if (text === undefined) return '(no text)';
  const flat = JSON.stringify(text);
  return flat.length > max ? `${flat.slice(0, max)}…"` : flat;
}

// ---------------------------------------------------------------------------
// The server

interface ChatRecord {
  id: number;
  nextMessageId: number;
  messages: Map<number, Message>;
  user?: User;
  group?: GroupRecord;
}

interface GroupRecord {
  title: string;
  forum: boolean;
  bot: BotMembership;
  /** Live topics: thread id (= the id of its creation message) -> name. */
  topics: Map<number, string>;
}

const ADMIN_RIGHT_NAMES = [
  'is_anonymous', 'can_manage_chat', 'can_delete_messages', 'can_manage_video_chats', 'can_restrict_members', 'can_promote_members',
  'can_change_info', 'can_invite_users', 'can_post_stories', 'can_edit_stories', 'can_delete_stories', 'can_pin_messages', 'can_manage_topics',
] as const;

interface HeldPoll {
  limit: number;
  answer: (outcome: Update[] | ApiError) => void;
}

interface ScriptedFault {
  failure: Failure;
  remaining: number;
  chatId?: number;
}

/** Per-request context handed to method handlers. */
interface RequestContext {
  /** Messages delivered by this request; waiters hear of them once the answer is decided. */
  delivered: SentMessage[];
  /** Registers cleanup for when the client gives up on the request. */
  onAbort(listener: () => void): void;
}

type Handler = (params: Params, ctx: RequestContext) => unknown;

class FakeTelegramServer implements FakeTelegram {
  url = '';
  readonly token: string;
  readonly botId: number;
  readonly botUsername: string;
  calls: RecordedCall[] = [];

  private readonly server: Server;
  private closed = false;
  private deliveries: SentMessage[] = [];
  private chats = new Map<number, ChatRecord>();
  private blocked = new Set<number>();
  private faults = new Map<string, ScriptedFault[]>();
  private updates: Update[] = [];
  // Update ids stay monotonic across reset(): a bot that keeps polling with
  // an old offset would otherwise silently drop the "new" low-numbered updates.
  private nextUpdateId = 1;
  private nextCallbackId = 1;
  private openCallbackQueries = new Set<string>();
  private heldPolls = new Set<HeldPoll>();
  private releaseScheduled = false;
  private webhookState: WebhookState | undefined;
  /** The last allowed_updates a getUpdates gave; undefined: Telegram's default. */
  private allowedUpdates: string[] | undefined;
  private commandSets = new Map<string, BotCommand[]>();
  private uploadedFiles = new Map<string, UploadedFile>();
  private nextMediaGroup = 1;
  private readonly hangs = new Set<() => void>();
  private readonly messageWaiters = new ItemWaiters<SentMessage>();
  private readonly callWaiters = new ItemWaiters<RecordedCall>();
  private readonly settledCalls = new WeakSet<RecordedCall>();
  private readonly handlers: Record<string, Handler>;
  private readonly canonicalMethods: Map<string, string>;

  constructor(opts: FakeTelegramOptions) {
    this.token = opts.token ?? `123456789:AA${randomBytes(25).toString('base64url').slice(0, 33)}`;
    const tokenMatch = TOKEN_PATTERN.exec(this.token);
    if (!tokenMatch?.[1]) throw new Error(`fake Telegram: "${this.token}" does not look like a bot token`);
    this.botId = Number(tokenMatch[1]);
    this.botUsername = opts.botUsername ?? 'hookbot_test_bot';
    this.handlers = {
      getMe: () => this.me(),
      getUpdates: (p, ctx) => this.getUpdates(p, ctx),
      sendMessage: (p, ctx) => this.sendMessage(p, ctx),
      editMessageText: (p) => this.editMessageText(p),
      editMessageReplyMarkup: (p) => this.editMessageReplyMarkup(p),
      deleteMessage: (p) => this.deleteMessage(p),
      answerCallbackQuery: (p) => this.answerCallbackQuery(p),
      sendChatAction: (p) => {
        requireChatId(p);
        return true;
      },
      setMyCommands: (p) => this.setMyCommands(p),
      getMyCommands: (p) => this.commandSets.get(commandKey(p.scope, p.language_code)) ?? [],
      deleteMyCommands: (p) => {
        this.commandSets.delete(commandKey(p.scope, p.language_code));
        return true;
      },
      sendDocument: (p, ctx) => this.sendFile('sendDocument', p, ctx),
      sendPhoto: (p, ctx) => this.sendFile('sendPhoto', p, ctx),
      sendVideo: (p, ctx) => this.sendFile('sendVideo', p, ctx),
      sendAudio: (p, ctx) => this.sendFile('sendAudio', p, ctx),
      sendLocation: (p, ctx) => this.sendLocation(p, ctx),
      sendContact: (p, ctx) => this.sendContact(p, ctx),
      sendMediaGroup: (p, ctx) => this.sendMediaGroup(p, ctx),
      setWebhook: (p) => this.setWebhook(p),
      deleteWebhook: (p) => this.deleteWebhook(p),
      getWebhookInfo: () => this.webhookInfo(),
      getChat: (p) => this.getChat(p),
      getFile: (p) => this.getFile(p),
      getChatMember: (p) => this.getChatMember(p),
      createForumTopic: (p) => this.createForumTopic(p),
      editForumTopic: (p) => this.editForumTopic(p),
      deleteForumTopic: (p) => {
        this.deleteTopic(requireChatId(p), this.liveTopic(p).threadId);
        return true;
      },
    };
    this.canonicalMethods = new Map(Object.keys(this.handlers).map((name) => [name.toLowerCase(), name]));
    this.server = createServer((req, res) => void this.handleRequest(req, res));
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  // --- test-control API ----------------------------------------------------

  get webhook(): WebhookState | undefined {
    return this.webhookState ? { ...this.webhookState } : undefined;
  }

  sent(chatId?: number): SentMessage[] {
    return this.deliveries.filter((m) => chatId === undefined || m.chatId === chatId);
  }

  chat(chatId: number): ChatView {
    const record = this.chats.get(chatId);
    const messages = record ? [...record.messages.values()].sort((a, b) => a.message_id - b.message_id) : [];
    return {
      id: chatId,
      type: this.chatObject(chatId).type,
      blocked: this.blocked.has(chatId),
      messages: structuredClone(messages),
    };
  }

  commands(opts: { scope?: BotCommandScope; languageCode?: string } = {}): BotCommand[] | undefined {
    return this.commandSets.get(commandKey(opts.scope, opts.languageCode));
  }

  pendingUpdates(): Update[] {
    return [...this.updates];
  }

  sendUserMessage(from: FakeUser, text: string, opts: { replyTo?: number } = {}): Update {
    const record = this.chatRecord(from.id);
    const user = this.rememberUser(from);
    const message: Record<string, unknown> = {
      message_id: record.nextMessageId++,
      from: user,
      chat: this.chatObject(from.id),
      date: nowSeconds(),
      text,
    };
    const entities = commandEntities(text);
    if (entities.length > 0) message.entities = entities;
    if (opts.replyTo !== undefined) message.reply_to_message = this.replyTarget(record, opts.replyTo);
    record.messages.set(message.message_id as number, message as unknown as Message);
    return this.enqueue({ message: structuredClone(message) });
  }

  pressButton(from: FakeUser, messageId: number, data: string, opts: { chatId?: number } = {}): Update {
    const chatId = opts.chatId ?? from.id;
    const message = this.chats.get(chatId)?.messages.get(messageId);
    if (!message) throw new Error(`fake Telegram: chat ${chatId} has no message ${messageId} to press a button on`);
    const buttons = (message.reply_markup?.inline_keyboard ?? []).flat();
    if (!buttons.some((b) => 'callback_data' in b && b.callback_data === data)) {
      const available = buttons.map((b) => ('callback_data' in b ? b.callback_data : `(${b.text})`));
      throw new Error(
        `fake Telegram: message ${messageId} in chat ${chatId} has no button with callback_data ${JSON.stringify(data)}; ` +
          `it has: ${JSON.stringify(available)}`,
      );
    }
    const id = String(this.nextCallbackId++);
    this.openCallbackQueries.add(id);
    return this.enqueue({
      callback_query: {
        id,
        from: chatId === from.id ? this.rememberUser(from) : { ...from, is_bot: false, first_name: from.first_name ?? 'Test User' },
        message: structuredClone(message),
        chat_instance: String(chatId * 7919),
        data,
      },
    });
  }

  pushUpdate(update: object): void {
    this.enqueue(update);
  }

  private nextGroupId = 1_000_000_000_001;

  createGroup(opts: { title: string; forum?: boolean; bot?: BotMembership }): number {
    const chatId = -this.nextGroupId++;
    this.chatRecord(chatId).group = { title: opts.title, forum: opts.forum ?? false, bot: opts.bot ?? { status: 'member' }, topics: new Map() };
    return chatId;
  }

  setBotMembership(chatId: number, membership: BotMembership, opts: { by?: FakeUser } = {}): void {
    const group = this.groupRecord(chatId);
    const member = (status: BotMembership) => this.botMemberObject(status, group.forum);
    const old = member(group.bot);
    group.bot = membership;
    if (!opts.by) return;
    this.enqueue({
      my_chat_member: {
        chat: this.chatObject(chatId),
        from: { ...opts.by, is_bot: false, first_name: opts.by.first_name ?? 'Test User' },
        date: nowSeconds(),
        old_chat_member: old,
        new_chat_member: member(membership),
      },
    });
  }

  /** The bot as a ChatMember, as getChatMember and my_chat_member show it. */
  private botMemberObject(membership: BotMembership, forum: boolean): ChatMember {
    if (membership.status === 'member') return { status: 'member', user: this.botUser() };
    if (membership.status === 'kicked') return { status: 'kicked', user: this.botUser(), until_date: 0 };
    const rights = Object.fromEntries(ADMIN_RIGHT_NAMES.map((name) => [name, Boolean((membership as Record<string, unknown>)[name])]));
    // can_manage_topics is only reported in forums.
    if (!forum) delete rights.can_manage_topics;
    return { status: 'administrator', user: this.botUser(), can_be_edited: false, ...rights } as ChatMember;
  }

  sendGroupMessage(from: FakeUser, chatId: number, text: string, opts: { threadId?: number; replyTo?: number } = {}): Update {
    const record = this.chatRecord(chatId);
    const group = this.groupRecord(chatId);
    const message: Record<string, unknown> = {
      message_id: record.nextMessageId++,
      from: { ...from, is_bot: false, first_name: from.first_name ?? 'Test User' },
      chat: this.chatObject(chatId),
      date: nowSeconds(),
      text,
    };
    const entities = commandEntities(text);
    if (entities.length > 0) message.entities = entities;
    if (opts.threadId !== undefined) {
      if (!group.forum || !group.topics.has(opts.threadId)) throw new Error(`fake Telegram: chat ${chatId} has no topic ${opts.threadId}`);
      message.message_thread_id = opts.threadId;
      message.is_topic_message = true;
    }
    const replyTo = opts.replyTo ?? opts.threadId;
    if (replyTo !== undefined) message.reply_to_message = this.replyTarget(record, replyTo);
    record.messages.set(message.message_id as number, message as unknown as Message);
    return this.enqueue({ message: structuredClone(message) });
  }

  sendUserMedia(
    from: FakeUser,
    media: { kind: 'photo' | 'document' | 'voice' | 'video'; data: Buffer; fileName?: string; mimeType?: string; fileSize?: number },
    opts: { chatId?: number; caption?: string; threadId?: number; replyTo?: number } = {},
  ): Update {
    const chatId = opts.chatId ?? from.id;
    const record = this.chatRecord(chatId);
    const user = chatId === from.id ? this.rememberUser(from) : { ...from, is_bot: false, first_name: from.first_name ?? 'Test User' };
    const fileId = this.registerFile({ filename: media.fileName ?? `${media.kind}.bin`, data: media.data, contentType: media.mimeType });
    const size = media.fileSize ?? media.data.length;
    this.fileSizes.set(fileId, size);
    const file = { file_id: fileId, file_unique_id: fileId.slice(0, 16), file_size: size };
    const content: Record<string, unknown> =
      media.kind === 'photo'
        ? { photo: [{ ...file, width: 90, height: 90 }, { ...file, width: 1280, height: 960 }] }
        : media.kind === 'document'
          ? { document: { ...file, file_name: media.fileName ?? 'document.bin', mime_type: media.mimeType ?? 'application/octet-stream' } }
          : media.kind === 'voice'
            ? { voice: { ...file, duration: 3, mime_type: media.mimeType ?? 'audio/ogg' } }
            : { video: { ...file, width: 640, height: 480, duration: 5, file_name: media.fileName, mime_type: media.mimeType ?? 'video/mp4' } };
    const message: Record<string, unknown> = { message_id: record.nextMessageId++, from: user, chat: this.chatObject(chatId), date: nowSeconds(), ...content };
    if (opts.caption) message.caption = opts.caption;
    if (opts.threadId !== undefined) {
      message.message_thread_id = opts.threadId;
      message.is_topic_message = true;
    }
    const replyTo = opts.replyTo ?? opts.threadId;
    if (replyTo !== undefined) message.reply_to_message = this.replyTarget(record, replyTo);
    for (const key of Object.keys(message)) if (message[key] === undefined) delete message[key];
    record.messages.set(message.message_id as number, message as unknown as Message);
    return this.enqueue({ message: structuredClone(message) });
  }

  private readonly fileSizes = new Map<string, number>();

  private getFile(params: Params): Record<string, unknown> {
    const fileId = optionalString(params, 'file_id');
    const file = fileId ? this.uploadedFiles.get(fileId) : undefined;
    if (!fileId || !file) throw badRequest('invalid file_id');
    const size = this.fileSizes.get(fileId) ?? file.data.length;
    if (size > 20 * 1024 * 1024) throw badRequest('file is too big');
    return { file_id: fileId, file_unique_id: fileId.slice(0, 16), file_size: size, file_path: `documents/${fileId}` };
  }

  topics(chatId: number): FakeTopic[] {
    const record = this.chats.get(chatId);
    const group = record?.group;
    if (!record || !group) return [];
    return [...group.topics].map(([threadId, name]) => ({
      threadId,
      name,
      messages: structuredClone([...record.messages.values()].filter((m) => m.message_thread_id === threadId).sort((a, b) => a.message_id - b.message_id)),
    }));
  }

  deleteTopic(chatId: number, threadId: number): void {
    const record = this.chats.get(chatId);
    if (!record?.group?.topics.delete(threadId)) throw new Error(`fake Telegram: chat ${chatId} has no topic ${threadId}`);
    for (const [id, message] of record.messages) if (message.message_thread_id === threadId) record.messages.delete(id);
  }

  waitForMessage(chatId: number, predicate?: (m: SentMessage) => boolean, timeoutMs = 5000): Promise<SentMessage> {
    const accept = (m: SentMessage) => m.chatId === chatId && (predicate?.(m) ?? true);
    return this.messageWaiters.wait(this.deliveries, accept, timeoutMs, () =>
      this.explainMissingMessage(chatId, timeoutMs, predicate !== undefined),
    );
  }

  waitForCall(method: string, predicate?: (c: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const wanted = this.canonicalMethods.get(method.toLowerCase()) ?? method;
    const accept = (c: RecordedCall) => this.settledCalls.has(c) && c.method === wanted && (predicate?.(c) ?? true);
    return this.callWaiters.wait(this.calls, accept, timeoutMs, () => this.explainMissingCall(wanted, timeoutMs));
  }

  failNext(method: string, count: number, failure: Failure, opts: { chatId?: number } = {}): void {
    const key = method.toLowerCase();
    const queue = this.faults.get(key) ?? [];
    queue.push({ failure, remaining: count, chatId: opts.chatId });
    this.faults.set(key, queue);
  }

  blockChat(chatId: number): void {
    this.blocked.add(chatId);
  }

  unblockChat(chatId: number): void {
    this.blocked.delete(chatId);
  }

  reset(): void {
    this.calls = [];
    this.deliveries = [];
    this.chats.clear();
    this.blocked.clear();
    this.faults.clear();
    this.updates = [];
    this.openCallbackQueries.clear();
    this.webhookState = undefined;
    this.allowedUpdates = undefined;
    this.commandSets.clear();
    this.uploadedFiles.clear();
    this.messageWaiters.rejectAll('fake Telegram was reset while waiting for a message');
    this.callWaiters.rejectAll('fake Telegram was reset while waiting for a call');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const poll of [...this.heldPolls]) poll.answer([]);
    for (const finishHang of [...this.hangs]) finishHang();
    this.messageWaiters.rejectAll('fake Telegram closed while waiting for a message');
    this.callWaiters.rejectAll('fake Telegram closed while waiting for a call');
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      // Let the answers written above reach the socket before tearing down
      // keep-alive connections that grammY's agent would otherwise hold open.
      setImmediate(() => this.server.closeAllConnections());
    });
  }

  // --- request pipeline -----------------------------------------------------

  private async handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.telegram');
    const download = /^\/file\/bot([^/]+)\/documents\/([^/]+)$/.exec(url.pathname);
    if (download) {
      const file = download[1] === this.token ? this.uploadedFiles.get(download[2]!) : undefined;
      res.writeHead(file ? 200 : 404, { 'content-type': file?.contentType ?? 'application/json' });
      res.end(file ? file.data : JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
      return;
    }
    const route = parseRoute(url.pathname);
    const call: RecordedCall = { method: route?.method ?? url.pathname, params: {}, at: Date.now() };
    this.calls.push(call);
    const ctx: RequestContext = {
      delivered: [],
      onAbort: (listener) =>
        res.on('close', () => {
          if (!res.writableFinished) listener();
        }),
    };
    let response: ApiResponse;
    let delayMs = 0;
    try {
      const body = await readBody(req);
      if (!route) throw new ApiError(404, 'Not Found');
      call.method = this.canonicalMethods.get(route.method.toLowerCase()) ?? route.method;
      call.params = parseParams(req, url, body);
      if (route.token !== this.token) throw new ApiError(401, 'Unauthorized');
      const fault = this.takeFault(call.method, call.params);
      if (fault?.kind === 'network') {
        this.settle(call, ctx, undefined);
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'hang') delayMs = fault.ms;
      else if (fault) throw faultError(fault);
      response = { ok: true, result: await this.dispatch(call.method, call.params, ctx) };
    } catch (error) {
      response = error instanceof ApiError ? error.toResponse() : internalError(error);
    }
    if (res.destroyed) call.dropped = true;
    this.settle(call, ctx, response);
    if (delayMs > 0) await this.hang(delayMs);
    writeJson(res, response);
  }

  private dispatch(method: string, params: Params, ctx: RequestContext): unknown {
    const handler = this.handlers[method];
    if (!handler) throw new ApiError(404, 'Not Found: method not found');
    const chatId = peekChatId(params);
    if (chatId !== undefined && this.blocked.has(chatId)) throw blockedError();
    if (chatId !== undefined && this.chats.get(chatId)?.group?.bot.status === 'kicked') throw new ApiError(403, 'Forbidden: bot was kicked from the supergroup chat');
    return handler(params, ctx);
  }

  private settle(call: RecordedCall, ctx: RequestContext, response: ApiResponse | undefined): void {
    if (response) call.response = response;
    else call.dropped = true;
    this.settledCalls.add(call);
    for (const message of ctx.delivered) this.messageWaiters.offer(message);
    this.callWaiters.offer(call);
  }

  private takeFault(method: string, params: Params): Failure | undefined {
    const queue = this.faults.get(method.toLowerCase());
    if (!queue) return undefined;
    const chatId = peekChatId(params);
    const index = queue.findIndex((f) => f.chatId === undefined || f.chatId === chatId);
    const fault = queue[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) queue.splice(index, 1);
    return fault.failure;
  }

  /** Delays an answer; close() cuts the delay short so no timer outlives the server. */
  private hang(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.hangs.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.hangs.add(finish);
    });
  }

  // --- updates & long polling ----------------------------------------------

  private enqueue(raw: object): Update {
    const update = { ...raw } as Update;
    if (typeof update.update_id !== 'number') update.update_id = this.nextUpdateId++;
    else this.nextUpdateId = Math.max(this.nextUpdateId, update.update_id + 1);
    this.updates.push(update);
    this.updates.sort((a, b) => a.update_id - b.update_id);
    this.releaseHeldPolls();
    return update;
  }

  /**
   * Answers held long polls on the next turn of the event loop, so updates queued together (a user
   * typing fast, or a test calling sendUserMessage several times in a row) arrive in one batch,
   * as Telegram delivers what piled up since the last getUpdates.
   */
  private releaseHeldPolls(): void {
    if (this.releaseScheduled) return;
    this.releaseScheduled = true;
    setImmediate(() => {
      this.releaseScheduled = false;
      if (this.updates.length === 0) return;
      for (const poll of [...this.heldPolls]) poll.answer(this.updates.slice(0, poll.limit));
    });
  }

  private getUpdates(params: Params, ctx: RequestContext): Update[] | Promise<Update[]> {
    if (this.webhookState) throw new ApiError(409, WEBHOOK_CONFLICT);
    const limit = Math.min(Math.max(optionalInt(params, 'limit') ?? 100, 1), 100);
    const timeoutSeconds = Math.max(optionalInt(params, 'timeout') ?? 0, 0);
    this.confirmUpdates(optionalInt(params, 'offset'));
    // allowed_updates, once given, holds for later calls too; updates of other types are dropped.
    if (Array.isArray(params.allowed_updates)) this.allowedUpdates = params.allowed_updates.length > 0 ? (params.allowed_updates as string[]) : undefined;
    const allowed = this.allowedUpdates ?? DEFAULT_ALLOWED_UPDATES;
    this.updates = this.updates.filter((update) => Object.keys(update).some((key) => key !== 'update_id' && allowed.includes(key)));
    // Telegram allows one poller per bot: a newer request ends the held one.
    for (const poll of [...this.heldPolls]) poll.answer(new ApiError(409, POLL_CONFLICT));
    if (this.updates.length > 0 || timeoutSeconds === 0 || this.closed) return this.updates.slice(0, limit);
    return this.holdPoll(limit, timeoutSeconds, ctx);
  }

  /** An offset confirms every update below it; a negative one keeps only the last -offset updates. */
  private confirmUpdates(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    this.updates = offset < 0 ? this.updates.slice(offset) : this.updates.filter((u) => u.update_id >= offset);
  }

  private holdPoll(limit: number, timeoutSeconds: number, ctx: RequestContext): Promise<Update[]> {
    return new Promise<Update[]>((resolve, reject) => {
      const poll: HeldPoll = {
        limit,
        answer: (outcome) => {
          clearTimeout(timer);
          this.heldPolls.delete(poll);
          if (outcome instanceof ApiError) reject(outcome);
          else resolve(outcome);
        },
      };
      const timer = setTimeout(() => poll.answer([]), timeoutSeconds * 1000);
      this.heldPolls.add(poll);
      // The client gave up (e.g. grammY's bot.stop() aborts its poll): settle
      // now so the call is recorded as dropped instead of pending forever.
      ctx.onAbort(() => poll.answer([]));
    });
  }

  // --- webhook ----------------------------------------------------------------

  private setWebhook(params: Params): true {
    const url = optionalString(params, 'url') ?? '';
    if (url === '') return this.deleteWebhook(params);
    if (!/^https:\/\/[^\s/]+/i.test(url)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    const secretToken = optionalString(params, 'secret_token');
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest('bad webhook: secret token contains unallowed characters');
    }
    if (params.drop_pending_updates === true) this.updates = [];
    this.webhookState = {
      url,
      secretToken,
      maxConnections: optionalInt(params, 'max_connections'),
      allowedUpdates: params.allowed_updates,
      setAt: Date.now(),
    };
    for (const poll of [...this.heldPolls]) poll.answer(new ApiError(409, WEBHOOK_CONFLICT));
    return true;
  }

  private deleteWebhook(params: Params): true {
    this.webhookState = undefined;
    if (params.drop_pending_updates === true) this.updates = [];
    return true;
  }

  private webhookInfo(): Record<string, unknown> {
    const info: Record<string, unknown> = {
      url: this.webhookState?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.updates.length,
    };
    if (this.webhookState?.maxConnections !== undefined) info.max_connections = this.webhookState.maxConnections;
    if (this.webhookState?.allowedUpdates !== undefined) info.allowed_updates = this.webhookState.allowedUpdates;
    return info;
  }

  // --- bot identity & commands ---------------------------------------------

  private me(): UserFromGetMe {
    return {
      id: this.botId,
      is_bot: true,
      first_name: 'Hookbot Test',
      username: this.botUsername,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
  }

  private botUser(): User {
    return { id: this.botId, is_bot: true, first_name: 'Hookbot Test', username: this.botUsername };
  }

  private setMyCommands(params: Params): true {
    const commands = params.commands;
    if (!Array.isArray(commands)) throw badRequest('field "commands" must be an Array');
    if (commands.length > 100) throw badRequest('too many commands specified');
    for (const command of commands as Partial<BotCommand>[]) {
      if (typeof command.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(command.command)) {
        throw badRequest('BOT_COMMAND_INVALID');
      }
      if (typeof command.description !== 'string' || command.description.length < 1 || command.description.length > 256) {
        throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
      }
    }
    const language = params.language_code;
    if (language !== undefined && language !== '' && (typeof language !== 'string' || !/^[a-z]{2}$/.test(language))) {
      throw badRequest('LANGUAGE_CODE_INVALID');
    }
    const key = commandKey(params.scope, language);
    if (commands.length === 0) this.commandSets.delete(key);
    else this.commandSets.set(key, structuredClone(commands as BotCommand[]));
    return true;
  }

  // --- chats & messages -------------------------------------------------------

  private chatRecord(chatId: number): ChatRecord {
    let record = this.chats.get(chatId);
    if (!record) {
      record = { id: chatId, nextMessageId: 1, messages: new Map() };
      this.chats.set(chatId, record);
    }
    return record;
  }

  private rememberUser(from: FakeUser): User {
    const user: User = { ...from, is_bot: false, first_name: from.first_name ?? 'Test User' };
    this.chatRecord(from.id).user = user;
    return user;
  }

  private chatObject(chatId: number): Chat {
    if (chatId > 0) {
      const user = this.chats.get(chatId)?.user;
      const chat: Chat = { id: chatId, type: 'private', first_name: user?.first_name ?? 'Test User' };
      if (user?.username) chat.username = user.username;
      return chat;
    }
    const group = this.chats.get(chatId)?.group;
    if (group) return { id: chatId, type: 'supergroup', title: group.title, ...(group.forum ? { is_forum: true } : {}) } as Chat;
    // Supergroup ids are -100 followed by the channel id; smaller magnitudes are basic groups.
    return { id: chatId, type: chatId <= -1_000_000_000_000 ? 'supergroup' : 'group', title: `Chat ${chatId}` } as Chat;
  }

  /** The forum topic a bot message goes to: message_thread_id (which must be live), else the topic of the message it replies to. */
  private threadOf(record: ChatRecord, params: Params, replyTo: number | undefined): number | undefined {
    const group = record.group;
    const asked = optionalInt(params, 'message_thread_id');
    if (!group?.forum) return undefined;
    if (asked !== undefined) {
      if (!group.topics.has(asked)) throw badRequest('message thread not found');
      return asked;
    }
    const target = replyTo !== undefined ? record.messages.get(replyTo) : undefined;
    return target?.is_topic_message ? target.message_thread_id : undefined;
  }

  private groupRecord(chatId: number): GroupRecord {
    const group = this.chats.get(chatId)?.group;
    if (!group) throw badRequest('chat not found');
    return group;
  }

  private getChat(params: Params): Record<string, unknown> {
    const chatId = requireChatId(params);
    const chat = this.chatObject(chatId);
    if (chatId < 0 && !this.chats.get(chatId)?.group) throw badRequest('chat not found');
    return { ...chat, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: { unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false } };
  }

  private getChatMember(params: Params): ChatMember {
    const chatId = requireChatId(params);
    const userId = optionalInt(params, 'user_id');
    if (userId === undefined) throw badRequest('user_id is empty');
    const group = this.groupRecord(chatId);
    if (userId === this.botId) return this.botMemberObject(group.bot, group.forum);
    const user = this.chats.get(userId)?.user;
    return { status: 'member', user: user ?? { id: userId, is_bot: false, first_name: 'Test User' } };
  }

  /** The topic a call names by message_thread_id; TOPIC_ID_INVALID when there is none. */
  private liveTopic(params: Params): { group: GroupRecord; threadId: number } {
    const group = this.groupRecord(requireChatId(params));
    const threadId = optionalInt(params, 'message_thread_id');
    if (threadId === undefined || !group.topics.has(threadId)) throw badRequest('TOPIC_ID_INVALID');
    return { group, threadId };
  }

  private topicNameOf(params: Params): string {
    const name = optionalString(params, 'name') ?? '';
    if (name.length < 1 || [...name].length > 128) throw badRequest('TOPIC_NAME_INVALID');
    return name;
  }

  private createForumTopic(params: Params): { message_thread_id: number; name: string; icon_color: number } {
    const chatId = requireChatId(params);
    const group = this.groupRecord(chatId);
    if (!group.forum) throw badRequest('the chat is not a forum');
    if (group.bot.status !== 'administrator' || !group.bot.can_manage_topics) throw badRequest('not enough rights to create a topic');
    const name = this.topicNameOf(params);
    const record = this.chatRecord(chatId);
    const threadId = record.nextMessageId++;
    const iconColor = optionalInt(params, 'icon_color') ?? 0x6fb9f0;
    record.messages.set(threadId, {
      message_id: threadId,
      message_thread_id: threadId,
      from: this.botUser(),
      chat: this.chatObject(chatId),
      date: nowSeconds(),
      forum_topic_created: { name, icon_color: iconColor },
      is_topic_message: true,
    } as unknown as Message);
    group.topics.set(threadId, name);
    return { message_thread_id: threadId, name, icon_color: iconColor };
  }

  private editForumTopic(params: Params): true {
    const { group, threadId } = this.liveTopic(params);
    if (group.bot.status !== 'administrator' || !group.bot.can_manage_topics) throw badRequest('not enough rights to edit a topic');
    const name = params.name === undefined ? undefined : this.topicNameOf(params);
    if (name === undefined || name === group.topics.get(threadId)) throw badRequest('TOPIC_NOT_MODIFIED');
    group.topics.set(threadId, name);
    return true;
  }

  private replyTarget(record: ChatRecord, messageId: number): Message {
    const target = record.messages.get(messageId);
    if (!target) throw badRequest('message to be replied not found');
    const copy = structuredClone(target) as Message & { reply_to_message?: unknown };
    delete copy.reply_to_message;
    return copy;
  }

  private replyToId(params: Params): number | undefined {
    const replyParameters = params.reply_parameters as { message_id?: unknown } | undefined;
    const id = replyParameters?.message_id ?? params.reply_to_message_id;
    return typeof id === 'number' ? id : undefined;
  }

  /** Stores a new bot message in the chat and returns the Message Telegram would answer with. */
  private storeBotMessage(chatId: number, params: Params, content: Record<string, unknown>): Message {
    const record = this.chatRecord(chatId);
    const replyTo = this.replyToId(params);
    const threadId = this.threadOf(record, params, replyTo);
    const message: Record<string, unknown> = {
      message_id: record.nextMessageId,
      from: this.botUser(),
      chat: this.chatObject(chatId),
      date: nowSeconds(),
      ...(threadId !== undefined ? { message_thread_id: threadId, is_topic_message: true } : {}),
      ...content,
    };
    if (replyTo !== undefined) message.reply_to_message = this.replyTarget(record, replyTo);
    const markup = inlineMarkupOf(params.reply_markup);
    if (markup) message.reply_markup = markup;
    for (const key of Object.keys(message)) if (message[key] === undefined) delete message[key];
    record.nextMessageId += 1;
    record.messages.set(message.message_id as number, message as unknown as Message);
    return structuredClone(message) as unknown as Message;
  }

  private deliver(ctx: RequestContext, method: DeliveryMethod, params: Params, message: Message, extra: Partial<SentMessage>): void {
    const markup = params.reply_markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined;
    const delivery: SentMessage = {
      chatId: message.chat.id,
      messageId: message.message_id,
      method,
      parseMode: optionalString(params, 'parse_mode'),
      replyMarkup: params.reply_markup,
      inlineKeyboard: markup?.inline_keyboard,
      threadId: message.message_thread_id,
      at: Date.now(),
      params,
      message,
      ...extra,
    };
    for (const key of Object.keys(delivery) as (keyof SentMessage)[]) if (delivery[key] === undefined) delete delivery[key];
    this.deliveries.push(delivery);
    ctx.delivered.push(delivery);
  }

  private sendMessage(params: Params, ctx: RequestContext): Message {
    const chatId = requireChatId(params);
    const rendered = renderMessageText(params);
    inlineMarkupOf(params.reply_markup);
    const message = this.storeBotMessage(chatId, params, {
      text: rendered.text,
      entities: rendered.entities,
      link_preview_options: params.link_preview_options,
    });
    this.deliver(ctx, 'sendMessage', params, message, { text: params.text as string, plainText: rendered.text });
    return message;
  }

  private async sendFile(method: 'sendDocument' | 'sendPhoto' | 'sendVideo' | 'sendAudio', params: Params, ctx: RequestContext): Promise<Message> {
    const chatId = requireChatId(params);
    const field = ({ sendDocument: 'document', sendPhoto: 'photo', sendVideo: 'video', sendAudio: 'audio' } as const)[method];
    const input = params[field];
    const caption = renderCaption(params);
    inlineMarkupOf(params.reply_markup);
    // A file given by URL is fetched, as Telegram does.
    const upload = await this.resolvePhoto(input, field);
    const fileId = this.registerFile(upload.file);
    const size = upload.file?.data.length;
    const base = { file_id: fileId, file_unique_id: fileId.slice(0, 16), file_size: size };
    const media =
      field === 'photo'
        ? { photo: [{ ...base, width: 90, height: 90 }] }
        : field === 'video'
          ? { video: { ...base, width: 90, height: 90, duration: 1 } }
          : field === 'audio'
            ? { audio: { ...base, duration: 1 } }
            : { document: { ...base, file_name: upload.file?.filename } };
    const message = this.storeBotMessage(chatId, params, {
      ...media,
      caption: caption?.text,
      caption_entities: caption?.entities,
    });
    this.deliver(ctx, method, params, message, {
      caption: optionalString(params, 'caption'),
      plainText: caption?.text,
      [field]: upload.file,
      fileRef: upload.ref,
    });
    return message;
  }

  private sendLocation(params: Params, ctx: RequestContext): Message {
    const chatId = requireChatId(params);
    const { latitude, longitude } = params;
    if (typeof latitude !== 'number' || latitude < -90 || latitude > 90) throw badRequest('latitude is invalid');
    if (typeof longitude !== 'number' || longitude < -180 || longitude > 180) throw badRequest('longitude is invalid');
    inlineMarkupOf(params.reply_markup);
    const message = this.storeBotMessage(chatId, params, { location: { latitude, longitude } });
    this.deliver(ctx, 'sendLocation', params, message, { location: { latitude, longitude } });
    return message;
  }

  private sendContact(params: Params, ctx: RequestContext): Message {
    const chatId = requireChatId(params);
    const phone = optionalString(params, 'phone_number');
    const first = optionalString(params, 'first_name');
    if (!phone) throw badRequest('phone_number is empty');
    if (!first) throw badRequest('first_name is empty');
    inlineMarkupOf(params.reply_markup);
    const contact = {
      phone_number: phone,
      first_name: first,
      last_name: optionalString(params, 'last_name'),
      vcard: optionalString(params, 'vcard'),
    };
    for (const key of Object.keys(contact) as (keyof typeof contact)[]) if (contact[key] === undefined) delete contact[key];
    const message = this.storeBotMessage(chatId, params, { contact });
    this.deliver(ctx, 'sendContact', params, message, { contact });
    return message;
  }

  /** An album: 2-10 photos (by URL, file_id or attach://), each its own message; the first caption shows. */
  private async sendMediaGroup(params: Params, ctx: RequestContext): Promise<Message[]> {
    const chatId = requireChatId(params);
    const media = params.media;
    if (!Array.isArray(media)) throw badRequest('field "media" must be of type Array');
    if (media.length < 2 || media.length > 10) throw badRequest('wrong number of media specified: must include 2-10 items');
    const items = media.map((item: unknown) => {
      if (!item || typeof item !== 'object') throw badRequest('can\'t parse InputMedia: media is not an object');
      const entry = item as Params;
      if (entry.type !== 'photo') throw badRequest(`fake Telegram: only photo albums are supported, got ${String(entry.type)}`);
      return { entry, caption: renderCaption(entry) };
    });
    // Telegram fetches every item before it sends any: one bad URL fails the whole album.
    const uploads: Array<{ file?: UploadedFile; ref?: string }> = [];
    for (const { entry } of items) {
      const ref = typeof entry.media === 'string' && entry.media.startsWith('attach://') ? params[entry.media.slice('attach://'.length)] : entry.media;
      uploads.push(await this.resolvePhoto(ref));
    }
    const groupId = String(Date.now()) + String(this.nextMediaGroup++);
    return items.map(({ entry, caption }, index) => {
      const upload = uploads[index]!;
      const fileId = this.registerFile(upload.file);
      const message = this.storeBotMessage(chatId, index === 0 ? params : { message_thread_id: params.message_thread_id }, {
        media_group_id: groupId,
        photo: [{ file_id: fileId, file_unique_id: fileId.slice(0, 16), width: 90, height: 90, file_size: upload.file?.data.length }],
        caption: caption?.text,
        caption_entities: caption?.entities,
      });
      this.deliver(ctx, 'sendMediaGroup', entry, message, {
        caption: optionalString(entry, 'caption'),
        plainText: caption?.text,
        photo: upload.file,
        fileRef: upload.ref,
        mediaGroupId: groupId,
      });
      return message;
    });
  }

  /** A photo (or another file): as resolveFile, except that an http(s) URL is downloaded, as Telegram does. */
  private async resolvePhoto(input: unknown, field = 'photo'): Promise<{ file?: UploadedFile; ref?: string }> {
    if (typeof input !== 'string' || !/^https?:\/\//i.test(input)) return this.resolveFile(field, input);
    let response: Response;
    try {
      response = await fetch(input, { signal: AbortSignal.timeout(5_000) });
    } catch {
      throw badRequest('failed to get HTTP URL content');
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw badRequest('failed to get HTTP URL content');
    }
    const data = Buffer.from(await response.arrayBuffer());
    if (data.length === 0) throw badRequest('wrong file identifier/HTTP URL specified');
    const filename = decodeURIComponent(new URL(input).pathname.split('/').pop() || field);
    return { file: { filename, data, contentType: response.headers.get('content-type') ?? undefined }, ref: input };
  }

  /** An upload, or a file_id / URL reference (a known file_id resolves to its earlier upload). */
  private resolveFile(field: string, input: unknown): { file?: UploadedFile; ref?: string } {
    if (input && typeof input === 'object' && Buffer.isBuffer((input as UploadedFile).data)) {
      const file = input as UploadedFile;
      if (file.data.length === 0) throw badRequest('file must be non-empty');
      return { file };
    }
    if (typeof input === 'string' && input !== '') return { file: this.uploadedFiles.get(input), ref: input };
    throw badRequest(`there is no ${field} in the request`);
  }

  private registerFile(file: UploadedFile | undefined): string {
    const fileId = `BQAC${randomBytes(24).toString('base64url')}`;
    if (file) this.uploadedFiles.set(fileId, file);
    return fileId;
  }

  private editableMessage(params: Params): Message {
    const chatId = requireChatId(params);
    const message = this.chats.get(chatId)?.messages.get(requireMessageId(params));
    if (!message) throw badRequest('message to edit not found');
    if (message.from?.id !== this.botId) throw badRequest("message can't be edited");
    return message;
  }

  /** Applies an edit unless it changes nothing, which Telegram rejects. */
  private applyEdit(message: Message, changes: { text?: string; entities?: MessageEntity[]; markup?: InlineKeyboardMarkup }): Message {
    const stored = message as unknown as Record<string, unknown>;
    const next = { ...stored };
    if ('text' in changes) {
      next.text = changes.text;
      next.entities = changes.entities;
    }
    next.reply_markup = changes.markup;
    const comparable = (m: Record<string, unknown>) => stableJson([m.text, m.entities ?? [], m.reply_markup ?? null]);
    if (comparable(next) === comparable(stored)) throw badRequest(NOT_MODIFIED);
    for (const key of ['text', 'entities', 'reply_markup'] as const) {
      if (next[key] === undefined) delete stored[key];
      else stored[key] = next[key];
    }
    stored.edit_date = nowSeconds();
    return structuredClone(message);
  }

  private editMessageText(params: Params): Message | true {
    const rendered = renderMessageText(params);
    const markup = inlineMarkupOf(params.reply_markup);
    if (params.inline_message_id !== undefined) return true;
    const message = this.editableMessage(params);
    if (typeof message.text !== 'string') throw badRequest('there is no text in the message to edit');
    return this.applyEdit(message, { text: rendered.text, entities: rendered.entities, markup });
  }

  private editMessageReplyMarkup(params: Params): Message | true {
    const markup = inlineMarkupOf(params.reply_markup);
    if (params.inline_message_id !== undefined) return true;
    return this.applyEdit(this.editableMessage(params), { markup });
  }

  private deleteMessage(params: Params): true {
    const chatId = requireChatId(params);
    const deleted = this.chats.get(chatId)?.messages.delete(requireMessageId(params));
    if (!deleted) throw badRequest('message to delete not found');
    return true;
  }

  private answerCallbackQuery(params: Params): true {
    const id = optionalString(params, 'callback_query_id');
    if (id === undefined || !this.openCallbackQueries.delete(id)) {
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    }
    return true;
  }

  // --- diagnostics -------------------------------------------------------------

  private explainMissingMessage(chatId: number, timeoutMs: number, filtered: boolean): string {
    const received = this.sent(chatId).map(
      (m) =>
        `  #${m.messageId} ${m.method} ${preview(m.text ?? m.caption)}${this.messageWaiters.isConsumed(m) ? ' (already returned by an earlier wait)' : ''}`,
    );
    const failures = this.calls
      .filter((c) => peekChatId(c.params) === chatId && (c.dropped || c.response?.ok === false))
      .map((c) => `  ${c.method}: ${c.dropped ? 'dropped (no answer reached the client)' : c.response?.ok === false ? c.response.description : ''}`);
    return [
      `waitForMessage: no message${filtered ? ' matching the predicate' : ''} was delivered to chat ${chatId} within ${timeoutMs}ms.`,
      received.length ? `Chat ${chatId} received:\n${received.join('\n')}` : `Chat ${chatId} received nothing.`,
      ...(failures.length ? [`Failed calls for chat ${chatId}:\n${failures.join('\n')}`] : []),
    ].join('\n');
  }

  private explainMissingCall(method: string, timeoutMs: number): string {
    const counts = new Map<string, number>();
    for (const call of this.calls) counts.set(call.method, (counts.get(call.method) ?? 0) + 1);
    const summary = [...counts].map(([name, count]) => `${name} ×${count}`).join(', ') || 'nothing';
    return `waitForCall: no matching answered ${method} call within ${timeoutMs}ms. Calls received: ${summary}`;
  }
}

// ---------------------------------------------------------------------------
// Small pure helpers

function faultError(failure: Exclude<Failure, { kind: 'hang' } | { kind: 'network' }>): ApiError {
  switch (failure.kind) {
    case 'flood':
      return new ApiError(429, `Too Many Requests: retry after ${failure.retryAfter}`, failure.retryAfter);
    case 'blocked':
      return blockedError();
    case 'server': {
      const status = failure.status ?? 500;
      const names: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
      return new ApiError(status, names[status] ?? 'Server Error');
    }
  }
}

/** A bug in the fake must surface in the test, not as an unhandled rejection that kills the runner. */
function internalError(error: unknown): ApiResponse {
  console.error('fake Telegram: internal error', error);
  return { ok: false, error_code: 500, description: `Internal Server Error: fake Telegram failed: ${String(error)}` };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function commandKey(scope: unknown, languageCode: unknown): string {
  const s = (scope ?? { type: 'default' }) as { type?: string; chat_id?: unknown; user_id?: unknown };
  return [s.type ?? 'default', s.chat_id ?? '', s.user_id ?? '', typeof languageCode === 'string' ? languageCode : ''].join('|');
}

/** The bot_command entities a Telegram client would attach to a user's text. */
function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const match of text.matchAll(/(^|\s)(\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?)/g)) {
    const command = match[2] ?? '';
    entities.push({ type: 'bot_command', offset: (match.index ?? 0) + (match[1]?.length ?? 0), length: command.length });
  }
  return entities;
}
