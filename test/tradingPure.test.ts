import { describe, expect, it, vi } from 'vitest';
import { parseTradeAlert, tradeRequestFrom } from '../handlers/tradeSignal.js';
import { parseTradingViewAlert, type TradingViewAlert } from '../handlers/tradingview.js';
import { createI18n } from '../src/i18n.js';
import { compareDecimal, floorToStep } from '../src/services/trading/decimal.js';
import { classifyRetCode, classifyThrown, failureReasons, summarizeThrown } from '../src/services/trading/errors.js';
import { exchangeSizeProblem } from '../src/services/trading/exchangeRefusal.js';
import { checkAlertPrice, checkOrderValue } from '../src/services/trading/guards.js';
import { noDetails } from '../src/services/trading/placeSignal.js';
import { backoffSeconds, retryDelaySeconds } from '../src/services/trading/retryDelay.js';
import { instrumentFrom, type LinearInstrument, type SpotInstrument } from '../src/services/trading/instruments.js';
import { WindowLimiter } from '../src/services/trading/limiter.js';
import { planLinear, spotSide } from '../src/services/trading/plan.js';
import { linearQty, spotBuy, spotSell } from '../src/services/trading/quantity.js';
import { orderLinkIdFor } from '../src/services/trading/recordSignal.js';
import { seededRandom } from './support/random.js';

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

/** floor(amount × leverage / price / step) × step, computed with integers only: the reference. */
function exactFloorQty(amount: string, leverage: number, price: string, step: string): string {
  const scale = 40;
  const scaled = (text: string) => {
    const [whole = '0', fraction = ''] = text.split('.');
    return BigInt(whole + fraction.padEnd(scale, '0'));
  };
  const quotient = (scaled(amount) * BigInt(leverage) * 10n ** BigInt(scale)) / scaled(price);
  const stepScaled = scaled(step);
  const floored = (quotient / stepScaled) * stepScaled;
  const digits = floored.toString().padStart(scale + 1, '0');
  const places = step.includes('.') ? step.length - step.indexOf('.') - 1 : 0;
  const whole = digits.slice(0, -scale).replace(/^0+(?=\d)/, '');
  return places === 0 ? whole : `${whole}.${digits.slice(-scale, -scale + places)}`;
}

const randomDecimal = (random: () => number, maxWhole: number, places: number) => {
  const whole = Math.floor(random() * maxWhole);
  const fraction = Array.from({ length: places }, () => Math.floor(random() * 10)).join('');
  const text = places > 0 ? `${whole}.${fraction}`.replace(/\.?0+$/, '') : String(whole);
  return text === '0' || text === '' ? '1' : text;
};

