import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
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
    /** When the owner was last told that a request to this URL was dropped as a duplicate. */
    duplicateNoticeAt: timestamp('duplicate_notice_at', { withTimezone: true }),
    /** How an alert relayed from this URL reads (handlers/messageTemplate.ts); null = the default layout. */
    template: text('template'),
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
    /**
     * What the action made of a processed event: 'relayed' (messages sent), 'nothing' (no
     * message), 'trade' (a trade signal, whose own outcome says the rest), 'relayed-no-keys' (an
     * alert relayed because the user has no Bybit key). Null while pending, and for events stored
     * before it was recorded.
     */
    outcome: text('outcome'),
    /** The event this one re-runs (a replay asked for in the chat); null for what a provider sent. */
    replayOf: bigint('replay_of', { mode: 'number' }),
  },
  (t) => [
    // The sweeper's queue, and what the outbox asks before it sends a chat's message (has this
    // user an earlier event not yet acted on?).
    index('inbound_events_pending_user_idx').on(t.userId, t.id).where(sql`status = 'pending'`),
    // /events: the latest events of one personal URL.
    index('inbound_events_endpoint_idx').on(t.endpointId, t.id),
  ],
);

/**
 * Requests a personal URL answered without storing an event (refused with a 4xx, or dropped as a
 * duplicate), so its owner can see why in /events. Bounded: sampled per URL in the web process,
 * body cut short, and only the latest rows of each URL are kept.
 */
export const refusedRequests = pgTable(
  'refused_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    endpointId: bigint('endpoint_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    provider: text('provider').notNull(),
    /** The HTTP status answered (4xx; 200 for a duplicate). */
    httpStatus: integer('http_status').notNull(),
    reason: text('reason').notNull(),
    /** The start of the body as text. */
    bodyStart: text('body_start').notNull(),
    bodyBytes: integer('body_bytes').notNull(),
    /** For a duplicate: the stored event it repeats, when it can still be found. */
    duplicateOf: bigint('duplicate_of', { mode: 'number' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('refused_requests_endpoint_idx').on(t.endpointId, t.id)],
);

/**
 * A replay of a trade alert waiting for the user's Execute or Skip. The state moves once
 * (pending -> executed | skipped) in the transaction that acts on it, so a button pressed twice,
 * in two processes, replays once.
 */
export const replayRequests = pgTable('replay_requests', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: bigint('user_id', { mode: 'number' })
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  eventId: bigint('event_id', { mode: 'number' }).notNull(),
  status: text('status').notNull().default('pending'),
  replayEventId: bigint('replay_event_id', { mode: 'number' }),
  createdAt: createdAt(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
});

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

/**
 * The one durable path for messages the bot sends on its own. Order within a chat is
 * (`chat_order`, `id`) order; see OutboxWorker.claim for why, and for when a message may leave.
 */
export const telegramOutbox = pgTable(
  'telegram_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    method: text('method').notNull().default('sendMessage'),
    payload: jsonb('payload').notNull(),
    sourceEventId: bigint('source_event_id', { mode: 'number' }).references(() => inboundEvents.id, { onDelete: 'set null' }),
    /**
     * The message's place in its chat: the id of the event it reports on, or, for a message no
     * event caused (a bot reply, a scrape), the last event id handed out when it was queued.
     */
    chatOrder: bigint('chat_order', { mode: 'number' }).notNull().default(0),
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
    index('telegram_outbox_pending_order_idx').on(t.chatId, t.chatOrder, t.id).where(sql`status = 'pending'`),
    // A Telegram reply names the message it answers; this finds the event it relayed.
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
export type RefusedRequest = typeof refusedRequests.$inferSelect;

// ---------------------------------------------------------------------------------------------
// WhatsApp (Green API) and Avito connections. Secrets are sealed with SecretBox.

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

/**
 * Where the Avito polling fallback left each chat: the chat's `updated` (Avito's clock, unix
 * seconds) and its last message id when every message up to them was examined. A chat whose
 * values differ has changed since, whoever wrote last (buyer, seller from the Avito app, a
 * system notice), and its new messages are fetched.
 */
export const avitoChatCursors = pgTable(
  'avito_chat_cursors',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => avitoConnections.userId, { onDelete: 'cascade' }),
    chatId: text('chat_id').notNull(),
    updated: bigint('updated', { mode: 'number' }).notNull(),
    lastMessageId: text('last_message_id'),
    examinedAt: timestamp('examined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.chatId] })],
);

/**
 * Where a messenger connection's messages go: the owner's private chat (no row), or a Telegram
 * group the owner routed it to. In a forum group each customer conversation gets its own topic.
 */
export const relayRoutes = pgTable(
  'relay_routes',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'whatsapp' or 'avito'. */
    provider: text('provider').notNull(),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    /** The group has topics enabled: one topic per customer conversation. */
    forum: boolean('forum').notNull().default(false),
    /** Telegram ids of the members who may answer customers; null = every member. The owner always may. */
    answerers: jsonb('answerers').$type<number[] | null>(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.provider] }), index('relay_routes_chat_idx').on(t.chatId)],
);

