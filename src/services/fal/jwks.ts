import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Logger } from '../../logger.js';

export const DEFAULT_FAL_JWKS_URL = 'https://rest.fal.ai/.well-known/jwks.json';

/** FAL's keys cannot be had now: the request cannot be checked either way (503, FAL retries). */
export class JwksUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwksUnavailableError';
  }
}

/**
 * The Ed25519 public keys of a JSON Web Key Set (RFC 8037: `kty` OKP, `crv` Ed25519, `x` the
 * 32 raw key bytes in base64url). Keys of other types, or meant for encryption, are skipped.
 */
export function publicKeysFromJwks(jwks: unknown): KeyObject[] {
  const list = typeof jwks === 'object' && jwks !== null ? (jwks as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(list)) return [];
  const keys: KeyObject[] = [];
  for (const jwk of list as Array<Record<string, unknown>>) {
    if (typeof jwk !== 'object' || jwk === null) continue;
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || jwk.use === 'enc') continue;
    if (!/^[A-Za-z0-9_-]{43}$/.test(jwk.x) || Buffer.from(jwk.x, 'base64url').length !== 32) continue;
    keys.push(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }));
  }
  return keys;
}

export interface FalJwksOptions {
  url: string;
  log: Logger;
  /** The longest a fetched key set is trusted; FAL asks for at most 24 hours. */
  maxAgeSeconds: number;
  /**
   * The shortest time between two fetches that a request can cause (a signature no cached key
   * made, or a fetch that failed): whoever holds a URL cannot make us hammer FAL.
   */
  minRefreshSeconds: number;
  timeoutMs?: number;
  /** Milliseconds since the epoch; tests of the cache's ageing pass their own clock. */
  now?: () => number;
}

/**
 * FAL's signing keys, fetched when first needed, kept for at most `maxAgeSeconds`, and fetched
 * again early when a signature matches none of them (FAL has rotated its keys), no more often
 * than `minRefreshSeconds`. One fetch at a time, shared by every request waiting for it.
 */
export class FalJwks {
  private keys: KeyObject[] | undefined;
  private fetchedAt = 0;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastFailure: JwksUnavailableError | undefined;
  private inFlight: Promise<KeyObject[]> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: FalJwksOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The keys to check a signature with. Throws JwksUnavailableError when there are none to trust. */
  async current(): Promise<KeyObject[]> {
    if (this.keys && this.now() - this.fetchedAt < this.options.maxAgeSeconds * 1000) return this.keys;
    if (this.inFlight) return this.inFlight;
    if (this.lastFailure && !this.mayFetch()) throw this.lastFailure;
    return this.fetchKeys();
  }

  /**
   * After a signature that none of the current keys made: the keys fetched anew, or undefined
   * when a fetch is not allowed yet or fails (the request is then refused with what we have).
   */
  async refreshed(): Promise<KeyObject[] | undefined> {
    if (this.inFlight) return this.inFlight.catch(() => undefined);
    if (!this.mayFetch()) return undefined;
    return this.fetchKeys().catch(() => undefined);
  }

  private mayFetch(): boolean {
    return this.now() - this.lastAttemptAt >= this.options.minRefreshSeconds * 1000;
  }

  private fetchKeys(): Promise<KeyObject[]> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async load(): Promise<KeyObject[]> {
    const { url, log } = this.options;
    this.lastAttemptAt = this.now();
    try {
      let response: Response;
      try {
        response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000) });
      } catch (error) {
        throw new JwksUnavailableError(`cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new JwksUnavailableError(`${url} answered HTTP ${response.status}`);
      }
      const body: unknown = await response.json().catch(() => undefined);
      const keys = publicKeysFromJwks(body);
      if (keys.length === 0) throw new JwksUnavailableError(`${url} lists no Ed25519 signing key`);
      const replaced = this.keys !== undefined;
      this.keys = keys;
      this.fetchedAt = this.now();
      this.lastFailure = undefined;
      log.info({ url, keys: keys.length, replaced }, 'FAL signing keys fetched');
      return keys;
    } catch (error) {
      this.lastFailure = error instanceof JwksUnavailableError ? error : new JwksUnavailableError(String(error));
      log.warn({ url, err: this.lastFailure.message }, 'FAL signing keys could not be fetched');
      throw this.lastFailure;
    }
  }
}
