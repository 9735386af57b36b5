import { eq, sql } from 'drizzle-orm';
import { announce } from '../src/db/announce.js';
import type { Db } from '../src/db/database.js';
import { avitoChatCursors, avitoConnections, users, whatsappConnections, type AvitoConnection, type WhatsAppConnection } from './schema.js';

/** NOTIFY channel: a change to what a WhatsApp or Avito webhook is checked against. */
export const CONNECTIONS_CHANNEL = 'hookbot_connections';

const announceChange = (db: Db): Promise<void> => announce(db, CONNECTIONS_CHANNEL);

/** Each user's WhatsApp (Green API) connection; secrets arrive and leave sealed. */
export class WhatsAppConnectionRepository {
  constructor(private readonly db: Db) {}

  async find(userId: number): Promise<WhatsAppConnection | undefined> {
    const [row] = await this.db.select().from(whatsappConnections).where(eq(whatsappConnections.userId, userId));
    return row;
  }

  async save(connection: Omit<WhatsAppConnection, 'createdAt' | 'updatedAt'>): Promise<void> {
    const { userId: _userId, ...rest } = connection;
    await this.db
      .insert(whatsappConnections)
      .values(connection)
      .onConflictDoUpdate({ target: whatsappConnections.userId, set: { ...rest, createdAt: sql`now()`, updatedAt: sql`now()` } });
    await announceChange(this.db);
  }

  /** The connections of active users: nothing is checked for a deactivated one. */
  async allActive(): Promise<WhatsAppConnection[]> {
    const rows = await this.db
      .select({ connection: whatsappConnections })
      .from(whatsappConnections)
      .innerJoin(users, eq(users.id, whatsappConnections.userId))
      .where(eq(users.active, true));
    return rows.map((row) => row.connection);
  }

  async setState(userId: number, state: string): Promise<void> {
    await this.db.update(whatsappConnections).set({ state, updatedAt: sql`now()` }).where(eq(whatsappConnections.userId, userId));
  }

  async remove(userId: number): Promise<boolean> {
    const rows = await this.db.delete(whatsappConnections).where(eq(whatsappConnections.userId, userId)).returning({ userId: whatsappConnections.userId });
    await announceChange(this.db);
    return rows.length > 0;
  }
}

export type AvitoMode = 'push' | 'polling';

/** Each user's Avito connection, its cached token and how messages reach us. */
export class AvitoConnectionRepository {
  constructor(private readonly db: Db) {}

  async find(userId: number): Promise<AvitoConnection | undefined> {
    const [row] = await this.db.select().from(avitoConnections).where(eq(avitoConnections.userId, userId));
    return row;
  }

  /** The connections of active users: nothing is fetched for a deactivated one. */
  async allActive(): Promise<AvitoConnection[]> {
    const rows = await this.db
      .select({ connection: avitoConnections })
      .from(avitoConnections)
      .innerJoin(users, eq(users.id, avitoConnections.userId))
      .where(eq(users.active, true));
    return rows.map((row) => row.connection);
  }

  async save(connection: Pick<AvitoConnection, 'userId' | 'clientId' | 'clientSecret' | 'accountId' | 'accessToken' | 'tokenExpiresAt' | 'subscribed'>): Promise<void> {
    const { userId: _userId, ...rest } = connection;
    const fresh = { mode: 'push', lastPushAt: null, lastMessageAt: null, lastPolledAt: null };
    // A new connection (perhaps another account) starts from now, not from the old one's chats.
    await this.db.delete(avitoChatCursors).where(eq(avitoChatCursors.userId, connection.userId));
    await this.db
      .insert(avitoConnections)
      .values({ ...connection, ...fresh })
      .onConflictDoUpdate({ target: avitoConnections.userId, set: { ...rest, ...fresh, createdAt: sql`now()`, updatedAt: sql`now()` } });
    await announceChange(this.db);
  }

  /** Where the polling fallback left each chat of the user's account, by chat id. */
  async chatCursors(userId: number): Promise<Map<string, { updated: number; lastMessageId: string | null }>> {
    const rows = await this.db
      .select({ chatId: avitoChatCursors.chatId, updated: avitoChatCursors.updated, lastMessageId: avitoChatCursors.lastMessageId })
      .from(avitoChatCursors)
      .where(eq(avitoChatCursors.userId, userId));
    return new Map(rows.map((row) => [row.chatId, { updated: row.updated, lastMessageId: row.lastMessageId }]));
  }

  /** Every message of the chat up to this `updated` and last message was examined. */
  async saveChatCursor(userId: number, chatId: string, updated: number, lastMessageId: string | null): Promise<void> {
    await this.db
      .insert(avitoChatCursors)
      .values({ userId, chatId, updated, lastMessageId })
      .onConflictDoUpdate({
        target: [avitoChatCursors.userId, avitoChatCursors.chatId],
        set: { updated, lastMessageId, examinedAt: sql`now()` },
      });
  }

  async saveToken(userId: number, accessToken: string, expiresAt: Date): Promise<void> {
    await this.db.update(avitoConnections).set({ accessToken, tokenExpiresAt: expiresAt, updatedAt: sql`now()` }).where(eq(avitoConnections.userId, userId));
  }

  async update(userId: number, changes: Partial<Pick<AvitoConnection, 'subscribed' | 'mode' | 'lastPolledAt'>>): Promise<void> {
    await this.db.update(avitoConnections).set({ ...changes, updatedAt: sql`now()` }).where(eq(avitoConnections.userId, userId));
    if (changes.mode !== undefined) await announceChange(this.db);
  }

  /** A message was relayed; when it was pushed, the webhook's last delivery too. (Leaving polling is markPushed's.) */
  async recordMessage(userId: number, pushed: boolean, at: Date): Promise<void> {
    await this.db
      .update(avitoConnections)
      .set({
        lastMessageAt: sql`greatest(${avitoConnections.lastMessageAt}, ${at.toISOString()}::timestamptz)`,
        ...(pushed ? { lastPushAt: sql`now()` } : {}),
      })
      .where(eq(avitoConnections.userId, userId));
  }

  /** A webhook arrived: the webhook works, so polling (if on) stops. */
  async markPushed(userId: number): Promise<void> {
    await this.db.update(avitoConnections).set({ lastPushAt: sql`now()`, mode: 'push' }).where(eq(avitoConnections.userId, userId));
    await announceChange(this.db);
  }

  async remove(userId: number): Promise<boolean> {
    const rows = await this.db.delete(avitoConnections).where(eq(avitoConnections.userId, userId)).returning({ userId: avitoConnections.userId });
    await announceChange(this.db);
    return rows.length > 0;
  }
}