/**
 * How a messenger connection's relayed messages reach Telegram (no row: loud): with sound,
 * silently (disable_notification), or paused (kept in the outbox as 'held' and sent, in order, on
 * resume); and quiet hours, in the user's time zone, during which they arrive silently.
 */
export const relayNotifications = pgTable(
  'relay_notifications',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    /** 'loud', 'silent' or 'paused'. */
    mode: text('mode').notNull().default('loud'),
    /** Quiet hours as minutes after local midnight, [from, to); both null = none. */
    quietFrom: integer('quiet_from'),
    quietTo: integer('quiet_to'),
    /** IANA time zone of the quiet hours, e.g. Europe/Moscow. */
    timeZone: text('time_zone').notNull().default('UTC'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.provider] })],
);

/** The forum topic of one customer conversation in a group (created on its first message). */
export const forumTopics = pgTable(
  'forum_topics',
  {
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    /** The provider's id of the conversation (a WhatsApp chat id, an Avito chat id). */
    conversation: text('conversation').notNull(),
    threadId: integer('thread_id').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.userId, t.provider, t.conversation] }), uniqueIndex('forum_topics_thread_idx').on(t.chatId, t.threadId)],
);

/**
 * Saved answers of a messenger connection, sent to a customer with one press (or `/q name`)
 * exactly like a typed reply. Bounded per connection; see src/services/relay/quickReplies.ts.
 */
export const quickReplies = pgTable(
  'quick_replies',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    name: text('name').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('quick_replies_name_idx').on(t.userId, t.provider, t.name)],
);

/**
 * Each opened list of quick replies under a relayed message carries a fresh token in its buttons;
 * sending claims the token here first, so a button pressed twice (or in two processes) sends once.
 */
export const quickReplySends = pgTable('quick_reply_sends', {
  token: text('token').primaryKey(),
  createdAt: createdAt(),
});

/**
 * What the provider-health watchdog last knew of a messenger connection: its problem (null when
 * healthy) and the problem its owner was told about, so a change is told once, and a recovery too.
 * `checkedAt` lets one worker claim a connection's check per interval.
 */
export const connectionHealth = pgTable(
  'connection_health',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    problem: text('problem'),
    notifiedProblem: text('notified_problem'),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.provider] })],
);

export type WhatsAppConnection = typeof whatsappConnections.$inferSelect;
export type AvitoConnection = typeof avitoConnections.$inferSelect;
export type AvitoChatCursor = typeof avitoChatCursors.$inferSelect;
export type RelayRoute = typeof relayRoutes.$inferSelect;
export type ForumTopic = typeof forumTopics.$inferSelect;
export type RelayNotification = typeof relayNotifications.$inferSelect;
export type QuickReply = typeof quickReplies.$inferSelect;

