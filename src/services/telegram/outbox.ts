import { randomInt } from 'node:crypto';
import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type pg from 'pg';
import { NotificationListener } from '../../db/listener.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import { backoffMs } from '../backoff.js';
import type { Logger } from '../../logger.js';
import { splitHtml } from './html.js';
import { ClaimLoop } from '../claimLoop.js';
import { RateLimiter } from './rateLimiter.js';
import { recordTelegramCall } from '../metrics/record.js';
import { isTopicGone, type ForumTopics, type OutboxTopic } from './forumTopics.js';

export const OUTBOX_CHANNEL = 'hookbot_outbox';

/**
 * Advisory-lock class of live outbox workers: each holds (class, its id) for as long as its
 * connection lives, so a lease whose owner holds no such lock belongs to a dead worker.
 */
const WORKER_LOCK_CLASS = 7_320_003;

/**
 * A message may be claimed when unleased, past its lease, or leased by another worker that is
 * gone. Never by the "gone" rule from its own worker (`self`): a worker that lost its database
 * connection is without its liveness lock for a moment, and its messages still on the wire then
 * look abandoned to it.
 */
const CLAIMABLE = (row: string, self: string) => `(${row}.locked_until IS NULL OR ${row}.locked_until < now()
  OR (${row}.locked_by <> ${self} AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory'
                  AND l.classid = ${WORKER_LOCK_CLASS} AND l.objsubid = 2 AND l.objid = ${row}.locked_by::oid AND l.granted)))`;

/** Telegram methods the outbox sends besides text messages: media and places, by URL or file_id. */
export const outboxCallMethods = ['sendPhoto', 'sendMediaGroup', 'sendDocument', 'sendVideo', 'sendAudio', 'sendLocation', 'sendContact'] as const;
export type OutboxCallMethod = (typeof outboxCallMethods)[number];

/** Where a call's fallback text rides in its stored payload; taken out before the call is made. */
const FALLBACK_FIELD = 'hookbot_fallback';

/** Where a message's forum topic rides in its stored payload; resolved to message_thread_id when sent. */
const TOPIC_FIELD = 'hookbot_topic';

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
  /**
   * In a forum group: the topic of the customer conversation this message belongs to, created
   * when its first message is sent. Messages of every topic of a group keep one order.
   */
  topic?: OutboxTopic;
  /** Delivered without sound (disable_notification). */
  silent?: boolean;
  /** Kept, not sent, until releaseHeld() (a paused connection); it then goes at its place in the chat's order. */
  held?: boolean;
}

/**
 * Where a message no event caused stands in its chat (`chat_order`; an event's messages stand at
 * the event's id): after every event acknowledged before it was queued. Reading the sequence
 * takes no lock and hands out nothing.
 */
const LAST_EVENT_ID = '(SELECT last_value FROM inbound_events_id_seq)';

export interface Queryable {
  query: pg.Pool['query'];
}

/**
 * A write that needs the outbox ids of the messages it goes with, run in their statement (one round
 * trip): `sql` is a data-modifying statement that may read the CTE `queued(id)` (the new rows'
 * ids, a message split in parts being known by its last, largest one); its `params` are numbered
 * from $6.
 */
export interface WithQueued {
  /** Of the whole statement, prepared once per connection under it. */
  name: string;
  sql: string;
  params: unknown[];
}

/**
 * Queues messages in the caller's transaction, so a message exists exactly when the change that
 * caused it committed. Long texts become several rows, which keeps them in order with the rest.
 */
