/**
 * The relay benchmark: WhatsApp (Green API) and Avito webhooks at 50/s across 20 users,
 * against the TradingView alert path measured in the same run as the baseline. For each: the
 * inbound ack (HTTP answer) p50/p99, and the time from the POST to the message arriving at the
 * fake Telegram, p50/p99. Avito wants its answer within 2 s; the target for the ack p99 is 10 ms.
 */
import { performance } from 'node:perf_hooks';
import { startFakeAvito } from '../test/support/fakeAvito.js';
import { startFakeTelegram, type FakeTelegram } from '../test/support/fakeTelegram.js';
import { ENCRYPTION_KEY, requestFor, seedMessengerUsers, type BenchUser, type Provider } from './messengers.js';
import { atSteadyRate, type Child, createDatabase, fmt, percentile, printTable, progress, startPostgres, startProcess } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = 50;
const USERS = 20;

interface PhaseResult {
  acks: Map<Provider, number[]>;
  relays: Map<Provider, number[]>;
  sent: Map<Provider, number>;
  failed: number;
}

/** Sends `providers` in turn at RATE per second for `seconds`, then waits for the messages to arrive. */
async function runPhase(app: Child, telegram: FakeTelegram, users: BenchUser[], providers: Provider[], seconds: number, label: string): Promise<PhaseResult> {
  telegram.reset();
  const sentAt = new Map<string, { at: number; provider: Provider }>();
  const result: PhaseResult = { acks: new Map(), relays: new Map(), sent: new Map(), failed: 0 };
  await atSteadyRate(RATE, seconds, async (i) => {
    const provider = providers[i % providers.length]!;
    const user = users[i % users.length]!;
    const marker = `${label}-${provider}-${i}-${process.pid}`;
    const { path, headers, body } = requestFor(provider, user, marker);
    sentAt.set(marker, { at: Date.now(), provider });
    result.sent.set(provider, (result.sent.get(provider) ?? 0) + 1);
    const t0 = performance.now();
    const response = await fetch(`${app.url}${path}`, { method: 'POST', headers, body });
    await response.arrayBuffer();
    if (response.status !== 200) result.failed += 1;
    const list = result.acks.get(provider) ?? [];
    list.push(performance.now() - t0);
    result.acks.set(provider, list);
  });
  const deadline = Date.now() + 15_000;
  const arrived = () => telegram.sent().filter((m) => /(\w+-(?:tradingview|whatsapp|avito)-\d+-\d+)/.test(m.text ?? '')).length;
  while (arrived() < sentAt.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const message of telegram.sent()) {
    const marker = /(\w+-(?:tradingview|whatsapp|avito)-\d+-\d+)/.exec(message.text ?? '')?.[1];
    const origin = marker ? sentAt.get(marker) : undefined;
    if (!origin) continue;
    const list = result.relays.get(origin.provider) ?? [];
    list.push(message.at - origin.at);
    result.relays.set(origin.provider, list);
  }
  return result;
}

async function main(): Promise<void> {
  const postgres = await startPostgres();
  const telegram = await startFakeTelegram();
  const avitoApi = await startFakeAvito({ route: (url) => url });
  const children: Child[] = [];
  try {
    const databaseUrl = await createDatabase(postgres.url, 'bench_messengers');
    progress('seeding users');
    const accounts = Array.from({ length: USERS }, () => avitoApi.addAccount());
    const users = await seedMessengerUsers(databaseUrl, accounts);
    const app = await startProcess('src/main.ts', ['--role', 'all'], {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      DATABASE_URL: databaseUrl,
      HOOK_RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'info',
      ENCRYPTION_KEY,
      AVITO_API_URL: avitoApi.url,
      // As in bench/ingress: Telegram's own limit (~30/s) would set the latency at 50/s.
      TELEGRAM_RATE_PER_SECOND: '200',
    });
    children.push(app);
    progress('warm-up');
    await runPhase(app, telegram, users, ['tradingview', 'whatsapp', 'avito'], 2, 'warm');
    progress(`baseline: TradingView alerts at ${RATE}/s for ${SECONDS}s`);
    const baseline = await runPhase(app, telegram, users, ['tradingview'], SECONDS, 'base');
    progress(`WhatsApp and Avito webhooks at ${RATE}/s for ${SECONDS}s`);
    const messengers = await runPhase(app, telegram, users, ['whatsapp', 'avito'], SECONDS, 'msg');

        const row = (name: string, phase: PhaseResult, provider: Provider) => {
      const acks = [...(phase.acks.get(provider) ?? [])].sort((a, b) => a - b);
      const relays = [...(phase.relays.get(provider) ?? [])].sort((a, b) => a - b);
      return [name, phase.sent.get(provider) ?? 0, relays.length, fmt(percentile(acks, 50)), fmt(percentile(acks, 99)), fmt(percentile(relays, 50)), fmt(percentile(relays, 99))];
    };
    printTable(
      `Relay: webhooks at ${RATE}/s for ${SECONDS}s over ${USERS} users, all roles in one process, PostgreSQL with fsync on (ms; ack target p99 < 10, Avito's limit 2000)`,
      ['scenario', 'sent', 'delivered', 'ack p50', 'ack p99', 'to Telegram p50', 'to Telegram p99'],
      [
        row('baseline: TradingView alert', baseline, 'tradingview'),
        row('WhatsApp (Green API) message', messengers, 'whatsapp'),
        row('Avito message', messengers, 'avito'),
      ],
    );
    const failed = baseline.failed + messengers.failed;
    if (failed > 0) throw new Error(`${failed} webhooks were not answered 200`);
  } finally {
    for (const child of children) await child.stop().catch(() => undefined);
    await avitoApi.close();
    await telegram.close();
    await postgres.stop();
  }
}

await main();
