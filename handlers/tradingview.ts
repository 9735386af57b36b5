import { createHash } from 'node:crypto';
import { z } from 'zod';
import { rejected, type Accepted, type InboundRequest, type Rejected } from './types.js';

export const alertActions = ['buy', 'sell', 'long', 'short', 'close', 'exit', 'stop'] as const;
export type AlertAction = (typeof alertActions)[number];

/** A TradingView alert after normalization: what the rest of Hookbot works with. */
export interface TradingViewAlert {
  format: 'json' | 'text';
  action: AlertAction;
  symbol: string | null;
  price: number | null;
  /** Every other field of a JSON alert, kept as sent. */
  extra: Record<string, unknown>;
  /** The original text of a plain-text alert. */
  text: string | null;
  id: string | null;
}

const PLACEHOLDER = /\{\{[^}]*\}\}/;

/** `BYBIT:BTCUSDT.P` -> `BTCUSDT`: TradingView's exchange prefix and perpetual suffix are not part of the symbol. */
export function normalizeSymbol(raw: string): string {
  return raw.trim().toUpperCase().replace(/^[A-Z0-9_]+:/, '').replace(/\.P$/, '');
}

const actionField = z
  .string({ error: 'action must be a string, one of ' + alertActions.join(', ') })
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.enum(alertActions, { error: (issue) => `action "${String(issue.input)}" is not one of ${alertActions.join(', ')}` }));

/** TradingView's {{close}} arrives as a number, or as a string when the template quotes it. */
const priceField = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value),
  z.number({ error: 'price must be a number' }).finite('price must be a finite number').positive('price must be a positive number'),
);

const jsonAlertSchema = z
  .looseObject({
    action: actionField.optional(),
    side: actionField.optional(),
    symbol: z.string().trim().min(1, 'symbol is empty').optional(),
    ticker: z.string().trim().min(1, 'ticker is empty').optional(),
    price: priceField.optional(),
    id: z.union([z.string().trim().min(1).max(200), z.number().int()]).optional(),
  })
  .refine((alert) => alert.action !== undefined || alert.side !== undefined, {
    message: `action is missing: add "action": one of ${alertActions.join(', ')}`,
    path: ['action'],
  });

const knownFields = new Set(['action', 'side', 'symbol', 'ticker', 'price', 'id']);

function firstPlaceholder(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return PLACEHOLDER.test(value) ? `${path || 'body'} = "${value.match(PLACEHOLDER)?.[0]}"` : undefined;
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = firstPlaceholder(inner, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

function fromJson(data: unknown): Accepted<TradingViewAlert> | Rejected {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return rejected('body must be a JSON object');
  const placeholder = firstPlaceholder(data);
  if (placeholder) {
    return rejected(`${placeholder} is an unfilled TradingView placeholder: send the alert from TradingView, or put a real value`);
  }
  const parsed = jsonAlertSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return rejected(issue?.message ?? 'invalid alert');
  }
  const alert = parsed.data;
  const extra = Object.fromEntries(Object.entries(data).filter(([key]) => !knownFields.has(key)));
  const symbol = alert.symbol ?? alert.ticker;
  const id = alert.id === undefined ? null : String(alert.id);
  return {
    ok: true,
    event: {
      format: 'json',
      action: (alert.action ?? alert.side) as AlertAction,
      symbol: symbol ? normalizeSymbol(symbol) : null,
      price: alert.price ?? null,
      extra,
      text: null,
      id,
    },
    dedupe: { key: '', ttlSeconds: null },
  };
}

const ACTION_WORD = new RegExp(`(?:^|[^\\p{L}\\p{N}])(${alertActions.join('|')})(?=$|[^\\p{L}\\p{N}])`, 'iu');
const SYMBOL_WORD = /(?:^|\s)((?:[A-Z0-9_]+:)?[A-Z0-9]{2,20}(?:USDT|USDC|USD|PERP|BTC|ETH|EUR)(?:\.P)?)(?=$|[\s,.;!])/i;
const PRICE_WORD = /(?:@|\bat\b|\bprice\b[:=]?)\s*(\d+(?:\.\d+)?)/i;

/** TradingView sends the message as text/plain whenever it is not JSON: `buy BTCUSDT @ 50000`. */
function fromText(text: string): Accepted<TradingViewAlert> | Rejected {
  const action = text.match(ACTION_WORD)?.[1]?.toLowerCase() as AlertAction | undefined;
  if (!action) return rejected(`no action in the text alert: it must contain one of ${alertActions.join(', ')}`);
  const symbol = text.match(SYMBOL_WORD)?.[1];
  const price = text.match(PRICE_WORD)?.[1];
  return {
    ok: true,
    event: {
      format: 'text',
      action,
      symbol: symbol ? normalizeSymbol(symbol) : null,
      price: price ? Number(price) : null,
      extra: {},
      text,
      id: null,
    },
    dedupe: { key: '', ttlSeconds: null },
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses and validates an alert. The dedupe key is the alert's own `id` (kept for good) or, when it
 * has none, a hash of the raw body kept for `windowSeconds`: TradingView resends a failed alert
 * after 5 s, up to 3 times, with the very same body.
 */
export function parseTradingViewAlert(request: InboundRequest, windowSeconds: number): Accepted<TradingViewAlert> | Rejected {
  const mediaType = request.contentType?.split(';')[0]?.trim().toLowerCase() || 'text/plain';
  if (mediaType !== 'application/json' && mediaType !== 'text/plain') {
    return rejected(`unsupported content type "${mediaType}": send application/json or text/plain`);
  }
  let text: string;
  try {
    text = utf8.decode(request.body).trim();
  } catch {
    return rejected('body is not valid UTF-8 text');
  }
  if (text.length === 0) return rejected('body is empty: put the alert message in the body');

  let result: ReturnType<typeof fromJson>;
  const looksLikeJson = text.startsWith('{') || text.startsWith('[');
  if (mediaType === 'application/json' || looksLikeJson) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'syntax error';
      return rejected(
        mediaType === 'application/json'
          ? `body is not valid JSON (${reason})`
          : `body looks like JSON but does not parse (${reason}); TradingView sends text/plain when the alert message is not valid JSON`,
      );
    }
    result = fromJson(data);
  } else {
    result = fromText(text);
  }
  if (!result.ok) return result;

  const dedupe = result.event.id
    ? { key: `id:${result.event.id}`, ttlSeconds: null }
    : { key: `h:${createHash('sha256').update(request.body).digest('base64url')}`, ttlSeconds: windowSeconds };
  return { ok: true, event: result.event, dedupe };
}