export async function enqueueMessages(client: Queryable, messages: OutgoingMessage[], also?: WithQueued): Promise<number[]> {
  const rowsPerMessage: number[] = [];
  const chatIds: number[] = [];
  const payloads: string[] = [];
  const sources: (number | null)[] = [];
  const methods: string[] = [];
  const statuses: string[] = [];
  const textPayload = (chatId: number, text: string, buttons: InlineKeyboardMarkup | undefined, topic?: OutboxTopic, silent?: boolean) => ({
    chat_id: chatId,
    text,
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(buttons ? { reply_markup: buttons } : {}),
    ...(topic ? { [TOPIC_FIELD]: topic } : {}),
    ...(silent ? { disable_notification: true } : {}),
  });
  for (const message of messages) {
    const status = message.held ? 'held' : 'pending';
    if (message.editOf !== undefined) {
      // One row, one edit: only the first part of a long text fits the message.
      chatIds.push(message.chatId);
      sources.push(message.sourceEventId ?? null);
      methods.push('editMessageText');
      statuses.push(status);
      payloads.push(JSON.stringify({ ...textPayload(message.chatId, splitHtml(message.html)[0] ?? '', message.buttons), edit_of: message.editOf }));
      rowsPerMessage.push(1);
      continue;
    }
    if (message.call) {
      chatIds.push(message.chatId);
      sources.push(message.sourceEventId ?? null);
      methods.push(message.call.method);
      statuses.push(status);
      const fallback = splitHtml(message.html)[0];
      payloads.push(
        JSON.stringify({
          ...message.call.params,
          chat_id: message.chatId,
          ...(message.buttons ? { reply_markup: message.buttons } : {}),
          ...(message.topic ? { [TOPIC_FIELD]: message.topic } : {}),
          ...(message.silent ? { disable_notification: true } : {}),
          ...(fallback ? { [FALLBACK_FIELD]: textPayload(message.chatId, fallback, message.buttons, message.topic, message.silent) } : {}),
        }),
      );
      rowsPerMessage.push(1);
      continue;
    }
    const parts = splitHtml(message.html);
    rowsPerMessage.push(parts.length);
    parts.forEach((text, index) => {
      chatIds.push(message.chatId);
      sources.push(message.sourceEventId ?? null);
      methods.push('sendMessage');
      statuses.push(status);
      const last = index === parts.length - 1;
      payloads.push(JSON.stringify(textPayload(message.chatId, text, last ? message.buttons : undefined, message.topic, message.silent)));
    });
  }
  if (chatIds.length === 0) return [];
  const { rows } = await client.query<{ id: string }>({
    // Named: prepared once per connection; this statement carries every message Hookbot sends.
    name: also?.name ?? 'hookbot-outbox-enqueue',
    text: `WITH inserted AS (
       INSERT INTO telegram_outbox (chat_id, payload, source_event_id, method, chat_order, status)
       SELECT chat_id, payload, source, method, coalesce(source, ${LAST_EVENT_ID}), status
         FROM unnest($1::bigint[], $2::jsonb[], $3::bigint[], $4::text[], $5::text[]) WITH ORDINALITY AS m(chat_id, payload, source, method, status, ord)
       ORDER BY ord
       RETURNING id
     ),
     -- The workers are woken in the same statement: one round trip less on the path of every
     -- message (a volatile call is never optimized away; repeats in a transaction are delivered once).
     queued AS (SELECT id, pg_notify('${OUTBOX_CHANNEL}', '') FROM inserted)
     ${also ? `, also AS (${also.sql})` : ''}
     SELECT id FROM queued`,
    values: [chatIds, payloads, sources, methods, statuses, ...(also?.params ?? [])],
  });
  // Ids follow the insert order; a message split in parts is known by its last part.
  const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
  let next = 0;
  return rowsPerMessage.map((count) => {
    next += count;
    return ids[next - 1]!;
  });
}

/**
 * Sends what a paused connection kept: its held messages become pending again, each at its
 * event's place in its chat's order, so they leave in the order they came. Run in the transaction
 * that ends the pause (see RelayNotificationRepository.setMode). Returns how many.
 */
export async function releaseHeld(client: Queryable, userId: number, provider: string): Promise<number> {
  const { rowCount } = await client.query(
    `UPDATE telegram_outbox o SET status = 'pending', next_attempt_at = now()
       FROM inbound_events e
      WHERE o.status = 'held' AND e.id = o.source_event_id AND e.user_id = $1 AND e.provider = $2`,
    [userId, provider],
  );
  if ((rowCount ?? 0) > 0) await client.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
  return rowCount ?? 0;
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
  const item = streamItemStatement(message, stream, 1);
  const { rows } = await client.query<{ id: string }>(`WITH ${item.ctes} ${item.ids}`, item.params);
  return Number(rows[0]!.id);
}

