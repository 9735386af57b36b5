/**
 * A fake Bybit V5 REST server for tests and benchmarks: a real HTTP server on 127.0.0.1 that
 * speaks Bybit's wire format, so the app talks to it through the unmodified `bybit-api` SDK
 * (BYBIT_BASE_URL / BYBIT_DEMO_BASE_URL).
 *
 * Private endpoints are checked exactly as Bybit does: X-BAPI-API-KEY, X-BAPI-TIMESTAMP,
 * X-BAPI-RECV-WINDOW and X-BAPI-SIGN = hex HMAC-SHA256(secret, timestamp + apiKey + recvWindow +
 * raw query string (GET) or raw body (POST)). Unknown key 10003, bad signature 10004, timestamp
 * outside the window 10002. Answers are `{retCode, retMsg, result, retExtInfo, time}`.
 *
 * Market orders fill at once at the ticker's last price and move positions and balances.
 *
 * The private WebSocket (`wsUrl`, Bybit's /v5/private) works as Bybit documents it: `{"op":"auth",
 * "args":[apiKey, expires, signature]}` with signature = hex HMAC-SHA256(secret, "GET/realtime" +
 * expires) and expires in the future; `{"op":"ping"}` answered by `{"op":"pong"}`; `{"op":"subscribe",
 * "args":[topics]}` after auth. Every fill sends the `order`, `execution`, `position` and `wallet`
 * topic messages (`{id, topic, creationTime, data: [...]}`) to the key's subscribed connections,
 * and is listed by /v5/execution/list and /v5/order/history for a client catching up.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { readBody } from './http.js';

export interface FakeLinearInstrument {
  symbol: string;
  baseCoin: string;
  qtyStep: string;
  minOrderQty: string;
  maxMktOrderQty: string;
  minNotionalValue: string;
  maxLeverage: string;
  status?: string;
  /** priceFilter.tickSize; default 0.1. */
  tickSize?: string;
}

export interface FakeSpotInstrument {
  symbol: string;
  baseCoin: string;
  basePrecision: string;
  quotePrecision: string;
  minOrderQty: string;
  maxMarketOrderQty: string;
  minOrderAmt: string;
  maxOrderAmt: string;
  status?: string;
  /** priceFilter.tickSize; default 0.01. */
  tickSize?: string;
}

export interface FakeAccountOptions {
  apiKey: string;
  secret: string;
  readOnly?: boolean;
  /** Key permissions as query-api reports them; default: contract and spot trading. */
  permissions?: Record<string, string[]>;
  ips?: string[];
  /** 'hedge' gives two position entries per symbol (positionIdx 1 and 2). */
  positionMode?: 'one-way' | 'hedge';
  balances?: Record<string, number>;
  /** Bybit refuses every private request of an expired key with 33004. */
  expired?: boolean;
}

export interface FakeOrder {
  orderId: string;
  orderLinkId: string;
  category: 'linear' | 'spot';
  symbol: string;
  side: 'Buy' | 'Sell';
  orderType: string;
  qty: string;
  marketUnit?: string;
  reduceOnly: boolean;
  positionIdx: number;
  takeProfit?: string;
  stopLoss?: string;
  tpslMode?: string;
  avgPrice: string;
  cumExecQty: string;
  cumExecFee: string;
  /** Market orders fill at once; a limit order that does not cross the last price rests as New. */
  orderStatus: 'Filled' | 'New' | 'Cancelled';
  price?: string;
  timeInForce?: string;
  /** '' for an order placed as such; 'StopLoss', 'TakeProfit', 'TrailingStop' for a triggered one. */
  stopOrderType: string;
  /** Why a cancelled order was cancelled (Bybit's cancelType), e.g. 'CancelByUser'. */
  cancelType?: string;
  createdTime: string;
  updatedTime: string;
  apiKey: string;
}

/** One fill, as /v5/execution/list and the `execution` topic give it. */
export interface FakeExecution {
  execId: string;
  orderId: string;
  orderLinkId: string;
  category: 'linear' | 'spot';
  symbol: string;
  side: 'Buy' | 'Sell';
  orderType: string;
  stopOrderType: string;
  execType: 'Trade';
  execPrice: string;
  execQty: string;
  execValue: string;
  execFee: string;
  feeRate: string;
  closedSize: string;
  execTime: string;
  apiKey: string;
}

/**
 * A position's TP/SL as Bybit keeps it: conditional orders the system creates from order-level
 * TP/SL or /v5/position/trading-stop, listed by /v5/order/realtime as untriggered orders.
 */
export interface FakeConditional {
  orderId: string;
  symbol: string;
  positionIdx: number;
  stopOrderType: 'TakeProfit' | 'StopLoss' | 'PartialTakeProfit' | 'PartialStopLoss' | 'TrailingStop';
  /** Trigger price; for a trailing stop, the distance. */
  triggerPrice: string;
  /** '' for Full mode (the whole position). */
  qty: string;
  apiKey: string;
}

export interface FakeCall {
  method: string;
  path: string;
  query: string;
  body: string;
  apiKey: string | undefined;
  at: number;
  retCode: number | undefined;
  httpStatus: number;
}

/** What the next matching request gets instead of its normal answer. */
export type FakeBybitFault =
  | { kind: 'retCode'; retCode: number; retMsg: string }
  | { kind: 'http'; status: number }
  /** The connection is cut before anything happens: the request had no effect. */
  | { kind: 'drop' }
  /** The request takes effect, then the connection is cut: the client never learns it. */
  | { kind: 'dropAfter' }
  /** Order lookups answer as if the order did not exist (yet): Bybit's lookups can lag behind. */
  | { kind: 'hide' }
  /** The request is acted on after `ms`, whether or not the client is still there. */
  | { kind: 'delay'; ms: number };

interface Account extends Required<Omit<FakeAccountOptions, 'permissions' | 'ips' | 'expired'>> {
  permissions: Record<string, string[]>;
  ips: string[];
  expired: boolean;
  leverage: Map<string, string>;
  /** symbol -> positionIdx -> signed size (one-way: idx 0, + long / - short; hedge: 1 long, 2 short, both >= 0). */
  positions: Map<string, Map<number, number>>;
  /** symbol -> the position's take-profit and stop-loss ('0': none). */
  protection: Map<string, { takeProfit: string; stopLoss: string }>;
}

export interface FakeBybit {
  url: string;
  calls: FakeCall[];
  orders: FakeOrder[];
  /** TP/SL and trailing stops held on positions. */
  conditionals: FakeConditional[];
  addAccount(options: FakeAccountOptions): void;
  addLinear(instrument: FakeLinearInstrument, lastPrice: number): void;
  addSpot(instrument: FakeSpotInstrument, lastPrice: number): void;
  setPrice(symbol: string, lastPrice: number): void;
  setBalance(apiKey: string, coin: string, amount: number): void;
  balance(apiKey: string, coin: string): number;
  /** Overrides the wallet's totals (USD) that /v5/account/wallet-balance reports; unset = worked out from the coins. */
  setWalletTotals(apiKey: string, totals: { totalEquity?: number; totalAvailableBalance?: number }): void;
  /** Signed position size (one-way), or the leg's size in hedge mode with idx 1/2. */
  position(apiKey: string, symbol: string, positionIdx?: number): number;
  setPosition(apiKey: string, symbol: string, size: number, positionIdx?: number): void;
  leverage(apiKey: string, symbol: string): string | undefined;
  /** The next `count` requests to `path` (e.g. '/v5/order/create') get this fault; only those signed with `apiKey` when given. */
  failNext(path: string, count: number, fault: FakeBybitFault, apiKey?: string): void;
  /** Every request fails at the socket until set back to false: the exchange is unreachable. */
  down: boolean;
  /** Added before every answer. */
  latencyMs: number;
  /** Fills a resting limit order (by its orderLinkId) at its price. */
  fillLimit(orderLinkId: string): void;
  /** Resolves once `count` orders exist in total. */
  waitForOrders(count: number, timeoutMs?: number): Promise<FakeOrder[]>;
  /** Every fill so far, oldest first. */
  executions: FakeExecution[];
  /** ws://…/v5/private: the private WebSocket (BYBIT_WS_URL / BYBIT_DEMO_WS_URL). */
  wsUrl: string;
  /** Open connections authenticated with this key and subscribed to `execution`. */
  streams(apiKey: string): number;
  /** The most connections authenticated with this key at the same time, ever. */
  maxStreams(apiKey: string): number;
  /** Every successful auth with this key so far (a reconnect counts again). */
  streamAuths(apiKey: string): number;
  /** Cuts the key's connections (all keys' without one) as a network failure would: no close frame. */
  dropStreams(apiKey?: string): void;
  /** While true, WebSocket upgrades are refused: a client cannot reconnect. */
  streamsDown: boolean;
  /**
   * Bybit triggers the position's take-profit or stop-loss at `price`: the price moves there and
   * a reduce-only market order closes the one-way position, wholly or `qty` of it (a take-profit
   * of a ladder), with stopOrderType set and no link id.
   */
  triggerStop(apiKey: string, symbol: string, kind: 'StopLoss' | 'TakeProfit' | 'PartialTakeProfit' | 'TrailingStop', price: number, qty?: number): FakeOrder;
  /**
   * A market order the user places themselves (the Bybit app, the website): no link id of
   * Hookbot's. Filled at the last price like any market order; throws when Bybit would refuse it.
   */
  placeOutside(apiKey: string, order: { symbol: string; side: 'Buy' | 'Sell'; qty: string; reduceOnly?: boolean }): FakeOrder;
  /** The user cancels a resting order in the Bybit app: Cancelled (CancelByUser), and the `order` message. */
  cancelOutside(apiKey: string, orderLinkId: string): FakeOrder;
  /** /v5/position/trading-stop requests answered so far, with their bodies. */
  tradingStops: Array<{ apiKey: string; body: Record<string, unknown>; retCode: number }>;
  /** Sets the position's take-profit and stop (as /v5/position/trading-stop would) and sends the `position` message. */
  setProtection(apiKey: string, symbol: string, protection: { takeProfit?: string; stopLoss?: string }): void;
  /** Open orders cancelled by /v5/order/cancel-all so far: the fake fills market orders at once, so there are none. */
  cancelAllCalls: Array<{ apiKey: string; category: string; symbol: string }>;
  /**
   * A closed-PnL record of the past (a trade closed before the test), listed by
   * /v5/position/closed-pnl beside the ones the fake's own fills produce. `closedAt` is ms.
   */
  addClosedPnl(apiKey: string, record: FakeClosedPnlInput): void;
  close(): Promise<void>;
}

