import { createHash, verify, type KeyObject } from 'node:crypto';
import { isSafeNumber, parse as parseJsonLosslessly } from 'lossless-json';
import { z } from 'zod';
import { jsonTextNestsDeeperThan, jsonValueProblem, MAX_JSON_DEPTH } from './storableJson.js';
import { rejected, type Accepted, type InboundRequest, type Rejected } from './types.js';

/**
 * FAL's webhook signature (docs: "Verifying your webhook"): an ED25519 signature, in hex, over
 * `request id \n user id \n timestamp \n hex(sha256(raw body))`, made with one of the keys
 * published in FAL's JWKS. Node lower-cases header names.
 */
export const FAL_HEADERS = {
  requestId: 'x-fal-webhook-request-id',
  userId: 'x-fal-webhook-user-id',
  timestamp: 'x-fal-webhook-timestamp',
  signature: 'x-fal-webhook-signature',
} as const;

/** FAL's documented leeway between its clock and ours, either way. */
export const FAL_TIMESTAMP_TOLERANCE_SECONDS = 300;

/** A label is ours, not FAL's: the user adds `?label=` to the URL of one job. */
export const FAL_LABEL_MAX_LENGTH = 64;

export interface FalImage {
  url: string;
  contentType: string | null;
  width: number | null;
  height: number | null;
  /** Bytes, when FAL says (Telegram fetches photos by URL only up to 5 MB). */
  fileSize: number | null;
}

/** Any other file in the result (a video, an audio track, a mesh...): shown as a link. */
export interface FalFile {
  field: string;
  url: string;
}

export interface FalErrorDetail {
  /** Where the problem is, e.g. `prompt` (from FastAPI's `loc`, without the leading `body`). */
  field: string | null;
  message: string;
}

/** A FAL webhook after verification and normalization: what the rest of Hookbot works with. */
export interface FalWebhookEvent {
  requestId: string;
  gatewayRequestId: string | null;
  /** FAL's id of the account that ran the job (signed header). */
  falUserId: string;
  status: 'OK' | 'ERROR';
  label: string | null;
  error: string | null;
  errorDetails: FalErrorDetail[];
  /** Set when FAL could not serialize the result; `payload` is then null. */
  payloadError: string | null;
  images: FalImage[];
  files: FalFile[];
  /**
   * The result as sent. Numbers a JavaScript number cannot hold exactly (seeds above 2^53, say)
   * are kept as strings of their exact digits, so what is stored and shown is what FAL sent.
   */
  payload: unknown;
}

export type FalVerification =
  | { ok: true; requestId: string; userId: string; timestamp: number }
  | (Rejected & { status: 401; /** no key we hold made this signature: newer keys might */ unknownKey: boolean });