/**
 * enqueueStreamItem as parts of a caller's own statement, for a caller that stores more in the
 * same round trip: `ctes` (named stream_appended and stream_inserted) go in its WITH, `ids` is a
 * query of the outbox id that also wakes the workers when a new message was queued (it must be
 * evaluated: a CTE's pg_notify runs only where the statement reads it), and `params` are its
 * parameters from number `first` on.
 */
export function streamItemStatement(message: { chatId: number; html: string }, stream: string, first: number): { ctes: string; ids: string; params: unknown[] } {
  const p = (n: number) => `$${first + n - 1}`;
  return {
    ctes: `stream_appended AS (
       UPDATE telegram_outbox o
          SET payload = jsonb_set(o.payload, '{text}', to_jsonb((o.payload->>'text') || E'\\n\\n' || ${p(2)}::text))
        WHERE o.id = (SELECT max(id) FROM telegram_outbox WHERE chat_id = ${p(1)} AND status = 'pending')
          AND o.status = 'pending' AND o.locked_until IS NULL AND o.attempts = 0 AND o.method = 'sendMessage'
          AND o.payload->>'stream' = ${p(3)}
          AND length(o.payload->>'text') + length(${p(2)}::text) + 2 <= ${p(4)}
       RETURNING o.id
     ), stream_inserted AS (
       INSERT INTO telegram_outbox (chat_id, method, payload, chat_order)
       SELECT ${p(1)}, 'sendMessage', ${p(5)}::jsonb, ${LAST_EVENT_ID} WHERE NOT EXISTS (SELECT 1 FROM stream_appended)
       RETURNING id
     )`,
    ids: `SELECT id FROM stream_appended
     UNION ALL
     -- Only a new message needs the workers woken (a volatile call is never optimized away).
     SELECT id FROM (SELECT id, pg_notify('${OUTBOX_CHANNEL}', '') FROM stream_inserted) AS notified`,
    params: [
      message.chatId,
      message.html,
      stream,
      STREAM_MESSAGE_LIMIT,
      JSON.stringify({ chat_id: message.chatId, text: message.html, parse_mode: 'HTML', link_preview_options: { is_disabled: true }, stream }),
    ],
  };
}

/** A chat sees at most about one edit of its live messages per second. */
export const LIVE_EDIT_PACE_MS = 1000;

/**
 * Sets the content of a live message (one queued earlier, e.g. a trade card) to `html` and
 * `buttons`, as few times as the chat needs to see it:
 *
 * - not sent yet: the queued message itself takes the new content (no edit at all);
 * - an edit of it is queued and not on the wire: that edit takes the new content (coalesced);
 * - the content is what the chat shows already (or will once the message on the wire lands):
 *   nothing is sent, and a queued edit is dropped, so Telegram never answers "not modified";
 * - else a new edit, due no sooner than LIVE_EDIT_PACE_MS after the chat's last message left.
 *
 * Returns in how many ms the edit is due (0: now), so the caller can wake the outbox then; or
 * undefined when nothing was queued.
 */
