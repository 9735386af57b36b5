import { escapeHtml } from '../telegram/html.js';
import { shown } from './decimal.js';
import type { Execution } from './stream/execution.js';
import { noDetails, type Outcome, type PlacedOrder, type ReasonDetails, type SizingNote } from './placeSignal.js';
import type { ProtectionPlan } from './protection.js';

export type Translate = (key: string, variables?: Record<string, string | number>) => string;

function orderLine(order: PlacedOrder, symbol: string, t: Translate): string {
  // A limit order not filled yet rests at its price.
  if (order.limitPrice !== undefined && order.avgPrice === null) {
    return t('trade-order-line-limit', {
      side: t(`trade-side-${order.side.toLowerCase()}`),
      qty: escapeHtml(order.qty),
      symbol: escapeHtml(symbol),
      price: escapeHtml(order.limitPrice),
      orderId: escapeHtml(order.orderId || order.orderLinkId),
    });
  }
  return t('trade-order-line', {
    role: t(`trade-role-${order.role}`),
    side: t(`trade-side-${order.side.toLowerCase()}`),
    qty: escapeHtml(order.qty),
    symbol: escapeHtml(symbol),
    price: escapeHtml(order.avgPrice ?? t('trade-price-unknown')),
    orderId: escapeHtml(order.orderId || order.orderLinkId),
  });
}

/** The position's protective orders, one line each. */
function protectionLines(plan: ProtectionPlan | undefined, t: Translate): string[] {
  if (!plan) return [];
  const lines: string[] = [];
  if (plan.stopLoss !== null) lines.push(t('trade-protection-sl', { price: escapeHtml(plan.stopLoss) }));
  if (plan.takeProfit !== null) lines.push(t('trade-protection-tp', { price: escapeHtml(plan.takeProfit) }));
  for (const [index, step] of plan.ladder.entries()) {
    lines.push(t('trade-protection-tp-step', { step: index + 1, qty: escapeHtml(step.qty), price: escapeHtml(step.price) }));
  }
  if (plan.trailingStop !== null) lines.push(t('trade-protection-trailing', { distance: escapeHtml(plan.trailingStop) }));
  if (plan.breakeven) lines.push(t('trade-protection-breakeven', { entry: escapeHtml(plan.entry) }));
  return lines;
}

/** How a percentage-sized order got its size. */
function sizingLines(sizing: SizingNote | undefined, t: Translate): string[] {
  if (!sizing) return [];
  return [t(`trade-sizing-${sizing.mode}`, { percent: escapeHtml(sizing.percent), balance: escapeHtml(sizing.balance), price: escapeHtml(sizing.stop ?? '') })];
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
  // TradingView's default strategy message: say why its "@ <contracts>" did not size the order.
  const note = outcome.strategyContracts !== undefined ? ['', t('trade-note-strategy-default', { contracts: escapeHtml(outcome.strategyContracts) })] : [];
  if (outcome.status === 'placed' && outcome.cancelled !== undefined) {
    return t('trade-cancelled-title', { ...head, count: outcome.cancelled });
  }
  if (outcome.status === 'placed') {
    const lines = [t('trade-placed-title', head)];
    for (const order of outcome.orders) lines.push(orderLine(order, symbol, t));
    lines.push(...protectionLines(outcome.protection, t), ...sizingLines(outcome.sizing, t));
    if (outcome.leverage !== null) lines.push(t('trade-leverage', { leverage: outcome.leverage }));
    if (outcome.limit) lines.push(t('trade-limit-expiry', { minutes: Math.max(1, Math.round(outcome.limit.expirySeconds / 60)) }));
    return [...lines, ...note].join('\n');
  }
  const reason = t(`trade-reason-${outcome.reason}`, reasonVariables(outcome.details));
  if (outcome.status === 'nothing') return [t('trade-nothing-title', head), reason, ...note].join('\n');
  // "Too old" is the user's own guard; a signal given up while Bybit was down just was not placed.
  // The position is open but not (fully) protected: that, not "no order placed", is the headline.
  const title = outcome.reason === 'stale' ? 'trade-expired-title' : outcome.reason === 'protection-failed' ? 'trade-unprotected-title' : 'trade-failed-title';
  const lines = [t(title, head), reason, ...('sizing' in outcome ? sizingLines(outcome.sizing, t) : [])];
  if (outcome.orders.length > 0) {
    lines.push('', t('trade-partial'));
    for (const order of outcome.orders) lines.push(orderLine(order, symbol, t));
  }
  return [...lines, ...note].join('\n');
}

/**
 * A reason's variables, HTML-escaped, every one present: an outcome recorded by an older version
 * lacks the newer ones, and a missing variable would show as its name.
 */
export function reasonVariables(details: Partial<ReasonDetails>): Record<string, string> {
  return Object.fromEntries(Object.entries({ ...noDetails, ...details }).map(([key, value]) => [key, escapeHtml(String(value))]));
}

export function formatRetrying(signal: { action: string; symbol: string | null; minutes: number }, t: Translate): string {
  return t('trade-retrying', {
    action: t(`action-${signal.action}`),
    symbol: escapeHtml(signal.symbol ?? t('alert-no-symbol')),
    minutes: signal.minutes,
  });
}

/** A limit order cancelled at its expiry. */
export function formatLimitExpired(
  order: { symbol: string; side: string; qty: string; price: string; filled: string; minutes: number },
  t: Translate,
): string {
  return t('trade-limit-expired', {
    side: t(`trade-side-${order.side === 'Sell' ? 'sell' : 'buy'}`),
    qty: escapeHtml(order.qty),
    symbol: escapeHtml(order.symbol),
    price: escapeHtml(order.price),
    value: escapeHtml(order.filled),
    minutes: order.minutes,
  });
}

/** Triggered orders that have their own title; any other fill is just "filled". */
const fillTitles: Record<string, string> = {
  StopLoss: 'trade-fill-stop-loss',
  PartialStopLoss: 'trade-fill-stop-loss',
  TakeProfit: 'trade-fill-take-profit',
  PartialTakeProfit: 'trade-fill-take-profit',
  TrailingStop: 'trade-fill-trailing-stop',
};

/**
 * The chat message for one fill on Bybit: what filled, at what price and fee, and whether a
 * take-profit or stop triggered it. `late`: it was looked up after the connection was down.
 */
export function formatFill(execution: Execution, context: { account: 'demo' | 'real'; late: boolean }, t: Translate): string {
  const number = (value: string) => escapeHtml(/^-?\d+(\.\d+)?$/.test(value) ? shown(value) : value);
  const lines = [
    t(fillTitles[execution.stopOrderType] ?? 'trade-fill-title', {
      side: t(`trade-side-${execution.side.toLowerCase()}`),
      qty: number(execution.execQty),
      symbol: escapeHtml(execution.symbol),
      price: number(execution.execPrice),
      market: t(`trade-market-${execution.category}`),
      account: t(`trade-account-${context.account}`),
    }),
    t('trade-fill-fee', { fee: number(execution.execFee), orderId: escapeHtml(execution.orderId) }),
  ];
  if (context.late) lines.push(t('trade-fill-late'));
  return lines.join('\n');
}
