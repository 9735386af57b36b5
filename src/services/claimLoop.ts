import { setTimeout as sleep } from 'node:timers/promises';

export interface ClaimLoopOptions<T> {
  /** Items handled at once. */
  concurrency: number;
  /** Takes up to `limit` items that are due (leases them in the database). */
  claim(limit: number): Promise<T[]>;
  handle(item: T): Promise<void>;
  /** A claim or a handling failed; the loop goes on. */
  onError(error: unknown, item: T | undefined): void;
  /** How long to sleep with nothing to do when nobody calls wake(): the safety net for missed wake-ups. */
  idleMs?: number;
}

/**
 * The work loop of the outbox and the webhook dispatcher: keeps up to `concurrency` items in
 * flight, refilling a slot as soon as one ends or new work is announced (wake), so one slow item
 * never holds back the others; sleeps when there is nothing to claim.
 */
export class ClaimLoop<T> {
  private active = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private pendingWake = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: ClaimLoopOptions<T>) {}

  get running(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.loop = this.run();
  }

  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  /**
   * Handles an item leased by other means (inserted already leased to this process) beside the
   * claimed ones; false when the loop is not running, and the caller must give the lease back.
   */
  adopt(item: T): boolean {
    if (!this.active) return false;
    this.track(item);
    return true;
  }

  /** Claims no more; resolves once the items in flight are done. */
  async stop(): Promise<void> {
    if (!this.active) return;
    this.active = false;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { concurrency, idleMs = 1000 } = this.options;
    while (this.active) {
      this.pendingWake = false;
      const free = concurrency - this.inFlight.size;
      let claimed: T[] = [];
      if (free > 0) {
        try {
          claimed = await this.options.claim(free);
        } catch (error) {
          this.options.onError(error, undefined);
          await sleep(idleMs);
        }
      }
      for (const item of claimed) this.track(item);
      const full = this.inFlight.size >= concurrency;
      if ((claimed.length === 0 || full) && !this.pendingWake && this.active) await this.idle(idleMs);
    }
    // Finish what is under way; anything not started stays pending for the next start.
    await Promise.all(this.inFlight);
  }

  private track(item: T): void {
    const task = this.options
      .handle(item)
      .catch((error: unknown) => this.options.onError(error, item))
      .finally(() => {
        this.inFlight.delete(task);
        this.wake();
      });
    this.inFlight.add(task);
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
