import { describe, expect, it, vi } from 'vitest';
import { parseTradeAlert, tradeRequestFrom } from '../handlers/tradeSignal.js';
import type { TradingViewAlert } from '../handlers/tradingview.js';
import { createI18n } from '../src/i18n.js';
import { compareDecimal, floorToStep } from '../src/services/trading/decimal.js';
import { classifyRetCode, classifyThrown, failureReasons, summarizeThrown } from '../src/services/trading/errors.js';
import { instrumentFrom, type LinearInstrument, type SpotInstrument } from '../src/services/trading/instruments.js';
import { WindowLimiter } from '../src/services/trading/limiter.js';
import { planLinear, spotSide } from '../src/services/trading/plan.js';
import { linearQty, spotBuy, spotSell } from '../src/services/trading/quantity.js';
import { orderLinkIdFor } from '../src/services/trading/recordSignal.js';

const btc: LinearInstrument = instrumentFrom('linear', {
  symbol: 'BTCUSDT',
  status: 'Trading',
  baseCoin: 'BTC',
  quoteCoin: 'USDT',
  leverageFilter: { maxLeverage: '100.00' },
  lotSizeFilter: { qtyStep: '0.001', minOrderQty: '0.001', maxMktOrderQty: '119.000', minNotionalValue: '5' },
}) as LinearInstrument;

const btcSpot: SpotInstrument = instrumentFrom('spot', {
  symbol: 'BTCUSDT',
  status: 'Trading',
  baseCoin: 'BTC',
  quoteCoin: 'USDT',
  lotSizeFilter: { basePrecision: '0.000001', quotePrecision: '0.00000001', minOrderQty: '0.000048', maxMarketOrderQty: '83', minOrderAmt: '1', maxOrderAmt: '2000000' },
}) as SpotInstrument;

describe('decimal steps', () => {
  it('rounds down to the step without float noise', () => {
    expect(floorToStep(0.3, '0.1')).toBe('0.3'); // 0.1 * 3 in floats is 0.30000000000000004
    expect(floorToStep(0.1 * 3, '0.1')).toBe('0.3');
    expect(floorToStep(0.29999999, '0.1')).toBe('0.2');
    expect(floorToStep(0.0199999, '0.01')).toBe('0.01');
    expect(floorToStep(1234.5678, '1')).toBe('1234');
    expect(floorToStep(0.0009, '0.001')).toBe('0.000');
    expect(floorToStep('0.0021234567', '0.000001')).toBe('0.002123');
    expect(floorToStep(100, '0.00000001')).toBe('100.00000000');
    expect(floorToStep(7, '5')).toBe('5');
    expect(floorToStep(1e-7, '0.00000001')).toBe('0.00000010');
    expect(floorToStep(2.5e21, '1')).toBe('2500000000000000000000');
  });

  it('compares decimals exactly', () => {
    expect(compareDecimal('0.001', 0.001)).toBe(0);
    expect(compareDecimal('0.0009', '0.001')).toBe(-1);
    expect(compareDecimal(5.000000001, '5')).toBe(1);
  });
});

