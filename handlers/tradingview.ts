import { hash } from 'node:crypto';
import { z } from 'zod';
import { parseStorableJson, unstorableTextProblem } from './storableJson.js';
import { rejected, type Accepted, type DedupeKey, type InboundRequest, type Rejected } from './types.js';

export const alertActions = ['buy', 'sell', 'long', 'short', 'close', 'exit', 'stop', 'cancel'] as const;
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
  /** Set when the text is TradingView's default strategy alert message (see STRATEGY_DEFAULT). */
  strategyOrder?: StrategyOrder;
}

/** What TradingView's default strategy message says: the order's contracts and the new position. */
export interface StrategyOrder {
  /** `{{strategy.order.contracts}}`: how many contracts the strategy's order filled. Never a price. */
  contracts: string;
  /** `{{strategy.position_size}}` after the order: > 0 long, < 0 short, 0 flat. */
  positionSize: string;
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

/**
 * TradingView's default strategy alert message, "order {{strategy.order.action}} @
 * {{strategy.order.contracts}} filled on {{ticker}}. New strategy position is
 * {{strategy.position_size}}". The number after "@" is the contracts the strategy filled, not a
 * price: read as a price it once sized an order a hundred times too large.
 */
const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:e[+-]?\d+)?`;
const STRATEGY_DEFAULT = new RegExp(
  String.raw`^order\s+(buy|sell)\s+@\s+(${NUMBER})\s+filled\s+on\s+(\S+)\.\s+new\s+strategy\s+position\s+is\s+(${NUMBER})\.?$`,
  'i',
);

/** TradingView sends the message as text/plain whenever it is not JSON: `buy BTCUSDT @ 50000`. */
function fromText(text: string): Accepted<TradingViewAlert> | Rejected {
  const strategy = STRATEGY_DEFAULT.exec(text);
  if (strategy) {
    const [, side = '', contracts = '', ticker = '', positionSize = ''] = strategy;
    return {
      ok: true,
      event: {
        format: 'text',
        action: side.toLowerCase() as AlertAction,
        symbol: normalizeSymbol(ticker),
        price: null,
        extra: {},
        text,
        id: null,
        strategyOrder: { contracts, positionSize },
      },
      dedupe: { key: '', ttlSeconds: null },
    };
  }
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
 * Parses and validates an alert, and gives it its dedupe key (see alertDedupeKey).
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
    const json = parseStorableJson(text);
    if (!json.ok) {
      return rejected(
        mediaType === 'application/json' || json.syntaxError === undefined
          ? json.error
          : `body looks like JSON but does not parse (${json.syntaxError}); TradingView sends text/plain when the alert message is not valid JSON`,
      );
    }
    result = fromJson(json.value);
  } else {
    const problem = unstorableTextProblem(text);
    if (problem) return rejected(`the alert text ${problem}`);
    result = fromText(text);
  }
  if (!result.ok) return result;

  return { ok: true, event: result.event, dedupe: alertDedupeKey(result.event, request.body, windowSeconds) };
}

/**
 * An alert's identity. With an `id`, it is the id together with the action and the (normalized)
 * symbol, kept for good: templates fill the id with `{{timenow}}`, to the second, so alerts on
 * different charts or of different actions firing in the same second share it and must stay
 * distinct. Without one, a hash of the raw body kept for `windowSeconds`: TradingView resends a
 * failed alert after 5 s, up to 3 times, with the very same body.
 */
export function alertDedupeKey(alert: TradingViewAlert, body: Buffer, windowSeconds: number): DedupeKey {
  if (alert.id) {
    const identity = hash('sha256', [alert.action, alert.symbol ?? '', alert.id].join('\u0000'), 'base64url');
    return { key: `id:${identity}`, ttlSeconds: null };
  }
  return { key: `h:${hash('sha256', body, 'base64url')}`, ttlSeconds: windowSeconds };
}
