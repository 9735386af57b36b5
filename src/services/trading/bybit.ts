import { RestClientV5 } from 'bybit-api';
import { classifyRetCode, classifyThrown, summarizeThrown, type Classified } from './errors.js';
import { instrumentFrom, type Instrument } from './instruments.js';
import type { WindowLimiter } from './limiter.js';
import { signBybitMessage } from './signing.js';

export type Account = 'demo' | 'real';

export interface BybitSettings {
  baseUrl: string | undefined;
  demoBaseUrl: string | undefined;
  timeoutMs: number;
  recvWindowMs: number;
}

/** A request that got no usable answer, or an answer that is a refusal, in plain words. */
export class BybitFailure extends Error {
  constructor(
    readonly classified: Classified,
    /** Safe to log and show: status/retCode and Bybit's message, never keys or signatures. */
    readonly detail: string,
    readonly retCode?: number,
  ) {
    super(`${classified.reason}: ${detail}`);
    this.name = 'BybitFailure';
  }
}

interface Answer<T> {
  retCode: number;
  retMsg: string;
  result: T;
}

/**
 * One user's (or the public) connection to Bybit through the SDK. Every request first waits
 * for the shared limiter; a thrown SDK error is reduced to a BybitFailure at once, because the
 * original carries the API secret in `requestOptions`.
 */
export class BybitSession {
  readonly client: RestClientV5;

  constructor(
    settings: BybitSettings,
    readonly account: Account,
    private readonly limiter: WindowLimiter,
    credentials?: { key: string; secret: string },
  ) {
    const baseUrl = account === 'demo' ? settings.demoBaseUrl : settings.baseUrl;
    this.client = new RestClientV5(
      {
        ...(credentials ? { key: credentials.key, secret: credentials.secret } : {}),
        customSignMessageFn: signBybitMessage,
        demoTrading: account === 'demo',
        recv_window: settings.recvWindowMs,
        keepAlive: true,
        ...(baseUrl ? { baseUrl } : {}),
      },
      { timeout: settings.timeoutMs },
    );
  }

  /** Sends one request; returns Bybit's answer whatever its retCode, throws BybitFailure when there is none. */
  async send<T>(request: (client: RestClientV5) => Promise<Answer<T>>): Promise<Answer<T>> {
    await this.limiter.take();
    return this.call(request);
  }

  /**
   * Sends one request only if the shared budget has room to spare now (less than `share` of it
   * used); undefined otherwise.
   */
  async sendIfIdle<T>(request: (client: RestClientV5) => Promise<Answer<T>>, share?: number): Promise<Answer<T> | undefined> {
    if (!this.limiter.tryTake(share)) return undefined;
    return this.call(request);
  }

  private async call<T>(request: (client: RestClientV5) => Promise<Answer<T>>): Promise<Answer<T>> {
    try {
      return await request(this.client);
    } catch (error) {
      const summary = summarizeThrown(error);
      const detail = [summary.httpStatus !== undefined ? `HTTP ${summary.httpStatus}` : summary.code, summary.message].filter(Boolean).join(': ');
      throw new BybitFailure(classifyThrown(summary), detail);
    }
  }

  /** Sends one request and throws BybitFailure unless retCode is 0 (or one of `accept`). */
  async expect<T>(request: (client: RestClientV5) => Promise<Answer<T>>, accept: readonly number[] = []): Promise<Answer<T>> {
    const answer = await this.send(request);
    if (answer.retCode !== 0 && !accept.includes(answer.retCode)) {
      throw new BybitFailure(classifyRetCode(answer.retCode, answer.retMsg), `${answer.retCode}: ${answer.retMsg}`, answer.retCode);
    }
    return answer;
  }
}

/** Instruments change rarely; a cache per account kind saves a request on every order. */
export class InstrumentCache {
  private readonly entries = new Map<string, { instrument: Instrument | null; at: number }>();

  constructor(private readonly ttlMs = 10 * 60_000) {}

  /** Drops a cached instrument, e.g. after Bybit refused an order sized from its filters. */
  forget(session: BybitSession, category: 'linear' | 'spot', symbol: string): void {
    this.entries.delete(`${session.account}|${category}|${symbol}`);
  }

  /** The instrument, or null when Bybit does not list the symbol. */
  async get(session: BybitSession, category: 'linear' | 'spot', symbol: string): Promise<Instrument | null> {
    const key = `${session.account}|${category}|${symbol}`;
    const cached = this.entries.get(key);
    // A symbol Bybit does not list is asked about again sooner: it may be listed any minute.
    const ttl = cached?.instrument === null ? Math.min(this.ttlMs, 60_000) : this.ttlMs;
    if (cached && performance.now() - cached.at < ttl) return cached.instrument;
    const answer = await session.send((client) => client.getInstrumentsInfo({ category, symbol }) as unknown as Promise<Answer<{ list: Record<string, unknown>[] }>>);
    if (answer.retCode !== 0 && answer.retCode !== 10001) {
      throw new BybitFailure(classifyRetCode(answer.retCode, answer.retMsg), `${answer.retCode}: ${answer.retMsg}`, answer.retCode);
    }
    const raw = answer.retCode === 0 ? answer.result.list.find((entry) => entry.symbol === symbol) : undefined;
    const instrument = raw ? instrumentFrom(category, raw) : null;
    this.entries.set(key, { instrument, at: performance.now() });
    return instrument;
  }
}
