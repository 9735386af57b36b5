import { describe, expect, it } from 'vitest';
import { normalizeSymbol, parseTradingViewAlert } from '../handlers/tradingview.js';

const json = (body: unknown) => ({ contentType: 'application/json', body: Buffer.from(JSON.stringify(body)), headers: {} });
const text = (body: string, contentType = 'text/plain; charset=utf-8') => ({ contentType, body: Buffer.from(body), headers: {} });

describe('parseTradingViewAlert', () => {
  it('normalizes a JSON alert and keeps extra fields', () => {
    const result = parseTradingViewAlert(json({ symbol: 'BYBIT:BTCUSDT.P', action: 'BUY', price: '50000.5', qty: 2, note: 'x' }), 60);
    expect(result).toEqual({
      ok: true,
      event: { format: 'json', action: 'buy', symbol: 'BTCUSDT', price: 50000.5, extra: { qty: 2, note: 'x' }, text: null, id: null },
      dedupe: { key: expect.stringMatching(/^h:/), ttlSeconds: 60 },
    });
  });

  it('uses the alert id as a permanent dedupe key', () => {
    const result = parseTradingViewAlert(json({ id: 42, ticker: 'ETHUSDT', side: 'sell' }), 60);
    expect(result.ok && result.dedupe).toEqual({ key: expect.stringMatching(/^id:/), ttlSeconds: null });
    expect(result.ok && result.event.action).toBe('sell');
    expect(result.ok && result.event.symbol).toBe('ETHUSDT');
  });

  it('keeps alerts with one id apart when their symbol or action differs ({{timenow}} ids collide)', () => {
    const id = '2026-12-02T01:04:26Z';
    const keyOf = (body: unknown) => {
      const result = parseTradingViewAlert(json(body), 60);
      if (!result.ok) throw new Error(result.error);
      return result.dedupe.key;
    };
    const btc = keyOf({ symbol: 'BYBIT:BTCUSDT.P', action: 'buy', price: 50000, id });
    const eth = keyOf({ symbol: 'BYBIT:ETHUSDT.P', action: 'buy', price: 3000, id });
    const btcSell = keyOf({ symbol: 'BYBIT:BTCUSDT.P', action: 'sell', price: 50000, id });
    expect(new Set([btc, eth, btcSell]).size).toBe(3);
    // The same alert resent (another price tick, the same instrument written another way) is still one alert.
    expect(keyOf({ symbol: 'BTCUSDT', action: 'BUY', price: 50001, id })).toBe(btc);
  });

  it('hashes the raw body: the same bytes give the same key, different bytes another', () => {
    const a = parseTradingViewAlert(text('buy BTCUSDT'), 60);
    const b = parseTradingViewAlert(text('buy BTCUSDT'), 60);
    const c = parseTradingViewAlert(text('sell BTCUSDT'), 60);
    expect(a.ok && b.ok && a.dedupe.key === b.dedupe.key).toBe(true);
    expect(a.ok && c.ok && a.dedupe.key !== c.dedupe.key).toBe(true);
  });

  it('reads TradingView plain text alerts', () => {
    const result = parseTradingViewAlert(text('Strategy: buy BINANCE:SOLUSDT @ 142.25 now'), 60);
    expect(result.ok && result.event).toMatchObject({ format: 'text', action: 'buy', symbol: 'SOLUSDT', price: 142.25 });
  });

  it('treats valid JSON sent as text/plain as JSON', () => {
    const result = parseTradingViewAlert(text('{"symbol":"BTCUSDT","action":"close"}'), 60);
    expect(result.ok && result.event.format).toBe('json');
    expect(result.ok && result.event.action).toBe('close');
  });

  it.each([
    ['wrong content type', { contentType: 'application/xml', body: Buffer.from('<a/>'), headers: {} }, /unsupported content type "application\/xml"/],
    ['bad JSON', { contentType: 'application/json', body: Buffer.from('{"action": '), headers: {} }, /not valid JSON/],
    ['broken JSON template as text', text('{"action": "buy",}'), /looks like JSON but does not parse/],
    ['missing action', json({ symbol: 'BTCUSDT' }), /action is missing/],
    ['unknown action', json({ symbol: 'BTCUSDT', action: 'hold' }), /action "hold" is not one of/],
    ['non-numeric price', json({ action: 'buy', price: 'cheap' }), /price must be a number/],
    ['negative price', json({ action: 'buy', price: -1 }), /price must be a positive number/],
    ['array body', json([1, 2]), /must be a JSON object/],
    ['unfilled placeholder', json({ action: '{{strategy.order.action}}', symbol: 'X' }), /unfilled TradingView placeholder/],
    ['empty body', text('   '), /body is empty/],
    ['text without action', text('BTCUSDT crossed 50000'), /no action in the text alert/],
    ['invalid UTF-8', { contentType: 'text/plain', body: Buffer.from([0xff, 0xfe, 0x41]), headers: {} }, /not valid UTF-8/],
  ])('rejects %s with a 400 that says why', (_name, request, message) => {
    const result = parseTradingViewAlert(request, 60);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.status).toBe(400);
      expect(result.error).toMatch(message);
    }
  });
});

describe('normalizeSymbol', () => {
  it.each([
    ['BYBIT:BTCUSDT.P', 'BTCUSDT'],
    ['btcusdt', 'BTCUSDT'],
    [' ETHUSDT ', 'ETHUSDT'],
    ['BINANCE:SOLUSDT', 'SOLUSDT'],
  ])('%s -> %s', (raw, expected) => expect(normalizeSymbol(raw)).toBe(expected));
});
