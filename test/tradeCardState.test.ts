import { describe, expect, it } from 'vitest';
import { applyFill, applyProtection, averageEntry, newCard, realisedPnl } from '../src/services/trading/cards/cardState.js';
import type { Execution } from '../src/services/trading/stream/execution.js';

const card = (side: 'Buy' | 'Sell') =>
  newCard({ symbol: 'BTCUSDT', category: 'linear', account: 'demo', side, leverage: 5, action: side === 'Buy' ? 'buy' : 'short', header: '', receivedAt: 0, placedAt: 0, orderId: 'o1' });

const fill = (fields: Partial<Execution>): Execution => ({
  execId: Math.random().toString(36),
  category: 'linear',
  symbol: 'BTCUSDT',
  side: 'Buy',
  orderId: 'o',
  orderLinkId: '',
  stopOrderType: '',
  execPrice: '0',
  execQty: '0',
  execFee: '0',
  closedSize: '0',
  execTime: 0,
  ...fields,
});

describe('trade card state', () => {
  it('averages the entry over partial fills and nets fees into the realised PnL of a long, exactly', () => {
    let state = applyFill(card('Buy'), fill({ execPrice: '50000', execQty: '0.001', execFee: '0.0275' }));
    state = applyFill(state, fill({ execPrice: '50100', execQty: '0.001', execFee: '0.027555' }));
    expect(averageEntry(state)).toBe('50050');
    state = applyFill(state, fill({ side: 'Sell', stopOrderType: 'TakeProfit', execPrice: '51050', execQty: '0.002', closedSize: '0.002', execFee: '0.056155' }));
    expect(state.closed).toBe(true);
    // (51050 - 50050) × 0.002 = 2, less 0.11121 of fees.
    expect(realisedPnl(state)).toBe('1.88879');
  });

  it('counts a short\'s gain when the price falls, and stays open until all of it is closed', () => {
    let state = applyFill(card('Sell'), fill({ side: 'Sell', execPrice: '3000', execQty: '1' }));
    state = applyFill(state, fill({ execPrice: '2900', execQty: '0.4', closedSize: '0.4', stopOrderType: 'TakeProfit' }));
    expect(state.closed).toBe(false);
    state = applyFill(state, fill({ execPrice: '3050', execQty: '0.6', closedSize: '0.6', stopOrderType: 'StopLoss' }));
    expect(state.closed).toBe(true);
    // +100 × 0.4 − 50 × 0.6 = 10.
    expect(realisedPnl(state)).toBe('10');
    expect(state.events.map((event) => (event.type === 'exit' ? event.kind : event.type))).toEqual(['TakeProfit', 'StopLoss']);
  });

  it('records the stop as first set, and a move only when it changes afterwards', () => {
    let state = applyProtection(card('Buy'), { stopLoss: '48000', takeProfit: '52000' });
    expect(state.events).toEqual([]);
    state = applyProtection(state, { stopLoss: '48000', takeProfit: '52000' });
    expect(state.events).toEqual([]);
    state = applyProtection(state, { stopLoss: '50000.00', takeProfit: '0' });
    expect(state.events).toEqual([{ type: 'stop-moved', price: '50000' }]);
    expect(state.takeProfit).toBeNull();
  });
});