// Trading. Settings and Bybit keys per user, and the trade signals alerts become.

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
  /** Price guard: an alert price further than this (percent) from the market is refused; null = the server's default. */
  priceTolerancePercent: numeric('price_tolerance_percent', { mode: 'number' }),
  /** Largest value (USDT) of one opening order; null = the server's default. */
  maxOrderValueUsdt: numeric('max_order_value_usdt', { mode: 'number' }),
  /** Default protective orders (stop-loss, take-profit ladder, trailing, breakeven), percentages only; null = none. */
  protection: jsonb('protection'),
  /** 'fixed' (amount_usdt), 'equity' or 'available' (percent of that balance), 'risk' (percent of equity lost at the stop). */
  sizingMode: text('sizing_mode').notNull().default('fixed'),
  /** The percentage of the non-fixed sizing modes. */
  sizingPercent: numeric('sizing_percent', { mode: 'number' }),
  /** Confirm mode: every alert waits for Execute on a card before it is placed. */
  confirm: boolean('confirm').notNull().default(false),
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
    /**
     * The protective orders placed with the position (stop-loss, take-profit ladder, trailing
     * stop) and the entry they were measured from. `breakeven: true` is the intent to move the
     * stop to the entry once the first take-profit fills: it is acted on by whatever follows the
     * account's fills, so it is kept here rather than only in the chat message.
     */
    protection: jsonb('protection'),
    /** Confirm mode: the signal waits (status 'confirm') for Execute until then; null = no confirmation asked. */
    confirmUntil: timestamp('confirm_until', { withTimezone: true }),
    /** The outbox id of its Execute / Skip card, which is edited with what became of it. */
    confirmCard: bigint('confirm_card', { mode: 'number' }),
    lastError: text('last_error'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** The event this signal's event replays, shown in /orders; null for an alert as sent. */
    replayOf: bigint('replay_of', { mode: 'number' }),
    /**
     * An attempt found no position on the side this signal opens (or the alert said "add"):
     * a retry, which may find the position its own first attempt opened, does not refuse it.
     */
    sameSideChecked: boolean('same_side_checked').notNull().default(false),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('trade_signals_open_idx').on(t.userId, t.id).where(sql`status IN ('pending', 'placing')`),
    index('trade_signals_user_idx').on(t.userId, t.id),
  ],
);

/**
 * Who holds the private WebSocket of a Bybit key: exactly one worker process at a time. The
 * holder renews `lease_until`; a worker that dies stops renewing and another takes the key over
 * once it has expired. `caught_up_to` is where the next REST catch-up starts: every fill after
 * it is looked up again after a gap (the dedupe on exec_id makes that safe).
 */
export const bybitStreams = pgTable(
  'bybit_streams',
  {
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    account: text('account').notNull(),
    holder: text('holder'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    caughtUpTo: timestamp('caught_up_to', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.account] }),
    foreignKey({ columns: [t.userId, t.account], foreignColumns: [bybitKeys.userId, bybitKeys.account] }).onDelete('cascade'),
  ],
);

/**
 * Every fill reported to a user, once: the stream and the catch-up after a gap both insert here
 * and only the one whose insert took the exec_id tells the chat.
 */
export const bybitExecutions = pgTable(
  'bybit_executions',
  {
    execId: text('exec_id').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    account: text('account').notNull(),
    category: text('category').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side').notNull(),
    orderId: text('order_id').notNull(),
    orderLinkId: text('order_link_id').notNull(),
    stopOrderType: text('stop_order_type').notNull(),
    execPrice: text('exec_price').notNull(),
    execQty: text('exec_qty').notNull(),
    execFee: text('exec_fee').notNull(),
    closedSize: text('closed_size').notNull(),
    execTime: timestamp('exec_time', { withTimezone: true }).notNull(),
    /** 'stream' or 'catch-up': how it reached us. */
    source: text('source').notNull(),
    recordedAt: createdAt(),
  },
  (t) => [index('bybit_executions_user_idx').on(t.userId, t.execTime)],
);

/**
 * The live card of one trade: a chat message sent when its alert was placed and edited as the
 * trade moves (filled, take-profit, stop moved, closed). `state` is what the card shows (see
 * src/services/trading/cards/cardState.ts); `busy_until` keeps a button pressed twice, in any
 * process, from acting twice.
 */
export const tradeCards = pgTable(
  'trade_cards',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    account: text('account').notNull(),
    category: text('category').notNull(),
    symbol: text('symbol').notNull(),
    /** The signal's order link id base: its orders' link ids start with it. */
    linkBase: text('link_base').notNull().unique(),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    language: text('language').notNull(),
    /** The outbox row of the card message; edits name it. */
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
    state: jsonb('state').notNull(),
    closed: boolean('closed').notNull().default(false),
    busyUntil: timestamp('busy_until', { withTimezone: true }),
    /**
     * "Stop to breakeven after the first take-profit": null (not asked, or not yet due), 'due'
     * (the take-profit filled: set in the fill's transaction, so once per fill), 'moving' (claimed
     * by one process until `breakeven_until`), 'done' or 'failed'.
     */
    breakevenState: text('breakeven_state'),
    breakevenUntil: timestamp('breakeven_until', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('trade_cards_open_idx').on(t.userId, t.account, t.symbol, t.id).where(sql`NOT closed`)],
);

