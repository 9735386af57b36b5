import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say, shown, waitUntil } from './support/conversation.js';
import { greenApiWebhooks, startFakeGreenApi, type FakeGreenApi, type FakeInstance } from './support/fakeGreenApi.js';
import { startFakeTelegram, type FakeTelegram } from './support/fakeTelegram.js';
import { PUBLIC_URL, registerUser, startTestHookbot, type TestHookbot } from './support/hookbot.js';

/** Loud, silent, paused and quiet hours for a WhatsApp connection, as its owner sets them. */
let telegram: FakeTelegram;
let greenApi: FakeGreenApi;
let hookbot: TestHookbot;
let instance: FakeInstance;
const owner = { id: 7501, first_name: 'Nina', language_code: 'en' };
let next = 1;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  greenApi = await startFakeGreenApi({ route: (url) => url.replace(PUBLIC_URL, hookbot.url) });
  hookbot = await startTestHookbot(telegram, { env: { GREEN_API_URL: greenApi.url } });
  await registerUser(telegram, owner);
  instance = greenApi.addInstance();
  await say(telegram, owner, '/connect whatsapp', (m) => shown(m).includes('Step 1 of 3'));
  await say(telegram, owner, instance.idInstance, (m) => shown(m).includes('Step 2 of 3'));
  await say(telegram, owner, instance.apiTokenInstance, (m) => shown(m).includes('Step 3 of 3'));
  await say(telegram, owner, '-', (m) => shown(m).includes('connected'), { timeoutMs: 10_000 });
});

afterAll(async () => {
  await hookbot?.stop();
  await greenApi?.close();
  await telegram?.close();
});

async function customerSays(text: string): Promise<void> {
  const answer = await greenApi.deliver(instance.idInstance, greenApiWebhooks(instance, greenApi.url).text(`N-${next++}`, text));
  expect(answer.status).toBe(200);
}

const relayed = (text: string) => telegram.waitForMessage(owner.id, (m) => shown(m).includes(text), 8000);
const sendCall = (text: string) => telegram.calls.find((c) => c.method === 'sendMessage' && String(c.params.text).includes(text));

/** A quiet-hours range around the present minute, on the clock of `timeZone`. */
function rangeAroundNow(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
  const minutes = Number(parts.find((p) => p.type === 'hour')!.value) * 60 + Number(parts.find((p) => p.type === 'minute')!.value);
  const at = (m: number) => {
    const wrapped = (m + 1440) % 1440;
    return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
  };
  return `${at(minutes - 60)}-${at(minutes + 60)}`;
}

describe('notification modes', () => {
  it('loud by default; silent sends with disable_notification', async () => {
    await customerSays('first, loud');
    await relayed('first, loud');
    expect(sendCall('first, loud')?.params.disable_notification).toBeUndefined();
    await say(telegram, owner, '/notify whatsapp silent', (m) => shown(m).includes('WhatsApp messages: 🔕 silent'));
    await customerSays('second, silent');
    await relayed('second, silent');
    expect(sendCall('second, silent')?.params.disable_notification).toBe(true);
  });

  it('pause keeps messages without holding up the chat; resume delivers each once, in order', async () => {
    await say(telegram, owner, '/notify whatsapp pause', (m) => shown(m).includes('⏸ paused'));
    const kept = Array.from({ length: 5 }, (_, i) => `kept ${i + 1}`);
    for (const text of kept) await customerSays(text);
    await waitUntil(async () => (await hookbot.query(`SELECT 1 FROM telegram_outbox WHERE status = 'held'`)).length === 5, 10_000, 'five messages kept');
    // The chat itself is not paused: the bot still answers.
    const status = await say(telegram, owner, '/notify', (m) => shown(m).includes('Notifications'));
    expect(shown(status)).toContain('WhatsApp: ⏸ paused');
    expect(telegram.sent(owner.id).some((m) => shown(m).includes('kept 1'))).toBe(false);

    const resumed = await say(telegram, owner, '/notify whatsapp resume', (m) => shown(m).includes('🔔 loud'));
    expect(shown(resumed)).toContain('5 kept messages are on their way');
    await customerSays('after the pause');
    await relayed('after the pause');
    const order = telegram
      .sent(owner.id)
      .flatMap((m) => [...kept, 'after the pause'].filter((text) => shown(m).includes(text)));
    expect(order).toEqual([...kept, 'after the pause']);
    expect(await hookbot.query(`SELECT 1 FROM telegram_outbox WHERE status = 'held'`)).toHaveLength(0);
  });
});

describe('quiet hours', () => {
  it('in the quiet hours of the time zone messages arrive silently; off makes them loud again', async () => {
    const zone = 'Asia/Dubai';
    const range = rangeAroundNow(zone);
    const set = await say(telegram, owner, `/quiet whatsapp ${range} ${zone}`, (m) => shown(m).includes('arrive silently'));
    expect(shown(set)).toContain(zone);
    await customerSays('customer writes at 3 am');
    await relayed('customer writes at 3 am');
    expect(sendCall('customer writes at 3 am')?.params.disable_notification).toBe(true);
    await say(telegram, owner, '/quiet whatsapp off', (m) => shown(m).includes('No quiet hours'));
    await customerSays('customer writes at noon');
    await relayed('customer writes at noon');
    expect(sendCall('customer writes at noon')?.params.disable_notification).toBeUndefined();
  });

  it('refuses an unknown time zone and a range that is not one', async () => {
    await say(telegram, owner, '/quiet whatsapp 22:00-08:00 Mars/Olympus', (m) => shown(m).includes('Unknown time zone Mars/Olympus'));
    await say(telegram, owner, '/quiet whatsapp 25:00-08:00', (m) => shown(m).includes('Usage'));
    const [row] = await hookbot.query<{ quiet_from: number | null }>(`SELECT quiet_from FROM relay_notifications WHERE provider = 'whatsapp'`);
    expect(row?.quiet_from).toBeNull();
  });
});
