import { pino, type Logger } from 'pino';

/** Personal webhook URLs carry their secret in the path: keep only a short prefix in logs. */
export function maskUrlSecrets(url: string): string {
  return url
    .replace(/\/(hooks\/[a-z]+|personal)\/([A-Za-z0-9_-]{6})[A-Za-z0-9_-]+/g, '/$1/$2…')
    .replace(/\/bot\d+:[A-Za-z0-9_-]+/g, '/bot<redacted>');
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
  'connectionString',
  // Issue #5: WhatsApp (Green API) and Avito credentials
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
  // issue #4: API keys and webhook signing secrets
  'webhookSecret',
  '*.webhookSecret',
  'webhook_secret',
  '*.webhook_secret',
  'key',
  '*.key',
];

/** stdout, where a failed write (the reader went away: EPIPE) is dropped instead of thrown. */
function stdoutDestination(): pino.DestinationStream {
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
        err: pino.stdSerializers.err,
      },
    },
    (destination as pino.DestinationStream | undefined) ?? stdoutDestination(),
  );
}

export type { Logger };
