import { WebsocketClient } from 'bybit-api';
import type { Logger } from '../../../logger.js';
import { backoffMs } from '../../backoff.js';
import { signBybitMessage } from '../signing.js';
import { executionFrom, type Execution } from './execution.js';

/** Bybit's private topics: every fill, order change, position change and balance change of the account. */
export const PRIVATE_TOPICS = ['order', 'execution', 'position', 'wallet'] as const;

/** A linear position as the `position` topic reports it. */
export interface PositionReport {
  symbol: string;
  side: 'Buy' | 'Sell' | '';
  size: string;
  positionIdx: number;
  stopLoss: string;
  takeProfit: string;
}

/** Longest wait between two connection attempts: a key Bybit refuses is tried again at this pace. */
const MAX_RECONNECT_MS = 60_000;
/** A connection not subscribed within this is given up and tried again. */
const SUBSCRIBE_TIMEOUT_MS = 20_000;

export interface AccountStreamOptions {
  credentials: { key: string; secret: string };
  demo: boolean;
  /** Unset: Bybit's own private stream for the account kind. */
  wsUrl: string | undefined;
  recvWindowMs: number;
  log: Logger;
  /** Fills from the stream, handed over one batch at a time, in the order they came. */
  onExecutions(executions: Execution[]): Promise<void>;
  /** Linear positions as they change: side ('' when flat), size, take-profit and stop. */
  onPositions(positions: PositionReport[]): Promise<void>;
  /**
   * Runs after every (re)subscription and after a fill could not be recorded: looks up what was
   * missed. It asks Bybit outside the stream's queue, so live fills are not held behind a REST
   * round trip (or a full request budget), and records through `inQueue`, in turn with them.
   */
  catchUp(inQueue: <T>(task: () => Promise<T>) => Promise<T>): Promise<void>;
  /**
   * A second catch-up this long after each (re)subscription: what the first left for later
   * (order ends too recent to tell apart from Hookbot's own cancellations). 0: none.
   */
  followUpMs?: number;
}

/**
 * The SDK logs requests it failed to send, auth included, with their content: only the text of
 * its messages is kept, at debug level, so no key ever reaches the logs.
 */
function sdkLogger(log: Logger) {
  const keep = (params: unknown[]) => (typeof params[0] === 'string' ? params[0] : 'bybit websocket event');
  return {
    trace: () => undefined,
    info: (...params: unknown[]) => log.debug({ sdk: 'bybit-ws' }, keep(params)),
    error: (...params: unknown[]) => log.debug({ sdk: 'bybit-ws' }, keep(params)),
  };
}

/**
 * One API key's private WebSocket through bybit-api's WebsocketClient. The SDK's own reconnect
 * (a fixed delay) is not used: on any loss the client is discarded and a new one opened after
 * the project's backoff, and every new subscription is followed by a REST catch-up, because
 * Bybit does not replay what was sent while nobody listened.
 */
export class AccountStream {
  private client: WebsocketClient | undefined;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Fills, positions and what catch-ups found are recorded one at a time, in order. */
  private work: Promise<void> = Promise.resolve();
  /** The catch-up under way, if any; `catchUpAgain` asks for one more after it. */
  private catchingUp: Promise<void> | undefined;
  private catchUpAgain = false;
  private catchUpAttempt = 0;
  private catchUpTimer: NodeJS.Timeout | undefined;
  private followUpTimer: NodeJS.Timeout | undefined;
  /** True while subscribed. */
  live = false;

  constructor(private readonly options: AccountStreamOptions) {}

  start(): void {
    this.open();
  }