describe('order sizes', () => {
  it('futures: amount x leverage / price, rounded down to qtyStep', () => {
    expect(linearQty({ amountUsdt: 100, leverage: 5, price: 50_000, qty: null }, btc)).toEqual({ ok: true, qty: '0.010' });
    expect(linearQty({ amountUsdt: 100, leverage: 3, price: 50_000, qty: null }, btc)).toEqual({ ok: true, qty: '0.006' });
    expect(linearQty({ amountUsdt: 10, leverage: 1, price: 30_000, qty: null }, btc)).toEqual({ ok: false, reason: 'qty-too-small', qty: '0.000333333333333', min: '0.001' });
  });

  it('futures: an explicit qty wins, and the limits are checked', () => {
    expect(linearQty({ amountUsdt: 1, leverage: 1, price: 50_000, qty: 0.0129 }, btc)).toEqual({ ok: true, qty: '0.012' });
    expect(linearQty({ amountUsdt: 0, leverage: 1, price: 50_000, qty: 500 }, btc)).toEqual({ ok: false, reason: 'qty-too-large', qty: '500.000', max: '119.000' });
    expect(linearQty({ amountUsdt: 0, leverage: 1, price: 4_000, qty: 0.001 }, btc)).toEqual({ ok: false, reason: 'notional-too-small', value: '4', min: '5' });
  });

  it('spot buy spends USDT (quoteCoin), within minOrderAmt and maxOrderAmt', () => {
    expect(spotBuy({ amountUsdt: 25.123456789, price: 50_000, qty: null }, btcSpot)).toEqual({ ok: true, qty: '25.12345678', marketUnit: 'quoteCoin' });
    expect(spotBuy({ amountUsdt: 0.5, price: 50_000, qty: null }, btcSpot)).toMatchObject({ ok: false, reason: 'notional-too-small', min: '1' });
    expect(spotBuy({ amountUsdt: 3_000_000, price: 50_000, qty: null }, btcSpot)).toMatchObject({ ok: false, reason: 'amount-too-large' });
    expect(spotBuy({ amountUsdt: 10, price: 50_000, qty: 0.0012345 }, btcSpot)).toEqual({ ok: true, qty: '0.001234', marketUnit: 'baseCoin' });
  });

  it('spot sell: all the holding rounded down to basePrecision, never more than held', () => {
    expect(spotSell({ amountUsdt: null, price: 50_000, qty: null, held: '0.0021239' }, btcSpot)).toEqual({ ok: true, qty: '0.002123', marketUnit: 'baseCoin' });
    expect(spotSell({ amountUsdt: null, price: 50_000, qty: null, held: '0' }, btcSpot)).toEqual({ ok: false, reason: 'nothing-to-sell', coin: 'BTC' });
    expect(spotSell({ amountUsdt: null, price: 50_000, qty: 1, held: '0.5' }, btcSpot)).toMatchObject({ ok: false, reason: 'insufficient-holding', held: '0.5' });
    expect(spotSell({ amountUsdt: 50, price: 50_000, qty: null, held: '0.5' }, btcSpot)).toEqual({ ok: true, qty: '0.001000', marketUnit: 'baseCoin' });
    expect(spotSell({ amountUsdt: null, price: 50_000, qty: null, held: '0.00001' }, btcSpot)).toMatchObject({ ok: false, reason: 'qty-too-small' });
  });
});

describe('action plans', () => {
  const flat = [{ side: '' as const, size: '0', positionIdx: 0 as const }];
  const short = [{ side: 'Sell' as const, size: '0.5', positionIdx: 0 as const }];
  const long = [{ side: 'Buy' as const, size: '0.2', positionIdx: 0 as const }];

  it('buy/long open a long; against a short they close it first', () => {
    for (const action of ['buy', 'long'] as const) {
      expect(planLinear(action, flat)).toEqual({ steps: [{ role: 'open', side: 'Buy', positionIdx: 0 }] });
      expect(planLinear(action, short)).toEqual({
        steps: [
          { role: 'close', side: 'Buy', qty: '0.5', positionIdx: 0 },
          { role: 'open', side: 'Buy', positionIdx: 0 },
        ],
      });
      expect(planLinear(action, long)).toEqual({ steps: [{ role: 'open', side: 'Buy', positionIdx: 0 }] });
    }
  });

  it('sell/short mirror them', () => {
    for (const action of ['sell', 'short'] as const) {
      expect(planLinear(action, long)).toEqual({
        steps: [
          { role: 'close', side: 'Sell', qty: '0.2', positionIdx: 0 },
          { role: 'open', side: 'Sell', positionIdx: 0 },
        ],
      });
    }
  });

  it('close/exit/stop close everything, or there is nothing to do', () => {
    for (const action of ['close', 'exit', 'stop'] as const) {
      expect(planLinear(action, long)).toEqual({ steps: [{ role: 'close', side: 'Sell', qty: '0.2', positionIdx: 0 }] });
      expect(planLinear(action, flat)).toEqual({ nothing: 'no-position' });
    }
    const hedge = [
      { side: 'Buy' as const, size: '1', positionIdx: 1 as const },
      { side: 'Sell' as const, size: '2', positionIdx: 2 as const },
    ];
    expect(planLinear('exit', hedge)).toEqual({
      steps: [
        { role: 'close', side: 'Sell', qty: '1', positionIdx: 1 },
        { role: 'close', side: 'Buy', qty: '2', positionIdx: 2 },
      ],
    });
    expect(planLinear('short', hedge)).toEqual({
      steps: [
        { role: 'close', side: 'Sell', qty: '1', positionIdx: 1 },
        { role: 'open', side: 'Sell', positionIdx: 2 },
      ],
    });
  });

  it('spot: buy/long buy, everything else sells', () => {
    expect(['buy', 'long', 'sell', 'short', 'close', 'exit', 'stop'].map((a) => spotSide(a as never))).toEqual(['Buy', 'Buy', 'Sell', 'Sell', 'Sell', 'Sell', 'Sell']);
  });
});

