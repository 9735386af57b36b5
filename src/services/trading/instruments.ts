/** The parts of Bybit's instruments-info that sizing an order needs. */
export interface LinearInstrument {
  category: 'linear';
  symbol: string;
  status: string;
  baseCoin: string;
  quoteCoin: string;
  qtyStep: string;
  minOrderQty: string;
  maxMktOrderQty: string;
  minNotionalValue: string;
  maxLeverage: number;
  /** Prices (take-profit, stop-loss, limit) must be multiples of it. */
  tickSize: string;
}

export interface SpotInstrument {
  category: 'spot';
  symbol: string;
  status: string;
  baseCoin: string;
  quoteCoin: string;
  basePrecision: string;
  quotePrecision: string;
  minOrderQty: string;
  maxMarketOrderQty: string;
  minOrderAmt: string;
  maxOrderAmt: string;
  tickSize: string;
}

export type Instrument = LinearInstrument | SpotInstrument;

type Raw = Record<string, unknown>;
const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback);

/** From one entry of `result.list` of /v5/market/instruments-info. */
export function instrumentFrom(category: 'linear' | 'spot', raw: Raw): Instrument {
  const lot = (raw.lotSizeFilter ?? {}) as Raw;
  const tickSize = str(((raw.priceFilter ?? {}) as Raw).tickSize, '0.01');
  const common = { symbol: str(raw.symbol), status: str(raw.status), baseCoin: str(raw.baseCoin), quoteCoin: str(raw.quoteCoin) };
  if (category === 'linear') {
    const leverage = (raw.leverageFilter ?? {}) as Raw;
    return {
      category,
      ...common,
      qtyStep: str(lot.qtyStep, '0.001'),
      minOrderQty: str(lot.minOrderQty, '0'),
      maxMktOrderQty: str(lot.maxMktOrderQty, str(lot.maxOrderQty, '1000000000')),
      minNotionalValue: str(lot.minNotionalValue, '0'),
      maxLeverage: Number(str(leverage.maxLeverage, '1')),
      tickSize,
    };
  }
  return {
    category,
    ...common,
    basePrecision: str(lot.basePrecision, '0.000001'),
    quotePrecision: str(lot.quotePrecision, '0.00000001'),
    minOrderQty: str(lot.minOrderQty, '0'),
    maxMarketOrderQty: str(lot.maxMarketOrderQty, str(lot.maxOrderQty, '1000000000')),
    minOrderAmt: str(lot.minOrderAmt, '0'),
    maxOrderAmt: str(lot.maxOrderAmt, '1000000000'),
    tickSize,
  };
}
