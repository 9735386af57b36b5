import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WhatsAppConnectionRepository } from '../../../models/connections.js';
import type { EndpointRepository } from '../../../models/endpoints.js';
import type { Logger } from '../../logger.js';
import type { SecretBox } from '../secrets/secretBox.js';
import { GreenApiClient, GreenApiError, type GreenApiFailure, type GreenApiSettings, type OutgoingFile } from './greenApi.js';

export interface WhatsAppCredentials {
  idInstance: string;
  apiTokenInstance: string;
  apiUrl: string;
}

export type ConnectOutcome =
  | { ok: true; state: string; url: string; attempts: number }
  | { ok: false; reason: GreenApiFailure | 'unkept'; detail: string };

export interface WhatsAppServiceOptions {
  connections: WhatsAppConnectionRepository;
  endpoints: EndpointRepository;
  secrets: SecretBox;
  log: Logger;
  publicUrl: string;
  timeoutMs: number;
  /** setSettings + getSettings rounds before giving up on settings that do not stick. */
  settingsAttempts?: number;
}

/**
 * Connects a user's Green API instance to their personal WhatsApp URL, and sends replies.
 * Green API sometimes answers setSettings with success and keeps the old values, so every
 * change is read back with getSettings and applied again until it holds.
 */
export class WhatsAppService {
  constructor(private readonly options: WhatsAppServiceOptions) {}

  private client(credentials: WhatsAppCredentials): GreenApiClient {
    return new GreenApiClient(credentials, this.options.timeoutMs);
  }

  /** The stored credentials of a user, opened; undefined when WhatsApp is not connected. */
  async credentialsOf(userId: number): Promise<(WhatsAppCredentials & { webhookToken: string; state: string | null }) | undefined> {
    const row = await this.options.connections.find(userId);
    if (!row) return undefined;
    return {
      idInstance: row.idInstance,
      apiUrl: row.apiUrl,
      apiTokenInstance: this.options.secrets.decrypt(row.apiToken),
      webhookToken: this.options.secrets.decrypt(row.webhookToken),
      state: row.state,
    };
  }

  /** What the hooks route checks a webhook against: the bearer token and the instance. */
  async webhookSecret(userId: number): Promise<{ webhookToken: string; idInstance: string } | undefined> {
    const row = await this.options.connections.find(userId);
    if (!row) return undefined;
    return { webhookToken: this.options.secrets.decrypt(row.webhookToken), idInstance: row.idInstance };
  }

  async connect(userId: number, credentials: WhatsAppCredentials): Promise<ConnectOutcome> {
    const client = this.client(credentials);
    let state: string;
    try {
      state = await client.getStateInstance();
    } catch (error) {
      return this.failure(error);
    }
    const endpoint = await this.options.endpoints.getOrCreate(userId, 'whatsapp');
    const url = `${this.options.publicUrl}/hooks/whatsapp/${endpoint.token}`;
    const webhookToken = randomBytes(24).toString('base64url');
    // Stored first: Green API may deliver the moment the settings take, and must not get a 401.
    const previous = await this.options.connections.find(userId);
    await this.options.connections.save({
      userId,
      idInstance: credentials.idInstance,
      apiUrl: credentials.apiUrl,
      apiToken: this.options.secrets.encrypt(credentials.apiTokenInstance),
      webhookToken: this.options.secrets.encrypt(webhookToken),
      state,
    });
    const applied = await this.applyWebhook(client, url, webhookToken);
    if (!applied.ok) {
      if (previous) await this.options.connections.save(previous);
      else await this.options.connections.remove(userId);
      return applied;
    }
    if (previous && previous.idInstance !== credentials.idInstance) {
      // The instance connected before would keep posting here with a token that no longer passes.
      const old = { idInstance: previous.idInstance, apiUrl: previous.apiUrl, apiTokenInstance: this.options.secrets.decrypt(previous.apiToken) };
      await this.client(old)
        .setSettings({ webhookUrl: '', webhookUrlToken: '', incomingWebhook: 'no', stateWebhook: 'no' })
        .catch((error: unknown) => this.options.log.warn({ userId, err: error instanceof Error ? error.message : String(error) }, 'could not clear the previous instance'));
    }
    this.options.log.info({ userId, idInstance: credentials.idInstance, state, attempts: applied.attempts }, 'WhatsApp connected');
    return { ok: true, state, url, attempts: applied.attempts };
  }

