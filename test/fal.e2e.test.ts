import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAL_ROTATE, FAL_ROTATE_YES } from '../bot/features/fal.js';
import { falBodies, startFakeFal, TINY_PNG, type FakeFal } from './support/fakeFal.js';
import { startFakeTelegram, type FakeTelegram, type SentMessage } from './support/fakeTelegram.js';
import { enqueueMessages } from '../src/services/telegram/outbox.js';
import { ADMIN_ID, PUBLIC_URL, registerUser, startTestHookbot, startTestRoles, type TestHookbot } from './support/hookbot.js';

let telegram: FakeTelegram;
let fal: FakeFal;
let hookbot: TestHookbot;
let firstKid: string;
const artist = { id: 7101, first_name: 'Artist', language_code: 'en' };
const ARABIC = /[\u0600-\u06FF]/;
const CYRILLIC = /[\u0400-\u04FF]/;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  fal = await startFakeFal();
  firstKid = fal.addKey();
  // Refreshing at once on an unknown key lets the rotation tests run without waiting; the
  // default minimum interval is tested below on its own process.
  hookbot = await startTestHookbot(telegram, { env: { FAL_JWKS_URL: fal.jwksUrl, FAL_JWKS_MIN_REFRESH_SECONDS: '0' } });
  await registerUser(telegram, artist);
});

afterAll(async () => {
  await hookbot?.stop();
  await fal?.close();
  await telegram?.close();
});

/** The user's FAL webhook, read the way a user gets it: from /fal. */
async function falUrl(user: { id: number; first_name: string }): Promise<{ url: string; reply: SentMessage }> {
  const asked = Date.now();
  telegram.sendUserMessage(user, '/fal');
  const reply = await telegram.waitForMessage(user.id, (m) => m.at >= asked && (m.text ?? '').includes('/hooks/fal/'));
  const match = /(https:\/\/hookbot\.example\/hooks\/fal\/[A-Za-z0-9_-]+)/.exec(reply.text ?? '');
  if (!match?.[1]) throw new Error(`no FAL URL in: ${reply.text}`);
  return { url: match[1], reply };
}

/** The public URL the bot shows, on the address the test reaches. */
const local = (publicUrl: string) => publicUrl.replace(PUBLIC_URL, hookbot.url);
const count = async (sql: string, params: unknown[] = []) => (await hookbot.query<{ n: number }>(sql, params))[0]?.n;
let requestNumber = 0;
const newRequestId = () => `9f0c1a2b-0000-4000-8000-${String(++requestNumber).padStart(12, '0')}`;

