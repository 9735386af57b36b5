import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

/** Personal webhook URLs carry their secret in the path: keep only a short prefix in logs. */
export function maskUrlSecrets(url: string): string {
  return url
    .replace(/\/(hooks\/[a-z]+|personal)\/([A-Za-z0-9_-]{6})[A-Za-z0-9_-]+/g, '/$1/$2…')
    .replace(/\/bot\d+:[A-Za-z0-9_-]+/g, '/bot<redacted>');
}

/**
 * Query parameters of every failed query in an error's cause chain: drizzle wraps a failed query
 * as "Failed query: <sql>\nparams: <values>", and those values are tokens, keys and user data.
 */
function queryParamsOf(error: unknown): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === 'object' && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    const params = (current as { params?: unknown }).params;
    if (Array.isArray(params)) found.push(String(params), ...params.map((param) => String(param)));
  }
  // Longest first, so the joined list is replaced whole before its parts; short values (ids,
  // booleans) say nothing secret and would blank unrelated text.
  return [...new Set(found)].filter((value) => value.length >= 6).sort((a, b) => b.length - a.length);
}

/** pino's error serializer, with the parameters of failed database queries replaced by [redacted]. */
export function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  const params = queryParamsOf(error);
  if (params.length === 0 || !serialized || typeof serialized !== 'object') return serialized;
  const record = serialized as Record<string, unknown>;
  const scrub = (text: string) => params.reduce((result, value) => result.split(value).join('[redacted]'), text);
  for (const field of ['message', 'stack', 'detail']) {
    if (typeof record[field] === 'string') record[field] = scrub(record[field]);
  }
  if ('params' in record) record.params = '[redacted]';
  return record;
}

export const redactPaths = [
  'req.headers.authorization',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'token',
  '*.token',
  'passphrase',
  '*.passphrase',
  'apiKey',
  '*.apiKey',
  'apiSecret',
  '*.apiSecret',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'proxy.password',
  '*.proxy.password',
  'proxies[*].password',
  'connectionString',
  // WhatsApp (Green API) and Avito credentials
  'apiTokenInstance',
  '*.apiTokenInstance',
  'webhookUrlToken',
  '*.webhookUrlToken',
  'clientSecret',
  '*.clientSecret',
  'client_secret',
  '*.client_secret',
  'accessToken',
  '*.accessToken',
  'access_token',
  '*.access_token',
  // bybit-api's thrown errors carry the client's options (API key and secret) and signed headers;
  // the trading service never logs them raw, and these paths are the second line of defence.
  'requestOptions',
  '*.requestOptions',
  '*.*.requestOptions',
  'err.config.headers',
  'err.config.data',
  // Scrape API keys and webhook signing secrets
  'webhookSecret',
  '*.webhookSecret',
  'webhook_secret',
  '*.webhook_secret',
  'key',
  '*.key',
];

/** Readable lines for a person at a terminal; JSON, one object a line, for anything that collects logs. */
export function logFormatFor(stdout: { isTTY?: boolean }): 'pretty' | 'json' {
  return stdout.isTTY === true ? 'pretty' : 'json';
}

/** stdout, where a failed write (the reader went away: EPIPE) is dropped instead of thrown. */
function stdoutDestination(): pino.DestinationStream {
  if (logFormatFor(process.stdout) === 'pretty') return pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  const destination = pino.destination({ fd: 1, sync: true });
  destination.on('error', () => undefined);
  return destination;
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: {
        req: (req: { method: string; url: string; id?: string }) => ({ id: req.id, method: req.method, url: maskUrlSecrets(req.url) }),
        err: serializeError,
      },
    },
    (destination as pino.DestinationStream | undefined) ?? stdoutDestination(),
  );
}

export type { Logger };
