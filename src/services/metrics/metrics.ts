import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every metric Hookbot exports, in one registry. Counters and histograms count what this process
 * did (Prometheus sums them over instances); gauges of shared state (queues in PostgreSQL) are
 * set from the database at scrape time (see sharedGauges.ts), so every instance reports the same.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'hookbot_' });

const registers = [registry];

export const inboundRequests = new Counter({
  name: 'hookbot_inbound_requests_total',
  help: 'Webhook requests received on personal URLs, by provider and HTTP status',
  labelNames: ['provider', 'status'] as const,
  registers,
});

export const inboundAckSeconds = new Histogram({
  name: 'hookbot_inbound_ack_seconds',
  help: 'Time from a webhook request to its answer (stored and committed first), by provider',
  labelNames: ['provider'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers,
});

export const httpShed = new Counter({
  name: 'hookbot_http_shed_total',
  help: 'Requests answered 503 because the process was overloaded',
  labelNames: ['reason'] as const,
  registers,
});

export const telegramCalls = new Counter({
  name: 'hookbot_telegram_calls_total',
  help: 'Outbox calls to the Telegram Bot API by result: sent, 429 (flood wait), 5xx, 4xx, network',
  labelNames: ['result'] as const,
  registers,
});

export const botUpdates = new Counter({
  name: 'hookbot_bot_updates_total',
  help: 'Updates from Telegram handled by the bot, by kind (command, message, callback_query, ...)',
  labelNames: ['kind'] as const,
  registers,
});

export const tradeSignals = new Counter({
  name: 'hookbot_trade_signals_total',
  help: 'Trade signals by outcome (placed, nothing, rejected, expired, retry), reason and Bybit retCode',
  labelNames: ['outcome', 'reason', 'bybit_code'] as const,
  registers,
});

export const scrapeJobsFinished = new Counter({
  name: 'hookbot_scrape_jobs_total',
  help: 'Scrape jobs finished by this process, by outcome (completed, failed, cancelled)',
  labelNames: ['outcome'] as const,
  registers,
});

export const scrapePlaces = new Counter({
  name: 'hookbot_scrape_places_total',
  help: 'Places extracted and stored by scrapes (rate() of it is places per minute)',
  registers,
});

export const webhookAttempts = new Counter({
  name: 'hookbot_webhook_attempts_total',
  help: 'Outgoing webhook requests by result: delivered, or how it failed (3xx, 4xx, 5xx, network)',
  labelNames: ['result'] as const,
  registers,
});

// Shared state, read from PostgreSQL when scraped.
export const queueDepth = new Gauge({
  name: 'hookbot_queue_depth',
  help: 'Rows waiting in a queue in the database (counted up to a cap), by queue',
  labelNames: ['queue'] as const,
  registers,
});

export const queueOldestSeconds = new Gauge({
  name: 'hookbot_queue_oldest_seconds',
  help: 'Age of the oldest row waiting in a queue, by queue (0 when empty)',
  labelNames: ['queue'] as const,
  registers,
});
