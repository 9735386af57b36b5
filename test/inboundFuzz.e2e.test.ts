/**
 * A seeded, bounded fuzz of every inbound endpoint: malformed requests of every kind, with valid
 * alerts interleaved. No answer may be a 5xx, and every valid alert must be answered 200 and
 * stored. The seed is printed; FUZZ_SEED=<n> replays a run.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { personalToken, registerUser, startTestHookbot, startTestRoles, type TestHookbot } from './support/hookbot.js';
import { apiCredentials } from './support/scrapeApi.js';
import { seededRandom } from './support/random.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const REQUESTS = 2_400;
const CONCURRENCY = 16;
const PASSPHRASE = 'fuzz-passphrase-1234';
const TELEGRAM_SECRET = randomBytes(24).toString('base64url');

let telegram: FakeTelegram;
let web: TestHookbot;
let webhookWeb: Awaited<ReturnType<typeof startTestRoles>>;
const users = [7401, 7402, 7403].map((id) => ({ id, first_name: `Fuzz${id}` }));
const tokens: string[] = [];
const AVITO_TOKEN = 'avitoFuzzToken000000000000000001';
let apiKey: string;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  const env = { HOOK_RATE_LIMIT_PER_MINUTE: '1000000', OWNER_TELEGRAM_ID: String(users[0]!.id), WEBHOOK_PASSPHRASE: PASSPHRASE };
  web = await startTestHookbot(telegram, { env });
  // A second web process on the same database that serves Telegram's webhook (BOT_MODE=webhook).
  webhookWeb = await startTestRoles(telegram, {
    roles: ['web'],
    databaseUrl: web.databaseUrl,
    env: { ...env, BOT_MODE: 'webhook', TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET },
  });
  for (const user of users) {
    await registerUser(telegram, user);
    tokens.push(await personalToken(telegram, user.id));
  }
  apiKey = (await apiCredentials(telegram, users[0]!.id)).key;
  await web.query(`INSERT INTO endpoints (user_id, provider, token) SELECT id, 'avito', $1 FROM users WHERE telegram_id = $2`, [AVITO_TOKEN, users[1]!.id]);
}, 120_000);

afterAll(async () => {
  await webhookWeb?.stop();
  await web?.stop();
  await telegram?.close();
});

interface FuzzRequest {
  base: 'web' | 'webhookWeb';
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Set on a valid alert: the id it must be stored under. */
  validId?: string;
}

