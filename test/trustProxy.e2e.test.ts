import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { startTestHookbot, type TestHookbot } from './support/hookbot.js';
import { startNginx, type RunningNginx } from './support/nginx.js';

/**
 * Hookbot behind the shipped nginx configuration, reached by two clients from two loopback
 * addresses (127.0.0.2 and 127.0.0.3; nginx itself connects from 127.0.0.1). The shared POST
 * /webhook has no token in its URL, so its rate limit counts per client address: request.ip.
 */
let telegram: FakeTelegram;
const started: Array<{ hookbot: TestHookbot; nginx: RunningNginx; clients: Agent[] }> = [];

beforeAll(async () => {
  telegram = await startFakeTelegram();
});

afterAll(async () => {
  for (const { hookbot, nginx, clients } of started) {
    for (const client of clients) await client.close();
    await nginx.stop();
    await hookbot.stop();
  }
  await telegram?.close();
});

async function behindNginx(env: Record<string, string>) {
  const hookbot = await startTestHookbot(telegram, { env: { HOOK_RATE_LIMIT_PER_MINUTE: '2', ...env }, roles: ['web'] });
  const host = new URL(hookbot.url).host;
  const nginx = await startNginx({ HOOKBOT_WEB_1: host, HOOKBOT_WEB_2: host });
  const clients = ['127.0.0.2', '127.0.0.3'].map((localAddress) => new Agent({ connect: { ca: nginx.certificate }, localAddress }));
  started.push({ hookbot, nginx, clients });
  const post = async (client: Agent, headers: Record<string, string> = {}) => {
    const response = await request(`${nginx.httpsUrl}/webhook`, {
      method: 'POST',
      dispatcher: client,
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    });
    await response.body.text();
    return response.statusCode;
  };
  return { first: clients[0]!, second: clients[1]!, post };
}

describe('TRUST_PROXY behind nginx', () => {
  it("with nginx's address trusted, each client has its own limit, and a forged X-Forwarded-For does not escape it", async () => {
    const { first, second, post } = await behindNginx({ TRUST_PROXY: '127.0.0.1' });
    expect([await post(first), await post(first)]).not.toContain(429);
    expect(await post(first)).toBe(429);
    expect(await post(first, { 'x-forwarded-for': '127.0.0.9' })).toBe(429);
    expect(await post(second)).not.toBe(429);
  }, 120_000);

  it('without it, every client is nginx and shares one limit', async () => {
    const { first, second, post } = await behindNginx({});
    expect([await post(first), await post(first)]).not.toContain(429);
    expect(await post(second)).toBe(429);
  }, 120_000);
});