describe('exact sizing (decimal, never floating point)', () => {
  const instrumentWith = (qtyStep: string): LinearInstrument => ({ ...btc, qtyStep, minOrderQty: qtyStep, maxMktOrderQty: '1000000000000', minNotionalValue: '0' });

  it('cases where floating point gets the quantity wrong', () => {
    // 0.3 / 0.1 is 2.9999999999999996 in floats: a float floor gives 2.
    expect(Math.floor((0.3 * 1) / 0.1)).toBe(2);
    expect(linearQty({ amountUsdt: 0.3, leverage: 1, price: 0.1, qty: null }, instrumentWith('1'))).toMatchObject({ ok: true, qty: '3' });
    // 0.7 × 3 / 0.21 = 10 exactly; floats say 9.999999999999998.
    expect((0.7 * 3) / 0.21).toBeLessThan(10);
    expect(linearQty({ amountUsdt: 0.7, leverage: 3, price: 0.21, qty: null }, instrumentWith('1'))).toMatchObject({ ok: true, qty: '10' });
    // 3.3 / 0.00001234 = 267423.014586709886...: rounding the float to 15 digits first gave ...671, above what was asked.
    expect(linearQty({ amountUsdt: 3.3, leverage: 1, price: 0.00001234, qty: null }, instrumentWith('0.00000001'))).toMatchObject({ ok: true, qty: '267423.01458670' });
    expect(linearQty({ amountUsdt: '0.7', leverage: 100, price: '0.00001234', qty: null }, instrumentWith('0.00000001'))).toMatchObject({ ok: true, qty: '5672609.40032414' });
    // 1e-8 steps, values given as decimal text.
    expect(floorToStep('0.000000019999', '0.00000001')).toBe('0.00000001');
    expect(floorToStep('1e-8', '0.00000001')).toBe('0.00000001');
  });

  it('futures quantity is exactly floor(amount × leverage / price) to the step, for thousands of random cases', () => {
    const random = seededRandom(20260122);
    const steps = ['1', '0.1', '0.01', '0.001', '0.00000001', '5', '10'];
    for (let i = 0; i < 3000; i += 1) {
      const amount = randomDecimal(random, 5000, Math.floor(random() * 4));
      const price = randomDecimal(random, [1, 10, 3000, 70000][i % 4] ?? 1, 1 + Math.floor(random() * 8));
      const leverage = 1 + Math.floor(random() * 100);
      const step = steps[i % steps.length] ?? '1';
      const sized = linearQty({ amountUsdt: amount, leverage, price, qty: null }, instrumentWith(step));
      const expected = exactFloorQty(amount, leverage, price, step);
      if (compareDecimal(expected, step) < 0) {
        expect(sized, `${amount} x ${leverage} / ${price} @ ${step}`).toMatchObject({ ok: false, reason: 'qty-too-small' });
      } else {
        expect(sized, `${amount} x ${leverage} / ${price} @ ${step}`).toMatchObject({ ok: true, qty: expected });
      }
    }
  });

  it('an alert qty, a spot amount and a spot sell are floored exactly too', () => {
    const instrument = instrumentWith('0.00000001');
    expect(linearQty({ amountUsdt: 1, leverage: 1, price: 1, qty: '0.123456789999' }, instrument)).toMatchObject({ ok: true, qty: '0.12345678' });
    expect(spotBuy({ amountUsdt: '0.30000000009', price: 50_000, qty: null }, { ...btcSpot, minOrderAmt: '0.1' })).toMatchObject({ ok: true, qty: '0.30000000' });
    // amount / price for a partial spot sell: 0.3 / 0.1 = 3 (floats: 2.9999999999999996).
    const coin: SpotInstrument = { ...btcSpot, basePrecision: '1', minOrderQty: '1', minOrderAmt: '0.1' };
    expect(spotSell({ amountUsdt: 0.3, price: 0.1, qty: null, held: '10' }, coin)).toMatchObject({ ok: true, qty: '3' });
    // The order's value for the guards is exact: 0.1 × 3 is 0.3, not 0.30000000000000004.
    expect(linearQty({ amountUsdt: 1, leverage: 1, price: 0.1, qty: 3 }, instrumentWith('1'))).toMatchObject({ ok: true, value: '0.3' });
  });
});

const linearValue = (price: string, qty: number) => {
  const sized = linearQty({ amountUsdt: 0, leverage: 1, price, qty }, { ...btc, qtyStep: '1', minOrderQty: '1', minNotionalValue: '0' });
  if (!sized.ok) throw new Error(sized.reason);
  return sized.value;
};

describe('guards', () => {
  it('price tolerance: the alert price against the market last price', () => {
    expect(checkAlertPrice('3000', '3000', 3)).toBeUndefined();
    expect(checkAlertPrice('3090', '3000', 3)).toBeUndefined(); // exactly 3 %: allowed
    expect(checkAlertPrice('2910', '3000', 3)).toBeUndefined();
    expect(checkAlertPrice('3090.01', '3000', 3)).toMatchObject({ reason: 'price-off-market', deviation: '3' });
    expect(checkAlertPrice('30', '3000', 3)).toEqual({ reason: 'price-off-market', price: '30', marketPrice: '3000', deviation: '99', tolerance: '3' });
    expect(checkAlertPrice('2', '3000', '0.5')).toMatchObject({ reason: 'price-off-market', deviation: '99.93', tolerance: '0.5' });
    // 0.309 vs 0.3 is exactly 3 %: floats say 3.0000000000000027 and would refuse it.
    expect((Math.abs(0.309 - 0.3) / 0.3) * 100).toBeGreaterThan(3);
    expect(checkAlertPrice(0.309, 0.3, 3)).toBeUndefined();
    expect(checkAlertPrice('103.103', '100.1', 3)).toBeUndefined();
  });

  it('maximum order value: above it is refused, at it is fine', () => {
    expect(checkOrderValue('500', 10_000)).toBeUndefined();
    expect(checkOrderValue('10000', 10_000)).toBeUndefined();
    expect(checkOrderValue('50000.123', 10_000)).toEqual({ reason: 'order-value-too-large', value: '50000.12', max: '10000' });
    // 0.1 × 3 exactly: floats make it 0.30000000000000004, above a maximum of 0.3.
    expect(0.1 * 3).toBeGreaterThan(0.3);
    expect(checkOrderValue(linearValue('0.1', 3), '0.3')).toBeUndefined();
  });
});

