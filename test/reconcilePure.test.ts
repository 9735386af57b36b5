import { describe, expect, it } from 'vitest';
import { breakevenPrice } from '../src/services/trading/cards/breakeven.js';
import { applyFill, applyProtection, applyStopMoved, firstTakeProfitFilled, newCard } from '../src/services/trading/cards/cardState.js';
import { orderEndFrom } from '../src/services/trading/stream/catchUp.js';
import type { Execution } from '../src/services/trading/stream/execution.js';

const card = () =>
  newCard({ symbol: 'BTCUSDT', category: 'linear', account: 'demo', side: 'Buy', leverage: 5, action: 'buy', header: '', receivedAt: 0, placedAt: 0, orderId: 'o1' });

const fill = (fields: Partial<Execution>): Execution => ({
  execId: Math.random().toString(36),
  category: 'linear',
  symbol: 'BTCUSDT',
  side: 'Buy',
  orderId: 'o',
  orderLinkId: '',
  stopOrderType: '',
  execPrice: '50000',
  execQty: '0.002',
  execFee: '0',
  closedSize: '0',
  execTime: 0,
  ...fields,
});

describe('stop to breakeven', () => {
  it('rounds the entry to the tick away from a loss: up for a long, down for a short', () => {
    expect(breakevenPrice('50000', 'Buy', '0.1')).toBe('50000');
    expect(breakevenPrice('50000.04', 'Buy', '0.1')).toBe('50000.1');
    expect(breakevenPrice('50000.04', 'Sell', '0.1')).toBe('50000');
    expect(breakevenPrice('0.123456', 'Buy', '0.0001')).toBe('0.1235');
  });

  it('is due on the first take-profit fill only, and not when it closed the trade', () => {
    const open = applyFill(card(), fill({}));
    const tp1 = applyFill(open, fill({ side: 'Sell', stopOrderType: 'PartialTakeProfit', execQty: '0.001', closedSize: '0.001', execPrice: '51000' }));
    expect(firstTakeProfitFilled(open, tp1)).toBe(true);
    const tp2 = applyFill(tp1, fill({ side: 'Sell', stopOrderType: 'PartialTakeProfit', execQty: '0.0005', closedSize: '0.0005', execPrice: '52000' }));
    expect(firstTakeProfitFilled(tp1, tp2)).toBe(false);
    const whole = applyFill(open, fill({ side: 'Sell', stopOrderType: 'TakeProfit', execQty: '0.002', closedSize: '0.002', execPrice: '51000' }));
    expect(firstTakeProfitFilled(open, whole)).toBe(false);
    const manual = applyFill(open, fill({ side: 'Sell', execQty: '0.001', closedSize: '0.001', execPrice: '51000' }));
    expect(firstTakeProfitFilled(open, manual)).toBe(false);
  });

  it('"stop moved" is shown once, whether Hookbot\'s move or Bybit\'s report of it comes first', () => {
    const protectedCard = applyProtection(applyFill(card(), fill({})), { stopLoss: '48000', takeProfit: '0' });
    const moveFirst = applyProtection(applyStopMoved(protectedCard, '50000'), { stopLoss: '50000', takeProfit: '0' });
    const reportFirst = applyStopMoved(applyProtection(protectedCard, { stopLoss: '50000', takeProfit: '0' }), '50000');
    for (const state of [moveFirst, reportFirst]) {
      expect(state.events.filter((event) => event.type === 'stop-moved')).toEqual([{ type: 'stop-moved', price: '50000' }]);
      expect(state.stopLoss).toBe('50000');
    }
  });
});

describe('order ends from /v5/order/history', () => {
  const order = (fields: Record<string, unknown>) => ({ orderId: 'x1', orderLinkId: '', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.002', price: '49500', orderStatus: 'Cancelled', stopOrderType: '', cancelType: 'CancelByUser', rejectReason: 'EC_NoError', ...fields });

  it('keeps plain orders that were cancelled or rejected', () => {
    expect(orderEndFrom('linear', order({}))).toMatchObject({ orderId: 'x1', orderStatus: 'Cancelled', cancelType: 'CancelByUser', category: 'linear' });
    expect(orderEndFrom('spot', order({ orderStatus: 'Rejected' }))?.orderStatus).toBe('Rejected');
    expect(orderEndFrom('linear', order({ orderStatus: 'PartiallyFilledCanceled', stopOrderType: 'UNKNOWN' }))?.orderStatus).toBe('PartiallyFilledCanceled');
  });

  it('leaves out filled orders (their fills are told), a position\'s deactivated TP/SL, and malformed records', () => {
    expect(orderEndFrom('linear', order({ orderStatus: 'Filled' }))).toBeUndefined();
    expect(orderEndFrom('linear', order({ orderStatus: 'Deactivated', stopOrderType: 'PartialTakeProfit' }))).toBeUndefined();
    expect(orderEndFrom('linear', order({ stopOrderType: 'StopLoss' }))).toBeUndefined();
    expect(orderEndFrom('linear', order({ side: 'Both' }))).toBeUndefined();
    expect(orderEndFrom('linear', order({ orderId: '' }))).toBeUndefined();
    expect(orderEndFrom('linear', null)).toBeUndefined();
  });
});
