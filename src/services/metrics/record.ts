import { GrammyError } from 'grammy';
import { telegramCalls, tradeSignals, webhookAttempts } from './metrics.js';

/** What a failed Bot API call was, as a bounded label. */
export function telegramFailureKind(error: unknown): '429' | '5xx' | '4xx' | 'network' {
  if (!(error instanceof GrammyError)) return 'network';
  if (error.error_code === 429) return '429';
  return error.error_code >= 500 ? '5xx' : '4xx';
}

/** One outbox call to Telegram: no error = sent. */
export function recordTelegramCall(error?: unknown): void {
  telegramCalls.inc({ result: error === undefined ? 'sent' : telegramFailureKind(error) });
}

/** Bybit's retCode from a failure detail written as `<retCode>: <message>`; '' when there is none. */
export function bybitCodeOf(detail: string | undefined): string {
  return /^(\d{1,6}):/.exec(detail ?? '')?.[1] ?? '';
}

interface OutcomeLike {
  status: string;
  reason?: string;
  details?: { detail: string };
}

/** A trade signal's final outcome (placed, nothing to do, rejected, expired). */
export function recordTradeOutcome(outcome: OutcomeLike): void {
  tradeSignals.inc({ outcome: outcome.status, reason: outcome.reason ?? '', bybit_code: bybitCodeOf(outcome.details?.detail) });
}

/** A signal that will be tried again (Bybit did not answer, or answered "busy"). */
export function recordTradeRetry(retCode: number | undefined): void {
  tradeSignals.inc({ outcome: 'retry', reason: 'exchange-down', bybit_code: retCode === undefined ? '' : String(retCode) });
}

/** One outgoing webhook request: delivered (2xx), or the class of its failure (3xx, 4xx, 5xx, network). */
export function recordWebhookAttempt(status: number | null, error: string | undefined): void {
  webhookAttempts.inc({ result: error === undefined ? 'delivered' : status === null ? 'network' : `${Math.floor(status / 100)}xx` });
}
