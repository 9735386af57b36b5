import { randomInt } from 'node:crypto';
import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type pg from 'pg';
import type { Logger } from '../../logger.js';
import { splitHtml } from './html.js';
import { ClaimLoop } from '../claimLoop.js';
import { RateLimiter } from './rateLimiter.js';

export const OUTBOX_CHANNEL = 'hookbot_outbox';

/**
 * Advisory-lock class of live outbox workers: each holds (class, its id) for as long as its
 * connection lives, so a lease whose owner holds no such lock belongs to a dead worker.
 */
const WORKER_LOCK_CLASS = 7_320_003;

/** A message may be claimed when unleased, past its lease, or leased by a worker that is gone. */
const CLAIMABLE = (row: string) => `(${row}.locked_until IS NULL OR ${row}.locked_until < now()
  OR NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid = ${WORKER_LOCK_CLASS}
                  AND l.objsubid = 2 AND l.objid = ${row}.locked_by::oid AND l.granted))`;

/** Telegram methods the outbox sends besides text messages: media and places, by URL or file_id. */
export const outboxCallMethods = ['sendPhoto', 'sendMediaGroup', 'sendDocument', 'sendVideo', 'sendAudio', 'sendLocation', 'sendContact'] as const;
export type OutboxCallMethod = (typeof outboxCallMethods)[number];

/** Where a call's fallback text rides in its stored payload; taken out before the call is made. */
const FALLBACK_FIELD = 'hookbot_fallback';

/** Marks a call parameter that is a file to upload (stored as base64); see outboxUpload. */
const UPLOAD_FIELD = 'hookbot_upload';

/** A file to upload as a call parameter, e.g. `call: { method: 'sendDocument', params: { document: outboxUpload(...) } }`. */
export function outboxUpload(filename: string, content: Buffer): Record<string, unknown> {
  return { [UPLOAD_FIELD]: { filename, base64: content.toString('base64') } };
}

/** Stored upload markers back to files for the call. */
function withUploads(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => {
      const upload = (value as Record<string, { filename: string; base64: string }> | null)?.[UPLOAD_FIELD];
      return [key, upload ? new InputFile(Buffer.from(upload.base64, 'base64'), upload.filename) : value];
    }),
  );
}

export interface OutgoingMessage {
  chatId: number;
  /** Telegram HTML; anything user-supplied must already be escaped (see escapeHtml). */
  html: string;
  buttons?: InlineKeyboardMarkup;
  /** The inbound event this message reports on, for tracing. */
  sourceEventId?: number;
  /**
   * Makes this Telegram call instead of sending `html` (params without chat_id; a caption is HTML
   * like `html`). `html` is then the fallback, sent as text if Telegram refuses the call for good,
   * e.g. when it cannot fetch a photo's URL; only its first 4096 characters are kept.
   */
  call?: { method: OutboxCallMethod; params: Record<string, unknown> };
  /**
   * Replace the text of a message queued earlier (its outbox id, as returned by enqueueMessages)
   * instead of sending a new one. Same chat, so the original has been sent by then.
   */
  editOf?: number;
}

export interface Queryable {
  query: pg.Pool['query'];
}

/**
 * Queues messages in the caller's transaction, so a message exists exactly when the change that
 * caused it committed. Long texts become several rows, which keeps them in order with the rest.
 */
