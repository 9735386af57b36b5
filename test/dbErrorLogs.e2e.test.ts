import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { personalToken, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';
import { until } from './support/until.js';

let telegram: FakeTelegram;
let hookbot: TestHookbot;
const lines: string[] = [];
const user = { id: 7301, first_name: 'Logged' };
let token: string;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  hookbot = await startTestHookbot(telegram, { log: createLogger('info', sink) });
  await registerUser(telegram, user);
  token = await personalToken(telegram, user.id);
});

afterAll(async () => {
  await hookbot?.stop();
  await telegram?.close();
});

describe('a failed token lookup is logged without the token', () => {
  it('never prints the personal URL token, in the message, the stack or the params', async () => {
    // The lookup's query fails the way it does when the table cannot be read: drizzle wraps the
    // error as "Failed query: … params: <token>,tradingview".
    await hookbot.query('ALTER TABLE endpoints RENAME TO endpoints_unreachable');
    try {
      const requests = [
        fetch(`${hookbot.url}/personal/${token}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"symbol":"BTCUSDT","action":"buy"}' }),
        fetch(`${hookbot.url}/hooks/tradingview/${token}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'buy BTCUSDT' }),
        fetch(`${hookbot.url}/personal/${token}/webhook`),
      ];
      for (const response of await Promise.all(requests)) expect(response.status).toBeGreaterThanOrEqual(500);
      await until('three logged query failures', () => lines.filter((line) => line.includes('Failed query')).length >= 3);
    } finally {
      await hookbot.query('ALTER TABLE endpoints_unreachable RENAME TO endpoints');
    }
    const failures = lines.filter((line) => line.includes('Failed query'));
    expect(failures.join('\n')).toContain('[redacted]');
    for (const line of lines) expect(line).not.toContain(token);
  });
});
