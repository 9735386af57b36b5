import { escapeHtml } from '../../telegram/html.js';
import type { Account } from '../bybit.js';
import { dec, rounded, shown } from '../decimal.js';
import type { Translate } from '../messages.js';
import type { AccountProblem, PnlView, PositionsView, Read, SummaryView, ZoneInfo } from './accountReports.js';
import type { OpenPosition, Wallet } from './bybitReads.js';
import type { PeriodPnl } from './pnlSummary.js';

/** Positions per /positions page (each has its Close button). */
export const POSITIONS_PER_PAGE = 5;
/** Symbols listed under each /pnl period; the rest are counted. */
const SYMBOLS_SHOWN = 8;

/** Money as a trader reads it: at most 4 decimals, a sign on gains. */
export function signedMoney(value: string): string {
  const amount = dec(value || '0');
  const text = rounded(amount, 4);
  return amount.gt(0) && text !== '0' ? `+${text}` : text;
}

const num = (value: string) => escapeHtml(value === '' ? '0' : shown(value));
const money = (value: string) => escapeHtml(rounded(value || '0', 4));

export function formatProblem(problem: AccountProblem, account: Account, t: Translate): string {
  return t('account-read-failed', {
    account: t(`trade-account-${account}`),
    reason: t(`account-reason-${problem.reason}`, { detail: escapeHtml(problem.detail) }),
  });
}

function positionSide(position: OpenPosition, t: Translate): string {
  return t(position.side === 'Buy' ? 'positions-side-long' : 'positions-side-short');
}

function positionLines(position: OpenPosition, t: Translate): string[] {
  return [
    t('positions-line', { symbol: escapeHtml(position.symbol), side: positionSide(position, t), size: num(position.size), leverage: escapeHtml(position.leverage || '?') }),
    t('positions-line-prices', { entry: num(position.entryPrice), mark: num(position.markPrice), pnl: escapeHtml(signedMoney(position.unrealisedPnl)) }),
  ];
}

/** Page `page` (0-based, clamped) of the open positions; the page actually shown comes back too. */
export function formatPositions(view: PositionsView, account: Account, page: number, t: Translate): { html: string; page: number; pages: number; shown: OpenPosition[] } {
  const pages = Math.max(1, Math.ceil(view.positions.length / POSITIONS_PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const onPage = view.positions.slice(current * POSITIONS_PER_PAGE, (current + 1) * POSITIONS_PER_PAGE);
  const lines = [t('positions-title', { account: t(`trade-account-${account}`) })];
  if (view.positions.length === 0) {
    lines.push(t('positions-none'));
  } else {
    if (pages > 1) lines.push(t('positions-page', { page: current + 1, pages, count: view.positions.length }));
    for (const position of onPage) lines.push('', ...positionLines(position, t));
    const total = view.positions.reduce((sum, position) => sum.plus(dec(position.unrealisedPnl || '0')), dec(0));
    lines.push('', t('positions-total-upl', { pnl: escapeHtml(signedMoney(total.toFixed())) }));
  }
  if (view.spotCoins) {
    lines.push('', t('positions-spot-note'));
    if (view.spotCoins.length === 0) lines.push(t('positions-spot-none'));
    for (const coin of view.spotCoins) lines.push(t('positions-spot-coin', { coin: escapeHtml(coin.coin), amount: num(coin.walletBalance) }));
  }
  return { html: lines.join('\n'), page: current, pages, shown: onPage };
}

export function formatBalance(wallet: Wallet, account: Account, t: Translate): string {
  const lines = [
    t('balance-title', { account: t(`trade-account-${account}`) }),
    t('balance-equity', { value: money(wallet.totalEquity) }),
    t('balance-available', { value: money(wallet.totalAvailableBalance) }),
    t('balance-wallet', { value: money(wallet.totalWalletBalance) }),
    t('balance-upl', { value: escapeHtml(signedMoney(wallet.totalPerpUPL)) }),
    '',
    t('balance-coins'),
  ];
  if (wallet.coins.length === 0) lines.push(t('balance-no-coins'));
  for (const coin of wallet.coins) {
    const usd = coin.usdValue !== '' && Number(coin.usdValue) !== 0 && coin.coin !== 'USDT' && coin.coin !== 'USDC';
    lines.push(
      usd
        ? t('balance-coin-usd', { coin: escapeHtml(coin.coin), amount: num(coin.walletBalance), usd: money(coin.usdValue) })
        : t('balance-coin', { coin: escapeHtml(coin.coin), amount: num(coin.walletBalance) }),
    );
  }
  return lines.join('\n');
}

export function formatZone(zone: ZoneInfo, t: Translate): string {
  return t(`pnl-zone-${zone.source}`, { zone: escapeHtml(zone.timeZone) });
}

function periodLine(period: PeriodPnl, t: Translate): string {
  const name = t(`pnl-period-${period.period}`);
  if (period.trades === 0) return t('pnl-line-empty', { period: name });
  return t('pnl-line', { period: name, pnl: escapeHtml(signedMoney(period.pnl)), trades: period.trades, rate: period.winRate ?? 0 });
}

export function formatPnl(view: PnlView, account: Account, t: Translate): string {
  const lines = [t('pnl-title', { account: t(`trade-account-${account}`) }), formatZone(view.zone, t)];
  for (const period of view.periods) {
    lines.push('', periodLine(period, t));
    for (const symbol of period.bySymbol.slice(0, SYMBOLS_SHOWN)) {
      lines.push(t('pnl-symbol', { symbol: escapeHtml(symbol.symbol), pnl: escapeHtml(signedMoney(symbol.pnl)), trades: symbol.trades }));
    }
    if (period.bySymbol.length > SYMBOLS_SHOWN) lines.push(t('pnl-more', { count: period.bySymbol.length - SYMBOLS_SHOWN }));
  }
  return lines.join('\n');
}

function partOrProblem<T>(read: Read<T>, t: Translate, render: (value: T) => string[]): string[] {
  return read.ok ? render(read.value) : [t(`account-reason-${read.problem.reason}`, { detail: escapeHtml(read.problem.detail) })];
}

/** The daily summary: yesterday's and today's realised PnL, open positions, balance. */
export function formatSummary(view: SummaryView, account: Account, day: string, t: Translate): string {
  const lines = [t('summary-title', { day: escapeHtml(day), zone: escapeHtml(view.zone.timeZone), account: t(`trade-account-${account}`) })];
  // One problem (no key, refused key) for all three parts is said once.
  if (!view.pnl.ok && view.positions === view.pnl && view.wallet === view.pnl) {
    lines.push(formatProblem(view.pnl.problem, account, t));
    return lines.join('\n');
  }
  lines.push('', ...partOrProblem(view.pnl, t, (periods) => periods.map((period) => periodLine(period, t))));
  lines.push(
    '',
    ...partOrProblem(view.positions, t, (positions) =>
      positions.length === 0
        ? [t('summary-positions-none')]
        : [
            t('summary-positions', { count: positions.length }),
            ...positions.slice(0, 10).map((position) =>
              t('summary-position', { symbol: escapeHtml(position.symbol), side: positionSide(position, t), size: num(position.size), pnl: escapeHtml(signedMoney(position.unrealisedPnl)) }),
            ),
          ],
    ),
  );
  lines.push('', ...partOrProblem(view.wallet, t, (wallet) => [t('summary-balance', { equity: money(wallet.totalEquity), available: money(wallet.totalAvailableBalance) })]));
  lines.push('', t('summary-footer'));
  return lines.join('\n');
}
