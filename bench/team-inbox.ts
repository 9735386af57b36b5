/**
 * The team inbox benchmark: WhatsApp messages at 20/s spread over 200 customers, relayed into a
 * forum group with one topic per customer (the first message of each customer creates its topic),
 * against today's relay into the owner's private chat, measured in the same run as the baseline.
 * For each: the time from the webhook's POST to the message arriving at the fake Telegram, p50/p99;
 * target p99 < 100 ms with topic creation included.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startFakeAvito } from '../test/support/fakeAvito.js';
import { startFakeTelegram, type FakeTelegram } from '../test/support/fakeTelegram.js';
import { ENCRYPTION_KEY, requestFor, seedMessengerUsers, type BenchUser } from './messengers.js';
import { atSteadyRate, type Child, createDatabase, fmt, percentile, printTable, progress, startPostgres, startProcess } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RATE = 20;
const CUSTOMERS = 200;
const MARKER = /(\w+-whatsapp-\d+-\d+)/;

interface Sample {
  /** POST to arrival at the fake Telegram, ms. */
  relay: number;
  ack: number;
  /** The customer's first message of the run (its topic created on the way, in the forum). */
  first: boolean;
}

/** WhatsApp webhooks for `user` at RATE per second for `seconds`, customer i % CUSTOMERS; waits for them in `chatId`. */
async function runPhase(app: Child, telegram: FakeTelegram, user: BenchUser, chatId: number, seconds: number, label: string): Promise<{ samples: Sample[]; sent: number; failed: number }> {
  const sentAt = new Map<string, { at: number; first: boolean; ack?: number }>();
  const seen = new Set<number>();
  let failed = 0;
  await atSteadyRate(RATE, seconds, async (i) => {
    const customer = i % CUSTOMERS;
    const marker = `${label}-whatsapp-${i}-${process.pid}`;
    const { path, headers, body } = requestFor('whatsapp', user, marker, String(79_000_000_000 + customer));
    const entry: { at: number; first: boolean; ack?: number } = { at: Date.now(), first: !seen.has(customer) };
    seen.add(customer);
    sentAt.set(marker, entry);
    const t0 = performance.now();
    const response = await fetch(`${app.url}${path}`, { method: 'POST', headers, body });
    await response.arrayBuffer();
    if (response.status !== 200) failed += 1;
    entry.ack = performance.now() - t0;
  });
  const inChat = () => telegram.sent(chatId).filter((m) => (MARKER.exec(m.text ?? '')?.[1] ?? '').startsWith(`${label}-`));
  const deadline = Date.now() + 30_000;
  while (inChat().length < sentAt.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const samples: Sample[] = [];
  for (const message of inChat()) {
    const origin = sentAt.get(MARKER.exec(message.text ?? '')![1]!);
    if (origin) samples.push({ relay: message.at - origin.at, ack: origin.ack ?? Number.NaN, first: origin.first });
  }
  return { samples, sent: RATE * seconds, failed };
}

async function main(): Promise<void> {
  const postgres = await startPostgres();
  const telegram = await startFakeTelegram();
  const avitoApi = await startFakeAvito({ route: (url) => url });
  const children: Child[] = [];
  try {
    const databaseUrl = await createDatabase(postgres.url, 'bench_team_inbox');
    progress('seeding a private-chat user and a team user');
    const [privateUser, teamUser] = await seedMessengerUsers(databaseUrl, [avitoApi.addAccount(), avitoApi.addAccount()]);
    const forum = telegram.createGroup({ title: 'Bench team', forum: true, bot: { status: 'administrator', can_manage_chat: true, can_manage_topics: true } });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`INSERT INTO relay_routes (user_id, provider, chat_id, forum) VALUES ($1, 'whatsapp', $2, true)`, [teamUser!.id, forum]);
    await client.end();
    const app = await startProcess('src/main.ts', ['--role', 'all'], {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      DATABASE_URL: databaseUrl,
      HOOK_RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'info',
      ENCRYPTION_KEY,
      AVITO_API_URL: avitoApi.url,
      // The watchdog would ask the seeded (unreachable) Green API instances: not what is measured.
      HEALTH_CHECK_INTERVAL_SECONDS: '3600',
      // As in bench/relay: Telegram's own limit is not what is measured.
      TELEGRAM_RATE_PER_SECOND: '200',
    });
    children.push(app);
    progress('warm-up');
    await runPhase(app, telegram, privateUser!, privateUser!.telegramId, 2, 'warm');
    progress(`baseline: WhatsApp to the private chat at ${RATE}/s for ${SECONDS}s over ${CUSTOMERS} customers`);
    const baseline = await runPhase(app, telegram, privateUser!, privateUser!.telegramId, SECONDS, 'private');
    progress(`WhatsApp to forum topics at ${RATE}/s for ${SECONDS}s over ${CUSTOMERS} customers`);
    const team = await runPhase(app, telegram, teamUser!, forum, SECONDS, 'forum');

        const row = (name: string, sent: number | string, samples: Sample[]) => {
      const relays = samples.map((s) => s.relay).sort((a, b) => a - b);
      const acks = samples.map((s) => s.ack).sort((a, b) => a - b);
      return [name, sent, relays.length, fmt(percentile(acks, 50)), fmt(percentile(acks, 99)), fmt(percentile(relays, 50)), fmt(percentile(relays, 99))];
    };
    printTable(
      `Team inbox: WhatsApp at ${RATE}/s for ${SECONDS}s over ${CUSTOMERS} customers, all roles in one process, PostgreSQL with fsync on (ms; target p99 < 100 to the topic, topic creation included)`,
      ['scenario', 'sent', 'delivered', 'ack p50', 'ack p99', 'to Telegram p50', 'to Telegram p99'],
      [
        row('baseline: private chat', baseline.sent, baseline.samples),
        row('forum topics, all', team.sent, team.samples),
        row('  new customer (topic created)', '', team.samples.filter((s) => s.first)),
        row('  known customer (topic reused)', '', team.samples.filter((s) => !s.first)),
      ],
    );
    progress(`${telegram.topics(forum).length} topics in the forum, ${telegram.calls.filter((c) => c.method === 'createForumTopic').length} createForumTopic calls`);
    const failed = baseline.failed + team.failed;
    if (failed > 0) throw new Error(`${failed} webhooks were not answered 200`);
  } finally {
    for (const child of children) await child.stop().catch(() => undefined);
    await avitoApi.close();
    await telegram.close();
    await postgres.stop();
  }
}

await main();