export async function enqueueLiveEdit(
  client: Queryable,
  message: { chatId: number; editOf: number; html: string; buttons?: InlineKeyboardMarkup },
): Promise<number | undefined> {
  const text = splitHtml(message.html)[0] ?? '';
  const markup = message.buttons ?? null;
  const original = await client.query(
    `UPDATE telegram_outbox
        SET payload = jsonb_set(payload - 'reply_markup', '{text}', to_jsonb($2::text))
                      || CASE WHEN $3::jsonb IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('reply_markup', $3::jsonb) END
      WHERE id = $1 AND status = 'pending' AND locked_until IS NULL AND attempts = 0 AND method = 'sendMessage'`,
    [message.editOf, text, markup === null ? null : JSON.stringify(markup)],
  );
  if ((original.rowCount ?? 0) > 0) return 0;
  const { rows: shown } = await client.query<{ same: boolean }>(
    `SELECT payload->>'text' = $3 AND (payload->'reply_markup') IS NOT DISTINCT FROM $4::jsonb AS same
       FROM telegram_outbox
      WHERE chat_id = $1 AND (id = $2 OR (method = 'editMessageText' AND (payload->>'edit_of')::bigint = $2))
        AND (status = 'sent' OR (status = 'pending' AND locked_until IS NOT NULL))
      ORDER BY id DESC LIMIT 1`,
    [message.chatId, message.editOf, text, markup === null ? null : JSON.stringify(markup)],
  );
  const pendingEdits = `chat_id = $1 AND method = 'editMessageText' AND (payload->>'edit_of')::bigint = $2
    AND status = 'pending' AND locked_until IS NULL`;
  if (shown[0]?.same) {
    await client.query(`UPDATE telegram_outbox SET status = 'dropped', last_error = 'superseded: the chat shows this already' WHERE ${pendingEdits}`, [
      message.chatId,
      message.editOf,
    ]);
    return undefined;
  }
  const payload = JSON.stringify({
    chat_id: message.chatId,
    text,
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(markup ? { reply_markup: markup } : {}),
    edit_of: message.editOf,
  });
  const { rows } = await client.query<{ due_ms: number }>(
    `WITH coalesced AS (
       UPDATE telegram_outbox SET payload = $3::jsonb WHERE ${pendingEdits}
       RETURNING greatest(0, extract(epoch FROM next_attempt_at - now()) * 1000)::float8 AS due_ms
     ), paced AS (
       SELECT greatest(now(), max(coalesce(sent_at, now())) + make_interval(secs => $4)) AS due
         FROM telegram_outbox
        WHERE chat_id = $1 AND ((status = 'sent' AND sent_at > now() - make_interval(secs => $4))
                                OR (status = 'pending' AND locked_until IS NOT NULL))
     ), inserted AS (
       INSERT INTO telegram_outbox (chat_id, method, payload, chat_order, next_attempt_at)
       SELECT $1, 'editMessageText', $3::jsonb, ${LAST_EVENT_ID}, coalesce((SELECT due FROM paced), now())
        WHERE NOT EXISTS (SELECT 1 FROM coalesced)
       RETURNING greatest(0, extract(epoch FROM next_attempt_at - now()) * 1000)::float8 AS due_ms
     )
     SELECT due_ms FROM coalesced
     UNION ALL
     SELECT due_ms FROM (SELECT due_ms, pg_notify('${OUTBOX_CHANNEL}', '') FROM inserted) AS notified`,
    [message.chatId, message.editOf, payload, LIVE_EDIT_PACE_MS / 1000],
  );
  return Math.ceil(rows[0]?.due_ms ?? 0);
}

/** Markup counted too, so the visible text is surely under Telegram's 4096. */
const STREAM_MESSAGE_LIMIT = 4000;

type GrammySignal = Parameters<Api['raw']['getMe']>[0];

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
  /** The bot was removed from a group: called before the group's waiting messages are dropped, to move away what must not be lost. */
  onGroupLost?(chatId: number): Promise<void>;
  /** Resolves forum topics of messages that carry one; without it such messages go to the group's General topic. */
  topics?: ForumTopics;
}

/**
 * Delivers the outbox: each chat's messages in order, one at a time, whichever process queued
 * them; see claim() for the rule. A lease (locked_until, locked_by) hands a message back if its
 * worker dies mid-send.
 */
