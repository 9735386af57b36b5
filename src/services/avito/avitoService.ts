import {
  avitoChatChanged,
  avitoChatUpdated,
  avitoDedupeKey,
  avitoPolledEvent,
  avitoSendingOrder,
  type AvitoChatCursor,
  type AvitoListedMessage,
} from '../../../handlers/avito.js';
import type { AvitoConnectionRepository } from '../../../models/connections.js';
import type { EndpointRepository } from '../../../models/endpoints.js';
import type { AvitoConnection } from '../../../models/schema.js';
import type { Logger } from '../../logger.js';
import type { EventProcessor } from '../inbound/processor.js';
import type { IngestWriter } from '../inbound/ingestWriter.js';
import type { SecretBox } from '../secrets/secretBox.js';
import { AVITO_MAX_OFFSET, AVITO_PAGE_LIMIT, AvitoApi, AvitoError, splitAvitoText, type AvitoChat, type AvitoFailure } from './avitoApi.js';
import type pg from 'pg';

export type AvitoConnectOutcome =
  | { ok: true; accountId: number; subscribed: boolean; url: string }
  | { ok: false; reason: AvitoFailure; detail: string };

export interface ChatInfo {
  buyer?: string;
  item?: string;
  itemUrl?: string;
}

/** While Avito does not confirm the webhook, how often the fallback asks it to subscribe again. */
const SUBSCRIBE_RETRY_MS = 5 * 60_000;
/** How far back the fallback looks for messages no webhook brought. */
const LOOKBACK_MS = 24 * 3_600_000;

/** How long the relay waits for a chat's description before sending the message without it. */
const CHAT_INFO_WAIT_MS = 2_000;

export interface AvitoServiceOptions {
  connections: AvitoConnectionRepository;
  endpoints: EndpointRepository;
  secrets: SecretBox;
  log: Logger;
  pool: pg.Pool;
  publicUrl: string;
  apiUrl: string;
  timeoutMs: number;
  quietSeconds: number;
}

/** A token is renewed this long before Avito says it expires, so no call races its expiry. */
const TOKEN_MARGIN_MS = 5 * 60_000;

/**
 * A user's Avito connection: OAuth token (cached in memory and, sealed, in the database for the
 * other processes; renewed before expiry), webhook subscription, replies, and the polling
 * fallback that fetches what the webhook did not bring.
 */
export class AvitoService {
  readonly api: AvitoApi;
  private readonly tokens = new Map<number, { token: string; expiresAt: number }>();
  private readonly renewals = new Map<number, Promise<string>>();
  private readonly chatInfo = new Map<string, { info: ChatInfo | undefined; expiresAt: number }>();
  private readonly chatInfoPausedUntil = new Map<number, number>();
  private readonly subscribeRetryAt = new Map<number, number>();

  constructor(private readonly options: AvitoServiceOptions) {
    this.api = new AvitoApi(options.apiUrl, options.timeoutMs);
  }

  private urlFor(token: string): string {
    return `${this.options.publicUrl}/hooks/avito/${token}`;
  }

  private async personalUrl(userId: number): Promise<{ url: string; endpointId: number }> {
    const endpoint = await this.options.endpoints.getOrCreate(userId, 'avito');
    return { url: this.urlFor(endpoint.token), endpointId: endpoint.id };
  }

  /** A valid access token for the connection: memory, then the database, then Avito. */
  async tokenFor(connection: AvitoConnection, { refused }: { refused?: string } = {}): Promise<string> {
    const now = Date.now();
    const cached = this.tokens.get(connection.userId);
    if (cached && cached.token !== refused && cached.expiresAt - TOKEN_MARGIN_MS > now) return cached.token;
    if (!refused && connection.accessToken && connection.tokenExpiresAt && connection.tokenExpiresAt.getTime() - TOKEN_MARGIN_MS > now) {
      const token = this.options.secrets.decrypt(connection.accessToken);
      this.tokens.set(connection.userId, { token, expiresAt: connection.tokenExpiresAt.getTime() });
      return token;
    }
    // One request for a new token per user, however many calls found the old one refused.
    let pending = this.renewals.get(connection.userId);
    if (!pending) {
      pending = this.renew(connection).finally(() => this.renewals.delete(connection.userId));
      this.renewals.set(connection.userId, pending);
    }
    return pending;
  }

  private async renew(connection: AvitoConnection): Promise<string> {
    const issued = await this.api.token(connection.clientId, this.options.secrets.decrypt(connection.clientSecret));
    this.tokens.set(connection.userId, { token: issued.accessToken, expiresAt: issued.expiresAt.getTime() });
    await this.options.connections.saveToken(connection.userId, this.options.secrets.encrypt(issued.accessToken), issued.expiresAt);
    return issued.accessToken;
  }

