import path from 'node:path';
import { z } from 'zod';

const bool = (fallback: boolean) => z.stringbool().default(fallback);
const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const envSchema = z
  .object({
    TELEGRAM_BOT_TOKEN: z
      .string({ error: 'is required (get one from @BotFather)' })
      .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'does not look like a bot token (expected 123456:ABC...)'),
    TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
    BOT_MODE: z.enum(['polling', 'webhook']).default('polling'),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16-256 characters of A-Z, a-z, 0-9, _ and -')
      .optional(),
    PUBLIC_URL: z.url().default('http://localhost:3000'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: int(3000, 0, 65535),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    EMBEDDED_PG_PORT: int(5433, 1, 65535),
    ADMIN_IDS: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const ids = value.split(',').map((part) => part.trim()).filter(Boolean);
        const bad = ids.filter((id) => !/^\d+$/.test(id));
        if (bad.length > 0) {
          ctx.addIssue({ code: 'custom', message: `must be comma-separated Telegram user ids; not a number: ${bad.join(', ')}` });
          return z.NEVER;
        }
        return ids.map(Number);
      }),
    NEW_USERS_ACTIVE: bool(true),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HOOK_BODY_LIMIT_BYTES: int(65_536, 1_024, 10 * 1024 * 1024),
    HOOK_RATE_LIMIT_PER_MINUTE: int(120, 1, 1_000_000),
    DEDUPE_WINDOW_SECONDS: int(60, 1, 86_400),
    INLINE_PROCESSING: bool(true),
    SWEEP_INTERVAL_SECONDS: int(5, 1, 3_600),
    SWEEP_MIN_AGE_SECONDS: int(2, 0, 3_600),
    TELEGRAM_RATE_PER_SECOND: int(25, 1, 1_000),
    OUTBOX_CONCURRENCY: int(8, 1, 256),
    OUTBOX_LEASE_SECONDS: int(30, 5, 3_600),
    SHUTDOWN_GRACE_SECONDS: int(10, 1, 600),
    // Checked where it is used (src/services/secrets): its absence is fine with the embedded database.
    ENCRYPTION_KEY: z.string().optional(),
    // --- FAL AI webhooks (issue #5)
    FAL_JWKS_URL: z.url().default('https://rest.fal.ai/.well-known/jwks.json'),
    FAL_JWKS_CACHE_SECONDS: int(86_400, 1, 86_400),
    FAL_JWKS_MIN_REFRESH_SECONDS: int(60, 0, 86_400),
    // Issue #5: WhatsApp (Green API) and Avito
    GREEN_API_URL: z.url().default('https://api.green-api.com'),
    AVITO_API_URL: z.url().default('https://api.avito.ru'),
    AVITO_POLL_INTERVAL_SECONDS: int(30, 1, 3_600),
    AVITO_QUIET_SECONDS: int(60, 0, 86_400),
    PROVIDER_TIMEOUT_SECONDS: int(10, 1, 120),
    // Issue #3: trading
    BYBIT_BASE_URL: z.url().optional(),
    BYBIT_DEMO_BASE_URL: z.url().optional(),
    BYBIT_RATE_LIMIT: int(600, 1, 100_000),
    BYBIT_RATE_WINDOW_MS: int(5_000, 100, 600_000),
    BYBIT_USER_ORDERS_PER_SECOND: int(10, 1, 1_000),
    BYBIT_TIMEOUT_MS: int(10_000, 500, 120_000),
    BYBIT_RECV_WINDOW_MS: int(5_000, 1_000, 60_000),
    TRADE_SIGNAL_EXPIRY_SECONDS: int(300, 5, 86_400),
    TRADE_CONCURRENCY: int(32, 1, 1_000),
    TRADE_LEASE_SECONDS: int(120, 5, 3_600),
    OWNER_TELEGRAM_ID: z.coerce.number().int().positive().optional(),
    WEBHOOK_PASSPHRASE: z.string().min(8, 'must be at least 8 characters').optional(),
    // --- issue #4: Google Maps scrapes and outbound webhooks ---
    MAPS_BASE_URL: z.url().default('https://www.google.com'),
    CHROMIUM_PATH: z.string().min(1).optional(),
    SCRAPE_CONCURRENCY: int(3, 1, 16),
    SCRAPE_MAX_RESULTS: int(200, 1, 1_000),
    SCRAPE_JOBS_PER_WORKER: int(2, 1, 16),
    SCRAPE_EMAIL_TIMEOUT_SECONDS: int(8, 1, 60),
    ALLOW_PRIVATE_WEBHOOKS: bool(false),
    WEBHOOK_RETRY_SECONDS: int(900, 5, 86_400),
    DNS_SERVERS: z
      .string()
      .regex(/^[0-9a-fA-F.:[\],\s]+$/, 'must be comma-separated IP addresses (optionally with :port)')
      .optional(),
    // --- issue #4: webhook delivery lag ---
    SCRAPE_BROWSER_NICE: int(10, 0, 19),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_MODE === 'webhook' && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'is required when BOT_MODE=webhook' });
    }
    if ((env.OWNER_TELEGRAM_ID === undefined) !== (env.WEBHOOK_PASSPHRASE === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['WEBHOOK_PASSPHRASE'], message: 'and OWNER_TELEGRAM_ID go together: set both to enable POST /webhook, or neither' });
    }
  });