  /** Closes the connection for good; resolves once the fill being recorded, if any, is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.catchUpTimer);
    clearTimeout(this.followUpTimer);
    if (this.client) this.discard(this.client);
    this.client = undefined;
    this.live = false;
    await this.work;
  }

  private open(): void {
    if (this.stopped) return;
    const { credentials, demo, wsUrl, recvWindowMs, log } = this.options;
    const client = new WebsocketClient(
      {
        key: credentials.key,
        secret: credentials.secret,
        demoTrading: demo,
        recvWindow: recvWindowMs,
        customSignMessageFn: signBybitMessage,
        pingInterval: 10_000,
        pongTimeout: 5_000,
        ...(wsUrl ? { wsUrl } : {}),
      },
      sdkLogger(log),
    );
    this.client = client;
    client.on('update', (event: { topic?: unknown; data?: unknown }) => {
      if (client === this.client) this.onUpdate(event);
    });
    // Unintended close: the SDK would reconnect after a fixed delay; we do it with backoff.
    client.on('reconnect', () => this.lost(client, 'connection lost'));
    // A refused auth or subscription, or a socket error.
    client.on('exception', (event: { ret_msg?: unknown }) => this.lost(client, typeof event?.ret_msg === 'string' ? event.ret_msg : 'websocket error'));
    const timeout = setTimeout(() => this.lost(client, 'not subscribed in time'), SUBSCRIBE_TIMEOUT_MS);
    Promise.all(client.subscribeV5([...PRIVATE_TOPICS], 'linear', true)).then(
      () => {
        clearTimeout(timeout);
        if (client !== this.client) return;
        this.live = true;
        this.attempt = 0;
        log.debug('bybit private stream subscribed');
        this.scheduleCatchUp(0);
        const followUp = this.options.followUpMs ?? 0;
        clearTimeout(this.followUpTimer);
        if (followUp > 0) this.followUpTimer = setTimeout(() => this.scheduleCatchUp(0), followUp);
      },
      (error: unknown) => {
        clearTimeout(timeout);
        this.lost(client, error instanceof Error ? error.message : 'subscription refused');
      },
    );
  }

  private onUpdate(event: { topic?: unknown; data?: unknown }): void {
    if (event.topic === 'position' && Array.isArray(event.data)) {
      const positions = (event.data as Array<Record<string, unknown>>)
        .filter((entry) => entry && entry.category === 'linear' && typeof entry.symbol === 'string')
        .map(
          (entry): PositionReport => ({
            symbol: String(entry.symbol),
            side: entry.side === 'Buy' || entry.side === 'Sell' ? entry.side : '',
            size: /^\d+(\.\d+)?$/.test(String(entry.size ?? '')) ? String(entry.size) : '0',
            positionIdx: Number(entry.positionIdx ?? 0) || 0,
            stopLoss: String(entry.stopLoss ?? ''),
            takeProfit: String(entry.takeProfit ?? ''),
          }),
        );
      if (positions.length > 0) {
        this.enqueue(() =>
          this.options.onPositions(positions).catch((error: unknown) => this.options.log.warn({ err: error }, 'position update from the bybit stream not recorded')),
        );
      }
      return;
    }
    if (event.topic !== 'execution' || !Array.isArray(event.data)) return;
    const executions = event.data.map(executionFrom).filter((e): e is Execution => e !== undefined);
    if (executions.length === 0) return;
    this.enqueue(async () => {
      try {
        await this.options.onExecutions(executions);
      } catch (error) {
        // Not recorded (database away): the catch-up finds it again, by its exec_id.
        this.options.log.warn({ err: error }, 'fill from the bybit stream not recorded; catching up');
        this.scheduleCatchUp(backoffMs(1));
      }
    });
  }

  /** The connection is gone or unusable: drop this client and open a new one after the backoff. */
  private lost(client: WebsocketClient, reason: string): void {
    if (client !== this.client || this.stopped) return;
    this.discard(client);
    this.client = undefined;
    this.live = false;
    this.attempt += 1;
    const delay = backoffMs(this.attempt, { baseMs: 500, maxMs: MAX_RECONNECT_MS });
    this.options.log.info({ reason, attempt: this.attempt, delayMs: delay }, 'bybit private stream lost; reconnecting');
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private discard(client: WebsocketClient): void {
    client.removeAllListeners();
    // Late events of a discarded client are ignored, never thrown as unhandled.
    client.on('exception', () => undefined);
    client.closeAll(true);
  }

  private scheduleCatchUp(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.catchUpTimer);
    this.catchUpTimer = setTimeout(() => this.runCatchUp(), delayMs);
  }

  /** One catch-up at a time; one asked for meanwhile runs right after (it may look further). */
  private runCatchUp(): void {
    if (this.stopped) return;
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = (async () => {
      try {
        await this.options.catchUp((task) => this.inQueue(task));
        this.catchUpAttempt = 0;
      } catch (error) {
        if (this.stopped) return;
        this.catchUpAttempt += 1;
        const delay = backoffMs(this.catchUpAttempt, { baseMs: 1000, maxMs: MAX_RECONNECT_MS });
        this.options.log.warn({ err: error, delayMs: delay }, 'bybit catch-up failed; trying again');
        this.scheduleCatchUp(delay);
      }
    })().finally(() => {
      this.catchingUp = undefined;
      if (this.catchUpAgain) {
        this.catchUpAgain = false;
        this.runCatchUp();
      }
    });
  }

  /** Runs `task` in the stream's queue and hands its result back; refused once the stream is stopped. */
  private inQueue<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.enqueue(async () => {
        if (this.stopped) return reject(new Error('bybit private stream stopped'));
        await task().then(resolve, reject);
      });
    });
  }

  private enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task, task);
  }
}
