import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable('users', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  telegramId: bigint('telegram_id', { mode: 'number' }).notNull().unique(),
  username: text('username'),
  firstName: text('first_name'),
  language: text('language').notNull().default('en'),
  active: boolean('active').notNull().default(true),
  /** Set when Telegram answers 403 (the user blocked the bot); cleared when they write to it again. */
  blockedAt: timestamp('blocked_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One personal URL per user and provider; the token is the only thing that reaches it. */
export const endpoints = pgTable(
  'endpoints',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    token: text('token').notNull().unique(),
    createdAt: createdAt(),
    rotatedAt: timestamp('rotated_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('endpoints_user_provider_idx').on(t.userId, t.provider)],
);

/**
 * Every accepted webhook, committed before the 200; `status` moves pending -> processed | skipped | failed.
 *
 * Written at ingest rate, so it carries only what the hot path needs: no foreign keys (their
 * checks were a third of the insert's cost; the ids come from the lookup made by the same
 * request, and endpoints and users are never deleted, only rotated or deactivated) and one
 * partial index for the sweeper.
 */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    endpointId: bigint('endpoint_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    provider: text('provider').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [index('inbound_events_pending_idx').on(t.receivedAt).where(sql`status = 'pending'`)],
);

/**
 * Dedupe keys with an expiry: an alert `id` is kept for good, a body hash only for the
 * resend window, so the same text sent again later is a new alert. Hot path too: no foreign
 * key, and no index on expires_at (the hourly purge can afford a scan).
 */
export const inboundDedupe = pgTable(
  'inbound_dedupe',
  {
    endpointId: bigint('endpoint_id', { mode: 'number' }).notNull(),
    key: text('key').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.endpointId, t.key] })],
);

/** The one durable path for messages the bot sends on its own. Order within a chat is `id` order. */
export const telegramOutbox = pgTable(
  'telegram_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    method: text('method').notNull().default('sendMessage'),
    payload: jsonb('payload').notNull(),
    sourceEventId: bigint('source_event_id', { mode: 'number' }).references(() => inboundEvents.id, { onDelete: 'set null' }),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** The worker holding the lease; its advisory lock vanishes with it, freeing the row at once. */
    lockedBy: integer('locked_by'),
    lastError: text('last_error'),
    telegramMessageId: bigint('telegram_message_id', { mode: 'number' }),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('telegram_outbox_pending_idx').on(t.chatId, t.id).where(sql`status = 'pending'`),
    // Issue #5: a Telegram reply names the message it answers; this finds the event it relayed.
    index('telegram_outbox_sent_message_idx').on(t.chatId, t.telegramMessageId).where(sql`telegram_message_id IS NOT NULL`),
  ],
);

/**
 * A question the bot asked and is waiting for the answer to (an API key, a secret). Kept in the
 * database so a restart between question and answer still routes the answer, and a secret sent
 * as an answer is still deleted from the chat.
 */