describe('Bybit refusing an order size, in numbers', () => {
  it('futures 10001 quantity errors and 110094 get the instrument\'s figures', () => {
    const order = { qty: '0.0004', price: '50000' };
    expect(exchangeSizeProblem(10001, 'The number of contracts exceeds minimum limit allowed', order, btc)).toEqual({ reason: 'qty-too-small', qty: '0.0004', min: '0.001' });
    expect(exchangeSizeProblem(10001, 'The number of contracts exceeds maximum limit allowed', { qty: '500', price: '50000' }, btc)).toEqual({ reason: 'qty-too-large', qty: '500', max: '119.000' });
    expect(exchangeSizeProblem(10001, 'Qty invalid', { qty: '0.0015', price: '50000' }, btc)).toEqual({ reason: 'qty-step', qty: '0.0015', step: '0.001' });
    expect(exchangeSizeProblem(110094, 'Order does not meet minimum order value', { qty: '0.001', price: '4000' }, btc)).toEqual({ reason: 'notional-too-small', value: '4', min: '5' });
    expect(exchangeSizeProblem(10001, 'params error: symbol invalid', order, btc)).toBeUndefined();
    expect(exchangeSizeProblem(110007, 'ab not enough for new order', order, btc)).toBeUndefined();
    // A close is sized from the position, without a price: no made-up value, Bybit's words instead.
    expect(exchangeSizeProblem(110094, 'Order does not meet minimum order value', { qty: '0.001', price: null }, btc)).toBeUndefined();
    expect(exchangeSizeProblem(10001, 'The number of contracts exceeds minimum limit allowed', { qty: '0.0004', price: null }, btc)).toMatchObject({ reason: 'qty-too-small' });
  });

  it('spot 170136 / 170137 / 170140, in the base coin or in USDT for a buy by amount', () => {
    expect(exchangeSizeProblem(170136, 'Order quantity exceeded lower limit.', { qty: '0.00001', price: '50000', marketUnit: 'baseCoin' }, btcSpot)).toEqual({ reason: 'qty-too-small', qty: '0.00001', min: '0.000048' });
    expect(exchangeSizeProblem(170137, 'Order quantity has too many decimals.', { qty: '0.0000011', price: '50000', marketUnit: 'baseCoin' }, btcSpot)).toEqual({ reason: 'qty-step', qty: '0.0000011', step: '0.000001' });
    expect(exchangeSizeProblem(170137, 'Order quantity has too many decimals.', { qty: '1.000000001', price: '50000', marketUnit: 'quoteCoin' }, btcSpot)).toEqual({ reason: 'qty-step', qty: '1.000000001', step: '0.00000001' });
    expect(exchangeSizeProblem(170140, 'Order value exceeded lower limit.', { qty: '0.5', price: '50000', marketUnit: 'quoteCoin' }, btcSpot)).toEqual({ reason: 'notional-too-small', value: '0.5', min: '1' });
    expect(exchangeSizeProblem(170140, 'Order value exceeded upper limit.', { qty: '3000000', price: '50000', marketUnit: 'quoteCoin' }, btcSpot)).toEqual({ reason: 'amount-too-large', value: '3000000', max: '2000000' });
  });
});

describe('retry schedule', () => {
  it('backs off 1, 2, 4 ... 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(backoffSeconds)).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
  });

  it('never schedules past the expiry: the last attempt is at the expiry moment', () => {
    expect(retryDelaySeconds(1, 0.2, 300)).toBe(1);
    expect(retryDelaySeconds(6, 100, 300)).toBe(30);
    expect(retryDelaySeconds(6, 290, 300)).toBe(10); // 30 s backoff, but 10 s left
    expect(retryDelaySeconds(4, 7.25, 12)).toBe(4.75); // old: 8 s, 3.25 s after expiry
    expect(retryDelaySeconds(3, 12.5, 12)).toBe(0); // already past: at once
  });
});

