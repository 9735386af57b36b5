/** What a provider handler sees of an HTTP request: nothing it could do I/O with. */
export interface InboundRequest {
  contentType: string | undefined;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** The URL's query parameters (e.g. FAL's per-job `?label=`); never the place for a secret. */
  query?: Readonly<Record<string, string | string[] | undefined>>;
}

export interface DedupeKey {
  key: string;
  /** Seconds the key blocks a repeat; null blocks it for good. */
  ttlSeconds: number | null;
}

export type Accepted<E> = { ok: true; event: E; dedupe: DedupeKey };
/** Well-formed, but nothing to act on (a probe, an echo of our own message, an unknown type): 200, not stored. */
export type Ignored = { ok: 'ignored'; reason: string };
/** 503: we cannot check the request now (the provider's signing keys are unreachable); the provider retries. */
export type Rejected = { ok: false; status: 400 | 401 | 503; error: string };
export type HandlerResult<E> = Accepted<E> | Ignored | Rejected;

export function ignored(reason: string): Ignored {
  return { ok: 'ignored', reason };
}

export function rejected(error: string, status: Rejected['status'] = 400): Rejected {
  return { ok: false, status, error };
}
