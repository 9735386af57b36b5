import { describe, expect, it } from 'vitest';
import { mergeProtection, parseProtectionText, parseTakeProfit, protectionFrom, protectionText } from '../handlers/protection.js';
import { parseSizingText, sizingFrom } from '../handlers/sizing.js';
import { planProtection } from '../src/services/trading/protection.js';

const btc = { tickSize: '0.1', qtyStep: '0.001', minOrderQty: '0.001' };
const pct = (value: string) => ({ kind: 'percent', value }) as const;

describe('protective order fields', () => {
  it('reads prices, percentages, ladders (array or short form), trailing and breakeven', () => {
    expect(protectionFrom({ sl: '1.5%', tp: 52000, trailing: '0.5%', breakeven: true })).toEqual({
      value: { stopLoss: pct('1.5'), takeProfit: [{ at: { kind: 'price', value: '52000' }, sizePercent: null }], trailingStop: pct('0.5'), breakeven: true },
    });
    const ladder = [
      { at: pct('1'), sizePercent: '50' },
      { at: pct('3'), sizePercent: '50' },
    ];
    expect(parseTakeProfit([{ at: '1%', size: '50%' }, { at: '3%', size: 50 }])).toEqual({ value: ladder });
    expect(parseTakeProfit('1%:50% 3%:50%')).toEqual({ value: ladder });
    expect(protectionFrom({ sl: 'off', trailing_stop: 250 })).toEqual({ value: { stopLoss: null, trailingStop: { kind: 'price', value: '250' } } });
  });

  it('refuses what cannot be placed as written', () => {
    expect(protectionFrom({ sl: '100%' })).toEqual({ error: 'sl must be above 0% and at most 99%' });
    expect(protectionFrom({ tp: [] })).toEqual({ error: 'tp ladder must have 1 to 10 steps' });
    expect(protectionFrom({ tp: [{ at: '1%', size: '0%' }] })).toMatchObject({ error: expect.stringContaining('tp[0].size must be a share') });
    expect(protectionFrom({ tp: [{ at: '1%', size: '50%' }, { at: '1%', size: '10%' }] })).toEqual({ error: 'tp ladder has two steps at the same level' });
    expect(protectionFrom({ tp: -5 })).toMatchObject({ error: expect.stringContaining('tp must be a price') });
  });

  it('/settings text: percentages only, and written back the same way', () => {
    const parsed = parseProtectionText('SL 2%, tp 1%:50% 3%:50% trailing 0.5% breakeven');
    expect('value' in parsed && protectionText(parsed.value)).toBe('sl 2% tp 1%:50% 3%:50% trailing 0.5% breakeven');
    expect(parseProtectionText('sl 49000')).toEqual({ error: 'sl must be a percentage such as "1.5%"' });
    expect(parseProtectionText('stop 2%')).toEqual({ error: '"stop" is not one of sl, tp, trailing, breakeven' });
    expect(parseProtectionText('sl')).toEqual({ error: '"sl" needs a value' });
  });

  it('an alert field replaces that default only', () => {
    expect(mergeProtection({ stopLoss: pct('2'), breakeven: true }, { stopLoss: null, trailingStop: pct('1') })).toEqual({
      stopLoss: null,
      takeProfit: null,
      trailingStop: pct('1'),
      breakeven: true,
    });
  });
});

describe('planProtection', () => {
  it('measures percentages from the entry, away from it on the right side, rounded to the tick', () => {
    expect(planProtection({ stopLoss: pct('1.5'), takeProfit: [{ at: pct('2'), sizePercent: null }] }, { side: 'Buy', entry: '50000', qty: '0.01' }, btc)).toMatchObject({
      ok: true,
      plan: { stopLoss: '49250', takeProfit: '51000', ladder: [] },
    });
    expect(planProtection({ stopLoss: pct('1'), takeProfit: [{ at: pct('1'), sizePercent: null }] }, { side: 'Sell', entry: '3001.37', qty: '1' }, btc)).toMatchObject({
      ok: true,
      plan: { stopLoss: '3031.4', takeProfit: '2971.4' },
    });
  });

  it('sizes ladder steps down to the step; a whole ladder gives the last step the remainder', () => {
    const plan = planProtection(
      { takeProfit: [{ at: pct('1'), sizePercent: '33' }, { at: pct('2'), sizePercent: '33' }, { at: pct('3'), sizePercent: '34' }] },
      { side: 'Buy', entry: '50000', qty: '0.01' },
      btc,
    );
    expect(plan).toMatchObject({ ok: true, plan: { ladder: [{ price: '50500', qty: '0.003' }, { price: '51000', qty: '0.003' }, { price: '51500', qty: '0.004' }] } });
  });

  it('refuses a step under the minimum, the wrong side, a trailing distance under a tick, breakeven without a take-profit', () => {
    expect(planProtection({ takeProfit: [{ at: pct('1'), sizePercent: '50' }, { at: pct('3'), sizePercent: '25' }] }, { side: 'Buy', entry: '50000', qty: '0.002' }, btc)).toEqual({
      ok: false,
      reason: 'tp-rung-too-small',
      value: '2',
      qty: '0',
      min: '0.001',
    });
    expect(planProtection({ takeProfit: [{ at: { kind: 'price', value: '51000' }, sizePercent: null }] }, { side: 'Sell', entry: '50000', qty: '1' }, btc)).toMatchObject({ reason: 'tp-wrong-side' });
    expect(planProtection({ stopLoss: { kind: 'price', value: '50000' } }, { side: 'Buy', entry: '50000', qty: '1' }, btc)).toMatchObject({ reason: 'sl-wrong-side' });
    expect(planProtection({ trailingStop: { kind: 'price', value: '0.05' } }, { side: 'Buy', entry: '50000', qty: '1' }, btc)).toMatchObject({ reason: 'trailing-too-small' });
    expect(planProtection({ breakeven: true, stopLoss: pct('1') }, { side: 'Buy', entry: '50000', qty: '1' }, btc)).toEqual({ ok: false, reason: 'breakeven-needs-tp' });
  });
});

describe('sizing fields', () => {
  it('reads one of equity, available, risk; never two sizes', () => {
    expect(sizingFrom({ risk: '1.5%' })).toEqual({ value: { mode: 'risk', percent: '1.5' } });
    expect(sizingFrom({ equity: 10 })).toEqual({ value: { mode: 'equity', percent: '10' } });
    expect(sizingFrom({})).toEqual({ value: null });
    expect(sizingFrom({ qty: 1, available: '5%' })).toEqual({ error: 'give one size only: qty and available were both given' });
    expect(sizingFrom({ risk: '0%' })).toMatchObject({ error: expect.stringContaining('risk must be a percentage above 0%') });
  });

  it('/settings: an amount, a share of a balance, risk, or fixed', () => {
    expect(parseSizingText('25')).toEqual({ value: { mode: 'fixed', amount: 25 } });
    expect(parseSizingText('10% equity')).toEqual({ value: { mode: 'equity', percent: '10' } });
    expect(parseSizingText('risk 0,5%')).toEqual({ value: { mode: 'risk', percent: '0.5' } });
    expect(parseSizingText('10 % of available')).toEqual({ value: { mode: 'available', percent: '10' } });
    expect(parseSizingText('fixed')).toEqual({ value: { mode: 'fixed', amount: null } });
    expect(parseSizingText('200% equity')).toMatchObject({ error: expect.stringContaining('at most 100%') });
  });
});
