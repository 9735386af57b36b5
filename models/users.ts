import { asc, count, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../src/db/database.js';
import { announceEndpointChange } from './endpoints.js';
import { users, type User } from './schema.js';

export interface TelegramProfile {
  telegramId: number;
  username?: string | undefined;
  firstName?: string | undefined;
  language: string;
}

export interface UserPage {
  users: User[];
  page: number;
  pages: number;
  total: number;
}

export class UserRepository {
  constructor(private readonly db: Db) {}

  async findByTelegramId(telegramId: number): Promise<User | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.telegramId, telegramId));
    return row;
  }

  async findById(id: number): Promise<User | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row;
  }

  /**
   * Registers a user, or refreshes the profile of one already known. The language is only set
   * on first contact: after that it is the user's own choice (/lang).
   */
  async register(profile: TelegramProfile, active: boolean): Promise<{ user: User; created: boolean }> {
    const [row] = await this.db
      .insert(users)
      .values({ ...profile, active })
      .onConflictDoUpdate({
        target: users.telegramId,
        set: { username: profile.username ?? null, firstName: profile.firstName ?? null, blockedAt: null, updatedAt: sql`now()` },
      })
      .returning({ ...getTableColumns(users), created: sql<boolean>`(xmax = 0)` });
    if (!row) throw new Error('user upsert returned no row');
    const { created, ...user } = row;
    return { user, created };
  }

  async setLanguage(telegramId: number, language: string): Promise<void> {
    await this.db.update(users).set({ language, updatedAt: sql`now()` }).where(eq(users.telegramId, telegramId));
  }

  /** Returns the updated user, or undefined when no such user exists. */
  async setActive(telegramId: number, active: boolean): Promise<User | undefined> {
    const [row] = await this.db
      .update(users)
      .set({ active, updatedAt: sql`now()` })
      .where(eq(users.telegramId, telegramId))
      .returning();
    if (row) await announceEndpointChange(this.db);
    return row;
  }

  /** They wrote to the bot, so they have unblocked it. */
  async clearBlocked(telegramId: number): Promise<void> {
    await this.db.update(users).set({ blockedAt: null }).where(eq(users.telegramId, telegramId));
  }

  async markBlocked(telegramId: number): Promise<void> {
    await this.db.update(users).set({ blockedAt: sql`now()` }).where(eq(users.telegramId, telegramId));
  }

  async list(page: number, pageSize: number): Promise<UserPage> {
    const [totals] = await this.db.select({ total: count() }).from(users);
    const total = totals?.total ?? 0;
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const current = Math.min(Math.max(1, page), pages);
    const rows = await this.db
      .select()
      .from(users)
      .orderBy(asc(users.id))
      .limit(pageSize)
      .offset((current - 1) * pageSize);
    return { users: rows, page: current, pages, total };
  }
}
