import { eq, sql } from 'drizzle-orm';
import type { Db } from '../src/db/database.js';
import { avitoConnections, users, whatsappConnections, type AvitoConnection, type WhatsAppConnection } from './schema.js';

/** NOTIFY channel: a change to what a WhatsApp or Avito webhook is checked against. */
export const CONNECTIONS_CHANNEL = 'hookbot_connections';

async function announce(db: Db): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${CONNECTIONS_CHANNEL}, '')`);
}

/** Issue #5: each user's WhatsApp (Green API) connection; secrets arrive and leave sealed. */
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
    await announce(this.db);
  }

  async setState(userId: number, state: string): Promise<void> {
    await this.db.update(whatsappConnections).set({ state, updatedAt: sql`now()` }).where(eq(whatsappConnections.userId, userId));
  }

  async remove(userId: number): Promise<boolean> {
    const rows = await this.db.delete(whatsappConnections).where(eq(whatsappConnections.userId, userId)).returning({ userId: whatsappConnections.userId });
    await announce(this.db);
    return rows.length > 0;
  }
}

export type AvitoMode = 'push' | 'polling';

/** Issue #5: each user's Avito connection, its cached token and how messages reach us. */
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
    await this.db
      .insert(avitoConnections)
      .values({ ...connection, ...fresh })
      .onConflictDoUpdate({ target: avitoConnections.userId, set: { ...rest, ...fresh, createdAt: sql`now()`, updatedAt: sql`now()` } });
    await announce(this.db);
  }

  async saveToken(userId: number, accessToken: string, expiresAt: Date): Promise<void> {
    await this.db.update(avitoConnections).set({ accessToken, tokenExpiresAt: expiresAt, updatedAt: sql`now()` }).where(eq(avitoConnections.userId, userId));
  }

  async update(userId: number, changes: Partial<Pick<AvitoConnection, 'subscribed' | 'mode' | 'lastPolledAt'>>): Promise<void> {
    await this.db.update(avitoConnections).set({ ...changes, updatedAt: sql`now()` }).where(eq(avitoConnections.userId, userId));
    if (changes.mode !== undefined) await announce(this.db);
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
    await announce(this.db);
  }

  async remove(userId: number): Promise<boolean> {
    const rows = await this.db.delete(avitoConnections).where(eq(avitoConnections.userId, userId)).returning({ userId: avitoConnections.userId });
    await announce(this.db);
    return rows.length > 0;
  }
}
