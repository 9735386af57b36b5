import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { ADMIN_ID, personalToken, postAlert, registerUser, startTestHookbot, startTestRoles, type TestHookbot } from './support/hookbot.js';

let telegram: FakeTelegram;
let web: TestHookbot;
let workers: Awaited<ReturnType<typeof startTestRoles>> | undefined;
const admin = { id: ADMIN_ID, first_name: 'Admin' };
const user = { id: 9601, first_name: 'Paused' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  // A web process that only stores; acting is left to worker processes started later.
  web = await startTestHookbot(telegram, { roles: ['web', 'bot'], env: { INLINE_PROCESSING: 'false' } });
});

afterAll(async () => {
  await workers?.stop();
  await web?.stop();
  await telegram?.close();
});

describe('a user deactivated while their events wait', () => {
  it('skips what was stored before the deactivation and sends nothing of it', async () => {
    await registerUser(telegram, admin);
    await registerUser(telegram, user);
    const token = await personalToken(telegram, user.id);
    expect((await postAlert(web.url, token, { action: 'buy', symbol: 'WAITUSDT', id: 'w1' })).status).toBe(200);
    expect((await postAlert(web.url, token, { action: 'sell', symbol: 'WAITUSDT', id: 'w2' })).status).toBe(200);

    const asked = Date.now();
    telegram.sendUserMessage(admin, `/deactivate ${user.id}`);
    await telegram.waitForMessage(admin.id, (m) => m.at >= asked);

    workers = await startTestRoles(telegram, { roles: ['worker'], databaseUrl: web.databaseUrl });
    const deadline = Date.now() + 10_000;
    let statuses: string[] = [];
    while (Date.now() < deadline) {
      statuses = (await web.query<{ status: string }>(`SELECT status FROM inbound_events ORDER BY id`)).map((row) => row.status);
      if (statuses.every((status) => status !== 'pending')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(statuses).toEqual(['skipped', 'skipped']);
    // The worker also delivers the deactivation notice; the alerts themselves never reach the chat.
    await telegram.waitForMessage(user.id, (m) => /deactivated/.test(m.plainText ?? ''));
    expect(telegram.sent(user.id).filter((m) => (m.text ?? '').includes('WAITUSDT'))).toHaveLength(0);
  });
});
