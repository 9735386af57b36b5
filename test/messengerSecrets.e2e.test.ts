import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say, shown } from './support/conversation.js';
import { createTestDatabase } from './support/database.js';
import { avitoContents, startFakeAvito, type FakeAvito } from './support/fakeAvito.js';
import { greenApiWebhooks, startFakeGreenApi, type FakeGreenApi } from './support/fakeGreenApi.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { PUBLIC_URL, registerUser, testEnv } from './support/hookbot.js';
import { spawnUntilReady, type ReadyProcess } from './support/processes.js';

/** Hookbot as its own process at LOG_LEVEL=debug: everything it logs, read back as text. */
let telegram: FakeTelegram;
let greenApi: FakeGreenApi;
let avito: FakeAvito;
let child: ReadyProcess;
const user = { id: 7401, first_name: 'Lena', language_code: 'en' };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  greenApi = await startFakeGreenApi({ route: (url) => url.replace(PUBLIC_URL, child.url) });
  avito = await startFakeAvito({ route: (url) => url.replace(PUBLIC_URL, child.url) });
  const env = testEnv(telegram, await createTestDatabase(), {
    GREEN_API_URL: greenApi.url,
    AVITO_API_URL: avito.url,
    AVITO_POLL_INTERVAL_SECONDS: '1',
    LOG_LEVEL: 'debug',
  });
  child = await spawnUntilReady('src/main.ts', ['--role', 'all'], env);
  await registerUser(telegram, user);
}, 90_000);

afterAll(async () => {
  await child?.kill('SIGTERM');
  await avito?.close();
  await greenApi?.close();
  await telegram?.close();
});

describe('connection secrets in the logs', () => {
  it('never appear, through connecting, relaying, failures, token renewal and replies', async () => {
    // WhatsApp: a wrong token first, then a setting that does not stick at once.
    const instance = greenApi.addInstance();
    instance.dropSettings = 1;
    for (const token of ['e'.repeat(50), instance.apiTokenInstance]) {
      await say(telegram, user, '/connect whatsapp', (m) => shown(m).includes('Step 1 of 3'));
      await say(telegram, user, instance.idInstance, (m) => shown(m).includes('Step 2 of 3'));
      await say(telegram, user, token, (m) => shown(m).includes('Step 3 of 3'));
      await say(telegram, user, '-', (m) => /connected|❌/.test(shown(m)), { timeoutMs: 10_000 });
    }
    const hooks = greenApiWebhooks(instance, greenApi.url);
    await greenApi.deliver(instance.idInstance, hooks.text('S-1', 'secret test'));
    await greenApi.deliver(instance.idInstance, hooks.text('S-2'), { token: 'wrong-token-wrong-token' });
    const relayed = await telegram.waitForMessage(user.id, (m) => shown(m).includes('secret test'), 10_000);
    instance.failSends.push(500);
    await say(telegram, user, 'reply that fails', (m) => shown(m).includes('Not sent'), { replyTo: relayed.messageId });

    // Avito: a wrong secret, then the right one; an expired token renewed on a reply.
    const account = avito.addAccount();
    for (const secret of ['not-the-secret-123', account.clientSecret]) {
      await say(telegram, user, '/connect avito', (m) => shown(m).includes('Step 1 of 2'));
      await say(telegram, user, account.clientId, (m) => shown(m).includes('Step 2 of 2'));
      await say(telegram, user, secret, (m) => /Avito connected|❌/.test(shown(m)), { timeoutMs: 10_000 });
    }
    await avito.incoming(account, 'chat-s', avitoContents.text('avito secret test'));
    const fromAvito = await telegram.waitForMessage(user.id, (m) => shown(m).includes('avito secret test'), 10_000);
    avito.expireTokens();
    await say(telegram, user, 'answer after renewal', (m) => shown(m).includes('Sent to Avito'), { replyTo: fromAvito.messageId });

    const logs = child.output();
    expect(logs).toContain('WhatsApp connected');
    expect(logs).toContain('Avito connected');
    const secrets = [
      instance.apiTokenInstance,
      String(instance.settings.webhookUrlToken),
      account.clientSecret,
      ...avito.issued,
      telegram.token,
      String(instance.settings.webhookUrl).split('/').at(-1)!,
    ];
    for (const secret of secrets) expect(secret.length).toBeGreaterThan(15);
    for (const secret of secrets) expect(logs.includes(secret), `a secret of length ${secret.length} is in the logs`).toBe(false);
  });
});
