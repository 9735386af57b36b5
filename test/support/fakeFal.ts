/**
 * A fake FAL for tests: a real HTTP server on 127.0.0.1 that publishes a JWKS of ED25519 keys
 * generated here (as https://rest.fal.ai/.well-known/jwks.json does), serves result files (as
 * FAL's CDN does) and delivers webhooks signed exactly as FAL documents it:
 *
 *   message   = request_id "\n" user_id "\n" timestamp "\n" hex(sha256(raw body))
 *   signature = hex(ed25519_sign(private key, utf8(message)))
 *   headers   = X-Fal-Webhook-Request-Id, -User-Id, -Timestamp (Unix seconds), -Signature
 *
 * It deliberately shares no code with the app's verifier: a misreading there must fail here.
 */
import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A 1x1 PNG: what the fake CDN serves for any `/files/<name>.png`. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicX: string;
}

export interface DeliveryOptions {
  requestId?: string;
  /** FAL's id of the account that ran the job. */
  userId?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Sign with this key (by kid) instead of the newest published one. */
  kid?: string;
  /** Headers to drop, to play a broken sender. */
  omit?: string[];
  /** Replace the signature header with this value. */
  signature?: string;
  /** Send this body instead of the signed one (the signature covers the original). */
  tamperedBody?: string;
}

export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

export interface FalAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface FakeFal {
  /** http://127.0.0.1:PORT */
  url: string;
  /** What FAL_JWKS_URL points at. */
  jwksUrl: string;
  /** Times the JWKS was fetched. */
  jwksRequests: number;
  /** A URL of the fake CDN that serves a PNG (any name under /files/). */
  fileUrl(name: string): string;
  /** Generates a key and publishes it in the JWKS; returns its kid. New deliveries are signed with it. */
  addKey(): string;
  /** Stops publishing a key (it can still sign, as a leaked or retired key would). */
  removeKey(kid: string): void;
  /** Every later JWKS request gets this HTTP status (0 = the connection is dropped), until restored. */
  breakJwks(status: number): void;
  restoreJwks(): void;
  /** Headers and body of a delivery signed as FAL signs it. */
  sign(body: string, options?: DeliveryOptions): SignedDelivery;
  /** POSTs a signed delivery to a webhook URL, as FAL's queue does when a job ends. */
  deliver(webhookUrl: string, body: string, options?: DeliveryOptions): Promise<FalAnswer>;
  close(): Promise<void>;
}

class FakeFalServer implements FakeFal {
  url = '';
  jwksRequests = 0;
  private readonly keys: SigningKey[] = [];
  private readonly published = new Set<string>();
  private jwksFailure: number | undefined;
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://fake.fal').pathname;
      if (req.method === 'GET' && path === '/.well-known/jwks.json') {
        this.jwksRequests += 1;
        if (this.jwksFailure === 0) {
          req.socket.destroy();
          return;
        }
        if (this.jwksFailure !== undefined) {
          res.writeHead(this.jwksFailure, { 'content-type': 'application/json' }).end('{"detail":"unavailable"}');
          return;
        }
        const keys = this.keys
          .filter((key) => this.published.has(key.kid))
          .map((key) => ({ kty: 'OKP', crv: 'Ed25519', kid: key.kid, use: 'sig', alg: 'EdDSA', x: key.publicX }));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
        return;
      }
      if (req.method === 'GET' && path.startsWith('/files/') && path.endsWith('.png')) {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': TINY_PNG.length }).end(TINY_PNG);
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"Not Found"}');
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get jwksUrl(): string {
    return `${this.url}/.well-known/jwks.json`;
  }

  fileUrl(name: string): string {
    return `${this.url}/files/${encodeURIComponent(name)}.png`;
  }

  addKey(): string {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const jwk = publicKey.export({ format: 'jwk' });
    const kid = randomUUID();
    this.keys.push({ kid, privateKey, publicX: jwk.x! });
    this.published.add(kid);
    return kid;
  }

  removeKey(kid: string): void {
    this.published.delete(kid);
  }

  breakJwks(status: number): void {
    this.jwksFailure = status;
  }

  restoreJwks(): void {
    this.jwksFailure = undefined;
  }

  sign(body: string, options: DeliveryOptions = {}): SignedDelivery {
    const key = options.kid ? this.keys.find((k) => k.kid === options.kid) : this.keys.filter((k) => this.published.has(k.kid)).at(-1);
    if (!key) throw new Error('fake FAL: no key to sign with (call addKey first)');
    const requestId = options.requestId ?? (JSON.parse(body) as { request_id?: string }).request_id ?? randomUUID();
    const userId = options.userId ?? 'fal-user-7f3a';
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const digest = createHash('sha256').update(Buffer.from(body, 'utf8')).digest('hex');
    const message = `${requestId}\n${userId}\n${timestamp}\n${digest}`;
    const signature = sign(null, Buffer.from(message, 'utf8'), key.privateKey).toString('hex');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'X-Fal-Webhook-Request-Id': requestId,
      'X-Fal-Webhook-User-Id': userId,
      'X-Fal-Webhook-Timestamp': timestamp,
      'X-Fal-Webhook-Signature': options.signature ?? signature,
    };
    for (const name of options.omit ?? []) delete headers[name];
    return { body: options.tamperedBody ?? body, headers };
  }

  async deliver(webhookUrl: string, body: string, options: DeliveryOptions = {}): Promise<FalAnswer> {
    const signed = this.sign(body, options);
    const response = await fetch(webhookUrl, { method: 'POST', headers: signed.headers, body: signed.body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

export async function startFakeFal(): Promise<FakeFal> {
  const fake = new FakeFalServer();
  await fake.listen();
  return fake;
}

/**
 * Bodies as FAL's webhook documentation shows them, as raw JSON text: the seed in the documented
 * example (196619188014358660) is above 2^53, so it must stay text until the app reads it.
 */
export const falBodies = {
  ok(requestId: string, imageUrls: string[], seed = '196619188014358660'): string {
    const images = imageUrls.map(
      (url) => `{"url":${JSON.stringify(url)},"content_type":"image/png","file_name":"image.png","file_size":1824075,"width":1024,"height":1024}`,
    );
    return `{"request_id":"${requestId}","gateway_request_id":"${requestId}","status":"OK","payload":{"images":[${images.join(',')}],"seed":${seed},"has_nsfw_concepts":[false],"prompt":"Photo of a cute dog"},"error":null}`;
  },
  okWithoutImages(requestId: string): string {
    return `{"request_id":"${requestId}","gateway_request_id":"${requestId}","status":"OK","payload":{"text":"A cute dog sitting on grass.","seed":18446744073709551615,"timings":{"inference":1.234},"video":{"url":"https://v3.fal.media/files/dog/video.mp4","content_type":"video/mp4"}},"error":null}`;
  },
  error(requestId: string): string {
    return `{"request_id":"${requestId}","gateway_request_id":"${requestId}","status":"ERROR","error":"Invalid status code: 422","payload":{"detail":[{"loc":["body","prompt"],"msg":"field required","type":"value_error.missing"}]}}`;
  },
  payloadError(requestId: string): string {
    return `{"request_id":"${requestId}","gateway_request_id":"${requestId}","status":"OK","payload":null,"payload_error":"Response payload is not JSON serializable. Either return a JSON serializable object or use the queue endpoint to retrieve the response."}`;
  },
};
