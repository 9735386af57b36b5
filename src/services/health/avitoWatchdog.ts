import type { AvitoConnectionRepository } from '../../../models/connections.js';
import type { AvitoConnection } from '../../../models/schema.js';
import type { Logger } from '../../logger.js';
import type { AvitoService } from '../avito/avitoService.js';
import type { ConnectionHealth, HealthProblem } from './connectionHealth.js';

export interface AvitoWatchdogOptions {
  connections: AvitoConnectionRepository;
  service: AvitoService;
  health: ConnectionHealth;
  log: Logger;
  intervalSeconds: number;
  /** How often the polling fallback fetches while the webhook is gone (told to the owner). */
  pollIntervalSeconds: number;
  onQueued(): void;
}

/**
 * Checks each Avito account's webhook subscription (Avito's subscriptions list): gone, the
 * polling fallback takes over and keeps asking Avito to subscribe again, and the owner is told
 * once; back, the owner is told again. Credentials Avito refuses are told too.
 */
export class AvitoWatchdog {
  constructor(private readonly options: AvitoWatchdogOptions) {}

  async checkAll(): Promise<void> {
    for (const connection of await this.options.connections.allActive()) {
      await this.checkOne(connection).catch((error: unknown) =>
        this.options.log.warn({ userId: connection.userId, err: error instanceof Error ? error.message : String(error) }, 'Avito health check failed'),
      );
    }
  }

  private async checkOne(connection: AvitoConnection): Promise<void> {
    const start = await this.options.health.claim(connection.userId, 'avito', this.options.intervalSeconds / 2);
    if (!start) return;
    const state = await this.options.service.subscriptionState(connection.userId);
    let problem: HealthProblem | null;
    if (state === 'subscribed') problem = null;
    else if (state === 'missing') problem = { code: 'avito-unsubscribed', notice: 'health-avito-unsubscribed', variables: { seconds: this.options.pollIntervalSeconds } };
    else if (state === 'refused') problem = { code: 'avito-credentials', notice: 'health-avito-credentials' };
    else return;
    const queued = await this.options.health.report(connection.userId, 'avito', problem, start);
    if (queued.length > 0) this.options.onQueued();
  }
}
