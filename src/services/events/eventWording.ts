import type { Outcome } from '../trading/placeSignal.js';
import { reasonVariables } from '../trading/messages.js';
import { escapeHtml } from '../telegram/html.js';
import { eventOutcomes } from '../inbound/processor.js';
import type { LogEntry, LoggedEvent, LoggedRefusal } from './eventLog.js';

/**
 * How an event or a refused request is told to its user, the same in /events and in the web view:
 * what it was, when it arrived, and what became of it.
 */
export type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** How much of a refused body and of a reason a page shows (the stored rows keep more). */
const BODY_SHOWN = 200;
const REASON_SHOWN = 400;

const providerNames: Record<string, string> = { tradingview: 'TradingView', fal: 'FAL', whatsapp: 'WhatsApp', avito: 'Avito' };
export const providerName = (provider: string): string => providerNames[provider] ?? provider;

/** When something arrived, in the user's language (UTC, as every time the bot shows). */
export function formatWhen(date: Date, language: string): string {
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC', numberingSystem: 'latn' });
  return `${format.format(date)} UTC`;
}

const cut = (text: string, length: number): string => (text.length > length ? `${text.slice(0, length)}…` : text);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** What the event was: the alert's action and symbol, a message's sender, a job. */
export function describeEvent(event: Pick<LoggedEvent, 'provider' | 'payload'>, t: Translate): string {
  const p = event.payload;
  switch (event.provider) {
    case 'tradingview': {
      const action = str(p.action);
      return t('events-what-alert', {
        action: action ? t(`action-${action}`) : '?',
        symbol: escapeHtml(str(p.symbol) ?? t('alert-no-symbol')),
      });
    }
    case 'whatsapp':
      if (p.kind === 'state') return t('events-what-whatsapp-state', { state: escapeHtml(str(p.state) ?? '?') });
      return t('events-what-message', { sender: escapeHtml(str(p.senderName) ?? str(p.phone) ?? '?') });
    case 'avito':
      return t('events-what-message', { sender: escapeHtml(String(p.authorId ?? '?')) });
    case 'fal':
      return t('events-what-fal', {
        job: escapeHtml(str(p.label) ?? str(p.requestId) ?? '?'),
        status: escapeHtml(str(p.status) ?? '?'),
      });
    default:
      return '';
  }
}

/** What became of a stored event. */
export function describeResult(event: LoggedEvent, t: Translate): string {
  if (event.status === 'pending') return t('events-result-pending');
  if (event.status === 'skipped') return t('events-result-inactive');
  if (event.status === 'failed') return t('events-result-failed', { error: escapeHtml(cut(event.lastError ?? '', REASON_SHOWN)) });
  if (event.trade) {
    const outcome = event.trade.outcome as Outcome | null;
    if (!outcome) return t(event.trade.status === 'skipped' ? 'events-result-inactive' : 'events-result-trade-pending');
    if (outcome.status === 'placed') {
      const open = outcome.orders.at(-1);
      return t('events-result-placed', {
        qty: escapeHtml(open?.qty ?? ''),
        price: escapeHtml(open?.avgPrice ?? t('trade-price-unknown')),
        orderId: escapeHtml(open?.orderId || open?.orderLinkId || ''),
      });
    }
    return t('events-result-trade-refused', {
      status: t(`orders-status-${outcome.status}`),
      reason: t(`trade-reason-${outcome.reason}`, reasonVariables(outcome.details)),
    });
  }
  if (event.outcome === eventOutcomes.relayedNoKeys) return t('events-result-no-keys');
  if (event.outcome === eventOutcomes.nothing) return t('events-result-nothing');
  return t('events-result-relayed');
}

function eventBlock(event: LoggedEvent, t: Translate, language: string): string {
  const lines = [t('events-head', { id: String(event.id), provider: providerName(event.provider), date: formatWhen(event.receivedAt, language) })];
  if (event.replayOf !== null) lines.push(t('events-replay-of', { id: String(event.replayOf) }));
  const what = describeEvent(event, t);
  if (what) lines.push(what);
  lines.push(describeResult(event, t));
  return lines.join('\n');
}

function refusalBlock(refusal: LoggedRefusal, t: Translate, language: string): string {
  const head = t('events-refused-head', { provider: providerName(refusal.provider), date: formatWhen(refusal.receivedAt, language) });
  if (refusal.reason === 'duplicate') {
    const duplicate =
      refusal.duplicateOf === null ? t('events-duplicate-unknown') : t('events-duplicate', { id: String(refusal.duplicateOf) });
    return [head, duplicate].join('\n');
  }
  const lines = [head, t('events-refused-reason', { status: String(refusal.httpStatus), reason: escapeHtml(cut(refusal.reason, REASON_SHOWN)) })];
  if (refusal.bodyStart !== '') {
    lines.push(t('events-refused-body', { bytes: String(refusal.bodyBytes) }), `<pre>${escapeHtml(cut(refusal.bodyStart, BODY_SHOWN))}</pre>`);
  } else if (refusal.bodyBytes === 0 && refusal.httpStatus !== 413) {
    lines.push(t('events-refused-no-body'));
  }
  return lines.join('\n');
}

export function entryBlock(entry: LogEntry, t: Translate, language: string): string {
  return entry.kind === 'event' ? eventBlock(entry, t, language) : refusalBlock(entry, t, language);
}

