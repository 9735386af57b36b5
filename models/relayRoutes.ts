import { and, eq } from 'drizzle-orm';
import type { Db } from '../src/db/database.js';
import type pg from 'pg';
import { forumTopics, relayRoutes, type ForumTopic, type RelayRoute } from './schema.js';

/** Where each messenger connection's messages go (absent: the owner's private chat). */
export class RelayRouteRepository {
  constructor(private readonly db: Db) {}

  async find(userId: number, provider: string): Promise<RelayRoute | undefined> {
    const [row] = await this.db
      .select()
      .from(relayRoutes)
      .where(and(eq(relayRoutes.userId, userId), eq(relayRoutes.provider, provider)));
    return row;
  }

  /**
   * Where a message being relayed goes, read in its event's transaction (`client`) with a share
   * lock: removing the route (the bot lost the group) waits for that transaction, so it sees the
   * message queued for the group and moves it with the rest, and a later message never overtakes it.
   */
  async findForRelay(client: Pick<pg.Pool, 'query'>, userId: number, provider: string): Promise<Pick<RelayRoute, 'chatId' | 'forum'> | undefined> {
    const { rows } = await client.query<{ chat_id: string; forum: boolean }>(
      'SELECT chat_id, forum FROM relay_routes WHERE user_id = $1 AND provider = $2 FOR SHARE',
      [userId, provider],
    );
    const row = rows[0];
    return row && { chatId: Number(row.chat_id), forum: row.forum };
  }

  /** Routes the connection to a group; who may answer is kept when the same group is routed again. */
  async route(userId: number, provider: string, chatId: number, forum: boolean): Promise<void> {
    const previous = await this.find(userId, provider);
    const answerers = previous?.chatId === chatId ? previous.answerers : null;
    await this.db
      .insert(relayRoutes)
      .values({ userId, provider, chatId, forum, answerers })
      .onConflictDoUpdate({ target: [relayRoutes.userId, relayRoutes.provider], set: { chatId, forum, answerers } });
  }

  async unroute(userId: number, provider: string): Promise<boolean> {
    const rows = await this.db
      .delete(relayRoutes)
      .where(and(eq(relayRoutes.userId, userId), eq(relayRoutes.provider, provider)))
      .returning({ userId: relayRoutes.userId });
    return rows.length > 0;
  }

  /** null: every member of the group may answer. */
  async setAnswerers(userId: number, provider: string, answerers: number[] | null): Promise<void> {
    await this.db
      .update(relayRoutes)
      .set({ answerers })
      .where(and(eq(relayRoutes.userId, userId), eq(relayRoutes.provider, provider)));
  }
}

export interface TopicKey {
  chatId: number;
  userId: number;
  provider: string;
  conversation: string;
}

/** The forum topic of each customer conversation, by conversation and by thread. */
export class ForumTopicRepository {
  constructor(private readonly db: Db) {}

  async find(key: TopicKey): Promise<ForumTopic | undefined> {
    const [row] = await this.db
      .select()
      .from(forumTopics)
      .where(
        and(
          eq(forumTopics.chatId, key.chatId),
          eq(forumTopics.userId, key.userId),
          eq(forumTopics.provider, key.provider),
          eq(forumTopics.conversation, key.conversation),
        ),
      );
    return row;
  }

  async atThread(chatId: number, threadId: number): Promise<ForumTopic | undefined> {
    const [row] = await this.db
      .select()
      .from(forumTopics)
      .where(and(eq(forumTopics.chatId, chatId), eq(forumTopics.threadId, threadId)));
    return row;
  }

  async save(key: TopicKey, threadId: number, name: string): Promise<void> {
    await this.db
      .insert(forumTopics)
      .values({ ...key, threadId, name })
      .onConflictDoUpdate({ target: [forumTopics.chatId, forumTopics.userId, forumTopics.provider, forumTopics.conversation], set: { threadId, name } });
  }

  async rename(key: TopicKey, name: string): Promise<void> {
    await this.db
      .update(forumTopics)
      .set({ name })
      .where(
        and(
          eq(forumTopics.chatId, key.chatId),
          eq(forumTopics.userId, key.userId),
          eq(forumTopics.provider, key.provider),
          eq(forumTopics.conversation, key.conversation),
        ),
      );
  }

  /** Forgets a topic Telegram no longer has; the next message of its conversation creates a new one. */
  async forget(chatId: number, threadId: number): Promise<void> {
    await this.db.delete(forumTopics).where(and(eq(forumTopics.chatId, chatId), eq(forumTopics.threadId, threadId)));
  }
}
