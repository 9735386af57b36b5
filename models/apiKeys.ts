import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../src/db/database.js';
import { apiKeys, users, type User } from './schema.js';

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

export interface IssuedKey {
  /** The key itself: shown to the user once, never stored. */
  key: string;
  webhookSecret: string;
}

export class ApiKeyRepository {
  constructor(private readonly db: Db) {}

  /** The key prefix and the sealed signing secret, when the user has a key. */
  async find(userId: number): Promise<{ keyPrefix: string; webhookSecret: string } | undefined> {
    const [row] = await this.db
      .select({ keyPrefix: apiKeys.keyPrefix, webhookSecret: apiKeys.webhookSecret })
      .from(apiKeys)
      .where(eq(apiKeys.userId, userId));
    return row;
  }

  /**
   * A new key and signing secret; the old key stops working at once. The secret is stored as
   * `seal` makes it (encrypted at rest: src/services/secrets), the key only as its hash.
   */
  async issue(userId: number, seal: (secret: string) => string): Promise<IssuedKey> {
    const key = `hb_${randomBytes(24).toString('base64url')}`;
    // Standard Webhooks secret: `whsec_` and random bytes in base64.
    const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
    const values = { keyHash: hashApiKey(key), keyPrefix: key.slice(0, 7), webhookSecret: seal(webhookSecret) };
    await this.db
      .insert(apiKeys)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: apiKeys.userId, set: values });
    return { key, webhookSecret };
  }

  /** The user a key belongs to. */
  async userForKey(key: string): Promise<User | undefined> {
    const [row] = await this.db
      .select({ user: users })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(and(eq(apiKeys.keyHash, hashApiKey(key))));
    return row?.user;
  }
}
