/**
 * At most `limit` grants in any `windowMs`, first come first served. Callers beyond it wait for
 * a slot; nothing is dropped. Bybit counts 600 requests per 5 s per IP, for every user of this
 * server together, so one instance is shared by all of them.
 */
/** The pace of needed requests is read over this fraction of a window (1 s of Bybit's 5). */
const RECENT_PARTS = 5;

export class WindowLimiter {
  /** When each grant in the window was made, oldest first. */
  private readonly granted: number[] = [];
  /** Of those, the grants made by `take` (requests that must be sent): their times, oldest first. */
  private readonly needed: number[] = [];
  private readonly waiting: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves when the caller may send one request. */
  take(): Promise<void> {
    if (this.waiting.length === 0 && this.tryGrant()) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  /**
   * A slot now for a request that is nice to have (the fill price of an order already placed),
   * never at the cost of one that must be sent: only if nobody waits, the window is less than
   * `share` used, and it would still have room for the needed requests of a whole window at the
   * pace they come now. A slot taken stays in the window for its whole length, so spare slots
   * taken while orders arrive would make the orders of the next seconds wait.
   */
  tryTake(share = 0.5): boolean {
    if (this.waiting.length > 0) return false;
    const now = this.now();
    this.expire(now);
    if (this.granted.length >= this.limit * share) return false;
    if (this.granted.length + this.expectedNeeded(now) >= this.limit) return false;
    this.granted.push(now);
    return true;
  }

  /**
   * How many needed requests a window will hold: as many as the last window had, or, when they
   * have just begun to come (a burst of alerts after a quiet spell, as on a candle's close), the
   * pace of the last fifth of a window kept up for a whole one.
   */
  private expectedNeeded(now: number): number {
    const recentFrom = now - this.windowMs / RECENT_PARTS;
    let recent = 0;
    for (let i = this.needed.length - 1; i >= 0 && (this.needed[i] as number) > recentFrom; i -= 1) recent += 1;
    return Math.max(this.needed.length, recent * RECENT_PARTS);
  }

  /** Requests waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  private tryGrant(): boolean {
    const now = this.now();
    this.expire(now);
    if (this.granted.length >= this.limit) return false;
    this.granted.push(now);
    this.needed.push(now);
    return true;
  }

  private expire(now: number): void {
    const oldest = now - this.windowMs;
    while (this.granted.length > 0 && (this.granted[0] as number) <= oldest) this.granted.shift();
    while (this.needed.length > 0 && (this.needed[0] as number) <= oldest) this.needed.shift();
  }

  private schedule(): void {
    if (this.timer) return;
    const oldest = this.granted[0];
    const delay = oldest === undefined ? 0 : Math.max(0, oldest + this.windowMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      while (this.waiting.length > 0 && this.tryGrant()) this.waiting.shift()?.();
      if (this.waiting.length > 0) this.schedule();
    }, Math.ceil(delay));
  }
}
