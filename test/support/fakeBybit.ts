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
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  avgPrice: string;
  cumExecQty: string;
  orderStatus: 'Filled';
  createdTime: string;
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
}

export interface FakeBybit {
  url: string;
  calls: FakeCall[];
  orders: FakeOrder[];
  addAccount(options: FakeAccountOptions): void;
  addLinear(instrument: FakeLinearInstrument, lastPrice: number): void;
  addSpot(instrument: FakeSpotInstrument, lastPrice: number): void;
  setPrice(symbol: string, lastPrice: number): void;
  setBalance(apiKey: string, coin: string, amount: number): void;
  balance(apiKey: string, coin: string): number;
  /** Signed position size (one-way), or the leg's size in hedge mode with idx 1/2. */
  position(apiKey: string, symbol: string, positionIdx?: number): number;
  setPosition(apiKey: string, symbol: string, size: number, positionIdx?: number): void;
  leverage(apiKey: string, symbol: string): string | undefined;
  /** The next `count` requests to `path` (e.g. '/v5/order/create') get this fault. */
  failNext(path: string, count: number, fault: FakeBybitFault): void;
  /** Every request fails at the socket until set back to false: the exchange is unreachable. */
  down: boolean;
  /** Added before every answer. */
  latencyMs: number;
  /** Resolves once `count` orders exist in total. */
  waitForOrders(count: number, timeoutMs?: number): Promise<FakeOrder[]>;
  close(): Promise<void>;
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
  const faults: Array<{ path: string; left: number; fault: FakeBybitFault }> = [];
  const orderWaiters: Array<{ count: number; resolve: (orders: FakeOrder[]) => void }> = [];

  const fake: FakeBybit = {
    url: '',
    calls: [],
    orders: [],
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
    failNext(path, count, fault) {
      faults.push({ path, left: count, fault });
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
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function account(apiKey: string): Account {
    const found = accounts.get(apiKey);
    if (!found) throw new Error(`fake Bybit: no account with key ${apiKey}`);
    return found;
  }

  function takeFault(path: string): FakeBybitFault | undefined {
    const index = faults.findIndex((f) => f.path === path && f.left > 0);
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
          priceFilter: { minPrice: '0.1', maxPrice: '1999999.8', tickSize: '0.1' },
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
          priceFilter: { tickSize: '0.01' },
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

  function createOrder(a: Account, body: Record<string, unknown>): Answer {
    const category = body.category;
    const symbol = String(body.symbol ?? '');
    const side = body.side;
    const orderLinkId = typeof body.orderLinkId === 'string' ? body.orderLinkId : '';
    const qty = String(body.qty ?? '');
    if (a.readOnly) return fail(10005, 'Permission denied, please check your API key permissions.');
    if (side !== 'Buy' && side !== 'Sell') return fail(10001, 'params error: side invalid');
    if (body.orderType !== 'Market') return fail(10001, 'this fake only fills Market orders');
    if (!/^\d+(\.\d+)?$/.test(qty)) return fail(10001, 'params error: qty invalid');
    if (orderLinkId.length > 36) return fail(10001, 'orderLinkId is too long');
    if (orderLinkId && fake.orders.some((o) => o.apiKey === a.apiKey && o.orderLinkId === orderLinkId)) {
      return category === 'spot' ? fail(170141, 'Duplicate clientOrderId.') : fail(110072, 'OrderLinkedID is duplicate');
    }
    const price = prices.get(symbol) ?? 0;
    let filledQty = Number(qty);
    const reduceOnly = body.reduceOnly === true;
    const positionIdx = Number(body.positionIdx ?? 0);
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
      const next = a.positionMode === 'hedge'
        ? positionIdx === 1 ? current + (side === 'Buy' ? filledQty : -filledQty) : current + (side === 'Sell' ? filledQty : -filledQty)
        : current + direction * filledQty;
      legs.set(positionIdx, Number(next.toPrecision(12)));
      a.positions.set(symbol, legs);
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
      orderLinkId: orderLinkId || randomUUID().slice(0, 20),
      category,
      symbol,
      side,
      orderType: 'Market',
      qty,
      ...(typeof body.marketUnit === 'string' ? { marketUnit: body.marketUnit } : {}),
      reduceOnly,
      positionIdx,
      ...(body.takeProfit !== undefined ? { takeProfit: String(body.takeProfit) } : {}),
      ...(body.stopLoss !== undefined ? { stopLoss: String(body.stopLoss) } : {}),
      avgPrice: String(price),
      cumExecQty: clean(filledQty),
      orderStatus: 'Filled',
      createdTime: String(Date.now()),
      apiKey: a.apiKey,
    };
    fake.orders.push(order);
    for (const waiter of orderWaiters.slice()) {
      if (fake.orders.length >= waiter.count) {
        orderWaiters.splice(orderWaiters.indexOf(waiter), 1);
        waiter.resolve(fake.orders.slice());
      }
    }
    return ok({ orderId: order.orderId, orderLinkId: order.orderLinkId });
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
    return ok({ category: query.get('category'), list, nextPageCursor: '' });
  }

  function walletBalance(a: Account, query: URLSearchParams): Answer {
    if (query.get('accountType') !== 'UNIFIED') return fail(10001, 'accountType only support UNIFIED');
    const wanted = query.get('coin')?.split(',');
    const coin = Object.entries(a.balances)
      .filter(([name]) => !wanted || wanted.includes(name))
      .map(([name, amount]) => ({ coin: name, walletBalance: clean(amount), locked: '0', equity: clean(amount), usdValue: '' }));
    return ok({ list: [{ accountType: 'UNIFIED', coin }] });
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
    const fault = takeFault(url.pathname);
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
    const privatePaths = new Set([
      'GET /v5/account/wallet-balance',
      'GET /v5/position/list',
      'POST /v5/position/set-leverage',
      'POST /v5/order/create',
      'GET /v5/order/realtime',
      'GET /v5/order/history',
      'GET /v5/user/query-api',
    ]);
    if (!privatePaths.has(key)) return fail(10001, `fake Bybit does not serve ${key}`);
    const auth = authenticate(request, request.method === 'GET' ? rawQuery : body);
    if (!('account' in auth)) return auth;
    let parsed: Record<string, unknown> = {};
    if (request.method === 'POST') {
      try {
        parsed = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return fail(10001, 'params error: body is not JSON');
      }
    }
    switch (key) {
      case 'GET /v5/account/wallet-balance':
        return walletBalance(auth.account, query);
      case 'GET /v5/position/list':
        return positionList(auth.account, query);
      case 'POST /v5/position/set-leverage':
        return setLeverage(auth.account, parsed);
      case 'POST /v5/order/create':
        return createOrder(auth.account, parsed);
      case 'GET /v5/order/realtime':
      case 'GET /v5/order/history':
        return realtime(auth.account, query);
      default:
        return queryApi(auth.account);
    }
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
