import type pg from 'pg';
import { whatsappDedupeKey, whatsappStubKey } from '../../../handlers/whatsapp.js';
import type { WhatsAppConnectionRepository } from '../../../models/connections.js';
import type { EndpointRepository } from '../../../models/endpoints.js';
import type { WhatsAppConnection } from '../../../models/schema.js';
import type { Logger } from '../../logger.js';
import { GreenApiClient, GreenApiError } from '../whatsapp/greenApi.js';
import type { WhatsAppService } from '../whatsapp/whatsappService.js';
import { escapeHtml } from '../telegram/html.js';
import { whatsappStateProblem, type ConnectionHealth, type HealthProblem, type HealthState } from './connectionHealth.js';

/** The message types a webhook brings us (handlers/whatsapp.ts relays them): only their absence means a silent webhook. */
const RELAYED_TYPES = new Set(['textMessage', 'extendedTextMessage', 'quotedMessage', 'imageMessage', 'videoMessage', 'audioMessage', 'documentMessage', 'locationMessage', 'contactMessage']);

export interface WhatsAppWatchdogOptions {
  connections: WhatsAppConnectionRepository;
  endpoints: EndpointRepository;
  service: WhatsAppService;
  health: ConnectionHealth;
  pool: pg.Pool;
  log: Logger;
  intervalSeconds: number;
  /** How late a webhook may be before the journal's message counts as missed. */
  graceSeconds: number;
  timeoutMs: number;
  /** Wakes the outbox after a notice was queued. */
  onQueued(): void;
}

/**
 * Checks each Green API instance: its state (getStateInstance; stateInstanceChanged webhooks
 * report the same between checks), and, while it is authorized (the phone online), whether the
 * instance's journal lists messages that no webhook brought. Green API answering neither way (down,
 * slow) changes nothing: only what it says counts.
 */
export class WhatsAppWatchdog {
  constructor(private readonly options: WhatsAppWatchdogOptions) {}

  async checkAll(): Promise<void> {
    for (const connection of await this.options.connections.allActive()) {
      await this.checkOne(connection).catch((error: unknown) =>
        this.options.log.warn({ userId: connection.userId, err: error instanceof Error ? error.message : String(error) }, 'WhatsApp health check failed'),
      );
    }
  }

  private async checkOne(connection: WhatsAppConnection): Promise<void> {
    // Several workers may run this job: one of them checks a connection per interval.
    const start = await this.options.health.claim(connection.userId, 'whatsapp', this.options.intervalSeconds / 2);
    if (!start) return;
    const problem = await this.diagnose(connection, start);
    if (problem === undefined) return;
    const queued = await this.options.health.report(connection.userId, 'whatsapp', problem, start);
    if (queued.length > 0) this.options.onQueued();
  }

  /** The problem found, null when healthy, undefined when this check cannot tell. */
  private async diagnose(connection: WhatsAppConnection, start: HealthState): Promise<HealthProblem | null | undefined> {
    const credentials = await this.options.service.credentialsOf(connection.userId);
    if (!credentials) return undefined;
    const client = new GreenApiClient(credentials, this.options.timeoutMs);
    const instance = escapeHtml(connection.idInstance);
    try {
      const stateInstance = await client.getStateInstance();
      // What /whatsapp shows, kept current even when no stateInstanceChanged webhook came.
      if (stateInstance !== connection.state) await this.options.connections.setState(connection.userId, stateInstance);
      const state = whatsappStateProblem(stateInstance, connection.idInstance);
      if (state !== null) return state;
      return await this.webhooksSilent(connection, client, start);
    } catch (error) {
      if (error instanceof GreenApiError && (error.failure === 'unauthorized' || error.failure === 'missing')) {
        return { code: 'wa-credentials', notice: 'health-wa-credentials', variables: { instance } };
      }
      if (error instanceof GreenApiError) return undefined;
      throw error;
    }
  }

  /**
   * Messages the phone received (the journal) that no webhook brought, in the window since the
   * connection was last known healthy (older misses were told already, or predate the watch).
   */
  private async webhooksSilent(connection: WhatsAppConnection, client: GreenApiClient, start: HealthState): Promise<HealthProblem | null | undefined> {
    const now = Date.now();
    const lookbackMs = (this.options.intervalSeconds + this.options.graceSeconds + 60) * 1000;
    const from = Math.max(connection.createdAt.getTime(), now - lookbackMs, start.problem === null ? start.since.getTime() : 0);
    const until = now - this.options.graceSeconds * 1000;
    if (until <= from) return start.problem === 'wa-silent' ? undefined : null;
    const journal = await client.lastIncomingMessages((now - from) / 60_000 + 1);
    const due = journal.filter((message) => RELAYED_TYPES.has(message.typeMessage) && message.timestamp * 1000 >= from && message.timestamp * 1000 <= until);
    // Nothing arrived at the phone: nothing says whether the webhooks work.
    if (due.length === 0) return start.problem === 'wa-silent' ? undefined : null;
    const endpoint = await this.options.endpoints.getOrCreate(connection.userId, 'whatsapp');
    const keys = due.flatMap((message) => [whatsappDedupeKey(connection.idInstance, message.idMessage), whatsappStubKey(connection.idInstance, message.idMessage)]);
    const { rows } = await this.options.pool.query<{ key: string }>('SELECT key FROM inbound_dedupe WHERE endpoint_id = $1 AND key = ANY($2::text[])', [endpoint.id, keys]);
    const seen = new Set(rows.map((row) => row.key));
    const missed = due.filter(
      (message) => !seen.has(whatsappDedupeKey(connection.idInstance, message.idMessage)) && !seen.has(whatsappStubKey(connection.idInstance, message.idMessage)),
    );
    if (missed.length === 0) return null;
    this.options.log.warn({ userId: connection.userId, missed: missed.length }, 'WhatsApp messages in the journal that no webhook brought');
    return { code: 'wa-silent', notice: 'health-wa-silent', variables: { instance: escapeHtml(connection.idInstance), count: missed.length } };
  }
}
