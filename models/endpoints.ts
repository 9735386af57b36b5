import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { announce } from '../src/db/announce.js';
import type { Db } from '../src/db/database.js';
import { endpoints, users, type Endpoint } from './schema.js';

/** Every provider a user can have a personal URL for (/hooks/<provider>/<token>). */
export const providers = ['tradingview', 'whatsapp', 'avito', 'fal'] as const;

/** NOTIFY channel: any change that alters who a token reaches, or whether they are active. */
export const ENDPOINTS_CHANNEL = 'hookbot_endpoints';

export async function announceEndpointChange(db: Db): Promise<void> {
  await announce(db, ENDPOINTS_CHANNEL);
}
export type Provider = (typeof providers)[number];

/** 192 random bits, URL-safe: well above the 128 bits a guessable-URL attack would need to beat. */
export function newEndpointToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface EndpointOwner {
  endpointId: number;
  provider: string;
  userId: number;
  telegramId: number;
  active: boolean;
  language: string;
}

export class EndpointRepository {
  constructor(private readonly db: Db) {}

  /** The user's endpoint for a provider, created on first use. */
  async getOrCreate(userId: number, provider: Provider): Promise<Endpoint> {
    await this.db
      .insert(endpoints)
      .values({ userId, provider, token: newEndpointToken() })
      .onConflictDoNothing({ target: [endpoints.userId, endpoints.provider] });
    const [row] = await this.db
      .select()
      .from(endpoints)
      .where(and(eq(endpoints.userId, userId), eq(endpoints.provider, provider)));
    if (!row) throw new Error('endpoint vanished after insert');
    return row;
  }

  /** Replaces the token; the old URL stops working at once (every process is told through NOTIFY). */
  async rotate(userId: number, provider: Provider): Promise<Endpoint> {
    await this.getOrCreate(userId, provider);
    const [row] = await this.db
      .update(endpoints)
      .set({ token: newEndpointToken(), rotatedAt: sql`now()` })
      .where(and(eq(endpoints.userId, userId), eq(endpoints.provider, provider)))
      .returning();
    if (!row) throw new Error('endpoint vanished during rotation');
    await announceEndpointChange(this.db);
    return row;
  }

  /** Sets (or with null clears) how alerts relayed from this URL read; the caller has validated it. */
  async setTemplate(userId: number, provider: Provider, template: string | null): Promise<void> {
    await this.getOrCreate(userId, provider);
    await this.db
      .update(endpoints)
      .set({ template })
      .where(and(eq(endpoints.userId, userId), eq(endpoints.provider, provider)));
  }

  async findOwner(provider: string, token: string): Promise<EndpointOwner | undefined> {
    const [row] = await this.db
      .select({
        endpointId: endpoints.id,
        provider: endpoints.provider,
        userId: users.id,
        telegramId: users.telegramId,
        active: users.active,
        language: users.language,
      })
      .from(endpoints)
      .innerJoin(users, eq(users.id, endpoints.userId))
      .where(and(eq(endpoints.token, token), eq(endpoints.provider, provider)));
    return row;
  }
}