  /** Runs a call with the connection's token; a token Avito no longer accepts is renewed once. */
  private async withToken<T>(connection: AvitoConnection, call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.tokenFor(connection);
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof AvitoError && error.failure === 'unauthorized')) throw error;
      return call(await this.tokenFor(connection, { refused: token }));
    }
  }

  async connect(userId: number, clientId: string, clientSecret: string): Promise<AvitoConnectOutcome> {
    try {
      const issued = await this.api.token(clientId, clientSecret);
      const account = await this.api.self(issued.accessToken);
      const { url } = await this.personalUrl(userId);
      const previous = await this.options.connections.find(userId);
      if (previous && previous.accountId !== account.id) {
        // Another account had this URL: its messages would now be refused, so stop them at the source.
        await this.withToken(previous, (token) => this.api.unsubscribe(token, url)).catch((error: unknown) =>
          this.options.log.warn({ userId, err: error instanceof Error ? error.message : String(error) }, 'could not unsubscribe the previous Avito account'),
        );
      }
      // Stored before subscribing: Avito probes the URL at once and must find the account.
      await this.options.connections.save({
        userId,
        clientId,
        clientSecret: this.options.secrets.encrypt(clientSecret),
        accountId: account.id,
        accessToken: this.options.secrets.encrypt(issued.accessToken),
        tokenExpiresAt: issued.expiresAt,
        subscribed: false,
      });
      this.tokens.set(userId, { token: issued.accessToken, expiresAt: issued.expiresAt.getTime() });
      const subscribed = await this.subscribe(userId, issued.accessToken, url);
      this.options.log.info({ userId, accountId: account.id, subscribed }, 'Avito connected');
      return { ok: true, accountId: account.id, subscribed, url };
    } catch (error) {
      if (error instanceof AvitoError) return { ok: false, reason: error.failure, detail: error.message };
      throw error;
    }
  }

  /** Subscribes the URL and confirms it in the subscriptions list; false when Avito does not list it. */
  private async subscribe(userId: number, token: string, url: string): Promise<boolean> {
    let subscribed = false;
    try {
      await this.api.subscribe(token, url);
      subscribed = (await this.api.subscriptions(token)).includes(url);
    } catch (error) {
      if (!(error instanceof AvitoError) || error.failure === 'unauthorized') throw error;
      this.options.log.warn({ userId, err: error.message }, 'Avito webhook subscription failed; polling instead');
    }
    await this.options.connections.update(userId, { subscribed, ...(subscribed ? {} : { mode: 'polling' }) });
    return subscribed;
  }

  async disconnect(userId: number): Promise<{ connected: boolean; unsubscribed: boolean }> {
    const connection = await this.options.connections.find(userId);
    if (!connection) return { connected: false, unsubscribed: false };
    let unsubscribed = true;
    try {
      const { url } = await this.personalUrl(userId);
      await this.withToken(connection, (token) => this.api.unsubscribe(token, url));
    } catch (error) {
      unsubscribed = false;
      this.options.log.warn({ userId, err: error instanceof Error ? error.message : String(error) }, 'could not unsubscribe the Avito webhook');
    }
    await this.options.connections.remove(userId);
    this.tokens.delete(userId);
    return { connected: true, unsubscribed };
  }

  /** A new personal URL: unsubscribe the old one, rotate, subscribe the new one. */
  async rotate(userId: number): Promise<{ url: string; subscribed: boolean | undefined }> {
    const connection = await this.options.connections.find(userId);
    const old = await this.personalUrl(userId);
    if (connection) await this.withToken(connection, (token) => this.api.unsubscribe(token, old.url)).catch(() => undefined);
    const endpoint = await this.options.endpoints.rotate(userId, 'avito');
    const url = this.urlFor(endpoint.token);
    if (!connection) return { url, subscribed: undefined };
    const subscribed = await this.withToken(connection, (token) => this.subscribe(userId, token, url));
    return { url, subscribed };
  }

  /**
   * Whether Avito still lists the user's webhook. A subscription gone is asked for again at once
   * (and counts as working if Avito then lists it); still gone, the connection is marked
   * unsubscribed, so the polling fallback fetches the messages meanwhile.
   * undefined: Avito did not answer (nothing can be told from that).
   */
  async subscriptionState(userId: number): Promise<'subscribed' | 'missing' | 'refused' | undefined> {
    const connection = await this.options.connections.find(userId);
    if (!connection) return undefined;
    const { url } = await this.personalUrl(userId);
    const listed = async () => (await this.withToken(connection, (token) => this.api.subscriptions(token))).includes(url);
    try {
      if (await listed()) return 'subscribed';
      await this.withToken(connection, (token) => this.api.subscribe(token, url)).catch((error: unknown) => {
        if (error instanceof AvitoError && error.failure === 'unauthorized') throw error;
      });
      if (!(await this.options.connections.find(userId))) {
        // Disconnected meanwhile: take back the subscription just made for it.
        await this.withToken(connection, (token) => this.api.unsubscribe(token, url)).catch(() => undefined);
        return undefined;
      }
      const back = await listed();
      if (back !== connection.subscribed) await this.options.connections.update(userId, { subscribed: back, ...(back ? {} : { mode: 'polling' }) });
      if (!back) this.options.log.warn({ userId }, 'Avito webhook subscription is gone; polling meanwhile');
      return back ? 'subscribed' : 'missing';
    } catch (error) {
      if (error instanceof AvitoError && error.failure === 'unauthorized') return 'refused';
      if (error instanceof AvitoError) return undefined;
      throw error;
    }
  }

  async status(userId: number): Promise<AvitoConnection | undefined> {
    return this.options.connections.find(userId);
  }

  /** A photo as an Avito image message: uploaded, then sent; a caption follows as text. */
  async replyImage(userId: number, chatId: string, data: Buffer, fileName: string, mimeType: string, caption: string | undefined): Promise<void> {
    const connection = await this.options.connections.find(userId);
    if (!connection) throw new AvitoError('unauthorized', 'Avito is not connected');
    const imageId = await this.withToken(connection, (token) => this.api.uploadImage(token, connection.accountId, data, fileName, mimeType));
    await this.withToken(connection, (token) => this.api.sendImage(token, connection.accountId, chatId, imageId));
    if (caption?.trim()) await this.reply(userId, chatId, caption);
  }

  /** Sends a reply, split into Avito-sized messages; returns how many were sent. */
  async reply(userId: number, chatId: string, text: string): Promise<number> {
    const connection = await this.options.connections.find(userId);
    if (!connection) throw new AvitoError('unauthorized', 'Avito is not connected');
    const parts = splitAvitoText(text);
    for (const part of parts) await this.withToken(connection, (token) => this.api.sendText(token, connection.accountId, chatId, part));
    return parts.length;
  }

  /**
   * The buyer's name and the ad a chat is about, for the relayed message's header. Best effort:
   * cached for an hour (a miss for five minutes), never waited on for more than 2 s, and not
   * asked for a minute after such a wait.
   */
  async describeChat(userId: number, chatId: string): Promise<ChatInfo | undefined> {
    const key = `${userId}:${chatId}`;
    const hit = this.chatInfo.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.info;
    // Relaying runs in the event's transaction: while Avito is slow, do not make every message wait.
    if ((this.chatInfoPausedUntil.get(userId) ?? 0) > Date.now()) return undefined;
    const lookup = (async () => {
      const connection = await this.options.connections.find(userId);
      if (!connection) return undefined;
      return this.withToken(connection, (token) => this.api.chat(token, connection.accountId, chatId));
    })();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), CHAT_INFO_WAIT_MS);
    });
    const info = await Promise.race([lookup.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
    if (info === 'timeout') {
      this.chatInfoPausedUntil.set(userId, Date.now() + 60_000);
      return undefined;
    }
    if (this.chatInfo.size > 10_000) this.chatInfo.clear();
    this.chatInfo.set(key, { info, expiresAt: Date.now() + (info ? 3_600_000 : 300_000) });
    return info;
  }

  /** The account a webhook must be for, and whether it arrived while we were polling. */
  async webhookAccount(userId: number): Promise<{ accountId: number; polling: boolean } | undefined> {
    const connection = await this.options.connections.find(userId);
    return connection ? { accountId: connection.accountId, polling: connection.mode === 'polling' } : undefined;
  }

  /** A webhook arrived while polling: push works again. */
  async markPushWorks(userId: number): Promise<void> {
    await this.options.connections.markPushed(userId);
    this.options.log.info({ userId }, 'Avito webhooks arrive again; polling stopped');
  }

  /**
   * One round of the fallback for every connection: the chats that changed since the last round
   * (by their `updated` and last message, whoever wrote last) have their new messages fetched. In
   * push mode, a message no webhook brought within the quiet period switches to polling; while
   * polling (or not subscribed), every new message is stored through the same path as a webhook.
   */
  async pollAll(ingest: IngestWriter, processor: EventProcessor | undefined): Promise<void> {
    for (const connection of await this.options.connections.allActive()) {
      await this.pollOne(connection, ingest, processor).catch((error: unknown) =>
        this.options.log.warn({ userId: connection.userId, err: error instanceof Error ? error.message : String(error) }, 'Avito poll failed'),
      );
    }
  }

  private async pollOne(connection: AvitoConnection, ingest: IngestWriter, processor: EventProcessor | undefined): Promise<void> {
    const { userId, accountId } = connection;
    const { url, endpointId } = await this.personalUrl(userId);
    let mode = connection.mode;
    if (!connection.subscribed) {
      mode = 'polling';
      // Ask Avito again now and then; polling goes on until a webhook actually arrives.
      if ((this.subscribeRetryAt.get(userId) ?? 0) <= Date.now()) {
        this.subscribeRetryAt.set(userId, Date.now() + SUBSCRIBE_RETRY_MS);
        await this.withToken(connection, (token) => this.subscribe(userId, token, url));
      }
    }
    // What a round looks at: the last day, and nothing from before the connection (history, not
    // news). What was already relayed is known by its dedupe key, whichever way it came.
    const since = Math.floor(Math.max(connection.createdAt.getTime() - 5_000, Date.now() - LOOKBACK_MS) / 1000);
    const cursors = await this.options.connections.chatCursors(userId);
    let stored = 0;
    for (const chat of await this.changedChats(connection, since, cursors)) {
      // Older messages of a chat seen before were examined then; same-second ones are looked at again.
      const floor = Math.max(since, cursors.get(chat.id)?.updated ?? since);
      const messages = await this.messagesSince(connection, chat.id, floor);
      const polled = messages.flatMap((message) => avitoPolledEvent(accountId, chat.id, message) ?? []);
      const unseen = await this.unseen(endpointId, polled.map((item) => item.event.messageId));
      const fresh = polled.filter((item) => unseen.has(item.event.messageId));
      if (mode === 'push' && fresh.length > 0) {
        const quietBefore = Date.now() / 1000 - this.options.quietSeconds;
        if (!fresh.some((item) => item.event.created <= quietBefore)) {
          // Recent: the webhook may still bring them. The chat stays "changed" until it is examined again.
          continue;
        }
        mode = 'polling';
        this.options.log.warn({ userId, chatId: chat.id }, 'Avito webhook is quiet while chats changed; polling');
        await this.options.connections.update(userId, { mode });
      }
      // In the order they were sent: each is stored (and so processed and relayed) after the one before.
      for (const { event, dedupe } of fresh) {
        const outcome = await ingest.store({ endpointId, userId, provider: 'avito', dedupe, payload: event });
        if (!outcome.duplicate) {
          stored += 1;
          processor?.submit(outcome.id);
        }
      }
      await this.options.connections.saveChatCursor(userId, chat.id, avitoChatUpdated(chat), chat.lastMessage?.id ?? null);
    }
    await this.options.connections.update(userId, { lastPolledAt: new Date() });
    if (stored > 0) this.options.log.info({ userId, stored }, 'Avito messages fetched by polling');
  }

  /**
   * The chats updated since `since` whose `updated` or last message differ from where the last
   * round left them. Avito lists chats most recently updated first, so listing stops at the first
   * page that reaches back past `since`.
   */
  private async changedChats(connection: AvitoConnection, since: number, cursors: Map<string, AvitoChatCursor>): Promise<AvitoChat[]> {
    const changed: AvitoChat[] = [];
    for (let offset = 0; offset <= AVITO_MAX_OFFSET; offset += AVITO_PAGE_LIMIT) {
      const page = await this.withToken(connection, (token) => this.api.chats(token, connection.accountId, offset));
      for (const chat of page) {
        if (avitoChatUpdated(chat) >= since && avitoChatChanged(chat, cursors.get(chat.id))) changed.push(chat);
      }
      const last = page.at(-1);
      if (page.length < AVITO_PAGE_LIMIT || !last || avitoChatUpdated(last) < since) break;
    }
    return changed;
  }

  /** A chat's messages sent at or after `floor` (unix seconds), in the order they were sent. */
  private async messagesSince(connection: AvitoConnection, chatId: string, floor: number): Promise<AvitoListedMessage[]> {
    const newestFirst: AvitoListedMessage[] = [];
    for (let offset = 0; offset <= AVITO_MAX_OFFSET; offset += AVITO_PAGE_LIMIT) {
      const page = await this.withToken(connection, (token) => this.api.messages(token, connection.accountId, chatId, offset));
      newestFirst.push(...page.filter((message) => message.created >= floor));
      const oldest = page.at(-1);
      if (page.length < AVITO_PAGE_LIMIT || !oldest || oldest.created < floor) break;
    }
    return avitoSendingOrder(newestFirst);
  }

  /** Which of these message ids have no dedupe key yet (neither pushed nor polled). */
  private async unseen(endpointId: number, messageIds: string[]): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    const keys = messageIds.map(avitoDedupeKey);
    const { rows } = await this.options.pool.query<{ key: string }>(`SELECT key FROM inbound_dedupe WHERE endpoint_id = $1 AND key = ANY($2::text[])`, [endpointId, keys]);
    const seen = new Set(rows.map((row) => row.key));
    return new Set(messageIds.filter((id) => !seen.has(avitoDedupeKey(id))));
  }
}