  /** After the personal URL was rotated: point the instance at the new one. */
  async reapply(userId: number): Promise<ConnectOutcome | undefined> {
    const stored = await this.credentialsOf(userId);
    if (!stored) return undefined;
    const endpoint = await this.options.endpoints.getOrCreate(userId, 'whatsapp');
    const url = `${this.options.publicUrl}/hooks/whatsapp/${endpoint.token}`;
    const applied = await this.applyWebhook(this.client(stored), url, stored.webhookToken);
    return applied.ok ? { ok: true, state: stored.state ?? 'unknown', url, attempts: applied.attempts } : applied;
  }

  private async applyWebhook(client: GreenApiClient, webhookUrl: string, webhookUrlToken: string): Promise<{ ok: true; attempts: number } | Extract<ConnectOutcome, { ok: false }>> {
    const wanted: GreenApiSettings = { webhookUrl, webhookUrlToken, incomingWebhook: 'yes', stateWebhook: 'yes' };
    const rounds = this.options.settingsAttempts ?? 3;
    let seen: GreenApiSettings = {};
    for (let attempt = 1; attempt <= rounds; attempt += 1) {
      try {
        await client.setSettings(wanted);
        seen = await client.getSettings();
      } catch (error) {
        return this.failure(error);
      }
      const kept = seen.webhookUrl === webhookUrl && seen.incomingWebhook === 'yes' && (seen.webhookUrlToken === undefined || seen.webhookUrlToken === webhookUrlToken);
      if (kept) return { ok: true, attempts: attempt };
      this.options.log.warn({ attempt }, 'Green API did not keep the webhook settings; applying them again');
      if (attempt < rounds) await sleep(300 * attempt);
    }
    const detail = seen.webhookUrl !== webhookUrl ? 'webhookUrl' : seen.incomingWebhook !== 'yes' ? 'incomingWebhook' : 'webhookUrlToken';
    return { ok: false, reason: 'unkept', detail };
  }

  private failure(error: unknown): Extract<ConnectOutcome, { ok: false }> {
    if (error instanceof GreenApiError) return { ok: false, reason: error.failure, detail: error.message };
    throw error;
  }

  /** Clears the webhook at Green API (best effort) and forgets the connection. */
  async disconnect(userId: number): Promise<{ connected: boolean; cleared: boolean }> {
    const stored = await this.credentialsOf(userId);
    if (!stored) return { connected: false, cleared: false };
    let cleared = true;
    try {
      await this.client(stored).setSettings({ webhookUrl: '', webhookUrlToken: '', incomingWebhook: 'no', stateWebhook: 'no' });
    } catch (error) {
      cleared = false;
      this.options.log.warn({ userId, err: error instanceof Error ? error.message : String(error) }, 'could not clear the Green API webhook');
    }
    await this.options.connections.remove(userId);
    return { connected: true, cleared };
  }

  /** Sends a reply to a WhatsApp chat, quoting the message it answers. */
  async replyFile(userId: number, chatId: string, file: OutgoingFile, caption: string | undefined, quotedMessageId: string | undefined): Promise<string> {
    const stored = await this.credentialsOf(userId);
    if (!stored) throw new GreenApiError('unauthorized', 'WhatsApp is not connected');
    return this.client(stored).sendFileByUpload(chatId, file, caption, quotedMessageId);
  }

  async reply(userId: number, chatId: string, text: string, quotedMessageId: string | undefined): Promise<string> {
    const stored = await this.credentialsOf(userId);
    if (!stored) throw new GreenApiError('unauthorized', 'WhatsApp is not connected');
    return this.client(stored).sendMessage(chatId, text, quotedMessageId);
  }
}
