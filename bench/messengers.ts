/** What the messenger benches share: users seeded with WhatsApp and Avito connections, and the requests the providers make. */
import { randomBytes } from 'node:crypto';
import { AvitoConnectionRepository, WhatsAppConnectionRepository } from '../models/connections.js';
import { EndpointRepository } from '../models/endpoints.js';
import { UserRepository } from '../models/users.js';
import { openDatabase, runMigrations } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { parseEncryptionKey, SecretBox } from '../src/services/secrets/secretBox.js';

export const ENCRYPTION_KEY = '0f'.repeat(32);
const ID_INSTANCE_BASE = 1101000000;

export interface BenchUser {
  id: number;
  telegramId: number;
  idInstance: string;
  accountId: number;
  tokens: { tradingview: string; whatsapp: string; avito: string };
  bearer: string;
}

export type Provider = 'tradingview' | 'whatsapp' | 'avito';

/** One user per Avito account, each with WhatsApp and Avito connected and their personal URLs. */
export async function seedMessengerUsers(databaseUrl: string, avitoAccounts: Array<{ clientId: string; clientSecret: string; accountId: number }>): Promise<BenchUser[]> {
  const log = createLogger('silent');
  const database = openDatabase(databaseUrl, log, 4);
  await runMigrations(database, log);
  const box = SecretBox.fromKey(parseEncryptionKey(ENCRYPTION_KEY));
  const users = new UserRepository(database.db);
  const endpoints = new EndpointRepository(database.db);
  const whatsapp = new WhatsAppConnectionRepository(database.db);
  const avito = new AvitoConnectionRepository(database.db);
  const seeded: BenchUser[] = [];
  for (const [i, account] of avitoAccounts.entries()) {
    const { user } = await users.register({ telegramId: 2_000_000 + i, language: 'en', firstName: `Relay${i}` }, true);
    const bearer = randomBytes(24).toString('base64url');
    const idInstance = String(ID_INSTANCE_BASE + i);
    await whatsapp.save({ userId: user.id, idInstance, apiUrl: 'http://127.0.0.1:9', apiToken: box.encrypt('x'.repeat(50)), webhookToken: box.encrypt(bearer), state: 'authorized' });
    await avito.save({
      userId: user.id,
      clientId: account.clientId,
      clientSecret: box.encrypt(account.clientSecret),
      accountId: account.accountId,
      accessToken: null,
      tokenExpiresAt: null,
      subscribed: true,
    });
    seeded.push({
      id: user.id,
      telegramId: user.telegramId,
      idInstance,
      accountId: account.accountId,
      bearer,
      tokens: {
        tradingview: (await endpoints.getOrCreate(user.id, 'tradingview')).token,
        whatsapp: (await endpoints.getOrCreate(user.id, 'whatsapp')).token,
        avito: (await endpoints.getOrCreate(user.id, 'avito')).token,
      },
    });
  }
  await database.close();
  return seeded;
}

/**
 * The request a provider would make for a message to `user` carrying `marker` in its text;
 * `customer`: the WhatsApp sender (phone digits), one per conversation.
 */
export function requestFor(provider: Provider, user: BenchUser, marker: string, customer = '79001234568'): { path: string; headers: Record<string, string>; body: string } {
  const now = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (provider === 'tradingview') {
    return { path: `/hooks/tradingview/${user.tokens.tradingview}`, headers, body: JSON.stringify({ symbol: 'BTCUSDT', action: 'buy', price: 50000, id: marker, note: marker }) };
  }
  if (provider === 'whatsapp') {
    const chatId = `${customer}@c.us`;
    return {
      path: `/hooks/whatsapp/${user.tokens.whatsapp}`,
      headers: { ...headers, authorization: `Bearer ${user.bearer}` },
      body: JSON.stringify({
        typeWebhook: 'incomingMessageReceived',
        instanceData: { idInstance: Number(user.idInstance), wid: '79990001122@c.us', typeInstance: 'whatsapp' },
        timestamp: now,
        idMessage: marker,
        senderData: { chatId, sender: chatId, chatName: 'Bench', senderName: `Bench ${customer}`, senderContactName: `Bench ${customer}` },
        messageData: { typeMessage: 'textMessage', textMessageData: { textMessage: `hello ${marker}` } },
      }),
    };
  }
  return {
    path: `/hooks/avito/${user.tokens.avito}`,
    headers,
    body: JSON.stringify({
      id: randomBytes(8).toString('hex'),
      version: 'v3.0.0',
      timestamp: now,
      payload: {
        type: 'message',
        value: { id: marker, chat_id: 'u2i-bench', user_id: user.accountId, author_id: 1, created: now, type: 'text', chat_type: 'u2i', content: { text: `hello ${marker}` } },
      },
    }),
  };
}
