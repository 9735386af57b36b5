import { escapeHtml } from '../telegram/html.js';
import type { Outcome, PlacedOrder } from './placeSignal.js';

export type Translate = (key: string, variables?: Record<string, string | number>) => string;

function orderLine(order: PlacedOrder, symbol: string, t: Translate): string {
  return t('trade-order-line', {
    role: t(`trade-role-${order.role}`),
    side: t(`trade-side-${order.side.toLowerCase()}`),
    qty: escapeHtml(order.qty),
    symbol: escapeHtml(symbol),
    price: escapeHtml(order.avgPrice ?? t('trade-price-unknown')),
    orderId: escapeHtml(order.orderId || order.orderLinkId),
  });
}

/** The chat message for what became of an alert: what was placed, or why not and what to do. */
export function formatOutcome(outcome: Outcome, t: Translate): string {
  const head = {
    action: t(`action-${outcome.action}`),
    symbol: escapeHtml(outcome.symbol ?? t('alert-no-symbol')),
    market: t(`trade-market-${outcome.market}`),
    account: t(`trade-account-${outcome.account}`),
  };
  const symbol = outcome.symbol ?? '';
  if (outcome.status === 'placed') {
    const lines = [t('trade-placed-title', head)];
    for (const order of outcome.orders) lines.push(orderLine(order, symbol, t));
    if (outcome.leverage !== null) lines.push(t('trade-leverage', { leverage: outcome.leverage }));
    return lines.join('\n');
  }
  const details = Object.fromEntries(Object.entries(outcome.details).map(([key, value]) => [key, escapeHtml(String(value))]));
  const reason = t(`trade-reason-${outcome.reason}`, details);
  if (outcome.status === 'nothing') return [t('trade-nothing-title', head), reason].join('\n');
  // "Too old" is the user's own guard; a signal given up while Bybit was down just was not placed.
  const lines = [t(outcome.reason === 'stale' ? 'trade-expired-title' : 'trade-failed-title', head), reason];
  if (outcome.orders.length > 0) {
    lines.push('', t('trade-partial'));
    for (const order of outcome.orders) lines.push(orderLine(order, symbol, t));
  }
  return lines.join('\n');
}

export function formatRetrying(signal: { action: string; symbol: string | null; minutes: number }, t: Translate): string {
  return t('trade-retrying', {
    action: t(`action-${signal.action}`),
    symbol: escapeHtml(signal.symbol ?? t('alert-no-symbol')),
    minutes: signal.minutes,
  });
}
