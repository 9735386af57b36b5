import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { personalToken, postAlert, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';
import { waitUntil } from './support/until.js';

let telegram: FakeTelegram;
let hookbot: TestHookbot;
const users = [6001, 6002, 6003].map((id) => ({ id, first_name: `U${id}` }));
const tokens = new Map<number, string>();

beforeAll(async () => {
  telegram = await startFakeTelegram();
  hookbot = await startTestHookbot(telegram);
  for (const user of users) {
    await registerUser(telegram, user);
    tokens.set(user.id, await personalToken(telegram, user.id));
  }
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
});

const seqOf = (text: string | undefined) => Number(/seq-(\d+)/.exec(text ?? '')?.[1]);

describe('Telegram outbox', () => {
  it('delivers every message once and in order through a storm of 429s', async () => {
    const perUser = 12;
    telegram.failNext('sendMessage', 25, { kind: 'flood', retryAfter: 1 });
    for (let seq = 0; seq < perUser; seq += 1) {
      await Promise.all(users.map((user) => postAlert(hookbot.url, tokens.get(user.id)!, `buy STORMUSDT seq-${seq}`)));
    }
    const storm = (chatId: number) => telegram.sent(chatId).filter((m) => (m.text ?? '').includes('STORMUSDT'));
    await waitUntil(() => users.every((user) => storm(user.id).length >= perUser), 25_000, 'all storm messages');
    const floods = telegram.calls.filter((c) => c.method === 'sendMessage' && c.response?.ok === false && c.response.error_code === 429);
    expect(floods.length).toBe(25);
    for (const user of users) {
      const sequence = storm(user.id).map((m) => seqOf(m.text));
      expect(sequence).toEqual(Array.from({ length: perUser }, (_, i) => i));
    }
  });

  it('retries server and network errors with backoff until delivered', async () => {
    const user = users[0]!;
    telegram.failNext('sendMessage', 2, { kind: 'server', status: 502 }, { chatId: user.id });
    telegram.failNext('sendMessage', 1, { kind: 'network' }, { chatId: user.id });
    await postAlert(hookbot.url, tokens.get(user.id)!, 'sell RETRYUSDT');
    const message = await telegram.waitForMessage(user.id, (m) => (m.text ?? '').includes('RETRYUSDT'), 20_000);
    expect(message.text).toContain('RETRYUSDT');
    const attempts = telegram.calls.filter((c) => c.method === 'sendMessage' && String(c.params.text).includes('RETRYUSDT'));
    expect(attempts.length).toBe(4);
    // Backoff: the attempts are spread out, not fired back to back.
    expect(attempts.at(-1)!.at - attempts[0]!.at).toBeGreaterThan(1_000);
  });

  it('does not let one slow chat hold back the others', async () => {
    const [slow, fast] = [users[0]!, users[1]!];
    telegram.failNext('sendMessage', 1, { kind: 'hang', ms: 5_000 }, { chatId: slow.id });
    await postAlert(hookbot.url, tokens.get(slow.id)!, 'buy SLOWUSDT');
    await telegram.waitForCall('sendMessage', (call) => String(call.params.text).includes('SLOWUSDT'));
    const sentAt = Date.now();
    await postAlert(hookbot.url, tokens.get(fast.id)!, 'buy FASTUSDT');
    const fastMessage = await telegram.waitForMessage(fast.id, (m) => (m.text ?? '').includes('FASTUSDT'));
    expect(fastMessage.at - sentAt).toBeLessThan(2_000);
    // The slow one still arrives, once, when its answer finally comes.
    await telegram.waitForMessage(slow.id, (m) => (m.text ?? '').includes('SLOWUSDT'), 10_000);
    expect(telegram.sent(slow.id).filter((m) => (m.text ?? '').includes('SLOWUSDT'))).toHaveLength(1);
  });

  it('takes over at once a message leased by a worker that died, but never one a live worker holds', async () => {
    const user = users[1]!;
    const html = 'lease-test <b>orphaned</b>';
    const payload = JSON.stringify({ chat_id: user.id, text: html, parse_mode: 'HTML' });
    // What a worker that crashed mid-send leaves behind: a lease an hour long, held by worker 4242.
    const lockHolder = await hookbot.database.pool.connect();
    try {
      await lockHolder.query('SELECT pg_advisory_lock(7320003, 4242)');
      await hookbot.query(
        `INSERT INTO telegram_outbox (chat_id, payload, locked_until, locked_by, attempts)
         VALUES ($1, $2::jsonb, now() + interval '1 hour', 4242, 1)`,
        [user.id, payload],
      );
      await hookbot.query(`SELECT pg_notify('hookbot_outbox', '')`);
      // While worker 4242 is alive (its lock is held), its lease is respected.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(telegram.sent(user.id).filter((m) => (m.text ?? '').includes('lease-test'))).toHaveLength(0);
    } finally {
      // Worker 4242 goes away: its session lock goes with it.
      lockHolder.release(true);
    }
    const gone = Date.now();
    const message = await telegram.waitForMessage(user.id, (m) => (m.text ?? '').includes('lease-test'), 5_000);
    expect(message.at - gone).toBeLessThan(3_000);
  });

  it('marks a chat that blocked the bot instead of retrying forever', async () => {
    const user = users[2]!;
    telegram.blockChat(user.id);
    await postAlert(hookbot.url, tokens.get(user.id)!, 'buy BLOCKUSDT one');
    await postAlert(hookbot.url, tokens.get(user.id)!, 'buy BLOCKUSDT two');
    await waitUntil(
      async () => (await hookbot.query(`SELECT 1 FROM users WHERE telegram_id = $1 AND blocked_at IS NOT NULL`, [user.id])).length === 1,
      10_000,
      'the user marked as blocked',
    );
    // The 200 comes before processing: wait until both alerts are queued, then until the queue is empty.
    await waitUntil(
      async () =>
        (
          await hookbot.query(
            `SELECT 1 FROM inbound_events e JOIN users u ON u.id = e.user_id
              WHERE u.telegram_id = $1 AND e.payload->>'symbol' = 'BLOCKUSDT' AND e.status = 'processed'`,
            [user.id],
          )
        ).length === 2,
      10_000,
      'both alerts processed',
    );
    await waitUntil(
      async () =>
        (await hookbot.query(`SELECT 1 FROM telegram_outbox WHERE chat_id = $1 AND status = 'pending'`, [user.id])).length === 0,
      10_000,
      'the blocked chat queue to be dropped',
    );
    const attemptsBefore = telegram.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === user.id).length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const attemptsAfter = telegram.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === user.id).length;
    expect(attemptsAfter).toBe(attemptsBefore);
    const dropped = await hookbot.query<{ n: number }>(`SELECT count(*)::int AS n FROM telegram_outbox WHERE chat_id = $1 AND status = 'dropped'`, [
      user.id,
    ]);
    expect(dropped[0]?.n).toBeGreaterThanOrEqual(1);

    // Writing to the bot again (any message, not only /start) clears the mark and messages flow.
    telegram.unblockChat(user.id);
    const asked = Date.now();
    telegram.sendUserMessage(user, '/help');
    await telegram.waitForMessage(user.id, (m) => m.at >= asked);
    expect(await hookbot.query(`SELECT 1 FROM users WHERE telegram_id = $1 AND blocked_at IS NULL`, [user.id])).toHaveLength(1);
    await postAlert(hookbot.url, tokens.get(user.id)!, 'buy BLOCKUSDT three');
    await telegram.waitForMessage(user.id, (m) => (m.text ?? '').includes('three'));
  });
});
