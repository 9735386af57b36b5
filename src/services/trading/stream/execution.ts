/** One fill on Bybit, from the `execution` topic or /v5/execution/list (same fields in both). */
export interface Execution {
  execId: string;
  category: 'linear' | 'spot';
  symbol: string;
  side: 'Buy' | 'Sell';
  orderId: string;
  orderLinkId: string;
  /** '' for an order placed as such; 'StopLoss', 'TakeProfit', 'TrailingStop', ... for a triggered one. */
  stopOrderType: string;
  execPrice: string;
  execQty: string;
  execFee: string;
  closedSize: string;
  /** Milliseconds since the epoch, Bybit's clock. */
  execTime: number;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/**
 * A trade fill from Bybit's record, or undefined for anything else: funding and settlement
 * entries (execType other than Trade) and records missing what a report needs.
 */
export function executionFrom(raw: unknown): Execution | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const record = raw as Record<string, unknown>;
  if (record.execType !== undefined && record.execType !== 'Trade') return undefined;
  const category = record.category;
  const side = record.side;
  const execTime = Number(record.execTime);
  const execId = text(record.execId);
  if ((category !== 'linear' && category !== 'spot') || (side !== 'Buy' && side !== 'Sell') || !execId || !Number.isFinite(execTime)) return undefined;
  return {
    execId,
    category,
    symbol: text(record.symbol),
    side,
    orderId: text(record.orderId),
    orderLinkId: text(record.orderLinkId),
    stopOrderType: text(record.stopOrderType) === 'UNKNOWN' ? '' : text(record.stopOrderType),
    execPrice: text(record.execPrice),
    execQty: text(record.execQty),
    execFee: text(record.execFee),
    closedSize: text(record.closedSize) || '0',
    execTime,
  };
}
