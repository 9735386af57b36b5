import { EndpointRepository } from '../models/endpoints.js';
import { BybitKeyRepository } from '../models/trading.js';
import { UserRepository } from '../models/users.js';
import { openDatabase, runMigrations } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { SecretBox } from '../src/services/secrets/secretBox.js';
import type { FakeBybit } from '../test/support/fakeBybit.js';

export interface SeededTrader {
  /** The token of the user's TradingView URL. */
  token: string;
  apiKey: string;
  secret: string;
  chatId: number;
  userId: number;
}

function saveKey(keys: BybitKeyRepository, box: SecretBox, trader: SeededTrader): Promise<unknown> {
  return keys.save(trader.userId, 'demo', {
    apiKey: box.encrypt(trader.apiKey),
    apiSecret: box.encrypt(trader.secret),
    maskedKey: SecretBox.mask(trader.apiKey),
    info: { readOnly: false, permissions: {}, ips: [], expiredAt: null },
  });
}

/** Saves the demo keys of traders seeded without them, later (e.g. once a worker is running). */
export async function saveTraderKeys(databaseUrl: string, traders: SeededTrader[], encryptionKey: string): Promise<void> {
  const log = createLogger('silent');
  const database = openDatabase(databaseUrl, log, 4);
  try {
    const keys = new BybitKeyRepository(database.db);
    const box = SecretBox.fromKey(Buffer.from(encryptionKey, 'hex'));
    for (const trader of traders) await saveKey(keys, box, trader);
  } finally {
    await database.close();
  }
}

/**
 * Users written straight into a migrated database (faster than /start and /keys for hundreds),
 * each with a TradingView URL and a funded demo account at the fake exchange. The first
 * `withKeys` of them (all by default) have those keys saved in Hookbot, encrypted with
 * `encryptionKey` as the app under test will read them.
 */
export async function seedTraders(
  databaseUrl: string,
  bybit: FakeBybit,
  options: { count: number; firstChatId: number; encryptionKey: string; withKeys?: number },
): Promise<SeededTrader[]> {
  const log = createLogger('silent');
  const database = openDatabase(databaseUrl, log, 4);
  try {
    await runMigrations(database, log);
    const users = new UserRepository(database.db);
    const endpoints = new EndpointRepository(database.db);
    const keys = new BybitKeyRepository(database.db);
    const box = SecretBox.fromKey(Buffer.from(options.encryptionKey, 'hex'));
    const seeded: SeededTrader[] = [];
    for (let i = 0; i < options.count; i += 1) {
      const chatId = options.firstChatId + i;
      const { user } = await users.register({ telegramId: chatId, language: 'en', firstName: `Trader${i}` }, true);
      const apiKey = `BENCHKEY${String(chatId).padStart(8, '0')}`;
      const secret = `benchsecret${String(chatId).padStart(8, '0')}abcdefghijklmn`;
      bybit.addAccount({ apiKey, secret, balances: { USDT: 1e9 } });
      const trader = { token: (await endpoints.getOrCreate(user.id, 'tradingview')).token, apiKey, secret, chatId, userId: user.id };
      if (i < (options.withKeys ?? options.count)) await saveKey(keys, box, trader);
      seeded.push(trader);
    }
    return seeded;
  } finally {
    await database.close();
  }
}
