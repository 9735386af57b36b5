import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GrammyError, HttpError, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type pg from 'pg';
import type { Logger } from '../../logger.js';
import { escapeHtml, splitHtml, visibleLength } from './html.js';
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

export interface OutgoingMessage {
  chatId: number;
  /** Telegram HTML; anything user-supplied must already be escaped (see escapeHtml). The caption of an attachment. */
  html: string;
  buttons?: InlineKeyboardMarkup;
  /** The inbound event this message reports on, for tracing (and to route a reply back to its sender). */
  sourceEventId?: number;
  /** Sent as a photo, video, audio, document, location or contact instead of plain text. */
  attachment?: Attachment;
}

/** Media go by URL (Telegram fetches it); a location or contact carries its own fields. */
export type Attachment =
  | { kind: 'photo' | 'video' | 'audio' | 'document'; url: string }
  | { kind: 'location'; latitude: number; longitude: number }
  | { kind: 'contact'; phoneNumber: string; firstName: string; lastName?: string; vcard?: string };

/** Telegram's limit for a media caption. */
export const TELEGRAM_CAPTION_LIMIT = 1024;

const MEDIA_METHODS = { photo: 'sendPhoto', video: 'sendVideo', audio: 'sendAudio', document: 'sendDocument' } as const;

interface OutboxRow {
  method: string;
  payload: Record<string, unknown>;
}

/**
 * The Bot API calls for one message, in order. Text is split at Telegram's limit; a caption too
 * long for the media goes as text before it; a location or contact (no caption) is preceded by
 * its text.
 */
function outboxRows(message: OutgoingMessage): OutboxRow[] {
  const textRows = (html: string, markup: boolean): OutboxRow[] => {
    const parts = splitHtml(html);
    return parts.map((text, index) => ({
      method: 'sendMessage',
      payload: {
        chat_id: message.chatId,
        text,
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(markup && index === parts.length - 1 && message.buttons ? { reply_markup: message.buttons } : {}),
      },
    }));
  };
  const attachment = message.attachment;
  if (!attachment) return textRows(message.html, true);
  const markup = message.buttons ? { reply_markup: message.buttons } : {};
  if (attachment.kind === 'location' || attachment.kind === 'contact') {
    const fields =
      attachment.kind === 'location'
        ? { latitude: attachment.latitude, longitude: attachment.longitude }
        : {
            phone_number: attachment.phoneNumber,
            first_name: attachment.firstName,
            ...(attachment.lastName ? { last_name: attachment.lastName } : {}),
            ...(attachment.vcard ? { vcard: attachment.vcard } : {}),
          };
    const before = message.html.trim() === '' ? [] : textRows(message.html, false);
    const method = attachment.kind === 'location' ? 'sendLocation' : 'sendContact';
    return [...before, { method, payload: { chat_id: message.chatId, ...fields, ...markup } }];
  }
  const fitsCaption = visibleLength(message.html) <= TELEGRAM_CAPTION_LIMIT;
  const before = fitsCaption || message.html.trim() === '' ? [] : textRows(message.html, false);
  return [
    ...before,
    {
      method: MEDIA_METHODS[attachment.kind],
      payload: {
        chat_id: message.chatId,
        [attachment.kind]: attachment.url,
        ...(fitsCaption && message.html.trim() !== '' ? { caption: message.html, parse_mode: 'HTML' } : {}),
        ...markup,
      },
    },
  ];
}

export interface Queryable {
  query: pg.Pool['query'];
}

/**
 * Queues messages in the caller's transaction, so a message exists exactly when the change that
 * caused it committed. Long texts become several rows, which keeps them in order with the rest.
 */
export async function enqueueMessages(client: Queryable, messages: OutgoingMessage[]): Promise<void> {
  const chatIds: number[] = [];
  const methods: string[] = [];
  const payloads: string[] = [];
  const sources: (number | null)[] = [];
  for (const message of messages) {
    for (const row of outboxRows(message)) {
      chatIds.push(message.chatId);
      methods.push(row.method);
      sources.push(message.sourceEventId ?? null);
      payloads.push(JSON.stringify(row.payload));
    }
  }
  if (chatIds.length === 0) return;
  await client.query(
    `INSERT INTO telegram_outbox (chat_id, method, payload, source_event_id)
     SELECT chat_id, method, payload, source
       FROM unnest($1::bigint[], $2::text[], $3::jsonb[], $4::bigint[]) WITH ORDINALITY AS m(chat_id, method, payload, source, ord)
     ORDER BY ord`,
    [chatIds, methods, payloads, sources],
  );
  await client.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
}