export const botPrompts = pgTable('bot_prompts', {
  telegramId: bigint('telegram_id', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(),
  state: jsonb('state').$type<Record<string, unknown>>().notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export type User = typeof users.$inferSelect;
export type Endpoint = typeof endpoints.$inferSelect;
export type InboundEvent = typeof inboundEvents.$inferSelect;
export type OutboxRow = typeof telegramOutbox.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Issue #5: WhatsApp (Green API) and Avito connections. Secrets are sealed with SecretBox.

const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** A user's Green API instance, and the bearer token Green API sends back on every webhook. */
export const whatsappConnections = pgTable('whatsapp_connections', {
  userId: bigint('user_id', { mode: 'number' })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  idInstance: text('id_instance').notNull(),
  apiUrl: text('api_url').notNull(),
  /** Sealed apiTokenInstance. */
  apiToken: text('api_token').notNull(),
  /** Sealed webhookUrlToken we generated and set on the instance. */
  webhookToken: text('webhook_token').notNull(),
  /** Last stateInstance seen (authorized, notAuthorized, blocked...). */
  state: text('state'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * A user's Avito account. `mode` is how messages reach us: 'push' (the webhook works) or
 * 'polling' (the webhook is not subscribed or went quiet while chats changed).
 */
export const avitoConnections = pgTable('avito_connections', {
  userId: bigint('user_id', { mode: 'number' })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  clientId: text('client_id').notNull(),
  /** Sealed client_secret. */
  clientSecret: text('client_secret').notNull(),
  /** The Avito user id (accounts/self), used in every messenger path. */
  accountId: bigint('account_id', { mode: 'number' }).notNull(),
  /** Sealed access token and its expiry, shared by every process. */
  accessToken: text('access_token'),
  tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
  subscribed: boolean('subscribed').notNull().default(false),
  mode: text('mode').notNull().default('push'),
  lastPushAt: timestamp('last_push_at', { withTimezone: true }),
  lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
  lastPolledAt: timestamp('last_polled_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type WhatsAppConnection = typeof whatsappConnections.$inferSelect;
export type AvitoConnection = typeof avitoConnections.$inferSelect;
// Issue #3: trading. Settings and Bybit keys per user, and the trade signals alerts become.

/** How a user trades; one row per user, created with the defaults on first use. */
export const tradingSettings = pgTable('trading_settings', {
  userId: bigint('user_id', { mode: 'number' })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** 'spot' or 'linear' (USDT perpetual futures). */
  market: text('market').notNull().default('linear'),
  amountUsdt: numeric('amount_usdt', { mode: 'number' }).notNull().default(10),
  leverage: integer('leverage').notNull().default(1),
  /** 'demo' (Bybit demo trading) or 'real'. */
  account: text('account').notNull().default('demo'),
  defaultSymbol: text('default_symbol'),
  /** Stale-signal guard: an alert older than this many seconds is refused; null = off. */
  maxLagSeconds: integer('max_lag_seconds'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A user's Bybit API key for one account, sealed with SecretBox; only the masked key is shown. */
export const bybitKeys = pgTable(
  'bybit_keys',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    account: text('account').notNull(),
    apiKey: text('api_key').notNull(),
    apiSecret: text('api_secret').notNull(),
    maskedKey: text('masked_key').notNull(),
    /** What Bybit said about the key when it was saved (permissions, IPs, expiry). */
    info: jsonb('info').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.account] })],
);

/**
 * An alert to be placed as an order: written in the alert's own transaction, placed soon after
 * outside it. `status`: pending -> placing -> placed | nothing | rejected | expired. The order
 * link ids are derived from `event_id`, so a retry can never place a second order.
 */
export const tradeSignals = pgTable(
  'trade_signals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: bigint('event_id', { mode: 'number' }).notNull().unique(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    alert: jsonb('alert').notNull(),
    /** The user's settings when the alert arrived. */
    settings: jsonb('settings').notNull(),
    orderLinkId: text('order_link_id').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    outcome: jsonb('outcome'),
    lastError: text('last_error'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('trade_signals_open_idx').on(t.userId, t.id).where(sql`status IN ('pending', 'placing')`),
    index('trade_signals_user_idx').on(t.userId, t.id),
  ],
);

export type TradingSettingsRow = typeof tradingSettings.$inferSelect;
export type BybitKeyRow = typeof bybitKeys.$inferSelect;
export type TradeSignalRow = typeof tradeSignals.$inferSelect;
// --- issue #4: Google Maps scrapes and outbound webhooks -----------------------------------

/** One HTTP API key per user (only its hash is kept) and the secret that signs their webhooks. */
export const apiKeys = pgTable('api_keys', {
  userId: bigint('user_id', { mode: 'number' })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** sha256 of the key, hex: a leaked table does not leak keys. */
  keyHash: text('key_hash').notNull().unique(),
  /** The first characters, to show which key is in use. */
  keyPrefix: text('key_prefix').notNull(),
  /** `whsec_<base64>`: Standard Webhooks signing secret, sealed by SecretBox (opened to sign). */
  webhookSecret: text('webhook_secret').notNull(),
  createdAt: createdAt(),
});

/** A scrape: status queued -> running -> completed | failed | cancelled. */
export const scrapeJobs = pgTable(
  'scrape_jobs',
  {
    id: text('id').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The Telegram chat that follows the job (the user's). */
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    source: text('source').notNull(),
    query: text('query').notNull(),
    maxResults: integer('max_results').notNull(),
    language: text('language').notNull(),
    webhookUrl: text('webhook_url'),
    status: text('status').notNull().default('queued'),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    error: text('error'),
    resultCount: integer('result_count').notNull().default(0),
    /** Runs started: a job interrupted by a restart is resumed, a few times at most. */
    attempts: integer('attempts').notNull().default(0),
    /** Refreshed while a worker runs the job; a stale one means the worker is gone. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    /** The outbox row of the progress message, which later rows edit. */
    progressOutboxId: bigint('progress_outbox_id', { mode: 'number' }),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('scrape_jobs_user_idx').on(t.userId, t.createdAt), index('scrape_jobs_active_idx').on(t.status).where(sql`status IN ('queued', 'running')`)],
);

/** The results of a scrape in extraction order; a place appears once per job. */
export const scrapeResults = pgTable(
  'scrape_results',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => scrapeJobs.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    placeId: text('place_id').notNull(),
    data: jsonb('data').notNull(),
    extractedAt: timestamp('extracted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.position] }), uniqueIndex('scrape_results_place_idx').on(t.jobId, t.placeId)],
);

/** Every webhook request owed to a user, in order per job; status pending -> delivered | failed. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: text('job_id')
      .notNull()
      .references(() => scrapeJobs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    url: text('url').notNull(),
    /** `webhook-id`: the same on every retry, so the receiver can drop repeats. */
    messageId: text('message_id').notNull(),
    payload: jsonb('payload').notNull(),
    timeoutMs: integer('timeout_ms').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Retried until then, then recorded as failed. */
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_job_seq_idx').on(t.jobId, t.seq),
    index('webhook_deliveries_pending_idx').on(t.jobId, t.seq).where(sql`status = 'pending'`),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
export type ScrapeJob = typeof scrapeJobs.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