/** What a test gives for a past closed trade; the rest of Bybit's record is worked out from it. */
export interface FakeClosedPnlInput {
  symbol: string;
  /** The side of the closing order: Sell closes a long. */
  side: 'Buy' | 'Sell';
  qty: string;
  avgEntryPrice: string;
  avgExitPrice: string;
  closedPnl: string;
  closedAt: number;
  leverage?: string;
}

const DEFAULT_PERMISSIONS = { ContractTrade: ['Order', 'Position'], Spot: ['SpotTrade'], Wallet: ['AccountTransfer'] };

const decimals = (step: string) => (step.includes('.') ? step.length - step.indexOf('.') - 1 : 0);
const isMultiple = (value: string, step: string) => {
  const places = Math.max(decimals(step), decimals(value));
  const scale = 10 ** places;
  return Math.round(Number(value) * scale) % Math.round(Number(step) * scale) === 0;
};
const clean = (value: number) => String(Number(value.toPrecision(12)));

export async function startFakeBybit(): Promise<FakeBybit> {
  const accounts = new Map<string, Account>();
  const linear = new Map<string, FakeLinearInstrument>();
  const spot = new Map<string, FakeSpotInstrument>();
  const prices = new Map<string, number>();
  const faults: Array<{ path: string; left: number; fault: FakeBybitFault; apiKey: string | undefined }> = [];
  const orderWaiters: Array<{ count: number; resolve: (orders: FakeOrder[]) => void }> = [];
  const walletTotals = new Map<string, { totalEquity?: number; totalAvailableBalance?: number }>();
  const pastClosedPnl: Array<{ apiKey: string; record: FakeClosedPnlInput }> = [];
  interface StreamState {
    socket: WebSocket;
    connId: string;
    apiKey: string | undefined;
    topics: Set<string>;
  }
  const streams = new Set<StreamState>();
  const maxStreams = new Map<string, number>();
  const streamAuths = new Map<string, number>();

  const fake: FakeBybit = {
    url: '',
    calls: [],
    orders: [],
    conditionals: [],
    down: false,
    latencyMs: 0,
    addAccount(options) {
      accounts.set(options.apiKey, {
        apiKey: options.apiKey,
        secret: options.secret,
        readOnly: options.readOnly ?? false,
        permissions: options.permissions ?? DEFAULT_PERMISSIONS,
        ips: options.ips ?? ['*'],
        positionMode: options.positionMode ?? 'one-way',
        balances: { USDT: 10_000, ...options.balances },
        expired: options.expired ?? false,
        leverage: new Map(),
        positions: new Map(),
        protection: new Map(),
      });
    },
    addLinear(instrument, lastPrice) {
      linear.set(instrument.symbol, instrument);
      prices.set(instrument.symbol, lastPrice);
    },
    addSpot(instrument, lastPrice) {
      spot.set(instrument.symbol, instrument);
      prices.set(instrument.symbol, lastPrice);
    },
    setPrice(symbol, lastPrice) {
      prices.set(symbol, lastPrice);
    },
    setBalance(apiKey, coin, amount) {
      account(apiKey).balances[coin] = amount;
    },
    setWalletTotals(apiKey, totals) {
      walletTotals.set(apiKey, totals);
    },
    balance(apiKey, coin) {
      return account(apiKey).balances[coin] ?? 0;
    },
    position(apiKey, symbol, positionIdx = 0) {
      return account(apiKey).positions.get(symbol)?.get(positionIdx) ?? 0;
    },
    setPosition(apiKey, symbol, size, positionIdx = 0) {
      const a = account(apiKey);
      const legs = a.positions.get(symbol) ?? new Map<number, number>();
      legs.set(positionIdx, size);
      a.positions.set(symbol, legs);
    },
    leverage(apiKey, symbol) {
      return account(apiKey).leverage.get(symbol);
    },
    fillLimit(orderLinkId) {
      const order = fake.orders.find((o) => o.orderLinkId === orderLinkId && o.orderStatus === 'New');
      if (!order) throw new Error(`fake Bybit: no resting order ${orderLinkId}`);
      fillResting(order);
    },
    failNext(path, count, fault, apiKey) {
      faults.push({ path, left: count, fault, apiKey });
    },
    waitForOrders(count, timeoutMs = 10_000) {
      if (fake.orders.length >= count) return Promise.resolve(fake.orders.slice());
      return new Promise((resolve, reject) => {
        const waiter = { count, resolve };
        orderWaiters.push(waiter);
        setTimeout(() => {
          const index = orderWaiters.indexOf(waiter);
          if (index < 0) return;
          orderWaiters.splice(index, 1);
          reject(new Error(`fake Bybit: ${fake.orders.length} orders after ${timeoutMs} ms, waited for ${count}`));
        }, timeoutMs);
      });
    },
    executions: [],
    wsUrl: '',
    streamsDown: false,
    streams(apiKey) {
      return [...streams].filter((s) => s.apiKey === apiKey && s.topics.has('execution')).length;
    },
    maxStreams(apiKey) {
      return maxStreams.get(apiKey) ?? 0;
    },
    streamAuths(apiKey) {
      return streamAuths.get(apiKey) ?? 0;
    },
    dropStreams(apiKey) {
      for (const stream of streams) if (apiKey === undefined || stream.apiKey === apiKey) stream.socket.terminate();
    },
    cancelAllCalls: [],
    tradingStops: [],
    placeOutside(apiKey, order) {
      const a = account(apiKey);
      const answer = createOrder(a, { category: 'linear', orderType: 'Market', positionIdx: 0, ...order, orderLinkId: '' });
      if (answer.retCode !== 0) throw new Error(`fake Bybit: the order was refused: ${answer.retMsg}`);
      return fake.orders[fake.orders.length - 1] as FakeOrder;
    },
    cancelOutside(apiKey, orderLinkId) {
      const order = fake.orders.find((o) => o.apiKey === apiKey && o.orderLinkId === orderLinkId && o.orderStatus === 'New');
      if (!order) throw new Error(`fake Bybit: no resting order ${orderLinkId} to cancel`);
      markCancelled(order);
      return order;
    },
    setProtection(apiKey, symbol, protection) {
      const a = account(apiKey);
      const current = a.protection.get(symbol) ?? { takeProfit: '0', stopLoss: '0' };
      a.protection.set(symbol, { ...current, ...protection });
      publishPosition(a, symbol, 0, String(prices.get(symbol) ?? 0), String(Date.now()));
    },
    triggerStop(apiKey, symbol, kind, price, qty) {
      const a = account(apiKey);
      const size = a.positions.get(symbol)?.get(0) ?? 0;
      if (size === 0) throw new Error(`fake Bybit: ${apiKey} has no ${symbol} position to stop`);
      prices.set(symbol, price);
      const answer = createOrder(
        a,
        { category: 'linear', symbol, side: size > 0 ? 'Sell' : 'Buy', orderType: 'Market', qty: clean(qty ?? Math.abs(size)), reduceOnly: true, positionIdx: 0 },
        kind,
      );
      if (answer.retCode !== 0) throw new Error(`fake Bybit: the ${kind} did not fill: ${answer.retMsg}`);
      return fake.orders[fake.orders.length - 1] as FakeOrder;
    },
    addClosedPnl(apiKey, record) {
      account(apiKey);
      pastClosedPnl.push({ apiKey, record });
    },
    async close() {
      for (const stream of streams) stream.socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function account(apiKey: string): Account {
    const found = accounts.get(apiKey);
    if (!found) throw new Error(`fake Bybit: no account with key ${apiKey}`);
    return found;
  }

  function takeFault(path: string, apiKey: string | undefined): FakeBybitFault | undefined {
    const index = faults.findIndex((f) => f.path === path && f.left > 0 && (f.apiKey === undefined || f.apiKey === apiKey));
    if (index < 0) return undefined;
    const entry = faults[index] as (typeof faults)[number];
    entry.left -= 1;
    if (entry.left === 0) faults.splice(index, 1);
    return entry.fault;
  }

  type Answer = { retCode: number; retMsg: string; result: unknown };
  const ok = (result: unknown): Answer => ({ retCode: 0, retMsg: 'OK', result });
  const fail = (retCode: number, retMsg: string): Answer => ({ retCode, retMsg, result: {} });

  function authenticate(request: IncomingMessage, signed: string): { account: Account } | Answer {
    const apiKey = request.headers['x-bapi-api-key'];
    const timestamp = request.headers['x-bapi-timestamp'];
    const recvWindow = request.headers['x-bapi-recv-window'] ?? '5000';
    const sign = request.headers['x-bapi-sign'];
    if (typeof apiKey !== 'string' || typeof timestamp !== 'string' || typeof sign !== 'string' || typeof recvWindow !== 'string') {
      return fail(10003, 'API key is invalid.');
    }
    const found = accounts.get(apiKey);
    if (!found) return fail(10003, 'API key is invalid.');
    const now = Date.now();
    const ts = Number(timestamp);
    if (!Number.isFinite(ts) || ts < now - Number(recvWindow) || ts >= now + 1000) {
      return fail(10002, `invalid request, please check your server timestamp or recv_window param. req_timestamp[${timestamp}],server_timestamp[${now}],recv_window[${recvWindow}]`);
    }
    const expected = createHmac('sha256', found.secret).update(timestamp + apiKey + recvWindow + signed).digest('hex');
    if (expected.length !== sign.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(sign))) {
      return fail(10004, 'error sign! origin_string[' + timestamp + apiKey + recvWindow + signed + ']');
    }
    if (found.expired) return fail(33004, 'Your api key has expired.');
    return { account: found };
  }

  function instrumentsInfo(query: URLSearchParams): Answer {
    const category = query.get('category');
    const symbol = query.get('symbol');
    if (category === 'linear') {
      const list = [...linear.values()]
        .filter((i) => !symbol || i.symbol === symbol)
        .map((i) => ({
          symbol: i.symbol,
          contractType: 'LinearPerpetual',
          status: i.status ?? 'Trading',
          baseCoin: i.baseCoin,
          quoteCoin: 'USDT',
          settleCoin: 'USDT',
          leverageFilter: { minLeverage: '1', maxLeverage: i.maxLeverage, leverageStep: '0.01' },
          priceFilter: { minPrice: i.tickSize ?? '0.1', maxPrice: '1999999.8', tickSize: i.tickSize ?? '0.1' },
          lotSizeFilter: {
            maxOrderQty: i.maxMktOrderQty,
            maxMktOrderQty: i.maxMktOrderQty,
            minOrderQty: i.minOrderQty,
            qtyStep: i.qtyStep,
            minNotionalValue: i.minNotionalValue,
          },
        }));
      return ok({ category, list, nextPageCursor: '' });
    }
    if (category === 'spot') {
      const list = [...spot.values()]
        .filter((i) => !symbol || i.symbol === symbol)
        .map((i) => ({
          symbol: i.symbol,
          baseCoin: i.baseCoin,
          quoteCoin: 'USDT',
          status: i.status ?? 'Trading',
          lotSizeFilter: {
            basePrecision: i.basePrecision,
            quotePrecision: i.quotePrecision,
            minOrderQty: i.minOrderQty,
            maxOrderQty: i.maxMarketOrderQty,
            maxMarketOrderQty: i.maxMarketOrderQty,
            minOrderAmt: i.minOrderAmt,
            maxOrderAmt: i.maxOrderAmt,
          },
          priceFilter: { tickSize: i.tickSize ?? '0.01' },
        }));
      return ok({ category, list });
    }
    return fail(10001, 'params error: category is invalid');
  }

  function tickers(query: URLSearchParams): Answer {
    const category = query.get('category') ?? '';
    const symbol = query.get('symbol') ?? '';
    const known = category === 'linear' ? linear.has(symbol) : category === 'spot' ? spot.has(symbol) : false;
    if (!known) return fail(10001, 'params error: symbol invalid');
    const price = String(prices.get(symbol));
    return ok({ category, list: [{ symbol, lastPrice: price, bid1Price: price, ask1Price: price, markPrice: price }] });
  }

  function positionList(a: Account, query: URLSearchParams): Answer {
    if (!query.get('symbol') && query.get('settleCoin')) return openPositions(a, query);
    const symbol = query.get('symbol') ?? '';
    if (query.get('category') !== 'linear' || !linear.has(symbol)) return fail(10001, 'params error: symbol invalid');
    const legs = a.positions.get(symbol) ?? new Map<number, number>();
    const entry = (positionIdx: number, signed: number) => ({
      positionIdx,
      symbol,
      side: signed === 0 ? '' : positionIdx === 2 || (positionIdx === 0 && signed < 0) ? 'Sell' : 'Buy',
      size: clean(Math.abs(signed)),
      avgPrice: String(prices.get(symbol)),
      leverage: a.leverage.get(symbol) ?? '10',
    });
    const list = a.positionMode === 'hedge' ? [entry(1, legs.get(1) ?? 0), entry(2, legs.get(2) ?? 0)] : [entry(0, legs.get(0) ?? 0)];
    return ok({ category: 'linear', list, nextPageCursor: '' });
  }

  function setLeverage(a: Account, body: Record<string, unknown>): Answer {
    if (a.readOnly) return fail(10005, 'Permission denied, please check your API key permissions.');
    const symbol = String(body.symbol ?? '');
    const instrument = linear.get(symbol);
    if (body.category !== 'linear' || !instrument) return fail(10001, 'params error: symbol invalid');
    const wanted = String(body.buyLeverage);
    if (wanted !== String(body.sellLeverage)) return fail(10001, 'buy leverage must equal sell leverage in one-way mode');
    if (!(Number(wanted) >= 1 && Number(wanted) <= Number(instrument.maxLeverage))) return fail(10001, `leverage invalid: must be 1-${instrument.maxLeverage}`);
    if (a.leverage.get(symbol) === wanted) return fail(110043, 'leverage not modified');
    a.leverage.set(symbol, wanted);
    return ok({});
  }

  function tickOf(category: 'linear' | 'spot', symbol: string): string {
    return (category === 'linear' ? linear.get(symbol)?.tickSize : spot.get(symbol)?.tickSize) ?? (category === 'linear' ? '0.1' : '0.01');
  }

  /**
   * Order-level TP/SL as Bybit checks it: tpslMode Full or Partial; Full takes Market TP/SL
   * orders only; prices are multiples of the tick; for a Buy the take-profit is above and the
   * stop-loss below the last price (the other way round for a Sell). On spot only limit orders
   * carry TP/SL.
   */
  function checkOrderTpsl(body: Record<string, unknown>, category: 'linear' | 'spot', side: 'Buy' | 'Sell', lastPrice: number): Answer | undefined {
    const tp = body.takeProfit === undefined ? undefined : String(body.takeProfit);
    const sl = body.stopLoss === undefined ? undefined : String(body.stopLoss);
    if (tp === undefined && sl === undefined) return undefined;
    if (category === 'spot' && body.orderType !== 'Limit') return fail(170130, 'TP/SL is only supported for spot limit orders.');
    const mode = body.tpslMode;
    if (category === 'linear' && mode !== undefined && mode !== 'Full' && mode !== 'Partial') return fail(10001, 'params error: tpslMode invalid');
    for (const type of [body.tpOrderType, body.slOrderType]) {
      if (type !== undefined && type !== 'Market' && type !== 'Limit') return fail(10001, 'params error: tp/sl order type invalid');
      if (mode === 'Full' && type === 'Limit') return fail(10001, 'Full mode only supports Market TP/SL orders');
    }
    const symbol = String(body.symbol ?? '');
    const tick = tickOf(category, symbol);
    const long = side === 'Buy';
    if (tp !== undefined) {
      if (!/^\d+(\.\d+)?$/.test(tp) || !isMultiple(tp, tick)) return fail(10001, `params error: takeProfit ${tp} is not a multiple of tickSize ${tick}`);
      if (long ? Number(tp) <= lastPrice : Number(tp) >= lastPrice) {
        return fail(10001, `TakeProfit:${tp} set for ${long ? 'Buy' : 'Sell'} position should be ${long ? 'higher' : 'lower'} than base_price:${lastPrice}??LastPrice`);
      }
    }
    if (sl !== undefined) {
      if (!/^\d+(\.\d+)?$/.test(sl) || !isMultiple(sl, tick)) return fail(10001, `params error: stopLoss ${sl} is not a multiple of tickSize ${tick}`);
      if (long ? Number(sl) >= lastPrice : Number(sl) <= lastPrice) {
        return fail(10001, `StopLoss:${sl} set for ${long ? 'Buy' : 'Sell'} position should be ${long ? 'lower' : 'higher'} than base_price:${lastPrice}??LastPrice`);
      }
    }
    return undefined;
  }

  /** Order-level Full TP/SL replaces the position's whole-position TP/SL. */
  function holdOrderTpsl(a: Account, symbol: string, positionIdx: number, body: Record<string, unknown>): void {
    for (const [field, type] of [['takeProfit', 'TakeProfit'], ['stopLoss', 'StopLoss']] as const) {
      if (body[field] === undefined) continue;
      fake.conditionals = fake.conditionals.filter((c) => !(c.apiKey === a.apiKey && c.symbol === symbol && c.positionIdx === positionIdx && c.stopOrderType === type));
      fake.conditionals.push({ orderId: randomUUID(), symbol, positionIdx, stopOrderType: type, triggerPrice: String(body[field]), qty: '', apiKey: a.apiKey });
    }
  }

  /**
   * /v5/position/trading-stop as Bybit documents it: tpslMode and positionIdx required; the
   * position must exist; Full mode sets (replaces) the whole-position TP, SL and trailing stop;
   * Partial mode adds a TP/SL for tpSize/slSize (a multiple of qtyStep, at least minOrderQty, at
   * most the position; tpSize and slSize equal when both are given). TP above the last price for
   * a long, below for a short; SL the other way round.
   */
  function tradingStop(a: Account, body: Record<string, unknown>): Answer {
    const answer = setTradingStop(a, body);
    fake.tradingStops.push({ apiKey: a.apiKey, body, retCode: answer.retCode });
    return answer;
  }

  function setTradingStop(a: Account, body: Record<string, unknown>): Answer {
    if (a.readOnly) return fail(10005, 'Permission denied, please check your API key permissions.');
    const symbol = String(body.symbol ?? '');
    const instrument = linear.get(symbol);
    if (body.category !== 'linear' || !instrument) return fail(10001, 'params error: symbol invalid');
    const mode = body.tpslMode;
    if (mode !== 'Full' && mode !== 'Partial') return fail(10001, 'params error: tpslMode invalid');
    if (body.positionIdx === undefined) return fail(10001, 'params error: positionIdx is required');
    const positionIdx = Number(body.positionIdx);
    if ((a.positionMode === 'hedge') !== (positionIdx !== 0)) return fail(10001, 'position idx not match position mode');
    const size = a.positions.get(symbol)?.get(positionIdx) ?? 0;
    if (size === 0) return fail(10001, 'can not set tp/sl/ts for zero position');
    const long = positionIdx === 1 || (positionIdx === 0 && size > 0);
    const last = prices.get(symbol) ?? 0;
    const tick = instrument.tickSize ?? '0.1';
    const tp = body.takeProfit === undefined ? undefined : String(body.takeProfit);
    const sl = body.stopLoss === undefined ? undefined : String(body.stopLoss);
    for (const [name, value] of [['takeProfit', tp], ['stopLoss', sl]] as const) {
      if (value === undefined || value === '0') continue;
      if (!/^\d+(\.\d+)?$/.test(value) || !isMultiple(value, tick)) return fail(10001, `params error: ${name} invalid`);
    }
    if (tp !== undefined && tp !== '0' && (long ? Number(tp) <= last : Number(tp) >= last)) {
      return fail(10001, `TakeProfit:${tp} set for ${long ? 'Buy' : 'Sell'} position should be ${long ? 'higher' : 'lower'} than base_price:${last}??LastPrice`);
    }
    if (sl !== undefined && sl !== '0' && (long ? Number(sl) >= last : Number(sl) <= last)) {
      return fail(10001, `StopLoss:${sl} set for ${long ? 'Buy' : 'Sell'} position should be ${long ? 'lower' : 'higher'} than base_price:${last}??LastPrice`);
    }
    const keep = (c: FakeConditional) => !(c.apiKey === a.apiKey && c.symbol === symbol && c.positionIdx === positionIdx);
    const add = (stopOrderType: FakeConditional['stopOrderType'], triggerPrice: string, qty: string) =>
      fake.conditionals.push({ orderId: randomUUID(), symbol, positionIdx, stopOrderType, triggerPrice, qty, apiKey: a.apiKey });
    if (mode === 'Partial') {
      if (body.trailingStop !== undefined) return fail(10001, 'params error: trailing stop is only for Full mode');
      const tpSize = body.tpSize === undefined ? undefined : String(body.tpSize);
      const slSize = body.slSize === undefined ? undefined : String(body.slSize);
      if (tp !== undefined && tpSize === undefined) return fail(10001, 'params error: tpSize is required in Partial mode');
      if (sl !== undefined && slSize === undefined) return fail(10001, 'params error: slSize is required in Partial mode');
      if (tpSize !== undefined && slSize !== undefined && tpSize !== slSize) return fail(10001, 'params error: tpSize and slSize must be equal');
      for (const sized of [tpSize, slSize]) {
        if (sized === undefined) continue;
        if (!/^\d+(\.\d+)?$/.test(sized) || !isMultiple(sized, instrument.qtyStep)) return fail(10001, 'Qty invalid: not a multiple of qtyStep');
        if (Number(sized) < Number(instrument.minOrderQty)) return fail(10001, 'The number of contracts exceeds minimum limit allowed');
        if (Number(sized) > Math.abs(size) + 1e-12) return fail(10001, 'tp/sl size exceeds the position size');
      }
      if (tp !== undefined) add('PartialTakeProfit', tp, tpSize as string);
      if (sl !== undefined) add('PartialStopLoss', sl, slSize as string);
      return ok({});
    }
    const trailing = body.trailingStop === undefined ? undefined : String(body.trailingStop);
    if (trailing !== undefined && (!/^\d+(\.\d+)?$/.test(trailing) || !isMultiple(trailing, tick))) return fail(10001, 'params error: trailingStop invalid');
    const same = (type: FakeConditional['stopOrderType'], value: string | undefined) =>
      value === undefined || fake.conditionals.some((c) => !keep(c) && c.stopOrderType === type && c.triggerPrice === value);
    if (same('TakeProfit', tp) && same('StopLoss', sl) && same('TrailingStop', trailing)) return fail(34040, 'not modified');
    for (const [type, value] of [['TakeProfit', tp], ['StopLoss', sl], ['TrailingStop', trailing]] as const) {
      if (value === undefined) continue;
      fake.conditionals = fake.conditionals.filter((c) => keep(c) || c.stopOrderType !== type);
      if (value !== '0') add(type, value, '');
    }
    // The position's whole TP/SL changed: Bybit sends the `position` message with them.
    if (tp !== undefined || sl !== undefined) {
      const current = a.protection.get(symbol) ?? { takeProfit: '0', stopLoss: '0' };
      a.protection.set(symbol, { takeProfit: tp ?? current.takeProfit, stopLoss: sl ?? current.stopLoss });
      publishPosition(a, symbol, positionIdx, String(last), String(Date.now()));
    }
    return ok({});
  }

  function createOrder(a: Account, body: Record<string, unknown>, stopOrderType = ''): Answer {
    const category = body.category;
    const symbol = String(body.symbol ?? '');
    const side = body.side;
    const orderLinkId = typeof body.orderLinkId === 'string' ? body.orderLinkId : '';
    const qty = String(body.qty ?? '');
    if (a.readOnly) return fail(10005, 'Permission denied, please check your API key permissions.');
    if (side !== 'Buy' && side !== 'Sell') return fail(10001, 'params error: side invalid');
    if (body.orderType !== 'Market' && body.orderType !== 'Limit') return fail(10001, 'params error: orderType invalid');
    const limit = body.orderType === 'Limit';
    const limitPrice = limit ? String(body.price ?? '') : '';
    if (limit) {
      if (!/^\d+(\.\d+)?$/.test(limitPrice) || Number(limitPrice) <= 0) return fail(10001, 'params error: price is required for a Limit order');
      if (!isMultiple(limitPrice, tickOf(category === 'spot' ? 'spot' : 'linear', symbol))) return fail(10001, 'params error: price is not a multiple of tickSize');
      if (body.timeInForce !== undefined && !['GTC', 'IOC', 'FOK', 'PostOnly'].includes(String(body.timeInForce))) return fail(10001, 'params error: timeInForce invalid');
    }
    if (!/^\d+(\.\d+)?$/.test(qty)) return fail(10001, 'params error: qty invalid');
    if (orderLinkId.length > 36) return fail(10001, 'orderLinkId is too long');
    if (orderLinkId && fake.orders.some((o) => o.apiKey === a.apiKey && o.orderLinkId === orderLinkId)) {
      return category === 'spot' ? fail(170141, 'Duplicate clientOrderId.') : fail(110072, 'OrderLinkedID is duplicate');
    }
    const price = prices.get(symbol) ?? 0;
    // TP/SL of a limit order are measured from its own price.
    const tpsl = checkOrderTpsl(body, category === 'spot' ? 'spot' : 'linear', side, limit ? Number(limitPrice) : price);
    if (tpsl) return tpsl;
    let filledQty = Number(qty);
    const reduceOnly = body.reduceOnly === true;
    const positionIdx = Number(body.positionIdx ?? 0);
    let closedBefore = 0;
    // A limit order that does not cross the last price rests on the book: nothing moves yet.
    const rests = limit && (side === 'Buy' ? Number(limitPrice) < price : Number(limitPrice) > price);
    if (rests) {
      if (category !== 'linear' && category !== 'spot') return fail(10001, 'params error: category is invalid');
      if (!(category === 'linear' ? linear.get(symbol) : spot.get(symbol))) return fail(10001, 'params error: symbol invalid');
      const resting: FakeOrder = {
        orderId: randomUUID(),
        orderLinkId: orderLinkId || randomUUID().slice(0, 20),
        category,
        symbol,
        side,
        orderType: 'Limit',
        qty,
        reduceOnly,
        positionIdx,
        ...(body.takeProfit !== undefined ? { takeProfit: String(body.takeProfit) } : {}),
        ...(body.stopLoss !== undefined ? { stopLoss: String(body.stopLoss) } : {}),
        ...(typeof body.tpslMode === 'string' ? { tpslMode: body.tpslMode } : {}),
        ...(typeof body.timeInForce === 'string' ? { timeInForce: body.timeInForce } : {}),
        price: limitPrice,
        avgPrice: '0',
        cumExecQty: '0',
        cumExecFee: '0',
        orderStatus: 'New',
        stopOrderType,
        createdTime: String(Date.now()),
        updatedTime: String(Date.now()),
        apiKey: a.apiKey,
      };
      fake.orders.push(resting);
      return ok({ orderId: resting.orderId, orderLinkId: resting.orderLinkId });
    }
    if (category === 'linear') {
      const instrument = linear.get(symbol);
      if (!instrument) return fail(10001, 'params error: symbol invalid');
      if (instrument.status && instrument.status !== 'Trading') return fail(10001, 'symbol is not trading');
      if (!isMultiple(qty, instrument.qtyStep)) return fail(10001, 'Qty invalid: not a multiple of qtyStep');
      if (Number(qty) < Number(instrument.minOrderQty)) return fail(10001, 'The number of contracts exceeds minimum limit allowed');
      if (Number(qty) > Number(instrument.maxMktOrderQty)) return fail(10001, 'The number of contracts exceeds maximum limit allowed');
      if ((a.positionMode === 'hedge') !== (positionIdx !== 0)) return fail(10001, 'position idx not match position mode');
      const legs = a.positions.get(symbol) ?? new Map<number, number>();
      const current = legs.get(positionIdx) ?? 0;
      const direction = side === 'Buy' ? 1 : -1;
      if (reduceOnly) {
        // Reduce-only must shrink the position on the given side.
        const reducible = a.positionMode === 'hedge' ? (positionIdx === 1 && side === 'Sell') || (positionIdx === 2 && side === 'Buy') ? current : 0 : current * -direction > 0 ? Math.abs(current) : 0;
        if (reducible <= 0) return fail(110017, 'current position is zero, cannot fix reduce-only order qty');
        filledQty = Math.min(filledQty, reducible);
      } else {
        if (Number(qty) * price < Number(instrument.minNotionalValue)) return fail(110094, 'Order does not meet minimum order value');
        const leverage = Number(a.leverage.get(symbol) ?? '10');
        if ((Number(qty) * price) / leverage > (a.balances.USDT ?? 0)) return fail(110007, 'ab not enough for new order');
      }
      closedBefore = Math.min(Math.abs(current), filledQty) * (Math.sign(current) === -direction || reduceOnly ? 1 : 0);
      const next = a.positionMode === 'hedge'
        ? positionIdx === 1 ? current + (side === 'Buy' ? filledQty : -filledQty) : current + (side === 'Sell' ? filledQty : -filledQty)
        : current + direction * filledQty;
      legs.set(positionIdx, Number(next.toPrecision(12)));
      a.positions.set(symbol, legs);
      if (!reduceOnly) holdOrderTpsl(a, symbol, positionIdx, body);
      // Bybit cancels a position's TP/SL orders when the position is closed.
      if (next === 0) fake.conditionals = fake.conditionals.filter((c) => !(c.apiKey === a.apiKey && c.symbol === symbol && c.positionIdx === positionIdx));
    } else if (category === 'spot') {
      const instrument = spot.get(symbol);
      if (!instrument) return fail(170121, 'Invalid symbol.');
      const quote = body.marketUnit === 'quoteCoin' || (side === 'Buy' && body.marketUnit === undefined);
      if (quote) {
        if (!isMultiple(qty, instrument.quotePrecision)) return fail(170137, 'Order quantity has too many decimals.');
        if (Number(qty) < Number(instrument.minOrderAmt)) return fail(170140, 'Order value exceeded lower limit.');
        if (Number(qty) > Number(instrument.maxOrderAmt)) return fail(170140, 'Order value exceeded upper limit.');
      } else {
        if (!isMultiple(qty, instrument.basePrecision)) return fail(170137, 'Order quantity has too many decimals.');
        if (Number(qty) < Number(instrument.minOrderQty)) return fail(170136, 'Order quantity exceeded lower limit.');
        if (Number(qty) * price < Number(instrument.minOrderAmt)) return fail(170140, 'Order value exceeded lower limit.');
      }
      const baseQty = quote ? Number(qty) / price : Number(qty);
      const cost = baseQty * price;
      if (side === 'Buy') {
        if (cost > (a.balances.USDT ?? 0) + 1e-9) return fail(170131, 'Insufficient balance.');
        a.balances.USDT = Number(((a.balances.USDT ?? 0) - cost).toPrecision(12));
        a.balances[instrument.baseCoin] = Number(((a.balances[instrument.baseCoin] ?? 0) + baseQty).toPrecision(12));
      } else {
        if (baseQty > (a.balances[instrument.baseCoin] ?? 0) + 1e-12) return fail(170131, 'Insufficient balance.');
        a.balances[instrument.baseCoin] = Number(((a.balances[instrument.baseCoin] ?? 0) - baseQty).toPrecision(12));
        a.balances.USDT = Number(((a.balances.USDT ?? 0) + cost).toPrecision(12));
      }
      filledQty = baseQty;
    } else {
      return fail(10001, 'params error: category is invalid');
    }
    const order: FakeOrder = {
      orderId: randomUUID(),
      // A triggered take-profit or stop, or an order placed in Bybit's app, has no link id of the client's.
      orderLinkId: stopOrderType || body.orderLinkId === '' ? '' : orderLinkId || randomUUID().slice(0, 20),
      category,
      symbol,
      side,
      orderType: limit ? 'Limit' : 'Market',
      qty,
      ...(typeof body.marketUnit === 'string' ? { marketUnit: body.marketUnit } : {}),
      reduceOnly,
      positionIdx,
      ...(body.takeProfit !== undefined ? { takeProfit: String(body.takeProfit) } : {}),
      ...(body.stopLoss !== undefined ? { stopLoss: String(body.stopLoss) } : {}),
      ...(typeof body.tpslMode === 'string' ? { tpslMode: body.tpslMode } : {}),
      ...(typeof body.timeInForce === 'string' ? { timeInForce: body.timeInForce } : {}),
      ...(limit ? { price: limitPrice } : {}),
      avgPrice: String(price),
      cumExecQty: clean(filledQty),
      cumExecFee: clean(filledQty * price * feeRateOf(category)),
      orderStatus: 'Filled',
      stopOrderType,
      createdTime: String(Date.now()),
      updatedTime: String(Date.now()),
      apiKey: a.apiKey,
    };
    fake.orders.push(order);
    recordFill(a, order, filledQty, price, category === 'linear' ? closedBefore : 0);
    for (const waiter of orderWaiters.slice()) {
      if (fake.orders.length >= waiter.count) {
        orderWaiters.splice(orderWaiters.indexOf(waiter), 1);
        waiter.resolve(fake.orders.slice());
      }
    }
    return ok({ orderId: order.orderId, orderLinkId: order.orderLinkId });
  }

  function feeRateOf(category: unknown): number {
    return category === 'spot' ? 0.001 : 0.00055;
  }

  /** A fill: kept for /v5/execution/list and sent to the key's subscribed connections. */
  function recordFill(a: Account, order: FakeOrder, filledQty: number, price: number, closedSize: number): void {
    const execution: FakeExecution = {
      execId: randomUUID(),
      orderId: order.orderId,
      orderLinkId: order.orderLinkId,
      category: order.category,
      symbol: order.symbol,
      side: order.side,
      orderType: order.orderType,
      stopOrderType: order.stopOrderType,
      execType: 'Trade',
      execPrice: String(price),
      execQty: clean(filledQty),
      execValue: clean(filledQty * price),
      execFee: order.cumExecFee,
      feeRate: String(feeRateOf(order.category)),
      closedSize: clean(closedSize),
      execTime: order.updatedTime,
      apiKey: a.apiKey,
    };
    fake.executions.push(execution);
    const { apiKey: _apiKey, ...executionView } = execution;
    publish(a.apiKey, 'order', [{ ...orderView(order), price: '0', leavesQty: '0', isLeverage: '', cancelType: 'UNKNOWN', rejectReason: 'EC_NoError', timeInForce: 'IOC' }]);
    publish(a.apiKey, 'execution', [{ ...executionView, orderPrice: String(price), orderQty: order.qty, leavesQty: '0', isMaker: false, markPrice: String(price), indexPrice: '', underlyingPrice: '', blockTradeId: '', seq: fake.executions.length }]);
    if (order.category === 'linear') {
      if (order.reduceOnly === false && (order.takeProfit !== undefined || order.stopLoss !== undefined)) {
        a.protection.set(order.symbol, { takeProfit: order.takeProfit ?? '0', stopLoss: order.stopLoss ?? '0' });
      }
      if ((a.positions.get(order.symbol)?.get(order.positionIdx) ?? 0) === 0) a.protection.delete(order.symbol);
      publishPosition(a, order.symbol, order.positionIdx, String(price), order.updatedTime);
    }
    const coins = Object.entries(a.balances).map(([coin, amount]) => ({ coin, equity: clean(amount), walletBalance: clean(amount), usdValue: '', locked: '0' }));
    publish(a.apiKey, 'wallet', [{ accountType: 'UNIFIED', totalEquity: clean(a.balances.USDT ?? 0), coin: coins }]);
  }

  function publishPosition(a: Account, symbol: string, positionIdx: number, price: string, updatedTime: string): void {
    const size = a.positions.get(symbol)?.get(positionIdx) ?? 0;
    const protection = a.protection.get(symbol) ?? { takeProfit: '0', stopLoss: '0' };
    publish(a.apiKey, 'position', [
      {
        category: 'linear',
        symbol,
        positionIdx,
        side: size === 0 ? '' : size > 0 ? 'Buy' : 'Sell',
        size: clean(Math.abs(size)),
        entryPrice: size === 0 ? '0' : price,
        markPrice: price,
        leverage: a.leverage.get(symbol) ?? '10',
        positionValue: clean(Math.abs(size) * Number(price)),
        unrealisedPnl: '0',
        cumRealisedPnl: '0',
        takeProfit: protection.takeProfit,
        stopLoss: protection.stopLoss,
        trailingStop: '0',
        tpslMode: 'Full',
        positionStatus: 'Normal',
        createdTime: updatedTime,
        updatedTime,
        seq: fake.executions.length,
      },
    ]);
  }

  function publish(apiKey: string, topic: string, data: unknown[]): void {
    const message = JSON.stringify({ id: randomUUID(), topic, creationTime: Date.now(), data });
    for (const stream of streams) if (stream.apiKey === apiKey && stream.topics.has(topic)) stream.socket.send(message);
  }

  /** GET /v5/execution/list: newest first, by category and an optional time window, paged by cursor. */
  function executionList(a: Account, query: URLSearchParams): Answer {
    const category = query.get('category');
    if (category !== 'linear' && category !== 'spot') return fail(10001, 'params error: category is invalid');
    const symbol = query.get('symbol');
    const start = Number(query.get('startTime') ?? 0);
    const end = Number(query.get('endTime') ?? Number.MAX_SAFE_INTEGER);
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
    const offset = Number(query.get('cursor') || 0);
    const matching = fake.executions
      .filter((e) => e.apiKey === a.apiKey && e.category === category && (!symbol || e.symbol === symbol))
      .filter((e) => Number(e.execTime) >= start && Number(e.execTime) <= end)
      .reverse();
    const page = matching.slice(offset, offset + limit).map(({ apiKey: _apiKey, ...view }) => view);
    const nextPageCursor = offset + limit < matching.length ? String(offset + limit) : '';
    return ok({ category, list: page, nextPageCursor });
  }

  interface ReplayedLeg {
    /** Signed size as replayed from the fills (+ long, - short). */
    size: number;
    entry: number;
  }

  /** A closed-PnL record as Bybit lists it (all numbers as strings). */
  type ClosedPnlRecord = Record<string, string>;

  /**
   * The key's linear fills replayed in order: each leg's average entry price, and a closed-PnL
   * record for every fill that reduced a position (as Bybit writes one per closing order).
   * Closed PnL is Bybit's: the price difference on the closed size less the closing fee and the
   * opening fee of that size.
   */
  function replayLinear(a: Account): { legs: Map<string, ReplayedLeg>; closed: ClosedPnlRecord[] } {
    const legs = new Map<string, ReplayedLeg>();
    const closed: ClosedPnlRecord[] = [];
    const feeRate = feeRateOf('linear');
    for (const execution of fake.executions) {
      if (execution.apiKey !== a.apiKey || execution.category !== 'linear') continue;
      const order = fake.orders.find((o) => o.orderId === execution.orderId);
      const positionIdx = order?.positionIdx ?? 0;
      const key = `${execution.symbol}|${positionIdx}`;
      const leg = legs.get(key) ?? { size: 0, entry: 0 };
      const qty = Number(execution.execQty);
      const price = Number(execution.execPrice);
      const direction = execution.side === 'Buy' ? 1 : -1;
      if (qty > 0 && leg.size !== 0 && Math.sign(leg.size) !== direction) {
        const closing = Math.min(Math.abs(leg.size), qty);
        const gross = (price - leg.entry) * closing * Math.sign(leg.size);
        const fees = Number(execution.execFee) * (closing / qty) + leg.entry * closing * feeRate;
        closed.push({
          symbol: execution.symbol,
          orderId: execution.orderId,
          side: execution.side,
          qty: order?.qty ?? execution.execQty,
          orderPrice: execution.execPrice,
          orderType: execution.orderType,
          execType: 'Trade',
          closedSize: clean(closing),
          cumEntryValue: clean(leg.entry * closing),
          avgEntryPrice: clean(leg.entry),
          cumExitValue: clean(price * closing),
          avgExitPrice: clean(price),
          closedPnl: clean(gross - fees),
          fillCount: '1',
          leverage: a.leverage.get(execution.symbol) ?? '10',
          createdTime: execution.execTime,
          updatedTime: execution.execTime,
        });
        const rest = qty - closing;
        leg.size = Number((leg.size + direction * closing).toPrecision(12));
        if (rest > 0) leg.size = Number((direction * rest).toPrecision(12));
        leg.entry = leg.size === 0 ? 0 : rest > 0 ? price : leg.entry;
      } else if (qty > 0) {
        const next = Math.abs(leg.size) + qty;
        leg.entry = (leg.entry * Math.abs(leg.size) + price * qty) / next;
        leg.size = Number((leg.size + direction * qty).toPrecision(12));
      }
      legs.set(key, leg);
    }
    return { legs, closed };
  }

  /** A position as /v5/position/list gives it; entry from the replayed fills (the last price for a position set by a test). */
  function positionView(a: Account, symbol: string, positionIdx: number, signed: number, replayed: ReplayedLeg | undefined) {
    const mark = prices.get(symbol) ?? 0;
    const size = Math.abs(signed);
    const long = positionIdx === 1 || (positionIdx === 0 && signed > 0);
    const entry = replayed && Math.abs(replayed.size) === size && size > 0 ? replayed.entry : mark;
    const protection = a.protection.get(symbol) ?? { takeProfit: '0', stopLoss: '0' };
    return {
      positionIdx,
      riskId: 1,
      riskLimitValue: '2000000',
      symbol,
      side: size === 0 ? '' : long ? 'Buy' : 'Sell',
      size: clean(size),
      avgPrice: clean(size === 0 ? 0 : entry),
      positionValue: clean(size * entry),
      tradeMode: 0,
      autoAddMargin: 0,
      positionStatus: 'Normal',
      leverage: a.leverage.get(symbol) ?? '10',
      markPrice: clean(mark),
      liqPrice: '',
      bustPrice: '',
      positionIM: '',
      positionMM: '',
      positionBalance: '',
      takeProfit: protection.takeProfit,
      stopLoss: protection.stopLoss,
      trailingStop: '0',
      sessionAvgPrice: '',
      unrealisedPnl: clean((mark - entry) * size * (long ? 1 : -1)),
      curRealisedPnl: '0',
      cumRealisedPnl: '0',
      adlRankIndicator: size === 0 ? 0 : 2,
      isReduceOnly: false,
      mmrSysUpdatedTime: '',
      leverageSysUpdatedTime: '',
      createdTime: String(Date.now()),
      updatedTime: String(Date.now()),
      seq: fake.executions.length,
    };
  }

  /**
   * GET /v5/position/list without a symbol, with settleCoin: the positions of size > 0 settled in
   * that coin (USDT for every linear symbol here), by symbol, paged by cursor ([1, 200], default 20).
   */
  function openPositions(a: Account, query: URLSearchParams): Answer {
    if (query.get('category') !== 'linear') return fail(10001, 'params error: category is invalid');
    const limit = Number(query.get('limit') ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) return fail(10001, 'params error: limit is invalid');
    const offset = Number(query.get('cursor') || 0);
    if (!Number.isInteger(offset) || offset < 0) return fail(10001, 'params error: cursor is invalid');
    const { legs } = replayLinear(a);
    const open = query.get('settleCoin') !== 'USDT'
      ? []
      : [...a.positions.entries()]
          .filter(([symbol]) => linear.has(symbol))
          .sort(([x], [y]) => x.localeCompare(y))
          .flatMap(([symbol, sizes]) =>
            [...sizes.entries()]
              .filter(([, signed]) => signed !== 0)
              .sort(([x], [y]) => x - y)
              .map(([positionIdx, signed]) => positionView(a, symbol, positionIdx, signed, legs.get(`${symbol}|${positionIdx}`))),
          );
    const list = open.slice(offset, offset + limit);
    return ok({ category: 'linear', list, nextPageCursor: offset + limit < open.length ? String(offset + limit) : '' });
  }

  const SEVEN_DAYS_MS = 7 * 86_400_000;

  /**
   * GET /v5/position/closed-pnl as Bybit documents it: newest first by createdTime; no times = the
   * last 7 days, only startTime = 7 days from it, only endTime = 7 days up to it, both = at most
   * 7 days apart (else 10001); limit [1, 100] (default 50), paged by cursor.
   */
  function closedPnl(a: Account, query: URLSearchParams): Answer {
    const category = query.get('category');
    if (category !== 'linear' && category !== 'inverse') return fail(10001, 'params error: category is invalid');
    const limit = Number(query.get('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return fail(10001, 'params error: limit is invalid');
    const startParam = query.get('startTime');
    const endParam = query.get('endTime');
    let start: number;
    let end: number;
    if (startParam !== null && endParam !== null) {
      start = Number(startParam);
      end = Number(endParam);
      if (!(end >= start)) return fail(10001, 'params error: startTime must be before endTime');
      if (end - start > SEVEN_DAYS_MS) return fail(10001, 'params error: The time range between startTime and endTime cannot exceed 7 days');
    } else if (startParam !== null) {
      start = Number(startParam);
      end = start + SEVEN_DAYS_MS;
    } else if (endParam !== null) {
      end = Number(endParam);
      start = end - SEVEN_DAYS_MS;
    } else {
      end = Date.now();
      start = end - SEVEN_DAYS_MS;
    }
    const offset = Number(query.get('cursor') || 0);
    if (!Number.isInteger(offset) || offset < 0) return fail(10001, 'params error: cursor is invalid');
    const symbol = query.get('symbol');
    const past = pastClosedPnl
      .filter((entry) => entry.apiKey === a.apiKey)
      .map(({ record }): ClosedPnlRecord => ({
        symbol: record.symbol,
        orderId: randomUUIDFor(record),
        side: record.side,
        qty: record.qty,
        orderPrice: record.avgExitPrice,
        orderType: 'Market',
        execType: 'Trade',
        closedSize: record.qty,
        cumEntryValue: clean(Number(record.avgEntryPrice) * Number(record.qty)),
        avgEntryPrice: record.avgEntryPrice,
        cumExitValue: clean(Number(record.avgExitPrice) * Number(record.qty)),
        avgExitPrice: record.avgExitPrice,
        closedPnl: record.closedPnl,
        fillCount: '1',
        leverage: record.leverage ?? '10',
        createdTime: String(record.closedAt),
        updatedTime: String(record.closedAt),
      }));
    const matching = (category === 'linear' ? [...replayLinear(a).closed, ...past] : [])
      .filter((r) => (!symbol || r.symbol === symbol) && Number(r.createdTime) >= start && Number(r.createdTime) <= end)
      .sort((x, y) => Number(y.createdTime) - Number(x.createdTime));
    const list = matching.slice(offset, offset + limit);
    return ok({ category, list, nextPageCursor: offset + limit < matching.length ? String(offset + limit) : '' });
  }

  /** A stable order id for a past record, so paging twice lists the same ids. */
  function randomUUIDFor(record: FakeClosedPnlInput): string {
    return createHmac('sha256', 'closed-pnl').update(JSON.stringify(record)).digest('hex').slice(0, 32);
  }

  /** Unrealised PnL of the key's linear positions, in USDT (wallet-balance's totalPerpUPL). */
  function perpUnrealised(a: Account): number {
    const { legs } = replayLinear(a);
    let total = 0;
    for (const [symbol, sizes] of a.positions) {
      for (const [positionIdx, signed] of sizes) {
        if (signed !== 0) total += Number(positionView(a, symbol, positionIdx, signed, legs.get(`${symbol}|${positionIdx}`)).unrealisedPnl);
      }
    }
    return total;
  }

  /**
   * GET /v5/order/history: by link id or order id, else the orders updated in a time window,
   * newest first, `limit` a page (1-50, default 20) with `nextPageCursor`.
   */
  function orderHistory(a: Account, query: URLSearchParams): Answer {
    const start = Number(query.get('startTime') ?? 0);
    const end = Number(query.get('endTime') ?? Number.MAX_SAFE_INTEGER);
    const limit = Math.min(50, Math.max(1, Number(query.get('limit') ?? 20)));
    const offset = Number(query.get('cursor') || 0);
    const answer = realtime(a, query) as { retCode: number; retMsg: string; result: { category: string; list: FakeOrder[]; nextPageCursor: string } };
    const matching = answer.result.list
      .filter((o) => o.orderStatus !== undefined && o.orderStatus !== ('Untriggered' as string))
      .filter((o) => Number(o.updatedTime) >= start && Number(o.updatedTime) <= end)
      .reverse();
    const list = matching.slice(offset, offset + limit).map((o) => ({ cancelType: 'UNKNOWN', rejectReason: 'EC_NoError', ...o }));
    return ok({ ...answer.result, list, nextPageCursor: offset + limit < matching.length ? String(offset + limit) : '' });
  }

  /** /v5/order/cancel: a resting order by orderId or orderLinkId; 110001 when there is none to cancel. */
  function cancelOrder(a: Account, body: Record<string, unknown>): Answer {
    const found = fake.orders.find(
      (o) =>
        o.apiKey === a.apiKey &&
        o.category === body.category &&
        o.symbol === body.symbol &&
        ((body.orderLinkId !== undefined && o.orderLinkId === body.orderLinkId) || (body.orderId !== undefined && o.orderId === body.orderId)),
    );
    if (!found || found.orderStatus !== 'New') {
      return body.category === 'spot' ? fail(170213, 'Order does not exist.') : fail(110001, 'order not exists or too late to cancel');
    }
    markCancelled(found);
    return ok({ orderId: found.orderId, orderLinkId: found.orderLinkId });
  }

  /** A resting order cancelled (by the API or the app): its status, time and cancel type, and the `order` message. */
  function markCancelled(order: FakeOrder): void {
    order.orderStatus = 'Cancelled';
    order.cancelType = 'CancelByUser';
    order.updatedTime = String(Date.now());
    publish(order.apiKey, 'order', [{ ...orderView(order), leavesQty: '0', rejectReason: 'EC_NoError' }]);
  }

  /** /v5/order/cancel-all: every resting order of the symbol (category and symbol required here). */
  function cancelAll(a: Account, body: Record<string, unknown>): Answer {
    if (body.category !== 'linear' && body.category !== 'spot') return fail(10001, 'params error: category is invalid');
    if (typeof body.symbol !== 'string' || !body.symbol) return fail(10001, 'params error: symbol, baseCoin or settleCoin is required');
    fake.cancelAllCalls.push({ apiKey: a.apiKey, category: String(body.category), symbol: body.symbol });
    const cancelled = fake.orders.filter((o) => o.apiKey === a.apiKey && o.category === body.category && o.symbol === body.symbol && o.orderStatus === 'New');
    for (const order of cancelled) markCancelled(order);
    return ok({ list: cancelled.map((o) => ({ orderId: o.orderId, orderLinkId: o.orderLinkId })), success: '1' });
  }

  /** Fills a resting limit order at its price, as the market reaching it would. */
  function fillResting(order: FakeOrder): void {
    const a = account(order.apiKey);
    const price = Number(order.price ?? order.avgPrice);
    order.orderStatus = 'Filled';
    order.avgPrice = String(price);
    order.cumExecQty = order.qty;
    order.cumExecFee = clean(Number(order.qty) * price * feeRateOf(order.category));
    order.updatedTime = String(Date.now());
    if (order.category === 'linear') {
      const legs = a.positions.get(order.symbol) ?? new Map<number, number>();
      legs.set(order.positionIdx, Number(((legs.get(order.positionIdx) ?? 0) + (order.side === 'Buy' ? 1 : -1) * Number(order.qty)).toPrecision(12)));
      a.positions.set(order.symbol, legs);
    }
    recordFill(a, order, Number(order.qty), price, 0);
  }

  function orderView(order: FakeOrder) {
    const { apiKey: _apiKey, ...view } = order;
    return view;
  }

  function realtime(a: Account, query: URLSearchParams): Answer {
    const orderLinkId = query.get('orderLinkId');
    const orderId = query.get('orderId');
    const list = fake.orders
      .filter((o) => o.apiKey === a.apiKey && o.category === query.get('category'))
      .filter((o) => (!orderLinkId || o.orderLinkId === orderLinkId) && (!orderId || o.orderId === orderId))
      .map(orderView);
    const symbol = query.get('symbol');
    const untriggered =
      query.get('category') === 'linear' && !orderLinkId && !orderId
        ? fake.conditionals
            .filter((c) => c.apiKey === a.apiKey && (!symbol || c.symbol === symbol))
            .map((c) => ({
              orderId: c.orderId,
              orderLinkId: '',
              symbol: c.symbol,
              positionIdx: c.positionIdx,
              stopOrderType: c.stopOrderType,
              triggerPrice: c.triggerPrice,
              qty: c.qty || '0',
              orderStatus: 'Untriggered',
              orderType: 'Market',
              reduceOnly: true,
            }))
        : [];
    return ok({ category: query.get('category'), list: [...list, ...untriggered], nextPageCursor: '' });
  }

  function walletBalance(a: Account, query: URLSearchParams): Answer {
    if (query.get('accountType') !== 'UNIFIED') return fail(10001, 'accountType only support UNIFIED');
    const wanted = query.get('coin')?.split(',');
    const coin = Object.entries(a.balances)
      .filter(([name]) => !wanted || wanted.includes(name))
      .map(([name, amount]) => ({ coin: name, walletBalance: clean(amount), locked: '0', equity: clean(amount), usdValue: '', unrealisedPnl: name === 'USDT' ? clean(perpUnrealised(a)) : '0' }));
    // Unified account totals in USD: equity is every coin at its last price; available is the USDT.
    const valued = Object.entries(a.balances).reduce((sum, [name, amount]) => sum + amount * (name === 'USDT' ? 1 : (prices.get(`${name}USDT`) ?? 0)), 0);
    const totals = walletTotals.get(a.apiKey) ?? {};
    const totalEquity = clean(totals.totalEquity ?? valued);
    return ok({
      list: [
        {
          accountType: 'UNIFIED',
          totalEquity,
          totalWalletBalance: totalEquity,
          totalMarginBalance: totalEquity,
          totalAvailableBalance: clean(totals.totalAvailableBalance ?? a.balances.USDT ?? 0),
          totalPerpUPL: clean(perpUnrealised(a)),
          totalInitialMargin: '0',
          totalMaintenanceMargin: '0',
          coin,
        },
      ],
    });
  }

  function queryApi(a: Account): Answer {
    return ok({
      id: '1',
      note: 'hookbot',
      apiKey: a.apiKey,
      readOnly: a.readOnly ? 1 : 0,
      secret: '',
      permissions: a.permissions,
      ips: a.ips,
      type: 1,
      deadlineDay: 90,
      expiredAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
      createdAt: new Date().toISOString(),
      unified: 0,
      uta: 1,
      userID: 1,
      isMaster: true,
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const rawQuery = (request.url ?? '').includes('?') ? (request.url ?? '').slice((request.url ?? '').indexOf('?') + 1) : '';
    const body = await readBody(request);
    const call: FakeCall = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: rawQuery,
      body,
      apiKey: typeof request.headers['x-bapi-api-key'] === 'string' ? request.headers['x-bapi-api-key'] : undefined,
      at: Date.now(),
      retCode: undefined,
      httpStatus: 0,
    };
    fake.calls.push(call);
    if (fake.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.latencyMs));
    if (fake.down) {
      request.socket.destroy();
      return;
    }
    const fault = takeFault(url.pathname, call.apiKey);
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'drop') {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'http') {
      call.httpStatus = fault.status;
      response.writeHead(fault.status, { 'content-type': 'text/html' }).end(`<html>${fault.status}</html>`);
      return;
    }
    let answer: Answer;
    if (fault?.kind === 'retCode') {
      answer = fail(fault.retCode, fault.retMsg);
    } else if (fault?.kind === 'hide') {
      answer = ok({ category: url.searchParams.get('category'), list: [], nextPageCursor: '' });
    } else {
      answer = route(request, url, rawQuery, body);
    }
    call.retCode = answer.retCode;
    if (fault?.kind === 'dropAfter' || request.socket.destroyed) {
      request.socket.destroy();
      return;
    }
    call.httpStatus = 200;
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ...answer, retExtInfo: {}, time: Date.now() }));
  }

  function route(request: IncomingMessage, url: URL, rawQuery: string, body: string): Answer {
    const query = url.searchParams;
    const key = `${request.method} ${url.pathname}`;
    switch (key) {
      case 'GET /v5/market/time':
        return ok({ timeSecond: String(Math.floor(Date.now() / 1000)), timeNano: `${Date.now()}000000` });
      case 'GET /v5/market/instruments-info':
        return instrumentsInfo(query);
      case 'GET /v5/market/tickers':
        return tickers(query);
      default:
        break;
    }
    const signed = privateRoutes[key];
    if (!signed) return fail(10001, `fake Bybit does not serve ${key}`);
    const auth = authenticate(request, request.method === 'GET' ? rawQuery : body);
    if (!('account' in auth)) return auth;
    if (signed.method === 'GET') return signed.answer(auth.account, query);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return fail(10001, 'params error: body is not JSON');
    }
    return signed.answer(auth.account, parsed);
  }

  /** The signed endpoints, by method and path: a GET answers from the query, a POST from its JSON body. */
  const privateRoutes: Record<
    string,
    { method: 'GET'; answer: (a: Account, query: URLSearchParams) => Answer } | { method: 'POST'; answer: (a: Account, body: Record<string, unknown>) => Answer }
  > = {
    'GET /v5/account/wallet-balance': { method: 'GET', answer: walletBalance },
    'GET /v5/position/list': { method: 'GET', answer: positionList },
    'POST /v5/position/set-leverage': { method: 'POST', answer: setLeverage },
    'POST /v5/order/create': { method: 'POST', answer: (a, body) => createOrder(a, body) },
    'POST /v5/position/trading-stop': { method: 'POST', answer: tradingStop },
    'POST /v5/order/cancel': { method: 'POST', answer: cancelOrder },
    'POST /v5/order/cancel-all': { method: 'POST', answer: cancelAll },
    'GET /v5/order/realtime': { method: 'GET', answer: realtime },
    'GET /v5/order/history': { method: 'GET', answer: orderHistory },
    'GET /v5/execution/list': { method: 'GET', answer: executionList },
    'GET /v5/user/query-api': { method: 'GET', answer: (a) => queryApi(a) },
    'GET /v5/position/closed-pnl': { method: 'GET', answer: closedPnl },
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    if (fake.streamsDown || new URL(request.url ?? '/', 'http://fake').pathname !== '/v5/private') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serveStream(ws));
  });

  function serveStream(socket: WebSocket): void {
    const state: StreamState = { socket, connId: randomUUID(), apiKey: undefined, topics: new Set() };
    streams.add(state);
    socket.on('close', () => streams.delete(state));
    socket.on('error', () => streams.delete(state));
    const reply = (message: Record<string, unknown>) => socket.send(JSON.stringify({ ...message, conn_id: state.connId }));
    socket.on('message', (raw) => {
      let request: { op?: unknown; args?: unknown; req_id?: unknown };
      try {
        request = JSON.parse(String(raw)) as typeof request;
      } catch {
        reply({ success: false, ret_msg: 'Invalid request', op: '' });
        return;
      }
      const reqId = typeof request.req_id === 'string' ? { req_id: request.req_id } : {};
      const args = Array.isArray(request.args) ? (request.args as unknown[]) : [];
      if (request.op === 'ping') {
        reply({ ...reqId, op: 'pong', args: [String(Date.now())] });
      } else if (request.op === 'auth') {
        const [apiKey, expires, signature] = args;
        const found = typeof apiKey === 'string' ? accounts.get(apiKey) : undefined;
        const expected = found ? createHmac('sha256', found.secret).update(`GET/realtime${String(expires)}`).digest('hex') : '';
        if (!found || typeof signature !== 'string' || signature !== expected) {
          reply({ ...reqId, success: false, ret_msg: 'Invalid apikey or signature', op: 'auth' });
        } else if (!(Number(expires) > Date.now())) {
          reply({ ...reqId, success: false, ret_msg: 'Params Error: request expired', op: 'auth' });
        } else {
          state.apiKey = found.apiKey;
          streamAuths.set(found.apiKey, (streamAuths.get(found.apiKey) ?? 0) + 1);
          const open = [...streams].filter((s) => s.apiKey === found.apiKey).length;
          maxStreams.set(found.apiKey, Math.max(maxStreams.get(found.apiKey) ?? 0, open));
          reply({ ...reqId, success: true, ret_msg: '', op: 'auth' });
        }
      } else if (request.op === 'subscribe') {
        if (!state.apiKey) {
          reply({ ...reqId, success: false, ret_msg: 'Request not authorized', op: 'subscribe' });
          return;
        }
        for (const topic of args) if (typeof topic === 'string') state.topics.add(topic);
        reply({ ...reqId, success: true, ret_msg: '', op: 'subscribe' });
      } else {
        reply({ ...reqId, success: false, ret_msg: `Unsupported op ${String(request.op)}`, op: String(request.op) });
      }
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.wsUrl = `${fake.url.replace('http://', 'ws://')}/v5/private`;
  return fake;
}

/** The instruments most tests use, with Bybit's real filters for them. */
export function addStandardMarkets(fake: FakeBybit): void {
  fake.addLinear({ symbol: 'BTCUSDT', baseCoin: 'BTC', qtyStep: '0.001', minOrderQty: '0.001', maxMktOrderQty: '119', minNotionalValue: '5', maxLeverage: '100' }, 50_000);
  fake.addLinear({ symbol: 'ETHUSDT', baseCoin: 'ETH', qtyStep: '0.01', minOrderQty: '0.01', maxMktOrderQty: '724', minNotionalValue: '5', maxLeverage: '100' }, 3_000);
  fake.addLinear({ symbol: 'DOGEUSDT', baseCoin: 'DOGE', qtyStep: '1', minOrderQty: '1', maxMktOrderQty: '2000000', minNotionalValue: '5', maxLeverage: '75' }, 0.1);
  fake.addSpot({ symbol: 'BTCUSDT', baseCoin: 'BTC', basePrecision: '0.000001', quotePrecision: '0.00000001', minOrderQty: '0.000048', maxMarketOrderQty: '83', minOrderAmt: '1', maxOrderAmt: '2000000' }, 50_000);
  fake.addSpot({ symbol: 'ETHUSDT', baseCoin: 'ETH', basePrecision: '0.00001', quotePrecision: '0.0000001', minOrderQty: '0.00062', maxMarketOrderQty: '1229', minOrderAmt: '1', maxOrderAmt: '2000000' }, 3_000);
}