/**
 * The last take-profit and stop Bybit reported for a position (the `position` topic), so a card
 * opened after the report still shows them.
 */
export const bybitPositionProtection = pgTable(
  'bybit_position_protection',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    account: text('account').notNull(),
    symbol: text('symbol').notNull(),
    stopLoss: text('stop_loss').notNull(),
    takeProfit: text('take_profit').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.account, t.symbol] })],
);

/**
 * A user's account reports: the opt-in daily summary (at `summary_hour` o'clock in `time_zone`)
 * and the time zone /pnl counts days in. `summary_sent_on` is the local day of the last summary
 * sent: set in the transaction that queues it, so one summary a day goes out whichever worker runs.
 */
export const tradingReports = pgTable('trading_reports', {
  userId: bigint('user_id', { mode: 'number' })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** 0-23; null = no daily summary. */
  summaryHour: integer('summary_hour'),
  /** IANA time zone, e.g. Europe/Moscow; null = not set (UTC, or the quiet hours' zone). */
  timeZone: text('time_zone'),
  summarySentOn: date('summary_sent_on', { mode: 'string' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A Close press on /positions holds its position here while it talks to Bybit, so a second
 * press, in this process or another, waits for the first instead of acting beside it.
 */
export const positionCloses = pgTable(
  'position_closes',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    account: text('account').notNull(),
    symbol: text('symbol').notNull(),
    positionIdx: integer('position_idx').notNull(),
    busyUntil: timestamp('busy_until', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.account, t.symbol, t.positionIdx] })],
);

/**
 * What Hookbot expects of a futures position against what Bybit last reported, per symbol:
 * `expected_side` is what Hookbot's own orders left (Buy, Sell, or '' for flat), `bybit_side` and
 * `bybit_size` the last `position` message. `divergence` is the mismatch the user was last told
 * of (null: none open), so each is told once and told again only after it cleared.
 */
export const tradeReconciliation = pgTable(
  'trade_reconciliation',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    account: text('account').notNull(),
    symbol: text('symbol').notNull(),
    expectedSide: text('expected_side').notNull().default(''),
    bybitSide: text('bybit_side').notNull().default(''),
    bybitSize: text('bybit_size').notNull().default('0'),
    divergence: text('divergence'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.account, t.symbol] })],
);

/**
 * Orders that ended without a fill (cancelled, rejected) and were reported, once each; Hookbot's
 * own cancellations are written here as they are made (`status` 'hookbot'), so a catch-up never
 * reports them as done outside Hookbot.
 */
export const bybitOrderReports = pgTable(
  'bybit_order_reports',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orderId: text('order_id').notNull(),
    status: text('status').notNull(),
    recordedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orderId] })],
);

/**
 * Limit orders Hookbot placed and must cancel at their expiry. A row is claimed (lease) by one
 * process when due, so several workers never cancel or report one twice.
 */
export const limitOrders = pgTable(
  'limit_orders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    signalId: bigint('signal_id', { mode: 'number' }).notNull().unique(),
    /** 'demo' or 'real': which key cancels it. */
    account: text('account').notNull(),
    category: text('category').notNull(),
    symbol: text('symbol').notNull(),
    orderLinkId: text('order_link_id').notNull(),
    side: text('side').notNull(),
    qty: text('qty').notNull(),
    price: text('price').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** 'open' until cancelled at expiry, found filled, or cancelled by a `cancel` alert: then 'done'. */
    status: text('status').notNull().default('open'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('limit_orders_due_idx').on(t.expiresAt).where(sql`status = 'open'`)],
);

export type TradingSettingsRow = typeof tradingSettings.$inferSelect;
export type BybitKeyRow = typeof bybitKeys.$inferSelect;
export type TradeSignalRow = typeof tradeSignals.$inferSelect;
// --- Google Maps scrapes and outbound webhooks ---------------------------------------------

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
    /** Leave out places this user already got from an earlier scrape. */
    skipKnown: boolean('skip_known').notNull().default(false),
    /** A run of this watch: only places new or changed since its last run are streamed. */
    watchId: text('watch_id').references((): AnyPgColumn => mapsWatches.id, { onDelete: 'set null' }),
    /** Place URLs or place ids to open one by one instead of a search (`query` is then a label). */
    places: jsonb('places').$type<string[]>(),
    /**
     * An area search: `{bbox:[s,w,n,e]} | {place}` with `cell_km` and/or `split:"auto"`. Its cells
     * are in scrape_cells; null for a single search.
     */
    area: jsonb('area').$type<ScrapeArea>(),
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

