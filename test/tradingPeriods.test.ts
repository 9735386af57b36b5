import { describe, expect, it } from 'vitest';
import { closedPnlWindows, CLOSED_PNL_WINDOW_MS, localDay, pnlPeriods, startOfLocalDay, summaryPeriods } from '../src/services/trading/account/periods.js';
import { summarizePnl } from '../src/services/trading/account/pnlSummary.js';
import { signedMoney } from '../src/services/trading/account/accountViews.js';

const at = (iso: string) => new Date(iso).getTime();

describe('local days', () => {
  it('start at local midnight, as UTC instants', () => {
    expect(startOfLocalDay(at('2026-12-02T10:00:00Z'), 'UTC')).toBe(at('2026-12-02T00:00:00Z'));
    expect(startOfLocalDay(at('2026-12-02T10:00:00Z'), 'Europe/Moscow')).toBe(at('2026-12-01T21:00:00Z'));
    // 22:30 UTC is already the next day in Moscow.
    expect(startOfLocalDay(at('2026-12-02T22:30:00Z'), 'Europe/Moscow')).toBe(at('2026-12-02T21:00:00Z'));
    expect(startOfLocalDay(at('2026-12-02T10:00:00Z'), 'Asia/Kolkata')).toBe(at('2026-12-01T18:30:00Z'));
    expect(startOfLocalDay(at('2026-12-02T03:00:00Z'), 'America/New_York', 1)).toBe(at('2026-11-30T05:00:00Z'));
  });

  it('follow daylight saving: the day after the change starts at the new offset, the day of it at the old', () => {
    // New York moves from UTC-5 to UTC-4 at 02:00 on 2026-03-08.
    expect(startOfLocalDay(at('2026-03-08T18:00:00Z'), 'America/New_York')).toBe(at('2026-03-08T05:00:00Z'));
    expect(startOfLocalDay(at('2026-03-09T18:00:00Z'), 'America/New_York')).toBe(at('2026-03-09T04:00:00Z'));
    expect(startOfLocalDay(at('2026-03-09T18:00:00Z'), 'America/New_York', 1)).toBe(at('2026-03-08T05:00:00Z'));
    expect(localDay(at('2026-03-09T03:30:00Z'), 'America/New_York')).toBe('2026-03-08');
  });

  it('make today, 7 and 30 days, and yesterday for the summary', () => {
    const now = at('2026-12-02T10:00:00Z');
    expect(pnlPeriods(now, 'UTC')).toEqual([
      { name: 'today', from: at('2026-12-02T00:00:00Z'), to: now },
      { name: 'week', from: at('2026-11-26T00:00:00Z'), to: now },
      { name: 'month', from: at('2026-11-03T00:00:00Z'), to: now },
    ]);
    expect(summaryPeriods(now, 'UTC')).toEqual([
      { name: 'yesterday', from: at('2026-12-01T00:00:00Z'), to: at('2026-12-02T00:00:00Z') - 1 },
      { name: 'today', from: at('2026-12-02T00:00:00Z'), to: now },
    ]);
  });
});

describe('closed PnL windows', () => {
  it('cover the range exactly once, newest first, none longer than Bybit allows', () => {
    const to = at('2026-12-02T10:00:00Z');
    const from = to - 30 * 86_400_000;
    const windows = closedPnlWindows(from, to);
    expect(windows).toHaveLength(5);
    expect(windows[0]?.endTime).toBe(to);
    expect(windows.at(-1)?.startTime).toBe(from);
    for (const [index, window] of windows.entries()) {
      expect(window.endTime - window.startTime).toBeLessThanOrEqual(CLOSED_PNL_WINDOW_MS);
      expect(window.endTime).toBeGreaterThanOrEqual(window.startTime);
      const older = windows[index + 1];
      if (older) expect(older.endTime).toBe(window.startTime - 1);
    }
  });

  it('is one window for a day', () => {
    expect(closedPnlWindows(1_000, 86_401_000)).toEqual([{ startTime: 1_000, endTime: 86_401_000 }]);
  });
});

describe('PnL per period', () => {
  it('sums exactly in decimal, counts trades and wins, per symbol with the largest first', () => {
    const periods = [
      { name: 'today' as const, from: 100, to: 200 },
      { name: 'week' as const, from: 0, to: 200 },
    ];
    const trades = [
      { symbol: 'BTCUSDT', orderId: 'a', closedPnl: '0.1', closedAt: 150 },
      { symbol: 'BTCUSDT', orderId: 'b', closedPnl: '0.2', closedAt: 160 },
      { symbol: 'ETHUSDT', orderId: 'c', closedPnl: '-5', closedAt: 50 },
      { symbol: 'DOGEUSDT', orderId: 'd', closedPnl: '0', closedAt: 60 },
      { symbol: 'ETHUSDT', orderId: 'e', closedPnl: '9', closedAt: 201 },
    ];
    const [today, week] = summarizePnl(trades, periods);
    expect(today).toEqual({ period: 'today', pnl: '0.3', trades: 2, wins: 2, winRate: 100, bySymbol: [{ symbol: 'BTCUSDT', pnl: '0.3', trades: 2 }] });
    expect(week).toMatchObject({ pnl: '-4.7', trades: 4, wins: 2, winRate: 50 });
    expect(week?.bySymbol.map((s) => s.symbol)).toEqual(['ETHUSDT', 'BTCUSDT', 'DOGEUSDT']);
    expect(summarizePnl([], periods)[0]).toMatchObject({ pnl: '0', trades: 0, winRate: null, bySymbol: [] });
  });

  it('shows money with a sign on gains and at most 4 decimals', () => {
    expect(signedMoney('12.5')).toBe('+12.5');
    expect(signedMoney('-0.02805')).toBe('-0.0281');
    expect(signedMoney('0')).toBe('0');
    expect(signedMoney('0.00001')).toBe('0');
  });
});