/** The Bot API methods an outbox row may name (the `method` column). */
const SENDING_METHODS = ['sendMessage', 'sendPhoto', 'sendVideo', 'sendAudio', 'sendDocument', 'sendLocation', 'sendContact'] as const;
type SendingMethod = (typeof SENDING_METHODS)[number];

/** A media row sent by URL, as a text message with its caption and the link; undefined for anything else. */
function mediaAsLink(message: ClaimedMessage): Record<string, unknown> | undefined {
  const field = ({ sendPhoto: 'photo', sendVideo: 'video', sendAudio: 'audio', sendDocument: 'document' } as Record<string, string>)[message.method];
  const url = field ? message.payload[field] : undefined;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return undefined;
  const caption = typeof message.payload.caption === 'string' ? message.payload.caption : '';
  const link = `📎 ${escapeHtml(url)}`;
  return {
    chat_id: message.payload.chat_id,
    text: caption ? `${caption}\n${link}` : link,
    parse_mode: 'HTML',
    ...(message.payload.reply_markup ? { reply_markup: message.payload.reply_markup } : {}),
  };
}

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
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private pendingWake = false;
  private listener: pg.PoolClient | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly workerId = randomInt(1, 2 ** 31 - 1);
  private readonly limiter: RateLimiter;
  private readonly maxAttempts: number;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.limiter = new RateLimiter(options.ratePerSecond);
    this.maxAttempts = options.maxAttempts ?? 15;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.listener = await this.options.pool.connect();
    this.listener.on('notification', () => this.wake());
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    await this.listener.query('SELECT pg_advisory_lock($1, $2)', [WORKER_LOCK_CLASS, this.workerId]);
    this.loop = this.run();
  }

  /** Called after an in-process enqueue, so delivery does not wait for the NOTIFY round trip. */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    if (this.listener) {
      await this.listener.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined);
      await this.listener.query('SELECT pg_advisory_unlock($1, $2)', [WORKER_LOCK_CLASS, this.workerId]).catch(() => undefined);
      this.listener.release();
      this.listener = undefined;
    }
  }

  /**
   * Keeps up to `concurrency` chats in flight. A slot is refilled as soon as any delivery ends or
   * new work is announced, so one slow chat never holds back the others.
   */
  private async run(): Promise<void> {
    while (this.running) {
      this.pendingWake = false;
      const free = this.options.concurrency - this.inFlight.size;
      let claimed: ClaimedMessage[] = [];
      if (free > 0) {
        try {
          claimed = await this.claim(free);
        } catch (error) {
          this.options.log.error({ err: error }, 'outbox claim failed');
          await sleep(1000);
        }
      }
      for (const message of claimed) {
        const delivery = this.deliver(message)
          .catch((error: unknown) => this.options.log.error({ err: error, outboxId: message.id }, 'outbox delivery failed'))
          .finally(() => {
            this.inFlight.delete(delivery);
            this.wake();
          });
        this.inFlight.add(delivery);
      }
      const full = this.inFlight.size >= this.options.concurrency;
      if ((claimed.length === 0 || full) && !this.pendingWake && this.running) await this.idle(1000);
    }
    // Finish what is on the wire; anything not started stays pending for the next worker.
    await Promise.all(this.inFlight);
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
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

  private async deliver(message: ClaimedMessage): Promise<void> {
    await this.limiter.take();
    try {
      const method = (SENDING_METHODS as readonly string[]).includes(message.method) ? (message.method as SendingMethod) : 'sendMessage';
      const result = (await this.options.api.raw[method](message.payload as never)) as { message_id: number };
      await this.options.pool.query(
        `UPDATE telegram_outbox SET status = 'sent', sent_at = now(), locked_until = NULL, telegram_message_id = $2, last_error = NULL
          WHERE id = $1`,
        [message.id, result.message_id],
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
    if (error instanceof GrammyError && error.error_code === 400) {
      const fallback = mediaAsLink(message);
      if (fallback) {
        // Telegram could not fetch the file by its URL (too big, private, gone): send the link instead.
        log.warn({ chatId: message.chat_id, outboxId: message.id, err: description }, 'telegram refused media by URL; sending the link');
        await pool.query(
          `UPDATE telegram_outbox SET method = 'sendMessage', payload = $2, locked_until = NULL, next_attempt_at = now(), last_error = $3 WHERE id = $1`,
          [message.id, JSON.stringify(fallback), description],
        );
        this.wake();
        return;
      }
    }
    const permanent = error instanceof GrammyError && error.error_code >= 400 && error.error_code < 500;
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
