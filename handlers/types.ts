/** What a provider handler sees of an HTTP request: nothing it could do I/O with. */
export interface InboundRequest {
  contentType: string | undefined;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

export interface DedupeKey {
  key: string;
  /** Seconds the key blocks a repeat; null blocks it for good. */
  ttlSeconds: number | null;
}

export type HandlerResult<E> = { ok: true; event: E; dedupe: DedupeKey } | { ok: false; status: 400 | 401; error: string };

export function rejected(error: string, status: 400 | 401 = 400): { ok: false; status: 400 | 401; error: string } {
  return { ok: false, status, error };
}
