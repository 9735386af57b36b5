import type { TradingViewAlert } from '../../../handlers/tradingview.js';
import { escapeHtml } from '../telegram/html.js';

export type Translate = (key: string, variables?: Record<string, string | number>) => string;

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The chat message for a relayed TradingView alert; every value from the alert is escaped. */
export function formatAlert(alert: TradingViewAlert, t: Translate): string {
  const lines = [t('alert-title')];
  lines.push(t('alert-action', { action: t(`action-${alert.action}`) }));
  lines.push(t('alert-symbol', { symbol: escapeHtml(alert.symbol ?? t('alert-no-symbol')) }));
  if (alert.price !== null) lines.push(t('alert-price', { price: escapeHtml(String(alert.price)) }));
  const extra = Object.entries(alert.extra);
  if (extra.length > 0) {
    lines.push('', t('alert-extra'));
    // From the locale: the Arabic line starts with a right-to-left mark, as the field names are Latin.
    for (const [key, value] of extra) lines.push(t('alert-extra-field', { key: escapeHtml(key), value: escapeHtml(formatValue(value)) }));
  }
  if (alert.text !== null) lines.push('', t('alert-text'), `<blockquote>${escapeHtml(alert.text)}</blockquote>`);
  return lines.join('\n');
}

/**
 * What a message template (handlers/messageTemplate.ts) can name in an alert: its own fields, and
 * every other field of a JSON alert both by name and under `extra`.
 */
export function alertTemplateValues(alert: TradingViewAlert): Record<string, unknown> {
  return { ...alert.extra, extra: alert.extra, action: alert.action, symbol: alert.symbol, price: alert.price, id: alert.id, text: alert.text };
}
