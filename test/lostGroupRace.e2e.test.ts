import { afterAll, beforeAll, expect, it } from 'vitest';
import { EndpointRepository } from '../models/endpoints.js';
import { RelayRouteRepository } from '../models/relayRoutes.js';
import { UserRepository } from '../models/users.js';
import { openDatabase, runMigrations, type Database } from '../src/db/database.js';
import { createI18n } from '../src/i18n.js';
import { createLogger } from '../src/logger.js';
import { LostGroups } from '../src/services/relay/lostGroups.js';
import { RelayNotifications } from '../src/services/relay/relayNotifications.js';
import { RelayTargets } from '../src/services/relay/relayTarget.js';
import { enqueueMessages } from '../src/services/telegram/outbox.js';
import { createTestDatabase } from './support/database.js';

const GROUP = -100_777;
const OWNER_TELEGRAM_ID = 930_001;
let database: Database;
let userId: number;
let endpointId: number;

beforeAll(async () => {
  const log = createLogger('silent');
  database = openDatabase(await createTestDatabase(), log, 4);
  await runMigrations(database, log);
  const { user } = await new UserRepository(database.db).register({ telegramId: OWNER_TELEGRAM_ID, language: 'en', firstName: 'Owner' }, true);
  userId = user.id;
  endpointId = (await new EndpointRepository(database.db).getOrCreate(userId, 'whatsapp')).id;
  await new RelayRouteRepository(database.db).route(userId, 'whatsapp', GROUP, false);
});

afterAll(async () => {
  await database?.close();
});

// A message whose event read the group's route just before the bot was removed from that group
// must be moved to the private chat with the others, not left behind for a later 403 to rescue
// after the messages that followed it had already gone out.
it('a message being relayed while the bot loses the group is moved to the private chat with the rest', async () => {
  const log = createLogger('silent');
  const targets = new RelayTargets(new RelayRouteRepository(database.db), new RelayNotifications(database.pool));
  const lostGroups = new LostGroups(database.pool, createI18n(), log);
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO inbound_events (endpoint_id, user_id, provider, dedupe_key, payload) VALUES ($1, $2, 'whatsapp', 'race-1', '{}') RETURNING id`,
      [endpointId, userId],
    );
    const eventId = Number(rows[0]!.id);
    const placed = await targets.place(client, userId, OWNER_TELEGRAM_ID, { provider: 'whatsapp', id: 'c1', name: 'Maria' }, (chatId) => [
      { chatId, html: 'being relayed', sourceEventId: eventId },
    ]);
    expect(placed[0]!.chatId).toBe(GROUP);
    // Telegram answers 403 for the group now, while this event's transaction is still open.
    let lostDone = false;
    const lost = lostGroups.lost(GROUP).then(() => {
      lostDone = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waited = !lostDone;
    await enqueueMessages(client, placed);
    await client.query('COMMIT');
    await lost;
    expect(waited).toBe(true);
  } finally {
    client.release();
  }
  const queued = await database.pool.query<{ chat_id: number; status: string }>(`SELECT chat_id, status FROM telegram_outbox WHERE payload->>'text' = 'being relayed'`);
  expect(queued.rows).toEqual([{ chat_id: OWNER_TELEGRAM_ID, status: 'pending' }]);
  expect(await database.pool.query(`SELECT 1 FROM relay_routes WHERE chat_id = $1`, [GROUP]).then((r) => r.rowCount)).toBe(0);
});