export async function enqueueMessages(client: Queryable, messages: OutgoingMessage[]): Promise<number[]> {
  const chatIds: number[] = [];
  const payloads: string[] = [];
  const sources: (number | null)[] = [];
  const methods: string[] = [];
  const textPayload = (chatId: number, text: string, buttons: InlineKeyboardMarkup | undefined) => ({
    chat_id: chatId,
    text,
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(buttons ? { reply_markup: buttons } : {}),
  });
  for (const message of messages) {
    if (message.editOf !== undefined) {
      // One row, one edit: only the first part of a long text fits the message.
      chatIds.push(message.chatId);
      sources.push(message.sourceEventId ?? null);
      methods.push('editMessageText');
      payloads.push(JSON.stringify({ ...textPayload(message.chatId, splitHtml(message.html)[0] ?? '', message.buttons), edit_of: message.editOf }));
      continue;
    }
    if (message.call) {
      chatIds.push(message.chatId);
      sources.push(message.sourceEventId ?? null);
      methods.push(message.call.method);
      const fallback = splitHtml(message.html)[0];
      payloads.push(
        JSON.stringify({
          ...message.call.params,
          chat_id: message.chatId,
          ...(message.buttons ? { reply_markup: message.buttons } : {}),
          ...(fallback ? { [FALLBACK_FIELD]: textPayload(message.chatId, fallback, message.buttons) } : {}),
        }),
      );
      continue;
    }
    const parts = splitHtml(message.html);
    parts.forEach((text, index) => {
      chatIds.push(message.chatId);
      sources.push(message.sourceEventId ?? null);
      methods.push('sendMessage');
      const last = index === parts.length - 1;
      payloads.push(JSON.stringify(textPayload(message.chatId, text, last ? message.buttons : undefined)));
    });
  }
  if (chatIds.length === 0) return [];
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO telegram_outbox (chat_id, payload, source_event_id, method)
     SELECT chat_id, payload, source, method
       FROM unnest($1::bigint[], $2::jsonb[], $3::bigint[], $4::text[]) WITH ORDINALITY AS m(chat_id, payload, source, method, ord)
     ORDER BY ord
     RETURNING id`,
    [chatIds, payloads, sources, methods],
  );
  await client.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
  // Ids follow the insert order; a message split in parts is known by its last part.
  const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
  let next = 0;
  return messages.map((message) => {
    next += message.editOf !== undefined || message.call ? 1 : splitHtml(message.html).length;
    return ids[next - 1]!;
  });
}

/**
 * Queues a short message of a stream (e.g. one scrape result) for a chat, or adds it as a new
 * paragraph to the chat's last queued message when that one belongs to the same `stream`, has
 * not been tried yet and stays within one Telegram message. When Telegram's per-chat pace
 * (about one message a second) holds a fast stream back, its items then leave together instead
 * of queueing up one by one; when the chat keeps up, each goes alone. Returns the outbox id.
 */
export async function enqueueStreamItem(client: Queryable, message: { chatId: number; html: string }, stream: string): Promise<number> {
  // One statement, one round trip: it sits on the path of every scrape result.
  const { rows } = await client.query<{ id: string }>(
    `WITH appended AS (
       UPDATE telegram_outbox o
          SET payload = jsonb_set(o.payload, '{text}', to_jsonb((o.payload->>'text') || E'\\n\\n' || $2::text))
        WHERE o.id = (SELECT max(id) FROM telegram_outbox WHERE chat_id = $1 AND status = 'pending')
          AND o.status = 'pending' AND o.locked_until IS NULL AND o.attempts = 0 AND o.method = 'sendMessage'
          AND o.payload->>'stream' = $3
          AND length(o.payload->>'text') + length($2::text) + 2 <= $4
       RETURNING o.id
     ), inserted AS (
       INSERT INTO telegram_outbox (chat_id, method, payload)
       SELECT $1, 'sendMessage', $5::jsonb WHERE NOT EXISTS (SELECT 1 FROM appended)
       RETURNING id
     )
     SELECT id FROM appended
     UNION ALL
     -- Only a new message needs the workers woken (a volatile call is never optimized away).
     SELECT id FROM (SELECT id, pg_notify('${OUTBOX_CHANNEL}', '') FROM inserted) AS notified`,
    [
      message.chatId,
      message.html,
      stream,
      STREAM_MESSAGE_LIMIT,
      JSON.stringify({ chat_id: message.chatId, text: message.html, parse_mode: 'HTML', link_preview_options: { is_disabled: true }, stream }),
    ],
  );
  return Number(rows[0]!.id);
}

/** Markup counted too, so the visible text is surely under Telegram's 4096. */
const STREAM_MESSAGE_LIMIT = 4000;

interface ClaimedMessage {
  id: number;
  chat_id: number;
  method: string;
  payload: Record<string, unknown>;
  attempts: number;
}

export interface OutboxWorkerOptions {
  pool: pg.Pool;
  api: Api;
  log: Logger;
  ratePerSecond: number;
  concurrency: number;
  leaseSeconds: number;
  /** Attempts for server and network errors before a message is given up; 429s never count. */
  maxAttempts?: number;
  /** Telegram said the user blocked the bot (403). */
  onChatBlocked(chatId: number): Promise<void>;
}

/**
 * Delivers the outbox. Only the oldest pending message of each chat can be claimed, so a chat's
 * messages leave in order even with several workers; a lease (locked_until) hands a message back
 * if its worker dies mid-send.
 */
export class OutboxWorker {
  /**
   * Keeps up to `concurrency` chats in flight. A slot is refilled as soon as any delivery ends or
   * new work is announced, so one slow chat never holds back the others.
   */
  private readonly loop: ClaimLoop<ClaimedMessage>;
  private listener: pg.PoolClient | undefined;
  private readonly workerId = randomInt(1, 2 ** 31 - 1);
  private readonly limiter: RateLimiter;
  private readonly maxAttempts: number;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.limiter = new RateLimiter(options.ratePerSecond);
    this.maxAttempts = options.maxAttempts ?? 15;
    this.loop = new ClaimLoop({
      concurrency: options.concurrency,
      claim: (limit) => this.claim(limit),
      handle: (message) => this.deliver(message),
      onError: (error, message) =>
        message
          ? options.log.error({ err: error, outboxId: message.id }, 'outbox delivery failed')
          : options.log.error({ err: error }, 'outbox claim failed'),
    });
  }

  async start(): Promise<void> {
    if (this.loop.running) return;
    this.listener = await this.options.pool.connect();
    this.listener.on('notification', () => this.wake());
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    await this.listener.query('SELECT pg_advisory_lock($1, $2)', [WORKER_LOCK_CLASS, this.workerId]);
    this.loop.start();
  }

  /** Called after an in-process enqueue, so delivery does not wait for the NOTIFY round trip. */
  wake(): void {
    this.loop.wake();
  }

  async stop(): Promise<void> {
    if (!this.loop.running) return;
    // Finishes what is on the wire; anything not started stays pending for the next worker.
    await this.loop.stop();
    if (this.listener) {
      await this.listener.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined);
      await this.listener.query('SELECT pg_advisory_unlock($1, $2)', [WORKER_LOCK_CLASS, this.workerId]).catch(() => undefined);
      this.listener.release();
      this.listener = undefined;
    }
  }


  private async claim(limit: number): Promise<ClaimedMessage[]> {
    const { rows } = await this.options.pool.query<ClaimedMessage>(
      `UPDATE telegram_outbox o
          SET locked_until = now() + make_interval(secs => $2), locked_by = $3, attempts = o.attempts + 1
        WHERE o.id IN (
          SELECT head.id FROM (
            SELECT DISTINCT ON (chat_id) id, next_attempt_at, locked_until, locked_by
              FROM telegram_outbox WHERE status = 'pending' ORDER BY chat_id, id
          ) head
          WHERE head.next_attempt_at <= now() AND ${CLAIMABLE('head')}
          ORDER BY head.id
          LIMIT $1)
          AND ${CLAIMABLE('o')}
      RETURNING o.id, o.chat_id, o.method, o.payload, o.attempts`,
      [limit, this.options.leaseSeconds, this.workerId],
    );
    return rows;
  }

  /** An edit of a message queued earlier: its Telegram id comes from that row. */
  private async edit(message: ClaimedMessage): Promise<void> {
    const { edit_of: editOf, ...payload } = message.payload as { edit_of: number } & Record<string, unknown>;
    const { rows } = await this.options.pool.query<{ telegram_message_id: string | null }>(
      'SELECT telegram_message_id FROM telegram_outbox WHERE id = $1',
      [editOf],
    );
    const messageId = rows[0]?.telegram_message_id;
    if (!messageId) {
      // The message to edit never reached the chat (given up, or the chat blocked the bot).
      await this.options.pool.query(
        `UPDATE telegram_outbox SET status = 'dropped', locked_until = NULL, last_error = 'the message to edit was never delivered' WHERE id = $1`,
        [message.id],
      );
      return;
    }
    await this.limiter.take();
    try {
      try {
        await this.options.api.raw.editMessageText({ ...payload, message_id: Number(messageId) } as never);
      } catch (error) {
        // The same text again is refused as "not modified": nothing was lost.
        if (!(error instanceof GrammyError && /message is not modified/i.test(error.description))) throw error;
      }
      await this.options.pool.query(
        `UPDATE telegram_outbox SET status = 'sent', sent_at = now(), locked_until = NULL, telegram_message_id = $2, last_error = NULL WHERE id = $1`,
        [message.id, messageId],
      );
    } catch (error) {
      await this.handleFailure(message, error);
    }
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    if (message.method === 'editMessageText') return this.edit(message);
    if (message.method !== 'sendMessage' && !(outboxCallMethods as readonly string[]).includes(message.method)) {
      // Written by a newer version, or by hand: retrying would not make it sendable.
      await this.options.pool.query(`UPDATE telegram_outbox SET status = 'failed', locked_until = NULL, last_error = $2 WHERE id = $1`, [
        message.id,
        `the outbox does not send ${message.method}`,
      ]);
      return;
    }
    await this.limiter.take();
    try {
      // `stream` is ours (see enqueueStreamItem), not a Bot API parameter.
      const { [FALLBACK_FIELD]: _fallback, stream: _stream, ...params } = message.payload;
      const send = (this.options.api.raw as unknown as Record<string, (payload: unknown) => Promise<unknown>>)[message.method]!;
      // An album answers with one message per item; the first stands for the row.
      const result = (await send(withUploads(params))) as { message_id: number } | Array<{ message_id: number }>;
      const sentId = Array.isArray(result) ? result[0]?.message_id : result.message_id;
      await this.options.pool.query(
        `UPDATE telegram_outbox SET status = 'sent', sent_at = now(), locked_until = NULL, telegram_message_id = $2, last_error = NULL
          WHERE id = $1`,
        [message.id, sentId ?? null],
      );
    } catch (error) {
      await this.handleFailure(message, error);
    }
  }

  private async handleFailure(message: ClaimedMessage, error: unknown): Promise<void> {
    const { pool, log } = this.options;
    const description = error instanceof Error ? error.message : String(error);
    if (error instanceof GrammyError && error.error_code === 429) {
      const retryAfter = error.parameters.retry_after ?? 5;
      log.warn({ chatId: message.chat_id, retryAfter }, 'telegram flood limit; waiting as told');
      // A flood wait is Telegram pacing us, not a failure of this message.
      await this.retryLater(message.id, retryAfter, description, { countAttempt: false });
      return;
    }
    if (error instanceof GrammyError && error.error_code === 403) {
      log.info({ chatId: message.chat_id }, 'chat blocked the bot; dropping its queued messages');
      await pool.query(
        `UPDATE telegram_outbox SET status = 'dropped', locked_until = NULL, last_error = $2
          WHERE chat_id = $1 AND status = 'pending'`,
        [message.chat_id, description],
      );
      await this.options.onChatBlocked(message.chat_id);
      return;
    }
    const permanent = error instanceof GrammyError && error.error_code >= 400 && error.error_code < 500;
    const fallback = message.payload[FALLBACK_FIELD];
    if (permanent && fallback) {
      log.info({ chatId: message.chat_id, outboxId: message.id, method: message.method, err: description }, 'telegram refused the call; sending its text instead');
      await pool.query(
        `UPDATE telegram_outbox SET method = 'sendMessage', payload = $2, attempts = 0, next_attempt_at = now(), locked_until = NULL, last_error = $3
          WHERE id = $1`,
        [message.id, JSON.stringify(fallback), description],
      );
      this.wake();
      return;
    }
    if (permanent || message.attempts >= this.maxAttempts) {
      log.error({ chatId: message.chat_id, outboxId: message.id, err: description }, 'telegram message given up');
      await pool.query(`UPDATE telegram_outbox SET status = 'failed', locked_until = NULL, last_error = $2 WHERE id = $1`, [
        message.id,
        description,
      ]);
      return;
    }
    const transient = error instanceof HttpError || error instanceof GrammyError;
    const backoff = Math.min(300, 2 ** (message.attempts - 1)) * (0.75 + Math.random() * 0.5);
    log.warn({ chatId: message.chat_id, attempt: message.attempts, backoff, transient, err: description }, 'telegram send failed; will retry');
    await this.retryLater(message.id, backoff, description, { countAttempt: true });
  }

  private async retryLater(id: number, seconds: number, error: string, { countAttempt }: { countAttempt: boolean }): Promise<void> {
    await this.options.pool.query(
      `UPDATE telegram_outbox
          SET next_attempt_at = now() + make_interval(secs => $2), locked_until = NULL, last_error = $3,
              attempts = attempts - $4
        WHERE id = $1`,
      [id, seconds, error, countAttempt ? 0 : 1],
    );
    // Only this process knows when the wait ends; make sure the loop looks again then.
    setTimeout(() => this.wake(), Math.ceil(seconds * 1000) + 5).unref();
  }
}