export class OutboxWorker {
  /**
   * Keeps up to `concurrency` chats in flight. A slot is refilled as soon as any delivery ends or
   * new work is announced, so one slow chat never holds back the others.
   */
  private readonly loop: ClaimLoop<ClaimedMessage>;
  private listener: NotificationListener | undefined;
  private readonly workerId = randomInt(1, 2 ** 31 - 1);
  private readonly limiter: RateLimiter;
  private readonly maxAttempts: number;
  /** Whether this worker's liveness lock is held: without it, other workers may take its leases. */
  private alive = false;
  private stopping = false;

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
    this.listener = new NotificationListener({
      pool: this.options.pool,
      log: this.options.log,
      name: 'outbox',
      channels: [OUTBOX_CHANNEL],
      onNotification: () => this.wake(),
      // The liveness lock lives on this session: taken again on every new connection. Messages
      // queued while it was down were not announced, so look at once.
      onConnected: async (client, reconnected) => {
        await client.query('SELECT pg_advisory_lock($1, $2)', [WORKER_LOCK_CLASS, this.workerId]);
        this.alive = true;
        if (reconnected) this.wake();
      },
      onLost: () => {
        this.alive = false;
      },
    });
    await this.listener.start();
    this.loop.start();
  }

  /** Called after an in-process enqueue, so delivery does not wait for the NOTIFY round trip. */
  wake(): void {
    this.loop.wake();
  }

  async stop(): Promise<void> {
    if (!this.loop.running) return;
    this.stopping = true;
    // Finishes what is on the wire; anything not started stays pending for the next worker.
    await this.loop.stop();
    // Its session ends with it, and with the session its LISTEN and liveness lock.
    await this.listener?.close();
    this.listener = undefined;
  }


  /**
   * Takes up to `limit` chats' next messages. The rule that keeps every chat in order, across
   * processes and restarts:
   *
   * 1. A chat's messages go in (`chat_order`, `id`) order, and only its first pending one (its
   *    head) can be claimed; a head that is leased, or waiting to be retried, holds the whole
   *    chat. So at most one message per chat is ever on the wire, and nothing overtakes a message
   *    that failed: it is retried first.
   * 2. An event's messages stand at the event's id (`chat_order`), not at the moment they were
   *    queued: events are acted on by whichever process stored them, or by a sweeper, in any
   *    order, so their messages are queued in any order too.
   * 3. A head that reports on event E waits while its user has an event older than E still
   *    pending (stored, not yet acted on): that event's messages, once queued, must go first.
   *
   * Why that is enough: alert A was acknowledged before alert B was sent (the sender's order),
   * so A was committed before B got its id, and A.id < B.id. When B's message is claimed, in
   * this statement's snapshot either A is still pending (rule 3 holds B back), or A's processing
   * has committed, and with it A's messages, which stand before B's (rule 2) and leave first
   * (rule 1). The order of ids is not the order of commits: two events stored at the same time
   * can commit in either order, but then neither was acknowledged before the other was sent,
   * and either order is right. A sequence number handed out when a message is queued would not
   * do: two processes acting on A and B at once queue them in either order.
   */
  private async claim(limit: number): Promise<ClaimedMessage[]> {
    // Leases taken without the liveness lock could be taken over at once by another worker, and
    // the message sent twice. The lock is taken again on reconnection, which wakes the loop.
    if (!this.alive) return [];
    const { rows } = await this.options.pool.query<ClaimedMessage>({
      // Named: prepared once per connection (it runs for about every message).
      name: 'hookbot-outbox-claim',
      text: `UPDATE telegram_outbox o
          SET locked_until = now() + make_interval(secs => $2), locked_by = $3, attempts = o.attempts + 1
        WHERE o.id IN (
          SELECT head.id FROM (
            SELECT DISTINCT ON (chat_id) id, source_event_id, next_attempt_at, locked_until, locked_by
              FROM telegram_outbox WHERE status = 'pending' ORDER BY chat_id, chat_order, id
          ) head
          WHERE head.next_attempt_at <= now() AND ${CLAIMABLE('head', '$3')}
            AND NOT EXISTS (
              SELECT 1 FROM inbound_events source
                JOIN inbound_events earlier ON earlier.user_id = source.user_id AND earlier.status = 'pending' AND earlier.id < source.id
               WHERE source.id = head.source_event_id)
          ORDER BY head.id
          LIMIT $1)
          -- Checked again on the row as it is now: another worker may have sent it meanwhile.
          AND o.status = 'pending' AND o.next_attempt_at <= now() AND ${CLAIMABLE('o', '$3')}
      RETURNING o.id, o.chat_id, o.method, o.payload, o.attempts`,
      values: [limit, this.options.leaseSeconds, this.workerId],
    });
    return rows;
  }

  /**
   * Records what became of a claimed message, while this worker still holds it: one that lost
   * its lease (stuck past it) must not clear the lease of the worker that took the message over.
   * Parameters of `set` start at $3. A `name` (one per `set`) makes it a statement prepared once
   * per connection.
   */
  private async settle(id: number, set: string, values: unknown[] = [], name?: string): Promise<void> {
    await this.options.pool.query({
      ...(name ? { name } : {}),
      text: `UPDATE telegram_outbox SET locked_until = NULL, ${set} WHERE id = $1 AND locked_by = $2 AND status = 'pending'`,
      values: [id, this.workerId, ...values],
    });
  }

  /**
   * Records that a message reached Telegram. If the database is away at that moment, the record
   * waits for it (the chat's slot with it): Telegram has no idempotency key, so a message whose
   * delivery is not recorded is sent again once its lease runs out. While this worker lives its
   * lease stays its own, so the record still applies when the database is back. Given up only
   * on shutdown, or when the lease has run out (another worker may then send it: the one repeat).
   */
  private async recordSent(message: ClaimedMessage, telegramMessageId: string | number | null): Promise<void> {
    const until = Date.now() + this.options.leaseSeconds * 1000;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.settle(message.id, `status = 'sent', sent_at = now(), telegram_message_id = $3, last_error = NULL`, [telegramMessageId], 'hookbot-outbox-sent');
        if (attempt > 1) this.options.log.info({ outboxId: message.id, attempt }, 'delivery recorded once the database was back');
        return;
      } catch (error) {
        if (!isDatabaseUnavailable(error) || this.stopping || Date.now() > until) throw error;
        if (attempt === 1) this.options.log.warn({ outboxId: message.id, error: error instanceof Error ? error.message : String(error) }, 'cannot record a delivery: the database is away; trying again');
        await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
      }
    }
  }

  /**
   * A call is abandoned at half the lease, so a live worker's lease never runs out while its call
   * may still be on the wire: a message is taken over only from a worker that is gone (or stuck
   * on the database), and a chat never has two messages in flight.
   */
  private callSignal(): GrammySignal {
    // grammY's signal type comes from a shim; the platform AbortSignal is what it uses at run time.
    return AbortSignal.timeout((this.options.leaseSeconds * 1000) / 2) as GrammySignal;
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
      await this.settle(message.id, `status = 'dropped', last_error = 'the message to edit was never delivered'`);
      return;
    }
    await this.limiter.take();
    try {
      try {
        await this.options.api.raw.editMessageText({ ...payload, message_id: Number(messageId) } as never, this.callSignal());
      } catch (error) {
        // The same text again is refused as "not modified": nothing was lost.
        if (!(error instanceof GrammyError && /message is not modified/i.test(error.description))) throw error;
      }
      recordTelegramCall();
    } catch (error) {
      await this.handleFailure(message, error);
      return;
    }
    await this.recordSent(message, messageId);
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    if (message.method === 'editMessageText') return this.edit(message);
    if (message.method !== 'sendMessage' && !(outboxCallMethods as readonly string[]).includes(message.method)) {
      // Written by a newer version, or by hand: retrying would not make it sendable.
      await this.settle(message.id, `status = 'failed', last_error = $3`, [`the outbox does not send ${message.method}`]);
      return;
    }
    await this.limiter.take();
    let threadId: number | undefined;
    let sentId: number | undefined;
    try {
      // `stream` is ours (see enqueueStreamItem), not a Bot API parameter; nor is the topic.
      const { [FALLBACK_FIELD]: _fallback, [TOPIC_FIELD]: topic, stream: _stream, ...params } = message.payload;
      const signal = this.callSignal();
      if (topic && this.options.topics) {
        try {
          threadId = await this.options.topics.threadFor(message.chat_id, topic as OutboxTopic, signal);
          params.message_thread_id = threadId;
        } catch (error) {
          // No topic to be had (the bot lost "Manage topics", or topics were turned off): the
          // message still reaches the group, in its General topic, rather than being lost.
          if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
          this.options.log.warn({ chatId: message.chat_id, err: error.description }, 'no forum topic for a message; sending it to the group itself');
        }
      }
      const send = (this.options.api.raw as unknown as Record<string, (payload: unknown, signal: GrammySignal) => Promise<unknown>>)[message.method]!;
      // An album answers with one message per item; the first stands for the row.
      const result = (await send(withUploads(params), signal)) as { message_id: number } | Array<{ message_id: number }>;
      sentId = Array.isArray(result) ? result[0]?.message_id : result.message_id;
      recordTelegramCall();
    } catch (error) {
      if (threadId !== undefined && isTopicGone(error) && message.attempts < this.maxAttempts) {
        // Someone deleted the conversation's topic: forget it, and the retry opens a new one.
        this.options.log.info({ chatId: message.chat_id, threadId }, 'forum topic deleted; recreating it');
        await this.options.topics?.forget(message.chat_id, threadId);
        await this.retryLater(message.id, 0, error instanceof Error ? error.message : String(error), { countAttempt: true });
        return;
      }
      await this.handleFailure(message, error);
      return;
    }
    await this.recordSent(message, sentId ?? null);
  }

  private async handleFailure(message: ClaimedMessage, error: unknown): Promise<void> {
    const { pool, log } = this.options;
    const description = error instanceof Error ? error.message : String(error);
    recordTelegramCall(error);
    if (error instanceof GrammyError && error.error_code === 429) {
      const retryAfter = error.parameters.retry_after ?? 5;
      log.warn({ chatId: message.chat_id, retryAfter }, 'telegram flood limit; waiting as told');
      // A flood wait is Telegram pacing us, not a failure of this message.
      await this.retryLater(message.id, retryAfter, description, { countAttempt: false });
      return;
    }
    if (error instanceof GrammyError && error.error_code === 403) {
      log.info({ chatId: message.chat_id }, 'chat blocked the bot; dropping its queued messages');
      const rescued = message.chat_id < 0 && this.options.onGroupLost !== undefined;
      if (rescued) await this.options.onGroupLost!(message.chat_id);
      // A relayed message queued for a lost group after the rescue above meets the same 403 and is
      // rescued in turn; only what no event caused is dropped.
      await pool.query(
        `UPDATE telegram_outbox SET status = 'dropped', locked_until = NULL, last_error = $2
          WHERE chat_id = $1 AND status = 'pending' AND NOT ($3 AND source_event_id IS NOT NULL)`,
        [message.chat_id, description, rescued],
      );
      await this.options.onChatBlocked(message.chat_id);
      return;
    }
    const permanent = error instanceof GrammyError && error.error_code >= 400 && error.error_code < 500;
    const fallback = message.payload[FALLBACK_FIELD];
    if (permanent && fallback) {
      log.info({ chatId: message.chat_id, outboxId: message.id, method: message.method, err: description }, 'telegram refused the call; sending its text instead');
      await this.settle(message.id, `method = 'sendMessage', payload = $3, attempts = 0, next_attempt_at = now(), last_error = $4`, [
        JSON.stringify(fallback),
        description,
      ]);
      this.wake();
      return;
    }
    if (permanent || message.attempts >= this.maxAttempts) {
      log.error({ chatId: message.chat_id, outboxId: message.id, err: description }, 'telegram message given up');
      await this.settle(message.id, `status = 'failed', last_error = $3`, [description]);
      return;
    }
    const transient = error instanceof HttpError || error instanceof GrammyError;
    const backoff = Math.min(300, 2 ** (message.attempts - 1)) * (0.75 + Math.random() * 0.5);
    log.warn({ chatId: message.chat_id, attempt: message.attempts, backoff, transient, err: description }, 'telegram send failed; will retry');
    await this.retryLater(message.id, backoff, description, { countAttempt: true });
  }

  private async retryLater(id: number, seconds: number, error: string, { countAttempt }: { countAttempt: boolean }): Promise<void> {
    await this.settle(id, `next_attempt_at = now() + make_interval(secs => $3), last_error = $4, attempts = attempts - $5`, [
      seconds,
      error,
      countAttempt ? 0 : 1,
    ]);
    // Only this process knows when the wait ends; make sure the loop looks again then.
    setTimeout(() => this.wake(), Math.ceil(seconds * 1000) + 5).unref();
  }
}
