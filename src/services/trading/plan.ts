import type { AlertAction } from '../../../handlers/tradingview.js';

export type Side = 'Buy' | 'Sell';

/** An open futures position as /v5/position/list reports it (size 0 = none on that side). */
export interface Position {
  side: Side | '';
  size: string;
  /** 0 in one-way mode; 1 (long) or 2 (short) in hedge mode. */
  positionIdx: 0 | 1 | 2;
}

/** One market order of a plan. `close` orders are reduce-only and sized from the position. */
export type Step =
  | { role: 'close'; side: Side; qty: string; positionIdx: 0 | 1 | 2 }
  | { role: 'open'; side: Side; positionIdx: 0 | 1 | 2 };

export type LinearPlan = { steps: Step[] } | { nothing: 'no-position' };

const opposite = (side: Side): Side => (side === 'Buy' ? 'Sell' : 'Buy');

/** What an action means on spot: buy with USDT, or sell the held base coin. */
export function spotSide(action: AlertAction): Side {
  return action === 'buy' || action === 'long' ? 'Buy' : 'Sell';
}

/** The side a futures action opens, or undefined for the closing actions. */
export function linearOpenSide(action: AlertAction): Side | undefined {
  if (action === 'buy' || action === 'long') return 'Buy';
  if (action === 'sell' || action === 'short') return 'Sell';
  return undefined;
}

/**
 * Futures: `buy`/`long` closes a short first (reduce-only, its whole size), then opens the long;
 * `sell`/`short` the mirror image; a position already on the wanted side is added to.
 * `close`/`exit`/`stop` close every open position of the symbol with reduce-only orders.
 * Hedge mode (positions with positionIdx 1/2) orders with the matching positionIdx.
 */
export function planLinear(action: AlertAction, positions: Position[]): LinearPlan {
  const open = positions.filter((position) => position.side !== '' && Number(position.size) > 0);
  const hedge = positions.some((position) => position.positionIdx !== 0);
  const closing = (position: Position): Step => ({
    role: 'close',
    side: opposite(position.side as Side),
    qty: position.size,
    positionIdx: position.positionIdx,
  });
  const side = linearOpenSide(action);
  if (!side) {
    if (open.length === 0) return { nothing: 'no-position' };
    return { steps: open.map(closing) };
  }
  const against = open.filter((position) => position.side === opposite(side));
  return {
    steps: [...against.map(closing), { role: 'open', side, positionIdx: hedge ? (side === 'Buy' ? 1 : 2) : 0 }],
  };
}