function headerValue(request: InboundRequest, name: string): string | undefined {
  const raw = request.headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

const unauthorized = (error: string, unknownKey = false): FalVerification => ({ ...rejected(error, 401), status: 401, unknownKey });

/**
 * Checks that FAL sent this request, from the headers and raw body alone: nothing is parsed
 * before the signature holds. `keys` are FAL's current public keys; any of them may have signed.
 */
export function verifyFalSignature(
  request: InboundRequest,
  keys: readonly KeyObject[],
  nowSeconds: number,
  toleranceSeconds = FAL_TIMESTAMP_TOLERANCE_SECONDS,
): FalVerification {
  const missing = Object.values(FAL_HEADERS).filter((name) => headerValue(request, name) === undefined);
  if (missing.length > 0) {
    return unauthorized(`missing FAL signature header${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  }
  const requestId = headerValue(request, FAL_HEADERS.requestId)!;
  const userId = headerValue(request, FAL_HEADERS.userId)!;
  const timestampText = headerValue(request, FAL_HEADERS.timestamp)!;
  const signatureHex = headerValue(request, FAL_HEADERS.signature)!;

  if (!/^\d{1,15}$/.test(timestampText)) return unauthorized(`${FAL_HEADERS.timestamp} must be a Unix time in seconds`);
  const timestamp = Number(timestampText);
  const skew = nowSeconds - timestamp;
  if (Math.abs(skew) > toleranceSeconds) {
    return unauthorized(
      `${FAL_HEADERS.timestamp} is ${Math.abs(Math.round(skew))} s ${skew > 0 ? 'old' : 'in the future'}; ` +
        `at most ${toleranceSeconds} s are accepted (a replayed request, or a clock that is off)`,
    );
  }
  if (!/^[0-9a-fA-F]{128}$/.test(signatureHex)) {
    return unauthorized(`${FAL_HEADERS.signature} must be 128 hex digits (an ED25519 signature)`);
  }
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const message = Buffer.from([requestId, userId, timestampText, bodyHash].join('\n'), 'utf8');
  const signature = Buffer.from(signatureHex, 'hex');
  for (const key of keys) {
    if (verify(null, message, key, signature)) return { ok: true, requestId, userId, timestamp };
  }
  return unauthorized('the FAL signature does not match any of the keys FAL publishes', true);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Keeps every number exact: one a double cannot hold stays a string of its digits. */
const exactNumber = (digits: string): number | string => (isSafeNumber(digits) ? Number(digits) : digits);

const optionalText = z
  .unknown()
  .optional()
  .transform((value) => {
    if (value === undefined || value === null || value === '') return null;
    return typeof value === 'string' ? value : JSON.stringify(value);
  });

const webhookSchema = z.looseObject({
  request_id: z.string({ error: 'request_id must be a string' }).min(1, 'request_id is empty').optional(),
  gateway_request_id: z.string({ error: 'gateway_request_id must be a string' }).nullish(),
  status: z.enum(['OK', 'ERROR'], { error: (issue) => `status must be "OK" or "ERROR", not ${JSON.stringify(issue.input)}` }),
  payload: z.unknown().optional(),
  error: optionalText,
  payload_error: optionalText,
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const WEB_URL = /^https?:\/\/\S+$/i;
const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function toImage(value: unknown): FalImage | undefined {
  if (!isRecord(value) || typeof value.url !== 'string' || !WEB_URL.test(value.url)) return undefined;
  return {
    url: value.url,
    contentType: typeof value.content_type === 'string' ? value.content_type : null,
    width: numberOrNull(value.width),
    height: numberOrNull(value.height),
    fileSize: numberOrNull(value.file_size),
  };
}

/** Image models answer `images: [...]` (FAL's image type) or, for one image, `image: {...}`. */
function imagesOf(payload: unknown): FalImage[] {
  if (!isRecord(payload)) return [];
  const candidates = Array.isArray(payload.images) ? payload.images : payload.image !== undefined ? [payload.image] : [];
  return candidates.map(toImage).filter((image): image is FalImage => image !== undefined);
}

/** Other top-level files (`video: {url}`, `audio_file: {url}`, `videos: [{url}]`). */
function filesOf(payload: unknown): FalFile[] {
  if (!isRecord(payload)) return [];
  const files: FalFile[] = [];
  for (const [field, value] of Object.entries(payload)) {
    if (field === 'images' || field === 'image') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isRecord(item) && typeof item.url === 'string' && WEB_URL.test(item.url)) files.push({ field, url: item.url });
    }
  }
  return files;
}

/** FastAPI's validation errors (`detail: [{loc: ["body","prompt"], msg}]`) or a plain `detail` text. */
function errorDetailsOf(payload: unknown): FalErrorDetail[] {
  if (!isRecord(payload)) return [];
  const { detail } = payload;
  if (typeof detail === 'string' && detail !== '') return [{ field: null, message: detail }];
  if (!Array.isArray(detail)) return [];
  return detail.filter(isRecord).map((item) => {
    const location = Array.isArray(item.loc) ? item.loc.map(String).filter((part, index) => !(index === 0 && part === 'body')) : [];
    return {
      field: location.length > 0 ? location.join('.') : null,
      message: typeof item.msg === 'string' ? item.msg : JSON.stringify(item),
    };
  });
}

/** A label from `?label=`: printable, trimmed, short; anything else means no label. */
export function falLabel(query: InboundRequest['query']): string | null {
  const raw = query?.label;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return clean === '' ? null : [...clean].slice(0, FAL_LABEL_MAX_LENGTH).join('');
}

/**
 * Parses a webhook whose signature has been verified. FAL retries a delivery that failed, so the
 * request id is the dedupe key, for good.
 */
export function parseFalWebhook(
  request: InboundRequest,
  signed: { requestId: string; userId: string },
): Accepted<FalWebhookEvent> | Rejected {
  let text: string;
  try {
    text = utf8.decode(request.body);
  } catch {
    return rejected('body is not valid UTF-8');
  }
  if (text.trim() === '') return rejected('body is empty: FAL sends the job result as JSON');
  // The lossless parser recurses: bound the depth before it runs.
  if (jsonTextNestsDeeperThan(text, MAX_JSON_DEPTH)) return rejected(`JSON is nested deeper than ${MAX_JSON_DEPTH} levels`);
  let data: unknown;
  try {
    data = parseJsonLosslessly(text, null, exactNumber);
  } catch (error) {
    return rejected(`body is not valid JSON (${error instanceof Error ? error.message : 'syntax error'})`);
  }
  const problem = jsonValueProblem(data);
  if (problem) return rejected(problem);
  if (!isRecord(data)) return rejected('body must be a JSON object');
  const parsed = webhookSchema.safeParse(data);
  if (!parsed.success) return rejected(parsed.error.issues[0]?.message ?? 'not a FAL webhook');
  const body = parsed.data;
  const requestId = body.request_id ?? signed.requestId;
  const payload = body.payload ?? null;
  return {
    ok: true,
    event: {
      requestId,
      gatewayRequestId: body.gateway_request_id ?? null,
      falUserId: signed.userId,
      status: body.status,
      label: falLabel(request.query),
      error: body.error,
      errorDetails: body.status === 'ERROR' ? errorDetailsOf(payload) : [],
      payloadError: body.payload_error,
      images: body.status === 'OK' ? imagesOf(payload) : [],
      files: body.status === 'OK' ? filesOf(payload) : [],
      payload,
    },
    dedupe: { key: `request:${requestId}`, ttlSeconds: null },
  };
}

/** `unknownKey`: no key we hold made the signature, so FAL may have rotated its keys. */
export type FalResult = Accepted<FalWebhookEvent> | (Rejected & { unknownKey?: boolean });

/** Verify, then parse: the whole of what FAL's endpoint does with a request, given FAL's keys. */
export function acceptFalWebhook(request: InboundRequest, keys: readonly KeyObject[], nowSeconds: number): FalResult {
  const verified = verifyFalSignature(request, keys, nowSeconds);
  if (!verified.ok) return verified;
  return parseFalWebhook(request, verified);
}