/** What an area search asked for (the API's fields). */
export interface ScrapeArea {
  bbox?: [number, number, number, number];
  place?: string;
  cell_km?: number;
  split?: 'auto';
}

/**
 * The cells of an area search, each one Maps search by camera: pending -> done, or split (a cell
 * whose feed hit the cap, searched again as four children). A worker that dies leaves its cell
 * pending; the next run searches it again, skipping the places already delivered.
 */
export const scrapeCells = pgTable(
  'scrape_cells',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => scrapeJobs.id, { onDelete: 'cascade' }),
    /** Search order: the grid first, then children of split cells as they appear. */
    seq: integer('seq').notNull(),
    parentSeq: integer('parent_seq'),
    depth: integer('depth').notNull().default(0),
    south: doublePrecision('south').notNull(),
    west: doublePrecision('west').notNull(),
    north: doublePrecision('north').notNull(),
    east: doublePrecision('east').notNull(),
    status: text('status').notNull().default('pending'),
    /** Distinct links the cell's feed showed, and new places it delivered. */
    feedLinks: integer('feed_links'),
    newPlaces: integer('new_places'),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
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
    /** Watch runs: what changed since the watch's last run (null: nothing, not streamed). */
    change: jsonb('change'),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.position] }), uniqueIndex('scrape_results_place_idx').on(t.jobId, t.placeId)],
);

/** Place-list scrapes: an item that could not be opened or read, at its place in the list. */
export const scrapeItemErrors = pgTable(
  'scrape_item_errors',
  {
    jobId: text('job_id')
      .notNull()
      .references(() => scrapeJobs.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    input: text('input').notNull(),
    error: text('error').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.position] })],
);

/**
 * A saved search run again on a schedule. status: draft (the bot still asks when) -> active <->
 * paused. The hour is on the wall clock of `time_zone`; weekly runs fall on `weekday` (1 = Monday).
 */
export const mapsWatches = pgTable(
  'maps_watches',
  {
    id: text('id').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    chatId: bigint('chat_id', { mode: 'number' }).notNull(),
    query: text('query').notNull(),
    maxResults: integer('max_results').notNull(),
    language: text('language').notNull(),
    webhookUrl: text('webhook_url'),
    frequency: text('frequency').notNull().default('daily'),
    hour: integer('hour').notNull().default(9),
    weekday: integer('weekday'),
    timeZone: text('time_zone').notNull().default('UTC'),
    /** A rating crossing this value either way is a change; null: crossing a whole or half star. */
    ratingThreshold: doublePrecision('rating_threshold'),
    status: text('status').notNull().default('active'),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    lastJobId: text('last_job_id'),
    runs: integer('runs').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('maps_watches_user_idx').on(t.userId), index('maps_watches_due_idx').on(t.nextRunAt).where(sql`status = 'active'`)],
);

/** What a watch saw of each place on its last run that read it: the fields a change is judged on. */
export const mapsWatchPlaces = pgTable(
  'maps_watch_places',
  {
    watchId: text('watch_id')
      .notNull()
      .references(() => mapsWatches.id, { onDelete: 'cascade' }),
    placeId: text('place_id').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.watchId, t.placeId] })],
);

/** Scrape proxies taken out of rotation, shared by every worker; keyed by host:port (never credentials). */
export const scrapeProxies = pgTable('scrape_proxies', {
  proxy: text('proxy').primaryKey(),
  downUntil: timestamp('down_until', { withTimezone: true }),
  failures: integer('failures').notNull().default(0),
  lastError: text('last_error'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

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

/**
 * Which users have a live web view open, and on which web process: the database triggers that
 * feed the view (channel `live_feed`) notify only for these users, so writes of everybody else
 * take no NOTIFY (whose commit-time lock would serialize their commits). A process renews its
 * rows while its pages are open; rows of a process that died expire.
 */
export const liveFeedWatchers = pgTable(
  'live_feed_watchers',
  {
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    holder: text('holder').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.holder] })],
);
