import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptFalWebhook, falLabel, FAL_HEADERS, verifyFalSignature, type FalWebhookEvent } from '../handlers/fal.js';
import type { InboundRequest } from '../handlers/types.js';
import { createLogger } from '../src/logger.js';
import { FalJwks, JwksUnavailableError, publicKeysFromJwks } from '../src/services/fal/jwks.js';
import { falBodies, startFakeFal, type DeliveryOptions, type FakeFal } from './support/fakeFal.js';

let fal: FakeFal;
const log = createLogger('silent');

beforeAll(async () => {
  fal = await startFakeFal();
  fal.addKey();
});

afterAll(async () => {
  await fal?.close();
});

async function currentKeys() {
  return new FalJwks({ url: fal.jwksUrl, log, maxAgeSeconds: 60, minRefreshSeconds: 0 }).current();
}

/** A request as the hooks route hands it over: raw bytes, Node's lower-cased headers. */
function request(body: string, options: DeliveryOptions = {}, query?: InboundRequest['query']): InboundRequest {
  const signed = fal.sign(body, options);
  const headers = Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { contentType: 'application/json', body: Buffer.from(signed.body, 'utf8'), headers, query };
}

const now = () => Math.floor(Date.now() / 1000);

describe('verifyFalSignature', () => {
  it('accepts a request signed as FAL signs it', async () => {
    const result = verifyFalSignature(request(falBodies.ok('req-1', [])), await currentKeys(), now());
    expect(result).toMatchObject({ ok: true, requestId: 'req-1', userId: 'fal-user-7f3a' });
  });

  it.each(Object.values(FAL_HEADERS))('refuses a request without %s (401, names the header)', async (header) => {
    const delivery = request(falBodies.ok('req-2', []));
    delete delivery.headers[header];
    const result = verifyFalSignature(delivery, await currentKeys(), now());
    expect(result).toMatchObject({ ok: false, status: 401, unknownKey: false });
    expect(!result.ok && result.error).toContain(header);
  });

  it('refuses timestamps more than 300 s away, either way, and accepts them within', async () => {
    const keys = await currentKeys();
    const at = (offset: number) => verifyFalSignature(request(falBodies.ok('req-3', []), { timestamp: now() + offset }), keys, now());
    expect(at(-301)).toMatchObject({ ok: false, status: 401 });
    expect(!at(-301).ok && (at(-301) as { error: string }).error).toMatch(/old/);
    expect(at(301)).toMatchObject({ ok: false, status: 401 });
    expect(at(-290).ok).toBe(true);
    expect(at(290).ok).toBe(true);
  });

  it('refuses a changed body, a foreign key and a malformed signature', async () => {
    const keys = await currentKeys();
    const body = falBodies.ok('req-4', []);
    const tampered = verifyFalSignature(request(body, { tamperedBody: body.replace('cute dog', 'cute cat') }), keys, now());
    expect(tampered).toMatchObject({ ok: false, status: 401, unknownKey: true });
    const other = await startFakeFal();
    try {
      other.addKey();
      const foreign = other.sign(body);
      const headers = Object.fromEntries(Object.entries(foreign.headers).map(([name, value]) => [name.toLowerCase(), value]));
      const result = verifyFalSignature({ contentType: 'application/json', body: Buffer.from(body), headers }, keys, now());
      expect(result).toMatchObject({ ok: false, status: 401, unknownKey: true });
    } finally {
      await other.close();
    }
    const malformed = verifyFalSignature(request(body, { signature: 'zz'.repeat(64) }), keys, now());
    expect(malformed).toMatchObject({ ok: false, status: 401, unknownKey: false });
  });

  it('checks nothing against no keys (an empty JWKS accepts nothing)', () => {
    expect(verifyFalSignature(request(falBodies.ok('req-5', [])), [], now())).toMatchObject({ ok: false, unknownKey: true });
  });
});

