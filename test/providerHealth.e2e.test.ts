import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say, shown, waitUntil } from './support/conversation.js';
import { startFakeAvito, type FakeAvito, type FakeAvitoAccount } from './support/fakeAvito.js';
import { greenApiWebhooks, startFakeGreenApi, type FakeGreenApi, type FakeInstance } from './support/fakeGreenApi.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { PUBLIC_URL, registerUser, startTestHookbot, startTestRoles, type TestHookbot } from './support/hookbot.js';

/**
 * The provider-health watchdog, run by two worker processes on one database: a problem is told to
 * the owner once, and the recovery once. And the Green API quirks: a webhook delivered twice, and
 * the stub ({{SWE001}}) that comes before the decrypted message with the same idMessage.
 */
let telegram: FakeTelegram;
let greenApi: FakeGreenApi;
let avito: FakeAvito;
let web: TestHookbot;
let instance: FakeInstance;
let account: FakeAvitoAccount;
const workers: Array<{ stop(): Promise<void> }> = [];
const owner = { id: 7701, first_name: 'Nina', language_code: 'en' };
const customer = { chatId: '79006666666@c.us', name: 'Oleg' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  greenApi = await startFakeGreenApi({ route: (url) => url.replace(PUBLIC_URL, web.url) });
  avito = await startFakeAvito({ route: (url) => url.replace(PUBLIC_URL, web.url) });
  // Checks every second; a webhook later than 2 s counts as missed.
  const env = {
    GREEN_API_URL: greenApi.url,
    AVITO_API_URL: avito.url,
    HEALTH_CHECK_INTERVAL_SECONDS: '1',
    HEALTH_WEBHOOK_GRACE_SECONDS: '2',
  };
  web = await startTestHookbot(telegram, { env, roles: ['web', 'bot'] });
  for (let i = 0; i < 2; i += 1) workers.push(await startTestRoles(telegram, { env, roles: ['worker'], databaseUrl: web.databaseUrl }));
  await registerUser(telegram, owner);
  instance = greenApi.addInstance();
  await say(telegram, owner, '/connect whatsapp', (m) => shown(m).includes('Step 1 of 3'));
  await say(telegram, owner, instance.idInstance, (m) => shown(m).includes('Step 2 of 3'));
  await say(telegram, owner, instance.apiTokenInstance, (m) => shown(m).includes('Step 3 of 3'));
  await say(telegram, owner, '-', (m) => shown(m).includes('connected'), { timeoutMs: 10_000 });
}, 90_000);

afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await web?.stop();
  await avito?.close();
  await greenApi?.close();
  await telegram?.close();
});

const hooks = () => greenApiWebhooks(instance, greenApi.url, customer);
const toldCount = (text: string) => telegram.sent(owner.id).filter((m) => shown(m).includes(text)).length;
const stateChecks = () => greenApi.calls.filter((c) => c.method === 'getStateInstance').length;

/** Waits until the watchdog has checked the instance `rounds` more times. */
async function checksPass(rounds: number, calls = stateChecks): Promise<void> {
  const target = calls() + rounds;
  await waitUntil(() => calls() >= target, 20_000, `${rounds} more health checks`);
}

describe('Green API quirks', () => {
  it('a webhook delivered twice (same idMessage) is relayed once', async () => {
    const first = await greenApi.deliver(instance.idInstance, hooks().text('HEALTH-DUP-1', 'twice delivered'));
    const second = await greenApi.deliver(instance.idInstance, hooks().text('HEALTH-DUP-1', 'twice delivered'));
    expect(first.status).toBe(200);
    expect(second).toMatchObject({ status: 200, body: { duplicate: true } });
    await telegram.waitForMessage(owner.id, (m) => shown(m).includes('twice delivered'), 8000);
    await checksPass(2);
    expect(toldCount('twice delivered')).toBe(1);
  });

  it('the stub before a decrypted message is shown as waiting, then replaced when the message arrives', async () => {
    const stub = await greenApi.deliver(instance.idInstance, hooks().text('HEALTH-STUB-1', '{{SWE001}}'));
    expect(stub.status).toBe(200);
    const waiting = await telegram.waitForMessage(owner.id, (m) => shown(m).includes('not let me read this message yet'), 8000);
    expect(shown(waiting)).toContain('Oleg');
    expect(shown(waiting)).not.toContain('SWE001');

    const decrypted = await greenApi.deliver(instance.idInstance, hooks().text('HEALTH-STUB-1', 'the real text at last'));
    expect(decrypted.status).toBe(200);
    expect(decrypted.body).not.toMatchObject({ duplicate: true });
    await telegram.waitForMessage(owner.id, (m) => shown(m).includes('the real text at last'), 8000);
    await waitUntil(
      () => telegram.chat(owner.id).messages.some((m) => m.message_id === waiting.messageId && 'text' in m && (m.text ?? '').includes('arrived')),
      8000,
      'the stub edited',
    );
    // Once more, both ways: the stub and the message are each a duplicate now.
    expect((await greenApi.deliver(instance.idInstance, hooks().text('HEALTH-STUB-1', '{{SWE001}}'))).body).toMatchObject({ duplicate: true });
    expect((await greenApi.deliver(instance.idInstance, hooks().text('HEALTH-STUB-1', 'the real text at last'))).body).toMatchObject({ duplicate: true });
    expect(toldCount('the real text at last')).toBe(1);
    expect(toldCount('not let me read')).toBe(1);
  });
});

