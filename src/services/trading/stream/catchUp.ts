import type { BybitSession } from '../bybit.js';
import { executionFrom, type Execution } from './execution.js';

type Answer<T> = { retCode: number; retMsg: string; result: T };

/** Bybit answers /v5/execution/list for at most 7 days back. */
const MAX_LOOKBACK_MS = 7 * 24 * 3600_000 - 60_000;
/** Bounds one catch-up: 100 fills a page. */
const MAX_PAGES = 50;

/**
 * Every fill of the account from `sinceMs` to now, linear and spot, from /v5/execution/list
 * (newest first, paged by cursor). What was already reported is filtered out later by exec_id.
 */
export async function missedExecutions(session: BybitSession, sinceMs: number, nowMs = Date.now()): Promise<Execution[]> {
  const startTime = Math.max(sinceMs, nowMs - MAX_LOOKBACK_MS);
  const found: Execution[] = [];
  for (const category of ['linear', 'spot'] as const) {
    let cursor = '';
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const answer = await session.expect(
        (client) =>
          client.getExecutionList({ category, startTime, endTime: nowMs, limit: 100, ...(cursor ? { cursor } : {}) }) as unknown as Promise<
            Answer<{ list: unknown[]; nextPageCursor?: string }>
          >,
      );
      for (const raw of answer.result.list) {
        const execution = executionFrom({ category, ...(raw as Record<string, unknown>) });
        if (execution) found.push(execution);
      }
      cursor = answer.result.nextPageCursor ?? '';
      if (!cursor || answer.result.list.length === 0) break;
    }
  }
  return found;
}

/** Bybit keeps cancelled, rejected and deactivated orders in /v5/order/history for 24 hours only. */
const ORDER_LOOKBACK_MS = 24 * 3600_000 - 60_000;
/** 50 orders a page, Bybit's most. */
const ORDER_PAGES = 20;

/** An order that ended without filling (wholly): cancelled, rejected, or cancelled part-filled. */
export interface OrderEnd {
  orderId: string;
  orderLinkId: string;
  category: 'linear' | 'spot';
  symbol: string;
  side: 'Buy' | 'Sell';
  orderType: string;
  qty: string;
  price: string;
  cumExecQty: string;
  orderStatus: 'Cancelled' | 'Rejected' | 'PartiallyFilledCanceled';
  cancelType: string;
  rejectReason: string;
}

const ENDED = new Set(['Cancelled', 'Rejected', 'PartiallyFilledCanceled']);

const field = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/**
 * A plain order's end from /v5/order/history, or undefined for anything else: filled orders
 * (their fills are reported), and a position's take-profit and stop orders, which Bybit
 * deactivates itself when the position closes (their triggering shows as a fill).
 */
export function orderEndFrom(category: 'linear' | 'spot', raw: unknown): OrderEnd | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const record = raw as Record<string, unknown>;
  const status = field(record.orderStatus);
  const side = record.side;
  const orderId = field(record.orderId);
  if (!ENDED.has(status) || (side !== 'Buy' && side !== 'Sell') || !orderId) return undefined;
  const stopOrderType = field(record.stopOrderType);
  if (stopOrderType !== '' && stopOrderType !== 'UNKNOWN') return undefined;
  return {
    orderId,
    orderLinkId: field(record.orderLinkId),
    category,
    symbol: field(record.symbol),
    side,
    orderType: field(record.orderType),
    qty: field(record.qty),
    price: field(record.price),
    cumExecQty: field(record.cumExecQty) || '0',
    orderStatus: status as OrderEnd['orderStatus'],
    cancelType: field(record.cancelType),
    rejectReason: field(record.rejectReason),
  };
}

/**
 * Every plain order of the account that was cancelled or rejected from `sinceMs` to `untilMs`,
 * linear and spot, from /v5/order/history (paged by cursor). Which were already reported, or
 * were Hookbot's own cancellations, is decided later by order id.
 */
export async function missedOrderEnds(session: BybitSession, sinceMs: number, untilMs: number): Promise<OrderEnd[]> {
  const startTime = Math.max(sinceMs, untilMs - ORDER_LOOKBACK_MS);
  if (startTime >= untilMs) return [];
  const found: OrderEnd[] = [];
  for (const category of ['linear', 'spot'] as const) {
    let cursor = '';
    for (let page = 0; page < ORDER_PAGES; page += 1) {
      const answer = await session.expect(
        (client) =>
          client.getHistoricOrders({ category, startTime, endTime: untilMs, limit: 50, ...(cursor ? { cursor } : {}) }) as unknown as Promise<
            Answer<{ list: unknown[]; nextPageCursor?: string }>
          >,
      );
      for (const raw of answer.result.list) {
        const ended = orderEndFrom(category, raw);
        if (ended) found.push(ended);
      }
      cursor = answer.result.nextPageCursor ?? '';
      if (!cursor || answer.result.list.length === 0) break;
    }
  }
  return found;
}