describe('acceptFalWebhook', () => {
  async function accept(body: string, query?: InboundRequest['query']) {
    return acceptFalWebhook(request(body, {}, query), await currentKeys(), now());
  }

  it('keeps a seed above 2^53 exact, as its digits, and reads the images', async () => {
    const result = await accept(falBodies.ok('req-10', ['https://v3.fal.media/files/a.png', 'https://v3.fal.media/files/b.png']));
    expect(result.ok).toBe(true);
    const event = (result as { event: FalWebhookEvent }).event;
    expect((event.payload as { seed: unknown }).seed).toBe('196619188014358660');
    expect(JSON.stringify(event.payload)).toContain('"seed":"196619188014358660"');
    // Safe numbers stay numbers.
    expect((event.payload as { images: Array<{ width: unknown }> }).images[0]?.width).toBe(1024);
    expect(event.images.map((image) => image.url)).toEqual(['https://v3.fal.media/files/a.png', 'https://v3.fal.media/files/b.png']);
    expect(event.images[0]).toMatchObject({ contentType: 'image/png', width: 1024, height: 1024, fileSize: 1824075 });
    expect(event).toMatchObject({ requestId: 'req-10', gatewayRequestId: 'req-10', status: 'OK', falUserId: 'fal-user-7f3a', error: null });
    expect((result as { dedupe: unknown }).dedupe).toEqual({ key: 'request:req-10', ttlSeconds: null });
  });

  it('keeps other unsafe numbers exact too (2^64 - 1, long decimals)', async () => {
    const body = `{"request_id":"req-11","status":"OK","payload":{"seed":18446744073709551615,"pi":3.14159265358979323846,"n":42}}`;
    const event = ((await accept(body)) as { event: FalWebhookEvent }).event;
    expect(event.payload).toEqual({ seed: '18446744073709551615', pi: '3.14159265358979323846', n: 42 });
  });

  it('lists files other than images, and no images when there are none', async () => {
    const event = ((await accept(falBodies.okWithoutImages('req-12'))) as { event: FalWebhookEvent }).event;
    expect(event.images).toEqual([]);
    expect(event.files).toEqual([{ field: 'video', url: 'https://v3.fal.media/files/dog/video.mp4' }]);
  });

  it('reads an ERROR with its error and FastAPI details', async () => {
    const event = ((await accept(falBodies.error('req-13'))) as { event: FalWebhookEvent }).event;
    expect(event).toMatchObject({ status: 'ERROR', error: 'Invalid status code: 422', errorDetails: [{ field: 'prompt', message: 'field required' }] });
  });

  it('reads a payload_error', async () => {
    const event = ((await accept(falBodies.payloadError('req-14'))) as { event: FalWebhookEvent }).event;
    expect(event.payload).toBeNull();
    expect(event.payloadError).toMatch(/not JSON serializable/);
  });

  it('takes the label from ?label=, cleaned and cut to 64 characters', async () => {
    const event = ((await accept(falBodies.ok('req-15', []), { label: ' portrait 42 ' })) as { event: FalWebhookEvent }).event;
    expect(event.label).toBe('portrait 42');
    expect(falLabel({ label: ['first', 'second'] })).toBe('first');
    expect(falLabel({ label: 'a\u0000b' })).toBe('a b');
    expect(falLabel({ label: 'x'.repeat(100) })).toHaveLength(64);
    expect(falLabel({ label: '   ' })).toBeNull();
    expect(falLabel(undefined)).toBeNull();
  });

  it.each([
    ['not JSON', 'this is not json', /not valid JSON/],
    ['an array', '[1,2]', /JSON object/],
    ['an unknown status', '{"request_id":"r","status":"IN_PROGRESS"}', /status must be "OK" or "ERROR"/],
    ['no status', '{"request_id":"r"}', /status/],
    ['a duplicate key', '{"request_id":"r","status":"OK","status":"ERROR"}', /Duplicate key/],
    ['an empty body', '', /empty/],
  ])('answers 400 to a signed body that is %s', async (_name, body, error) => {
    const result = acceptFalWebhook(request(body, { requestId: 'r' }), await currentKeys(), now());
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(!result.ok && result.error).toMatch(error);
  });
});

describe('FalJwks', () => {
  it('reads only Ed25519 signing keys from a JWKS', () => {
    const x = Buffer.alloc(32, 7).toString('base64url');
    const keys = publicKeysFromJwks({
      keys: [
        { kty: 'OKP', crv: 'Ed25519', x },
        { kty: 'OKP', crv: 'X25519', x },
        { kty: 'RSA', n: 'abc', e: 'AQAB' },
        { kty: 'OKP', crv: 'Ed25519', x: 'short' },
        { kty: 'OKP', crv: 'Ed25519', x, use: 'enc' },
        null,
      ],
    });
    expect(keys).toHaveLength(1);
    expect(publicKeysFromJwks({})).toEqual([]);
    expect(publicKeysFromJwks('nope')).toEqual([]);
  });

  it('keeps keys for at most maxAge, and refreshes no more often than minRefresh', async () => {
    let clock = 1_000_000;
    const jwks = new FalJwks({ url: fal.jwksUrl, log, maxAgeSeconds: 100, minRefreshSeconds: 10, now: () => clock });
    const before = fal.jwksRequests;
    await jwks.current();
    await jwks.current();
    expect(fal.jwksRequests - before).toBe(1);
    // A signature no key made, over and over: at most one fetch per minRefresh.
    for (let i = 0; i < 20; i++) expect(await jwks.refreshed()).toBeUndefined();
    expect(fal.jwksRequests - before).toBe(1);
    clock += 10_000;
    expect(await jwks.refreshed()).toHaveLength(1);
    expect(await jwks.refreshed()).toBeUndefined();
    expect(fal.jwksRequests - before).toBe(2);
    // Past maxAge the cached set is not trusted any more.
    clock += 100_000;
    await jwks.current();
    expect(fal.jwksRequests - before).toBe(3);
  });

  it('fetches once for many requests waiting at the same time', async () => {
    const jwks = new FalJwks({ url: fal.jwksUrl, log, maxAgeSeconds: 100, minRefreshSeconds: 10 });
    const before = fal.jwksRequests;
    await Promise.all(Array.from({ length: 10 }, () => jwks.current()));
    expect(fal.jwksRequests - before).toBe(1);
  });

  it('says clearly when the keys cannot be fetched, and does not retry before minRefresh', async () => {
    let clock = 5_000_000;
    const jwks = new FalJwks({ url: fal.jwksUrl, log, maxAgeSeconds: 100, minRefreshSeconds: 10, now: () => clock });
    const before = fal.jwksRequests;
    try {
      for (const status of [503, 0]) {
        fal.breakJwks(status);
        await expect(jwks.current()).rejects.toThrow(JwksUnavailableError);
        await expect(jwks.current()).rejects.toThrow(status === 0 ? /cannot reach/ : /HTTP 503/);
        clock += 10_000;
      }
      expect(fal.jwksRequests - before).toBe(2);
    } finally {
      fal.restoreJwks();
    }
    expect(await jwks.current()).toHaveLength(1);
  });

  it('treats a JWKS without an Ed25519 key as unavailable', async () => {
    const empty = await startFakeFal();
    try {
      const jwks = new FalJwks({ url: empty.jwksUrl, log, maxAgeSeconds: 100, minRefreshSeconds: 0 });
      await expect(jwks.current()).rejects.toThrow(/no Ed25519 signing key/);
    } finally {
      await empty.close();
    }
  });
});