function generate(random: () => number): FuzzRequest[] {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number) => Math.floor(random() * max);
  const nasties = ['\\u0000', '\\ud800', '\\udfff', '\\udc00\\ud800', '\u0000', '\\', '"', '{', '[', ']', '}', ',', ':', '\uffff', '😀', '\u202e', '{{close}}', 'null', '1e999', '-0', '\n', '%00'];
  const contentTypes = ['application/json', 'text/plain', 'text/plain; charset=utf-8', 'application/xml', 'application/x-www-form-urlencoded', 'application/octet-stream', ''];
  const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  function mutate(text: string): string {
    let result = text;
    for (let i = 0, n = 1 + int(4); i < n; i += 1) {
      const at = int(result.length + 1);
      switch (int(5)) {
        case 0:
          result = result.slice(0, at) + pick(nasties) + result.slice(at);
          break;
        case 1:
          result = result.slice(0, at) + result.slice(at + 1 + int(6));
          break;
        case 2:
          result = result.slice(0, at) + deep(1 + int(6000)) + result.slice(at);
          break;
        case 3:
          result = result.slice(0, at) + String.fromCharCode(int(0x10000)) + result.slice(at);
          break;
        default:
          result = result.slice(0, at) + result.slice(int(result.length)) + result.slice(at);
      }
    }
    return result;
  }

  const alertJson = (n: number) =>
    JSON.stringify({ symbol: pick(['BTCUSDT', 'BYBIT:ETHUSDT.P', 'SOLUSDT']), action: pick(['buy', 'sell', 'close']), price: 1 + int(90_000), id: `fz-${SEED}-${n}`, note: `fuzz ${n}` });
  const badToken = () => pick(['%00', '%00%00', 'a%00b', '%ff%fe', '%ED%A0%80', 'x'.repeat(300), '..', '%2e%2e', tokens[0]! + '%00', 'not-a-token', ' ', '%20', '%E2%80%AE']);
  const goodToken = () => pick(tokens);
  const anyToken = () => (random() < 0.6 ? goodToken() : badToken());
  const telegramUpdate = (n: number) =>
    JSON.stringify({
      update_id: 500_000 + n,
      message: { message_id: n, date: 1_764_633_600, chat: { id: 7_500 + (n % 5), type: 'private', first_name: 'Fz' }, from: { id: 7_500 + (n % 5), is_bot: false, first_name: 'Fz' }, text: '/help' },
    });

  const requests: FuzzRequest[] = [];
  for (let n = 0; n < REQUESTS; n += 1) {
    const kind = int(12);
    const json = { 'content-type': pick(contentTypes) };
    switch (kind) {
      case 0:
      case 1: {
        // A valid alert, interleaved with the rest: must be answered 200 and stored.
        const path = random() < 0.5 ? `/hooks/tradingview/${goodToken()}` : `/personal/${goodToken()}/webhook`;
        requests.push({ base: 'web', method: 'POST', path, headers: { 'content-type': 'application/json' }, body: alertJson(n), validId: `fz-${SEED}-${n}` });
        break;
      }
      case 2:
      case 3:
        requests.push({ base: 'web', method: 'POST', path: random() < 0.5 ? `/hooks/tradingview/${anyToken()}` : `/personal/${anyToken()}/webhook`, headers: json, body: mutate(alertJson(n)) });
        break;
      case 4:
        requests.push({ base: 'web', method: 'POST', path: `/hooks/tradingview/${goodToken()}`, headers: json, body: randomBytes(int(200)) });
        break;
      case 5:
        requests.push({
          base: 'web',
          method: 'POST',
          path: `/hooks/${pick(['fal', 'whatsapp', 'avito', 'nonsense', 'tradingview'])}/${random() < 0.5 ? AVITO_TOKEN : anyToken()}`,
          headers: { ...json, authorization: 'Bearer x' },
          body: mutate('{"typeWebhook":"incomingMessageReceived","id":"x","version":"v3.0.0","timestamp":1,"payload":{"type":"message","value":{"id":"m","chat_id":"c","user_id":1,"author_id":2,"type":"text","content":{"text":"hi"}}}}'),
        });
        break;
      case 6:
        requests.push({ base: pick(['web', 'webhookWeb'] as const), method: 'GET', path: pick([`/hooks/${pick(['tradingview', 'fal', 'whatsapp', 'avito', 'x'])}/${anyToken()}`, `/personal/${anyToken()}/webhook`, `/jobs/${badToken()}`]), headers: { authorization: `Bearer ${apiKey}` } });
        break;
      case 7:
        requests.push({ base: 'web', method: 'POST', path: '/webhook', headers: json, body: mutate(`{"passphrase":"${PASSPHRASE}",${alertJson(n).slice(1)}`) });
        break;
      case 8:
        if (random() < 0.3) {
          const id = `fz-${SEED}-${n}`;
          requests.push({ base: 'web', method: 'POST', path: '/webhook', headers: { 'content-type': 'application/json' }, body: `{"passphrase":"${PASSPHRASE}",${alertJson(n).slice(1)}`, validId: id });
        } else {
          // max_results -1 comes last and wins: no body here can start a scrape.
          requests.push({ base: 'web', method: 'POST', path: '/scrape', headers: { ...json, authorization: `Bearer ${apiKey}` }, body: `${mutate('{"query":"cafes in Cairo","webhook_url":"https://hooks.example/x"')},"max_results":-1}` });
        }
        break;
      case 9:
      case 10:
        requests.push({
          base: 'webhookWeb',
          method: 'POST',
          path: '/telegram/webhook',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': random() < 0.9 ? TELEGRAM_SECRET : 'wrong' },
          body: random() < 0.2 ? pick(['null', '[]', '{}', '"x"', '1', '{"update_id":"1"}', deep(5000)]) : mutate(telegramUpdate(n)),
        });
        break;
      default:
        requests.push({ base: 'web', method: 'POST', path: `/hooks/tradingview/${goodToken()}`, headers: { 'content-type': pick(['text/plain', 'application/json']) }, body: mutate(`buy BTCUSDT @ ${n} fuzz`) });
    }
  }
  return requests;
}

describe('fuzzing every inbound endpoint', () => {
  it(`answers no request with a 5xx and stores every valid alert (seed ${SEED}, ${REQUESTS} requests)`, async () => {
    console.log(`inbound fuzz: seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
    const requests = generate(seededRandom(SEED));
    const failures: string[] = [];
    const accepted: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        const base = request.base === 'web' ? web.url : webhookWeb.url!;
        const headers = Object.fromEntries(Object.entries(request.headers).filter(([, value]) => value !== ''));
        const response = await fetch(`${base}${request.path}`, { method: request.method, headers, body: request.body });
        const text = await response.text();
        if (response.status >= 500) failures.push(`${response.status} ${request.method} ${request.path.slice(0, 80)} ${String(request.body).slice(0, 120)} -> ${text.slice(0, 200)}`);
        if (request.validId) {
          if (response.status === 200 && (JSON.parse(text) as { ok?: boolean }).ok === true) accepted.push(request.validId);
          else failures.push(`valid alert ${request.validId} answered ${response.status} ${text.slice(0, 200)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(failures).toEqual([]);
    const valid = requests.filter((request) => request.validId).length;
    expect(valid).toBeGreaterThan(100);
    expect(accepted).toHaveLength(valid);
    const stored = await web.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbound_events WHERE payload->>'id' = ANY($1::text[])`, [accepted]);
    expect(stored[0]?.n).toBe(valid);
  }, 300_000);
});