describe('Bybit answers in plain words', () => {
  it('maps retCodes to reasons and knows which are worth a retry', () => {
    expect(classifyRetCode(110007)).toEqual({ retry: false, reason: 'insufficient-balance' });
    expect(classifyRetCode(170131)).toEqual({ retry: false, reason: 'insufficient-balance' });
    expect(classifyRetCode(10003)).toEqual({ retry: false, reason: 'invalid-key' });
    expect(classifyRetCode(10004)).toEqual({ retry: false, reason: 'invalid-key' });
    expect(classifyRetCode(33004)).toEqual({ retry: false, reason: 'key-expired' });
    expect(classifyRetCode(10010)).toEqual({ retry: false, reason: 'ip-not-allowed' });
    expect(classifyRetCode(10002)).toEqual({ retry: false, reason: 'timestamp' });
    expect(classifyRetCode(170136)).toEqual({ retry: false, reason: 'qty-too-small' });
    expect(classifyRetCode(10001, 'params error: symbol invalid')).toEqual({ retry: false, reason: 'unknown-symbol' });
    expect(classifyRetCode(10006)).toEqual({ retry: true, reason: 'exchange-down' });
    expect(classifyRetCode(10016)).toEqual({ retry: true, reason: 'exchange-down' });
    expect(classifyRetCode(99999, 'new thing')).toEqual({ retry: false, reason: 'exchange-error' });
  });

  it('reduces what the SDK throws to status and message, dropping the secret it carries', () => {
    const thrown = { code: 502, message: 'Bad Gateway', body: '<html/>', headers: {}, requestOptions: { key: 'K', secret: 'TOPSECRET' } };
    const summary = summarizeThrown(thrown);
    expect(summary).toEqual({ httpStatus: 502, code: undefined, message: 'Bad Gateway' });
    expect(JSON.stringify(summary)).not.toContain('TOPSECRET');
    expect(classifyThrown(summary)).toEqual({ retry: true, reason: 'exchange-down' });
    expect(classifyThrown(summarizeThrown({ code: 401, message: 'Unauthorized', requestOptions: {} }))).toEqual({ retry: false, reason: 'invalid-key' });
    expect(classifyThrown(summarizeThrown(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', config: { headers: { 'X-BAPI-SIGN': 'x' } } })))).toEqual({
      retry: true,
      reason: 'exchange-down',
    });
  });

  it('has a message for every reason in every language', () => {
    const i18n = createI18n();
    const details = { detail: 'd', qty: '1', min: '2', max: '3', value: '4', coin: 'BTC', held: '5' };
    for (const language of ['en', 'ar', 'ru']) {
      for (const reason of failureReasons) {
        const text = i18n.t(language, `trade-reason-${reason}`, details);
        expect(text, `${language}: ${reason}`).not.toBe(`trade-reason-${reason}`);
        expect(text.length).toBeGreaterThan(10);
      }
    }
  });
});

describe('alert trading fields', () => {
  const alert = (extra: Record<string, unknown>): TradingViewAlert => ({ format: 'json', action: 'buy', symbol: 'BTCUSDT', price: null, extra, text: null, id: null });

  it('reads amount, qty, leverage, market, tp, sl and timestamp', () => {
    expect(tradeRequestFrom(alert({ amount: '25', qty: 0.5, leverage: 3, market: 'futures', tp: 60000, sl: '45000.5', timestamp: '2026-01-22T13:53:21Z' }))).toEqual({
      ok: true,
      request: { action: 'buy', symbol: 'BTCUSDT', price: null, amount: 25, qty: 0.5, leverage: 3, market: 'linear', tp: 60000, sl: 45000.5, timestamp: Date.parse('2026-01-22T13:53:21Z') },
    });
    expect(tradeRequestFrom(alert({ timestamp: 1769090001 }))).toMatchObject({ ok: true, request: { timestamp: 1769090001000 } });
    expect(tradeRequestFrom(alert({ timestamp: '1769090001000' }))).toMatchObject({ ok: true, request: { timestamp: 1769090001000 } });
  });

  it('refuses values it cannot trade with', () => {
    expect(tradeRequestFrom(alert({ amount: 0 }))).toEqual({ ok: false, error: 'amount must be a positive number' });
    expect(tradeRequestFrom(alert({ leverage: 300 }))).toEqual({ ok: false, error: 'leverage must be a whole number from 1 to 200' });
    expect(tradeRequestFrom(alert({ market: 'options' })).ok).toBe(false);
  });

  it('the TradingView handler answers 400 for them before anything is stored', () => {
    const request = (body: unknown) => ({ contentType: 'application/json', body: Buffer.from(JSON.stringify(body)), headers: {} });
    expect(parseTradeAlert(request({ symbol: 'BTCUSDT', action: 'buy', qty: 'x' }), 60)).toEqual({ ok: false, status: 400, error: 'qty must be a positive number' });
    expect(parseTradeAlert(request({ symbol: 'BTCUSDT', action: 'buy', qty: '1' }), 60).ok).toBe(true);
  });
});

describe('order link ids', () => {
  it('are fixed by the stored event, fit Bybit (36 chars) and differ when the database starts afresh', () => {
    const at = new Date('2026-01-22T13:53:21.123Z');
    expect(orderLinkIdFor(42, at)).toBe(orderLinkIdFor(42, at));
    expect(orderLinkIdFor(42, at)).not.toBe(orderLinkIdFor(42, new Date('2026-03-01T00:00:00Z')));
    expect(`${orderLinkIdFor(9_007_199_254_740, at)}-c2`.length).toBeLessThanOrEqual(36);
    expect(orderLinkIdFor(42, at)).toMatch(/^hb42-[A-Za-z0-9]{8}$/);
  });
});

describe('the shared limiter', () => {
  it('grants at most `limit` per window, in order, and makes the rest wait instead of dropping them', async () => {
    vi.useFakeTimers();
    try {
      const limiter = new WindowLimiter(3, 1000, () => Date.now());
      const granted: number[] = [];
      const waits = Array.from({ length: 7 }, (_, i) => limiter.take().then(() => granted.push(i)));
      await vi.advanceTimersByTimeAsync(999);
      expect(granted).toEqual([0, 1, 2]);
      expect(limiter.queued).toBe(4);
      await vi.advanceTimersByTimeAsync(1);
      expect(granted).toEqual([0, 1, 2, 3, 4, 5]);
      await vi.advanceTimersByTimeAsync(1000);
      await Promise.all(waits);
      expect(granted).toEqual([0, 1, 2, 3, 4, 5, 6]);
    } finally {
      vi.useRealTimers();
    }
  });
});