describe('order sizes', () => {
  it('futures: amount x leverage / price, rounded down to qtyStep', () => {
    expect(linearQty({ amountUsdt: 100, leverage: 5, price: 50_000, qty: null }, btc)).toEqual({ ok: true, qty: '0.010', value: '500' });
    expect(linearQty({ amountUsdt: 100, leverage: 3, price: 50_000, qty: null }, btc)).toEqual({ ok: true, qty: '0.006', value: '300' });
    expect(linearQty({ amountUsdt: 10, leverage: 1, price: 30_000, qty: null }, btc)).toEqual({ ok: false, reason: 'qty-too-small', qty: '0.000333333333333', min: '0.001' });
  });

  it('futures: an explicit qty wins, and the limits are checked', () => {
    expect(linearQty({ amountUsdt: 1, leverage: 1, price: 50_000, qty: 0.0129 }, btc)).toEqual({ ok: true, qty: '0.012', value: '600' });
    expect(linearQty({ amountUsdt: 0, leverage: 1, price: 50_000, qty: 500 }, btc)).toEqual({ ok: false, reason: 'qty-too-large', qty: '500.000', max: '119.000' });
    expect(linearQty({ amountUsdt: 0, leverage: 1, price: 4_000, qty: 0.001 }, btc)).toEqual({ ok: false, reason: 'notional-too-small', value: '4', min: '5' });
  });

  it('spot buy spends USDT (quoteCoin), within minOrderAmt and maxOrderAmt', () => {
    expect(spotBuy({ amountUsdt: 25.123456789, price: 50_000, qty: null }, btcSpot)).toEqual({ ok: true, qty: '25.12345678', value: '25.12345678', marketUnit: 'quoteCoin' });
    expect(spotBuy({ amountUsdt: 0.5, price: 50_000, qty: null }, btcSpot)).toMatchObject({ ok: false, reason: 'notional-too-small', min: '1' });
    expect(spotBuy({ amountUsdt: 3_000_000, price: 50_000, qty: null }, btcSpot)).toMatchObject({ ok: false, reason: 'amount-too-large' });
    expect(spotBuy({ amountUsdt: 10, price: 50_000, qty: 0.0012345 }, btcSpot)).toEqual({ ok: true, qty: '0.001234', value: '61.7', marketUnit: 'baseCoin' });
  });

  it('spot sell: all the holding rounded down to basePrecision, never more than held', () => {
    expect(spotSell({ amountUsdt: null, price: 50_000, qty: null, held: '0.0021239' }, btcSpot)).toEqual({ ok: true, qty: '0.002123', value: '106.15', marketUnit: 'baseCoin' });
    expect(spotSell({ amountUsdt: null, price: 50_000, qty: null, held: '0' }, btcSpot)).toEqual({ ok: false, reason: 'nothing-to-sell', coin: 'BTC' });
    expect(spotSell({ amountUsdt: null, price: 50_000, qty: 1, held: '0.5' }, btcSpot)).toMatchObject({ ok: false, reason: 'insufficient-holding', held: '0.5' });
    expect(spotSell({ amountUsdt: 50, price: 50_000, qty: null, held: '0.5' }, btcSpot)).toEqual({ ok: true, qty: '0.001000', value: '50', marketUnit: 'baseCoin' });
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
    expect(classifyRetCode(170137)).toEqual({ retry: false, reason: 'qty-step' });
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
    const details = { ...noDetails, detail: 'd', qty: '1', min: '2', max: '3', value: '4', coin: 'BTC', held: '5', step: '0.001', price: '30', marketPrice: '3000' };
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
      request: {
        action: 'buy',
        symbol: 'BTCUSDT',
        price: null,
        amount: '25',
        qty: '0.5',
        leverage: 3,
        market: 'linear',
        protection: { takeProfit: [{ at: { kind: 'price', value: '60000' }, sizePercent: null }], stopLoss: { kind: 'price', value: '45000.5' } },
        sizing: null,
        orderType: 'market',
        expirySeconds: null,
        confirm: null,
        timestamp: Date.parse('2026-01-22T13:53:21Z'),
        strategyOrder: null,
      },
    });
    // Sizes stay the decimals the alert wrote: a string is kept as written, a number as the decimal it prints as.
    expect(tradeRequestFrom(alert({ amount: '0.30000000000000001', qty: 0.1 }))).toMatchObject({ ok: true, request: { amount: '0.30000000000000001', qty: '0.1' } });
    expect(tradeRequestFrom(alert({ qty: '0.000' }))).toEqual({ ok: false, error: 'qty must be a positive number' });
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

describe("TradingView's default strategy message", () => {
  const text = (body: string) => parseTradingViewAlert({ contentType: 'text/plain', body: Buffer.from(body), headers: {} }, 60);

  it('is recognised: the number after @ is contracts, never a price', () => {
    const parsed = text('order buy @ 2 filled on ETHUSDT. New strategy position is 2');
    expect(parsed).toMatchObject({ ok: true, event: { action: 'buy', symbol: 'ETHUSDT', price: null, strategyOrder: { contracts: '2', positionSize: '2' } } });
    expect(text('order sell @ 0.5 filled on BTCUSDT.P. New strategy position is -0.5')).toMatchObject({
      ok: true,
      event: { action: 'sell', symbol: 'BTCUSDT', price: null, strategyOrder: { contracts: '0.5', positionSize: '-0.5' } },
    });
    // Any other text keeps its "@ price".
    expect(text('buy BTCUSDT @ 50000')).toMatchObject({ ok: true, event: { price: 50000 } });
    expect((text('buy BTCUSDT @ 50000') as { event: TradingViewAlert }).event.strategyOrder).toBeUndefined();
  });

  it('becomes a close when the strategy goes flat, its own side when it grows, and a refused partial exit otherwise', () => {
    const request = (body: string) => {
      const parsed = text(body);
      if (!parsed.ok) throw new Error(parsed.error);
      const trade = tradeRequestFrom(parsed.event);
      if (!trade.ok) throw new Error(trade.error);
      return trade.request;
    };
    expect(request('order buy @ 2 filled on ETHUSDT. New strategy position is 2')).toMatchObject({ action: 'buy', price: null, qty: null, strategyOrder: { contracts: '2', partialExit: false } });
    expect(request('order sell @ 2 filled on ETHUSDT. New strategy position is 0')).toMatchObject({ action: 'close', strategyOrder: { partialExit: false } });
    expect(request('order sell @ 4 filled on ETHUSDT. New strategy position is -2')).toMatchObject({ action: 'sell', strategyOrder: { partialExit: false } });
    expect(request('order sell @ 1 filled on ETHUSDT. New strategy position is 1')).toMatchObject({ action: 'sell', strategyOrder: { partialExit: true, positionSize: '1' } });
    expect(request('order buy @ 1 filled on ETHUSDT. New strategy position is -1')).toMatchObject({ strategyOrder: { partialExit: true } });
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

  it('gives spare slots only while the window keeps room for as many needed requests as it had', async () => {
    let now = 0;
    const limiter = new WindowLimiter(10, 1000, () => now);
    // Needed requests arriving steadily at 4 per window.
    for (let i = 0; i < 4; i += 1) {
      await limiter.take();
      now += 250;
    }
    now = 999;
    // 4 needed in the window: 4 + 4 leaves room for 2 more only, though `share` alone would allow 5.
    const spare = Array.from({ length: 5 }, () => limiter.tryTake(1));
    expect(spare).toEqual([true, true, false, false, false]);
    // The next window's needed requests all get a slot at once: none waits behind the spare ones.
    now = 1250;
    for (let i = 0; i < 4; i += 1) {
      expect(limiter.queued).toBe(0);
      await limiter.take();
    }
    // `share` still caps spare slots when nothing else is asked for.
    now = 10_000;
    expect(Array.from({ length: 6 }, () => limiter.tryTake(0.5))).toEqual([true, true, true, true, true, false]);
  });

  it('keeps spare slots from a burst of needed requests that has just begun', async () => {
    let now = 0;
    // Bybit's budget: 600 in 5 s. After a quiet spell, orders start at 100 a second.
    const limiter = new WindowLimiter(600, 5000, () => now);
    for (let i = 0; i < 10; i += 1) {
      await limiter.take();
      now += 10;
    }
    // 10 in the first 100 ms: at that pace the window still has room, so a lookup is allowed.
    expect(limiter.tryTake()).toBe(true);
    for (let i = 0; i < 110; i += 1) {
      await limiter.take();
      now += 10;
    }
    // About 100 in the last second: 500 more will come in the window, and 121 are granted. The
    // last window alone (120 needed) would have let spare slots through until half the budget was used.
    expect(limiter.tryTake()).toBe(false);
    // Once the orders stop, the pace falls and spare slots come back within the old window's room.
    now += 1000;
    expect(limiter.tryTake()).toBe(true);
  });
});