describe('the WhatsApp instance', () => {
  it('logged out: told once (webhook and checks of two workers alike), and once when it is back', async () => {
    await checksPass(1);
    await greenApi.changeState(instance.idInstance, 'notAuthorized');
    const told = await telegram.waitForMessage(owner.id, (m) => shown(m).includes('logged out'), 8000);
    expect(shown(told)).toContain(instance.idInstance);
    expect(shown(told)).toContain('What to do');
    await checksPass(4);
    expect(toldCount('logged out')).toBe(1);

    await greenApi.changeState(instance.idInstance, 'authorized');
    await telegram.waitForMessage(owner.id, (m) => shown(m).includes('WhatsApp works again'), 8000);
    await checksPass(4);
    expect(toldCount('logged out')).toBe(1);
    expect(toldCount('WhatsApp works again')).toBe(1);
  });

  it('a state no webhook reported is found by the checks', async () => {
    // Green API does not always send stateInstanceChanged: the phone's number blocked, say.
    instance.state = 'blocked';
    const told = await telegram.waitForMessage(owner.id, (m) => shown(m).includes('blocked the number'), 10_000);
    expect(shown(told)).toContain(instance.idInstance);
    // /whatsapp shows the state the checks found.
    expect(await web.query('SELECT state FROM whatsapp_connections')).toEqual([{ state: 'blocked' }]);
    await checksPass(4);
    expect(toldCount('blocked the number')).toBe(1);
    instance.state = 'authorized';
    await waitUntil(() => toldCount('WhatsApp works again') === 2, 10_000, 'the recovery told');
    await checksPass(3);
    expect(toldCount('WhatsApp works again')).toBe(2);
  });

  it('webhooks stopped while the phone is online: told once, with the count; back when a webhook arrives', async () => {
    instance.webhooksSilenced = true;
    expect(await greenApi.receive(instance.idInstance, hooks().text('HEALTH-SILENT-1', 'lost in the pipe'))).toBeUndefined();
    const told = await telegram.waitForMessage(owner.id, (m) => shown(m).includes('reached Green API but not me'), 15_000);
    expect(shown(told)).toContain('1 WhatsApp messages');
    await checksPass(4);
    expect(toldCount('reached Green API but not me')).toBe(1);

    instance.webhooksSilenced = false;
    const answer = await greenApi.receive(instance.idInstance, hooks().text('HEALTH-SILENT-2', 'webhooks are back'));
    expect(answer?.status).toBe(200);
    await telegram.waitForMessage(owner.id, (m) => shown(m).includes('webhooks are back'), 8000);
    await waitUntil(() => toldCount('WhatsApp works again') === 3, 8000, 'the recovery told');
    // The message missed before the recovery is not told again; new ones arrive by webhook.
    await greenApi.receive(instance.idInstance, hooks().text('HEALTH-SILENT-3', 'and another'));
    await checksPass(5);
    expect(toldCount('reached Green API but not me')).toBe(1);
    expect(toldCount('WhatsApp works again')).toBe(3);
  }, 60_000);
});

describe('the Avito subscription', () => {
  it('gone: told once, polled meanwhile; back: told once', async () => {
    account = avito.addAccount();
    await say(telegram, owner, '/connect avito', (m) => shown(m).includes('Step 1 of 2'));
    await say(telegram, owner, account.clientId, (m) => shown(m).includes('Step 2 of 2'));
    await say(telegram, owner, account.clientSecret, (m) => shown(m).includes('Avito connected'), { timeoutMs: 10_000 });
    const listings = () => avito.calls.filter((c) => c.path === '/messenger/v1/subscriptions').length;
    await checksPass(2, listings);
    expect(toldCount('subscription is gone')).toBe(0);

    // Avito drops the subscription, and will not take a new one for a while.
    account.ignoreSubscribe = true;
    account.subscriptions = [];
    const told = await telegram.waitForMessage(owner.id, (m) => shown(m).includes('subscription is gone'), 15_000);
    expect(shown(told)).toContain('developers.avito.ru');
    const [row] = await web.query<{ subscribed: boolean; mode: string }>('SELECT subscribed, mode FROM avito_connections');
    expect(row).toEqual({ subscribed: false, mode: 'polling' });
    await checksPass(4, listings);
    expect(toldCount('subscription is gone')).toBe(1);

    account.ignoreSubscribe = false;
    await telegram.waitForMessage(owner.id, (m) => shown(m).includes('Avito works again'), 15_000);
    expect(account.subscriptions).toHaveLength(1);
    await checksPass(4, listings);
    expect(toldCount('subscription is gone')).toBe(1);
    expect(toldCount('Avito works again')).toBe(1);
  }, 60_000);
});
