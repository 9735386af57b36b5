import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../src/db/database.js';
import { botPrompts } from './schema.js';

export interface PendingPrompt {
  kind: string;
  state: Record<string, unknown>;
}

/** One pending question per Telegram user: asking a new one replaces the old. */
export class PromptRepository {
  constructor(private readonly db: Db) {}

  async ask(telegramId: number, kind: string, state: Record<string, unknown>, ttlSeconds: number): Promise<void> {
    const expiresAt = sql`now() + make_interval(secs => ${ttlSeconds})`;
    await this.db
      .insert(botPrompts)
      .values({ telegramId, kind, state, expiresAt })
      .onConflictDoUpdate({ target: botPrompts.telegramId, set: { kind, state, expiresAt } });
  }

  /** The user's question still waiting for an answer, if any. */
  async pending(telegramId: number): Promise<PendingPrompt | undefined> {
    const [row] = await this.db
      .select({ kind: botPrompts.kind, state: botPrompts.state })
      .from(botPrompts)
      .where(and(eq(botPrompts.telegramId, telegramId), gt(botPrompts.expiresAt, sql`now()`)));
    return row;
  }

  async clear(telegramId: number): Promise<void> {
    await this.db.delete(botPrompts).where(eq(botPrompts.telegramId, telegramId));
  }
}
