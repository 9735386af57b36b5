import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say, shown, waitUntil } from './support/conversation.js';
import { avitoContents, startFakeAvito, type FakeAvito } from './support/fakeAvito.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { PUBLIC_URL, registerUser, startTestHookbot, startTestRoles, type TestHookbot } from './support/hookbot.js';

/**
 * The Avito fallback as a new user meets it on a scaled-out install: Avito never confirms the
 * webhook, so every message comes by polling, and two worker processes share the polling job.
 */
let telegram: FakeTelegram;
let avito: FakeAvito;
let web: TestHookbot;
const workers: Array<{ stop(): Promise<void> }> = [];
const seller = { id: 7301, first_name: 'Pavel', language_code: 'en' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  avito = await startFakeAvito({ route: (url) => url.replace(PUBLIC_URL, web.url) });
  const env = { AVITO_API_URL: avito.url, AVITO_POLL_INTERVAL_SECONDS: '1', AVITO_QUIET_SECONDS: '1' };
  web = await startTestHookbot(telegram, { env, roles: ['web', 'bot'] });
  for (let i = 0; i < 2; i += 1) workers.push(await startTestRoles(telegram, { env, roles: ['worker'], databaseUrl: web.databaseUrl }));
  await registerUser(telegram, seller);
});

afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await web?.stop();
  await avito?.close();
  await telegram?.close();
});

describe('Avito polling with two workers', () => {
  it("relays every buyer's message once and in order, whoever wrote after it", async () => {
    const account = avito.addAccount();
    account.ignoreSubscribe = true;
    await say(telegram, seller, '/connect avito', (m) => shown(m).includes('Step 1 of 2'));
    await say(telegram, seller, account.clientId, (m) => shown(m).includes('Step 2 of 2'));
    await say(telegram, seller, account.clientSecret, (m) => shown(m).includes('did not confirm the webhook'), { timeoutMs: 10_000 });

    const second = Math.floor(Date.now() / 1000);
    const seller$ = { authorId: account.accountId };
    // Chat A: the seller answers from the Avito app before any poll; same-second messages.
    await avito.incomingAll(account, 'u2i-a', [
      { ...avitoContents.text('A1 is it available?'), created: second },
      { ...avitoContents.text('A2 and the price?'), created: second },
      { ...avitoContents.text('yes, 10 000'), created: second, ...seller$ },
    ]);
    // Chat B: a system notice follows the buyer's message.
    await avito.incomingAll(account, 'u2i-b', [avitoContents.text('B1 can I come today?'), avitoContents.system()]);
    // Later rounds: more on both chats, each ending with someone other than the buyer.
    await waitUntil(() => telegram.sent(seller.id).some((m) => shown(m).includes('B1 can I come')), 20_000, 'the first round relayed');
    await avito.incomingAll(account, 'u2i-a', [avitoContents.text('A3 deal'), { ...avitoContents.text('see you'), ...seller$ }]);
    await avito.incomingAll(account, 'u2i-b', [avitoContents.text('B2 at six?'), avitoContents.text('B3 or seven'), avitoContents.system()]);

    const expected = ['A1 is it available?', 'A2 and the price?', 'A3 deal', 'B1 can I come today?', 'B2 at six?', 'B3 or seven'];
    const relayedTexts = () => telegram.sent(seller.id).flatMap((m) => expected.filter((text) => shown(m).includes(text)));
    await waitUntil(() => expected.every((text) => relayedTexts().includes(text)), 30_000, 'every buyer message relayed');
    // Two more rounds: nothing comes twice.
    const rounds = () => avito.calls.filter((c) => c.path.endsWith('/chats')).length;
    const seen = rounds();
    await waitUntil(() => rounds() >= seen + 2, 15_000, 'two more poll rounds');

    const texts = relayedTexts();
    for (const text of expected) expect(texts.filter((t) => t === text)).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('A'))).toEqual(expected.slice(0, 3));
    expect(texts.filter((t) => t.startsWith('B'))).toEqual(expected.slice(3));
    for (const own of ['yes, 10 000', 'see you', 'viewed your phone']) expect(telegram.sent(seller.id).some((m) => shown(m).includes(own))).toBe(false);
    expect(await web.query(`SELECT 1 FROM inbound_events WHERE provider = 'avito'`)).toHaveLength(expected.length);
  }, 90_000);
});
