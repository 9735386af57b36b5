import { dec, plain } from './decimal.js';
import type { Instrument } from './instruments.js';
import type { SizeProblem } from './quantity.js';

/** The order Bybit refused, as it was sent. */
export interface SentOrder {
  qty: string;
  /** Spot: 'quoteCoin' when `qty` is USDT to spend. */
  marketUnit?: 'baseCoin' | 'quoteCoin' | undefined;
  /** The price it was sized with, for its value in USDT; null for a close sized from the position. */
  price: string | null;
}

const TOO_SMALL = /minimum|lower limit|too small|less than/i;
const TOO_LARGE = /maximum|upper limit|too large|exceed(s|ed)? .*max/i;
const QTY_FORMAT = /qty|quantity|decimal|precision|step/i;

/**
 * Bybit's own refusal of an order's size, in the words and numbers of the instrument: Bybit says
 * "10001 The number of contracts exceeds minimum limit allowed"; the user is told "0.0004 is
 * below the symbol's minimum 0.001". Hookbot sizes orders from the instrument's filters, so this
 * happens when Bybit changed them after they were cached. Undefined for any other refusal.
 *
 * Codes (Bybit V5 error codes): 10001 request parameter error (futures size errors come as this,
 * told apart by the message); 110094 order below the minimum order value; spot 170136 quantity
 * below the lower limit, 170137 too many decimals, 170140 order value outside the limits.
 */
export function exchangeSizeProblem(retCode: number, retMsg: string, order: SentOrder, instrument: Instrument): SizeProblem | undefined {
  const quote = instrument.category === 'spot' && order.marketUnit === 'quoteCoin';
  const value = quote ? order.qty : order.price === null ? null : plain(dec(order.qty).times(dec(order.price)));
  const min = instrument.category === 'linear' ? instrument.minOrderQty : quote ? instrument.minOrderAmt : instrument.minOrderQty;
  const max = instrument.category === 'linear' ? instrument.maxMktOrderQty : quote ? instrument.maxOrderAmt : instrument.maxMarketOrderQty;
  const step = instrument.category === 'linear' ? instrument.qtyStep : quote ? instrument.quotePrecision : instrument.basePrecision;
  const minValue = instrument.category === 'linear' ? instrument.minNotionalValue : instrument.minOrderAmt;
  const sizeOf = (kind: 'small' | 'large' | 'step'): SizeProblem => {
    if (quote) {
      // A spot buy's qty is the USDT to spend: its limits are the order value's.
      if (kind === 'small') return { reason: 'notional-too-small', value: order.qty, min };
      if (kind === 'large') return { reason: 'amount-too-large', value: order.qty, max };
    }
    if (kind === 'small') return { reason: 'qty-too-small', qty: order.qty, min };
    if (kind === 'large') return { reason: 'qty-too-large', qty: order.qty, max };
    return { reason: 'qty-step', qty: order.qty, step };
  };
  switch (retCode) {
    case 10001:
      if (!QTY_FORMAT.test(retMsg) && !/contracts/i.test(retMsg)) return undefined;
      if (TOO_SMALL.test(retMsg)) return sizeOf('small');
      if (TOO_LARGE.test(retMsg)) return sizeOf('large');
      return sizeOf('step');
    case 110094:
      // Without the price the value is unknown: Bybit's own words are better than a wrong figure.
      return value === null ? undefined : { reason: 'notional-too-small', value, min: minValue };
    case 170136:
      return sizeOf('small');
    case 170137:
      return sizeOf('step');
    case 170140:
      if (value === null) return undefined;
      if (/upper/i.test(retMsg)) return { reason: 'amount-too-large', value, max: instrument.category === 'spot' ? instrument.maxOrderAmt : max };
      return { reason: 'notional-too-small', value, min: minValue };
    default:
      return undefined;
  }
}
