import type { BybitSession } from './bybit.js';
import { BybitFailure } from './bybit.js';
import { classifyRetCode } from './errors.js';

type Tickers = { retCode: number; retMsg: string; result: { list: { symbol?: string; lastPrice?: unknown }[] } };

/**
 * Last prices (/v5/market/tickers), what opening orders are sized at and alert prices are checked
 * against. The price is the same for every user of an account kind, and Bybit's 600 requests per
 * 5 s are shared by all of them: asking for it on every alert makes three requests an order, and
 * at 50 alerts a second the budget runs out and every order queues. So a fresh price is asked for
 * whenever the budget is mostly unused; when it is not, a price read less than `maxAgeMs` ago is
 * used instead of taking a slot an order needs; callers asking at once for one symbol share one
 * request.
 */
export class MarketPrices {
  private readonly recent = new Map<string, { price: unknown; at: number }>();
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly maxAgeMs = 1000) {}

  /** The symbol's `lastPrice` field as Bybit gave it (the caller checks it is a price). */
  async lastPrice(session: BybitSession, category: 'linear' | 'spot', symbol: string): Promise<unknown> {
    const key = `${session.account}|${category}|${symbol}`;
    const shared = this.inFlight.get(key);
    if (shared) return shared;
    const asked = this.ask(session, category, symbol, key).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, asked);
    return asked;
  }

  private async ask(session: BybitSession, category: 'linear' | 'spot', symbol: string, key: string): Promise<unknown> {
    const tickers = (client: BybitSession['client']) => client.getTickers({ category, symbol } as Parameters<typeof client.getTickers>[0]) as unknown as Promise<Tickers>;
    // A quarter: the price is refreshed only while orders are far from needing the budget.
    const spare = await session.sendIfIdle(tickers, 0.25);
    const recent = this.recent.get(key);
    if (!spare && recent && performance.now() - recent.at < this.maxAgeMs) return recent.price;
    const answer = spare ?? (await session.send(tickers));
    if (answer.retCode !== 0) throw new BybitFailure(classifyRetCode(answer.retCode, answer.retMsg), `${answer.retCode}: ${answer.retMsg}`, answer.retCode);
    const price = answer.result.list.find((ticker) => ticker.symbol === undefined || ticker.symbol === symbol)?.lastPrice;
    if (this.recent.size >= 10_000) this.recent.clear();
    this.recent.set(key, { price, at: performance.now() });
    return price;
  }
}