describe('/fal', () => {
  it('shows the personal URL, how to pass it to FAL, with a label, and a button to replace it', async () => {
    const { url, reply } = await falUrl(artist);
    expect(url).toMatch(/^https:\/\/hookbot\.example\/hooks\/fal\/[A-Za-z0-9_-]{22,}$/);
    const text = reply.plainText ?? '';
    expect(text).toContain('webhookUrl');
    expect(text).toContain(`fal_webhook=${encodeURIComponent(url)}`);
    expect(text).toContain(`${url}?label=`);
    expect(reply.inlineKeyboard?.flat().map((b) => ('callback_data' in b ? b.callback_data : ''))).toContain(FAL_ROTATE);
    // The FAL URL is not the TradingView one.
    expect(text).not.toContain('/hooks/tradingview/');
  });

  it('answers GET on the URL with the "active" JSON', async () => {
    const { url } = await falUrl(artist);
    const response = await fetch(local(url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', message: 'Webhook endpoint is active' });
  });

  it('is listed in /help', async () => {
    const asked = Date.now();
    telegram.sendUserMessage(artist, '/help');
    const help = await telegram.waitForMessage(artist.id, (m) => m.at >= asked);
    expect(help.plainText).toContain('/fal');
  });
});

describe('results relayed to the chat', () => {
  it('sends the images of an OK result as an album, captioned with label, request and the exact seed', async () => {
    const { url } = await falUrl(artist);
    const requestId = newRequestId();
    const answer = await fal.deliver(`${local(url)}?label=portrait-42`, falBodies.ok(requestId, [fal.fileUrl('a'), fal.fileUrl('b')]));
    expect(answer).toEqual({ status: 200, body: { ok: true, id: expect.stringMatching(/^\d+$/) } });
    const first = await telegram.waitForMessage(artist.id, (m) => m.method === 'sendMediaGroup');
    const second = await telegram.waitForMessage(artist.id, (m) => m.method === 'sendMediaGroup');
    expect(second.mediaGroupId).toBe(first.mediaGroupId);
    expect([first.fileRef, second.fileRef]).toEqual([fal.fileUrl('a'), fal.fileUrl('b')]);
    // The fake Telegram fetched the photos from FAL's CDN, as Telegram does.
    expect(first.photo?.data.equals(TINY_PNG)).toBe(true);
    expect(first.plainText).toContain('FAL job finished');
    expect(first.plainText).toContain('portrait-42');
    expect(first.plainText).toContain(requestId);
    expect(first.plainText).toContain('196619188014358660');
    expect(first.plainText).toContain('2 images');
    expect(first.plainText).toContain('Prompt: Photo of a cute dog');
    expect(second.caption).toBeUndefined();
  });

  it('stores the payload with the seed exact', async () => {
    const { url } = await falUrl(artist);
    const requestId = newRequestId();
    expect((await fal.deliver(local(url), falBodies.ok(requestId, [fal.fileUrl('c')], '9007199254740993'))).status).toBe(200);
    await telegram.waitForMessage(artist.id, (m) => m.method === 'sendPhoto' && (m.plainText ?? '').includes(requestId));
    const rows = await hookbot.query<{ seed: string; text: string }>(
      `SELECT payload->'payload'->>'seed' AS seed, payload::text AS text FROM inbound_events WHERE dedupe_key = $1`,
      [`request:${requestId}`],
    );
    expect(rows[0]?.seed).toBe('9007199254740993'); // 2^53 + 1: a JavaScript number would say ...992
  });

  it('sends a single image as a photo', async () => {
    const { url } = await falUrl(artist);
    const requestId = newRequestId();
    await fal.deliver(local(url), falBodies.ok(requestId, [fal.fileUrl('single')]));
    const photo = await telegram.waitForMessage(artist.id, (m) => m.method === 'sendPhoto' && (m.plainText ?? '').includes(requestId));
    expect(photo.fileRef).toBe(fal.fileUrl('single'));
    expect(photo.plainText).toContain('1 image');
  });

  it('sends links instead when Telegram cannot fetch the images', async () => {
    const { url } = await falUrl(artist);
    const requestId = newRequestId();
    const gone = [`${fal.url}/expired/1.png`, `${fal.url}/expired/2.png`];
    await fal.deliver(local(url), falBodies.ok(requestId, gone));
    const fallback = await telegram.waitForMessage(artist.id, (m) => m.method === 'sendMessage' && (m.plainText ?? '').includes(requestId));
    expect(fallback.text).toContain(`<a href="${gone[0]}">image 1</a>`);
    expect(fallback.text).toContain(`<a href="${gone[1]}">image 2</a>`);
    expect(fallback.plainText).toContain('196619188014358660');
  });

  it('summarizes an OK result without images, numbers exact, files as links', async () => {
    const { url } = await falUrl(artist);
    const requestId = newRequestId();
    await fal.deliver(local(url), falBodies.okWithoutImages(requestId));
    const summary = await telegram.waitForMessage(artist.id, (m) => (m.plainText ?? '').includes(requestId));
    expect(summary.method).toBe('sendMessage');
    expect(summary.plainText).toContain('FAL job finished');
    expect(summary.plainText).toContain('18446744073709551615');
    expect(summary.plainText).toContain('A cute dog sitting on grass.');
    expect(summary.plainText).toContain('inference');
    expect(summary.text).toContain('<a href="https://v3.fal.media/files/dog/video.mp4">video</a>');
  });

  it('explains an ERROR in plain words, with what FAL objected to', async () => {
    const { url } = await falUrl(artist);
    const requestId = newRequestId();
    await fal.deliver(local(url), falBodies.error(requestId));
    const message = await telegram.waitForMessage(artist.id, (m) => (m.plainText ?? '').includes(requestId));
    expect(message.plainText).toContain('FAL job failed');
    expect(message.plainText).toContain('Invalid status code: 422');
    expect(message.plainText).toContain('the model did not accept the input');
    expect(message.plainText).toContain('prompt: field required');
  });

  it('reports a payload_error', async () => {
    const { url } = await falUrl(artist);
    const requestId = newRequestId();
    await fal.deliver(local(url), falBodies.payloadError(requestId));
    const message = await telegram.waitForMessage(artist.id, (m) => (m.plainText ?? '').includes(requestId));
    expect(message.plainText).toContain('could not be delivered');
    expect(message.plainText).toContain('not JSON serializable');
  });
});

describe('media through the outbox', () => {
  it('retries an album Telegram answered with a 5xx (no links instead), keeping the chat in order', async () => {
    const { url } = await falUrl(artist);
    telegram.failNext('sendMediaGroup', 1, { kind: 'server', status: 502 }, { chatId: artist.id });
    const album = newRequestId();
    const after = newRequestId();
    await fal.deliver(local(url), falBodies.ok(album, [fal.fileUrl('r1'), fal.fileUrl('r2')]));
    await fal.deliver(local(url), falBodies.error(after));
    const photo = await telegram.waitForMessage(artist.id, (m) => m.method === 'sendMediaGroup' && (m.plainText ?? '').includes(album), 15_000);
    const next = await telegram.waitForMessage(artist.id, (m) => (m.plainText ?? '').includes(after), 15_000);
    expect(next.messageId).toBeGreaterThan(photo.messageId);
    expect(telegram.sent(artist.id).filter((m) => m.method === 'sendMessage' && (m.plainText ?? '').includes(album))).toHaveLength(0);
  });

  it('makes any listed Telegram call with its buttons, for any feature', async () => {
    await enqueueMessages(hookbot.database.pool, [
      {
        chatId: artist.id,
        html: 'fallback text',
        buttons: { inline_keyboard: [[{ text: 'Open', url: 'https://fal.ai' }]] },
        call: { method: 'sendPhoto', params: { photo: fal.fileUrl('direct'), caption: '<i>direct</i>', parse_mode: 'HTML' } },
      },
    ]);
    const photo = await telegram.waitForMessage(artist.id, (m) => m.plainText === 'direct');
    expect(photo.method).toBe('sendPhoto');
    expect(photo.inlineKeyboard?.[0]?.[0]?.text).toBe('Open');
    expect(photo.params).not.toHaveProperty('hookbot_fallback');
  });

  it('gives up at once on a method it does not send, without calling Telegram', async () => {
    const [row] = await hookbot.query<{ id: number }>(
      `INSERT INTO telegram_outbox (chat_id, method, payload) VALUES ($1, 'sendSticker', $2) RETURNING id`,
      [artist.id, JSON.stringify({ chat_id: artist.id, sticker: 'x' })],
    );
    await hookbot.query(`SELECT pg_notify('hookbot_outbox', '')`);
    const deadline = Date.now() + 5_000;
    let status = 'pending';
    while (status === 'pending' && Date.now() < deadline) {
      status = (await hookbot.query<{ status: string }>('SELECT status FROM telegram_outbox WHERE id = $1', [row!.id]))[0]!.status;
      if (status === 'pending') await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe('failed');
    expect(telegram.calls.some((call) => call.method === 'sendSticker')).toBe(false);
  });
});

describe('signatures', () => {
  async function refused(send: () => Promise<{ status: number; body: Record<string, unknown> }>, error: RegExp) {
    const before = await count('SELECT count(*)::int AS n FROM inbound_events');
    const answer = await send();
    expect(answer.status).toBe(401);
    expect(String(answer.body.error)).toMatch(error);
    expect(await count('SELECT count(*)::int AS n FROM inbound_events')).toBe(before);
  }

  it.each(['X-Fal-Webhook-Request-Id', 'X-Fal-Webhook-User-Id', 'X-Fal-Webhook-Timestamp', 'X-Fal-Webhook-Signature'])(
    'refuses a request without %s',
    async (header) => {
      const { url } = await falUrl(artist);
      await refused(() => fal.deliver(local(url), falBodies.ok(newRequestId(), []), { omit: [header] }), new RegExp(header, 'i'));
    },
  );

  it('refuses a bad signature, a changed body and a stale timestamp', async () => {
    const { url } = await falUrl(artist);
    const body = falBodies.ok(newRequestId(), []);
    await refused(() => fal.deliver(local(url), body, { signature: 'ab'.repeat(64) }), /does not match/);
    await refused(() => fal.deliver(local(url), body, { tamperedBody: body.replace('"OK"', '"ERROR"') }), /does not match/);
    await refused(() => fal.deliver(local(url), body, { timestamp: Math.floor(Date.now() / 1000) - 301 }), /old/);
    await refused(() => fal.deliver(local(url), body, { timestamp: Math.floor(Date.now() / 1000) + 301 }), /future/);
  });

  it('acts once on a replayed delivery; a replay with another body or later is refused', async () => {
    const { url } = await falUrl(artist);
    const requestId = newRequestId();
    const body = falBodies.error(requestId);
    const signed = fal.sign(body);
    const send = (delivery: { body: string; headers: Record<string, string> }) =>
      fetch(local(url), { method: 'POST', headers: delivery.headers, body: delivery.body }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));
    expect((await send(signed)).body.ok).toBe(true);
    expect(await send(signed)).toEqual({ status: 200, body: { duplicate: true } });
    await refused(() => send({ headers: signed.headers, body: falBodies.error(newRequestId()) }), /does not match/);
    await refused(() => send(fal.sign(body, { timestamp: Math.floor(Date.now() / 1000) - 600 })), /old/);
    await telegram.waitForMessage(artist.id, (m) => (m.plainText ?? '').includes(requestId));
    expect(await count('SELECT count(*)::int AS n FROM inbound_events WHERE dedupe_key = $1', [`request:${requestId}`])).toBe(1);
    expect(telegram.sent(artist.id).filter((m) => (m.plainText ?? '').includes(requestId))).toHaveLength(1);
  });

  it('dedupes FAL retries of one request_id, even when they race', async () => {
    const { url } = await falUrl(artist);
    const requestId = newRequestId();
    const answers = await Promise.all(Array.from({ length: 8 }, () => fal.deliver(local(url), falBodies.okWithoutImages(requestId))));
    expect(answers.filter((a) => a.body.ok === true)).toHaveLength(1);
    expect(answers.filter((a) => a.body.duplicate === true)).toHaveLength(7);
    await telegram.waitForMessage(artist.id, (m) => (m.plainText ?? '').includes(requestId));
    expect(telegram.sent(artist.id).filter((m) => (m.plainText ?? '').includes(requestId))).toHaveLength(1);
  });

  it('follows FAL key rotation: a new key is accepted after a refresh, a removed one refused', async () => {
    const { url } = await falUrl(artist);
    const before = fal.jwksRequests;
    const newKid = fal.addKey();
    const signedByNew = newRequestId();
    expect((await fal.deliver(local(url), falBodies.okWithoutImages(signedByNew), { kid: newKid })).status).toBe(200);
    expect(fal.jwksRequests).toBe(before + 1);
    await telegram.waitForMessage(artist.id, (m) => (m.plainText ?? '').includes(signedByNew));

    fal.removeKey(firstKid);
    // The old key is still cached until something makes us look again: a signature by a key we
    // do not know (here, a third key that is not published yet) makes us fetch the JWKS anew.
    const unpublished = fal.addKey();
    fal.removeKey(unpublished);
    await refused(() => fal.deliver(local(url), falBodies.okWithoutImages(newRequestId()), { kid: unpublished }), /does not match/);
    await refused(() => fal.deliver(local(url), falBodies.okWithoutImages(newRequestId()), { kid: firstKid }), /does not match/);
    expect((await fal.deliver(local(url), falBodies.okWithoutImages(newRequestId()), { kid: newKid })).status).toBe(200);
  });
});

describe('a process with the default refresh interval', () => {
  let web: Awaited<ReturnType<typeof startTestRoles>> | undefined;
  let down: FakeFal | undefined;
  afterAll(async () => {
    await web?.stop();
    await down?.close();
  });

  it('does not let bad signatures make it fetch the JWKS again and again', async () => {
    const { url } = await falUrl(artist);
    const own = await startFakeFal();
    try {
      own.addKey();
      web = await startTestRoles(telegram, { roles: ['web'], databaseUrl: hookbot.databaseUrl, env: { FAL_JWKS_URL: own.jwksUrl } });
      const target = url.replace(PUBLIC_URL, web.url!);
      expect((await own.deliver(target, falBodies.okWithoutImages(newRequestId()))).status).toBe(200);
      const stranger = await startFakeFal();
      try {
        stranger.addKey();
        for (let i = 0; i < 10; i++) expect((await stranger.deliver(target, falBodies.okWithoutImages(newRequestId()))).status).toBe(401);
      } finally {
        await stranger.close();
      }
      expect(own.jwksRequests).toBe(1);
    } finally {
      await web?.stop();
      web = undefined;
      await own.close();
    }
  });

  it('answers 503 with Retry-After while FAL keys cannot be fetched, and asks FAL once', async () => {
    const { url } = await falUrl(artist);
    down = await startFakeFal();
    down.addKey();
    down.breakJwks(502);
    web = await startTestRoles(telegram, { roles: ['web'], databaseUrl: hookbot.databaseUrl, env: { FAL_JWKS_URL: down.jwksUrl } });
    const target = url.replace(PUBLIC_URL, web.url!);
    for (let i = 0; i < 5; i++) {
      const signed = down.sign(falBodies.okWithoutImages(newRequestId()));
      const response = await fetch(target, { method: 'POST', headers: signed.headers, body: signed.body });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('60');
      expect(((await response.json()) as { error: string }).error).toMatch(/signing keys .* cannot be fetched/);
    }
    expect(down.jwksRequests).toBe(1);
    // Refused requests without the signature headers never wait for FAL's keys.
    const unsigned = await down.deliver(target, falBodies.okWithoutImages(newRequestId()), { omit: ['X-Fal-Webhook-Signature'] });
    expect(unsigned.status).toBe(401);
  });
});

describe('in every language', () => {
  it.each([
    ['ar', 7102, ARABIC],
    ['ru', 7103, CYRILLIC],
  ] as const)('%s: /fal and a failed job are in the user language', async (language, id, script) => {
    const user = { id, first_name: 'Lang', language_code: language };
    await registerUser(telegram, user);
    const { url, reply } = await falUrl(user);
    expect(reply.plainText).toMatch(script);
    const requestId = newRequestId();
    await fal.deliver(local(url), falBodies.error(requestId));
    const message = await telegram.waitForMessage(id, (m) => (m.plainText ?? '').includes(requestId));
    expect(message.plainText).toMatch(script);
    expect(message.plainText).toContain('prompt');
    const album = newRequestId();
    await fal.deliver(local(url), falBodies.ok(album, [fal.fileUrl('x'), fal.fileUrl('y'), fal.fileUrl('z')]));
    const photo = await telegram.waitForMessage(id, (m) => m.method === 'sendMediaGroup' && (m.plainText ?? '').includes(album));
    expect(photo.plainText).toMatch(script);
  });
});

describe('the URL can be replaced, and an inactive user gets nothing', () => {
  it('replacing the URL from the button retires the old one', async () => {
    const { url: oldUrl, reply } = await falUrl(artist);
    telegram.pressButton(artist, reply.messageId, FAL_ROTATE);
    await telegram.waitForCall('answerCallbackQuery');
    telegram.pressButton(artist, reply.messageId, FAL_ROTATE_YES);
    await telegram.waitForCall('answerCallbackQuery');
    const edited = telegram.chat(artist.id).messages.find((m) => m.message_id === reply.messageId);
    const newUrl = /(https:\/\/hookbot\.example\/hooks\/fal\/[A-Za-z0-9_-]+)/.exec(edited?.text ?? '')?.[1];
    expect(newUrl).toBeDefined();
    expect(newUrl).not.toBe(oldUrl);
    const body = falBodies.okWithoutImages(newRequestId());
    expect((await fal.deliver(local(oldUrl), body)).status).toBe(404);
    expect((await fal.deliver(local(newUrl!), body)).status).toBe(200);
  });

  it('answers 403 for a deactivated user', async () => {
    const admin = { id: ADMIN_ID, first_name: 'Admin' };
    await registerUser(telegram, admin);
    const { url } = await falUrl(artist);
    const asked = Date.now();
    telegram.sendUserMessage(admin, `/deactivate ${artist.id}`);
    await telegram.waitForMessage(admin.id, (m) => m.at >= asked);
    const answer = await fal.deliver(local(url), falBodies.ok(newRequestId(), []));
    expect(answer).toEqual({ status: 403, body: { error: 'user is not active' } });
  });
});
