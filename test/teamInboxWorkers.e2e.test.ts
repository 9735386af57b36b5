import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say, shown, waitUntil } from './support/conversation.js';
import { greenApiWebhooks, startFakeGreenApi, type FakeGreenApi } from './support/fakeGreenApi.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { PUBLIC_URL, registerUser, startTestHookbot, startTestRoles, type TestHookbot } from './support/hookbot.js';

/** A forum team inbox served by two worker processes on one database: one topic per customer, each message once, in order. */
let telegram: FakeTelegram;
let greenApi: FakeGreenApi;
let web: TestHookbot;
const workers: Array<{ stop(): Promise<void> }> = [];
const owner = { id: 7601, first_name: 'Vera', language_code: 'en' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  greenApi = await startFakeGreenApi({ route: (url) => url.replace(PUBLIC_URL, web.url) });
  const env = { GREEN_API_URL: greenApi.url };
  web = await startTestHookbot(telegram, { env, roles: ['web', 'bot'] });
  for (let i = 0; i < 2; i += 1) workers.push(await startTestRoles(telegram, { env, roles: ['worker'], databaseUrl: web.databaseUrl }));
  await registerUser(telegram, owner);
});

afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await web?.stop();
  await greenApi?.close();
  await telegram?.close();
});

describe('team inbox with two workers', () => {
  it('four customers writing at once get four topics, each message once and in order', async () => {
    const instance = greenApi.addInstance();
    await say(telegram, owner, '/connect whatsapp', (m) => shown(m).includes('Step 1 of 3'));
    await say(telegram, owner, instance.idInstance, (m) => shown(m).includes('Step 2 of 3'));
    await say(telegram, owner, instance.apiTokenInstance, (m) => shown(m).includes('Step 3 of 3'));
    await say(telegram, owner, '-', (m) => shown(m).includes('connected'), { timeoutMs: 10_000 });
    const forum = telegram.createGroup({ title: 'Support', forum: true, bot: { status: 'administrator', can_manage_chat: true, can_manage_topics: true } });
    const asked = Date.now();
    telegram.sendGroupMessage(owner, forum, '/route whatsapp');
    await telegram.waitForMessage(forum, (m) => m.at >= asked && shown(m).includes('now arrive in this group'), 8000);

    const customers = ['Alla', 'Boris', 'Dina', 'Egor'].map((name, index) => ({ name, chatId: `7900555000${index}@c.us` }));
    const perCustomer = 5;
    await Promise.all(
      customers.map(async (customer) => {
        const hooks = greenApiWebhooks(instance, greenApi.url, customer);
        for (let i = 1; i <= perCustomer; i += 1) {
          const answer = await greenApi.deliver(instance.idInstance, hooks.text(`${customer.name}-${i}`, `${customer.name} says ${i}`));
          expect(answer.status).toBe(200);
        }
      }),
    );
    const relayedCount = () => telegram.sent(forum).filter((m) => / says \d/.test(shown(m))).length;
    await waitUntil(() => relayedCount() >= customers.length * perCustomer, 30_000, 'every message in the group');

    expect(telegram.calls.filter((c) => c.method === 'createForumTopic' && c.response?.ok)).toHaveLength(customers.length);
    const topics = telegram.topics(forum);
    expect(topics).toHaveLength(customers.length);
    for (const customer of customers) {
      const topic = topics.find((t) => t.name.startsWith(customer.name))!;
      const texts = topic.messages.flatMap((m) => ('text' in m && m.text ? (/\w+ says \d/.exec(m.text) ?? []) : []));
      expect(texts).toEqual(Array.from({ length: perCustomer }, (_, i) => `${customer.name} says ${i + 1}`));
    }
    expect(relayedCount()).toBe(customers.length * perCustomer);
  }, 90_000);
});
