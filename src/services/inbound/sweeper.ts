import type { Logger } from '../../logger.js';
import type { EventProcessor } from './processor.js';

export interface SweeperOptions {
  processor: EventProcessor;
  log: Logger;
  intervalSeconds: number;
  minAgeSeconds: number;
}

/**
 * The safety net behind the fast path: whatever was stored but not acted on (a crash, a restart,
 * Telegram or the exchange down) is picked up here, by every worker on its own timer and once at
 * start. Not an agenda job: a job's lock outlives a killed process for the lock's whole lifetime,
 * and the events stored before the kill would wait that long for a sweeper. The processor claims
 * with SKIP LOCKED, so sweepers in several workers share a backlog instead of excluding each other.
 */
export class InboundSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: SweeperOptions) {}

  start(): void {
    this.stopped = false;
    this.run();
  }

  /** Waits for a sweep under way; the events it has not reached stay pending for the next worker. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private run(): void {
    const { processor, log, intervalSeconds, minAgeSeconds } = this.options;
    this.running = processor
      .sweep(minAgeSeconds)
      .then(
        (taken) => {
          if (taken > 0) log.info({ taken }, 'sweeper processed events left pending');
        },
        (error: unknown) => log.error({ err: error }, 'sweep failed'),
      )
      .finally(() => {
        this.running = undefined;
        // The next run is timed from the end of this one: a long backlog never stacks runs up.
        if (!this.stopped) this.timer = setTimeout(() => this.run(), intervalSeconds * 1000);
      });
  }
}