export type Env = z.output<typeof envSchema>;

export interface Config {
  telegram: {
    token: string;
    apiRoot: string;
    mode: 'polling' | 'webhook';
    webhookSecret: string | undefined;
    ratePerSecond: number;
  };
  http: { host: string; port: number; publicUrl: string };
  database: { url: string | undefined; dataDir: string; embeddedPort: number };
  adminIds: number[];
  newUsersActive: boolean;
  logLevel: Env['LOG_LEVEL'];
  hooks: { bodyLimitBytes: number; rateLimitPerMinute: number; dedupeWindowSeconds: number };
  processing: { inline: boolean; sweepIntervalSeconds: number; sweepMinAgeSeconds: number };
  outbox: { concurrency: number; leaseSeconds: number };
  shutdownGraceSeconds: number;
  /** AES-256 key for secrets at rest; generated into the data folder when unset on the embedded database. */
  encryptionKey: string | undefined;
  /** FAL's webhook signing keys: where they are published, and how long they are kept. */
  fal: { jwksUrl: string; jwksCacheSeconds: number; jwksMinRefreshSeconds: number };
  /** Issue #5: the providers' API roots and the Avito polling fallback. */
  providers: {
    greenApiUrl: string;
    avitoApiUrl: string;
    avitoPollIntervalSeconds: number;
    /** A chat message older than this that no webhook brought in switches Avito to polling. */
    avitoQuietSeconds: number;
    timeoutMs: number;
  };
  trading: {
    /** Where the Bybit clients go; unset = Bybit itself (api.bybit.com, api-demo.bybit.com for demo). */
    baseUrl: string | undefined;
    demoBaseUrl: string | undefined;
    rateLimit: number;
    rateWindowMs: number;
    userOrdersPerSecond: number;
    timeoutMs: number;
    recvWindowMs: number;
    signalExpirySeconds: number;
    concurrency: number;
    /** How long a process may hold a signal it is placing before another may take it over. */
    leaseSeconds: number;
  };
  /** The legacy shared POST /webhook: trades for this Telegram user, with this passphrase. */
  legacyWebhook: { ownerTelegramId: number; passphrase: string } | undefined;
  scrape: {
    mapsBaseUrl: string;
    chromiumPath: string | undefined;
    concurrency: number;
    maxResults: number;
    jobsPerWorker: number;
    emailTimeoutSeconds: number;
    /** Nice value of Chromium's processes (0: as Hookbot's). */
    browserNice: number;
  };
  webhooks: { allowPrivate: boolean; retrySeconds: number; dnsServers: string[] };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads settings from the environment; empty strings count as unset so a blank line in .env means "default". */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`));
  }
  const env = parsed.data;
  return {
    telegram: {
      token: env.TELEGRAM_BOT_TOKEN,
      apiRoot: env.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      mode: env.BOT_MODE,
      webhookSecret: env.TELEGRAM_WEBHOOK_SECRET,
      ratePerSecond: env.TELEGRAM_RATE_PER_SECOND,
    },
    http: { host: env.HOST, port: env.PORT, publicUrl: env.PUBLIC_URL.replace(/\/+$/, '') },
    database: { url: env.DATABASE_URL, dataDir: path.resolve(env.DATA_DIR), embeddedPort: env.EMBEDDED_PG_PORT },
    adminIds: env.ADMIN_IDS,
    newUsersActive: env.NEW_USERS_ACTIVE,
    logLevel: env.LOG_LEVEL,
    hooks: {
      bodyLimitBytes: env.HOOK_BODY_LIMIT_BYTES,
      rateLimitPerMinute: env.HOOK_RATE_LIMIT_PER_MINUTE,
      dedupeWindowSeconds: env.DEDUPE_WINDOW_SECONDS,
    },
    processing: {
      inline: env.INLINE_PROCESSING,
      sweepIntervalSeconds: env.SWEEP_INTERVAL_SECONDS,
      sweepMinAgeSeconds: env.SWEEP_MIN_AGE_SECONDS,
    },
    outbox: { concurrency: env.OUTBOX_CONCURRENCY, leaseSeconds: env.OUTBOX_LEASE_SECONDS },
    shutdownGraceSeconds: env.SHUTDOWN_GRACE_SECONDS,
    encryptionKey: env.ENCRYPTION_KEY,
    fal: {
      jwksUrl: env.FAL_JWKS_URL,
      jwksCacheSeconds: env.FAL_JWKS_CACHE_SECONDS,
      jwksMinRefreshSeconds: env.FAL_JWKS_MIN_REFRESH_SECONDS,
    },
    providers: {
      greenApiUrl: env.GREEN_API_URL.replace(/\/+$/, ''),
      avitoApiUrl: env.AVITO_API_URL.replace(/\/+$/, ''),
      avitoPollIntervalSeconds: env.AVITO_POLL_INTERVAL_SECONDS,
      avitoQuietSeconds: env.AVITO_QUIET_SECONDS,
      timeoutMs: env.PROVIDER_TIMEOUT_SECONDS * 1000,
    },
    trading: {
      baseUrl: env.BYBIT_BASE_URL?.replace(/\/+$/, ''),
      demoBaseUrl: env.BYBIT_DEMO_BASE_URL?.replace(/\/+$/, ''),
      rateLimit: env.BYBIT_RATE_LIMIT,
      rateWindowMs: env.BYBIT_RATE_WINDOW_MS,
      userOrdersPerSecond: env.BYBIT_USER_ORDERS_PER_SECOND,
      timeoutMs: env.BYBIT_TIMEOUT_MS,
      recvWindowMs: env.BYBIT_RECV_WINDOW_MS,
      signalExpirySeconds: env.TRADE_SIGNAL_EXPIRY_SECONDS,
      concurrency: env.TRADE_CONCURRENCY,
      leaseSeconds: env.TRADE_LEASE_SECONDS,
    },
    legacyWebhook:
      env.OWNER_TELEGRAM_ID !== undefined && env.WEBHOOK_PASSPHRASE !== undefined
        ? { ownerTelegramId: env.OWNER_TELEGRAM_ID, passphrase: env.WEBHOOK_PASSPHRASE }
        : undefined,
    scrape: {
      mapsBaseUrl: env.MAPS_BASE_URL.replace(/\/+$/, ''),
      chromiumPath: env.CHROMIUM_PATH,
      concurrency: env.SCRAPE_CONCURRENCY,
      maxResults: env.SCRAPE_MAX_RESULTS,
      jobsPerWorker: env.SCRAPE_JOBS_PER_WORKER,
      emailTimeoutSeconds: env.SCRAPE_EMAIL_TIMEOUT_SECONDS,
      browserNice: env.SCRAPE_BROWSER_NICE,
    },
    webhooks: {
      allowPrivate: env.ALLOW_PRIVATE_WEBHOOKS,
      retrySeconds: env.WEBHOOK_RETRY_SECONDS,
      dnsServers: (env.DNS_SERVERS ?? '').split(',').map((server) => server.trim()).filter(Boolean),
    },
  };
}
