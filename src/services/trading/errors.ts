/**
 * Bybit's answers in plain words. Each reason has a message in the locales
 * (`trade-reason-<reason>`) that says what happened and what to do.
 */
export const failureReasons = [
  'insufficient-balance',
  'qty-too-small',
  'qty-too-large',
  'qty-step',
  'notional-too-small',
  'amount-too-large',
  'nothing-to-sell',
  'insufficient-holding',
  'invalid-key',
  'key-expired',
  'permission-denied',
  'ip-not-allowed',
  'unknown-symbol',
  'symbol-not-trading',
  'timestamp',
  'leverage-invalid',
  'nothing-to-close',
  'no-keys',
  'no-symbol',
  'stale',
  'expired',
  'exchange-down',
  'exchange-error',
  'key-read-only',
  'key-no-trade',
  'price-off-market',
  'order-value-too-large',
  'strategy-partial-exit',
  'tp-wrong-side',
  'sl-wrong-side',
  'tp-rung-too-small',
  'trailing-too-small',
  'breakeven-needs-tp',
  'spot-protection',
  'protection-failed',
  'risk-needs-stop',
  'limit-protection',
  'nothing-to-cancel',
  'position-already-open',
] as const;
export type FailureReason = (typeof failureReasons)[number];

export interface Classified {
  /** Worth trying again later with the same order link id (rate limit, outage). */
  retry: boolean;
  reason: FailureReason;
}

const byCode: Record<number, FailureReason> = {
  10002: 'timestamp',
  10003: 'invalid-key',
  10004: 'invalid-key',
  10005: 'permission-denied',
  10007: 'invalid-key',
  10009: 'invalid-key',
  10010: 'ip-not-allowed',
  10024: 'permission-denied',
  10027: 'permission-denied',
  10029: 'unknown-symbol',
  33004: 'key-expired',
  110004: 'insufficient-balance',
  110007: 'insufficient-balance',
  110012: 'insufficient-balance',
  110044: 'insufficient-balance',
  110045: 'insufficient-balance',
  110052: 'insufficient-balance',
  170033: 'insufficient-balance',
  170131: 'insufficient-balance',
  110017: 'nothing-to-close',
  110013: 'leverage-invalid',
  110090: 'leverage-invalid',
  110094: 'notional-too-small',
  170136: 'qty-too-small',
  170140: 'notional-too-small',
  170137: 'qty-step',
  170121: 'unknown-symbol',
  110014: 'qty-too-large',
  170135: 'qty-too-large',
};

/** Bybit's transient answers: server busy or timed out, rate limit. */
const transient = new Set([10000, 10006, 10016, 10018, 10019, 170007, 170146]);

/** Duplicate orderLinkId (futures / spot): the order was placed before; look it up instead. */
export const DUPLICATE_ORDER_CODES = new Set([110072, 170141]);
/** set-leverage: "leverage not modified" means it already is what we want. */
export const LEVERAGE_NOT_MODIFIED = 110043;

/** A non-zero retCode in plain words. */
export function classifyRetCode(retCode: number, retMsg = ''): Classified {
  if (transient.has(retCode)) return { retry: true, reason: 'exchange-down' };
  const reason = byCode[retCode];
  if (reason) return { retry: false, reason };
  if (retCode === 10001 && /symbol/i.test(retMsg)) return { retry: false, reason: 'unknown-symbol' };
  if (retCode === 10001 && /leverage/i.test(retMsg)) return { retry: false, reason: 'leverage-invalid' };
  return { retry: false, reason: 'exchange-error' };
}

/**
 * What the SDK threw, reduced to what may be logged and shown. Its errors carry the API secret
 * (`requestOptions`) and signed headers: nothing of them is kept but status, code and message.
 */
export interface ThrownSummary {
  httpStatus: number | undefined;
  code: string | undefined;
  message: string;
}

export function summarizeThrown(error: unknown): ThrownSummary {
  if (typeof error === 'string') return { httpStatus: undefined, code: undefined, message: error.slice(0, 300) };
  if (error && typeof error === 'object') {
    const record = error as Record<string, unknown>;
    const body = record.body as Record<string, unknown> | undefined;
    if (typeof record.code === 'number' && 'requestOptions' in record) {
      const retMsg = typeof body?.retMsg === 'string' ? body.retMsg : typeof record.message === 'string' ? record.message : '';
      return { httpStatus: record.code, code: typeof body?.retCode === 'number' ? String(body.retCode) : undefined, message: retMsg.slice(0, 300) };
    }
    return {
      httpStatus: undefined,
      code: typeof record.code === 'string' ? record.code : undefined,
      message: (typeof record.message === 'string' ? record.message : 'request failed').slice(0, 300),
    };
  }
  return { httpStatus: undefined, code: undefined, message: 'request failed' };
}

/** A thrown error: no answer, or an HTTP error status. 4xx other than 429 will not get better. */
export function classifyThrown(summary: ThrownSummary): Classified {
  const status = summary.httpStatus;
  if (status === 401) return { retry: false, reason: 'invalid-key' };
  // 403 is Bybit's answer to an IP over its rate limit (a ban of some minutes): wait it out.
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) return { retry: false, reason: 'exchange-error' };
  return { retry: true, reason: 'exchange-down' };
}
