import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { parseNetwork } from './services/metrics/access.js';
import { parseProxyList, type ScrapeProxy } from './services/scraper/proxyList.js';

const bool = (fallback: boolean) => z.stringbool().default(fallback);

/** Names proxy-addr (Fastify's trustProxy) knows for address ranges. */
const addressRangeNames = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * Which peers may tell us the client's address in X-Forwarded-For: none (false), the nearest N
 * hops, or these addresses and ranges. "true" (trust anyone) is refused: any client could then
 * claim any address and step around per-address limits.
 */
const trustProxy = z
  .string()
  .default('false')
  .transform((value, ctx): false | number | string[] => {
    const trimmed = value.trim().toLowerCase();
    if (trimmed === 'false') return false;
    if (/^\d+$/.test(trimmed)) return Number(trimmed);
    const entries = trimmed.split(',').map((part) => part.trim()).filter(Boolean);
    const bad = entries.filter((entry) => !addressRangeNames.includes(entry) && !ipaddr.isValid(entry) && !ipaddr.isValidCIDR(entry));
    if (trimmed === 'true' || entries.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be false, a number of proxies (e.g. 1), or the proxies' addresses or CIDR ranges (e.g. 127.0.0.1 or 172.16.0.0/12)${trimmed === 'true' ? '; true would let any client fake its address' : bad.length > 0 ? `; not an address: ${bad.join(', ')}` : ''}`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** SCRAPE_PROXIES: problems name entries by position, never by text (they hold passwords). */
const scrapeProxies = z
  .string()
  .default('')
  .transform((value, ctx): ScrapeProxy[] => {
    const { proxies, problems } = parseProxyList(value);
    for (const problem of problems) ctx.addIssue({ code: 'custom', message: problem });
    return problems.length > 0 ? z.NEVER : proxies;
  });

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
    // Unset: http://localhost:<PORT>, which nobody outside can reach; start-up and /url (to admins) say so.
    PUBLIC_URL: z.url().optional(),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: int(3000, 0, 65535),
    TRUST_PROXY: trustProxy,
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    EMBEDDED_PG_HOME: z.string().min(1).default('/var/lib/hookbot'),
    DATABASE_WAIT_SECONDS: int(60, 0, 3_600),
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
    METRICS_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9._~+/=-]{16,256}$/, 'must be 16-256 characters without spaces')
      .optional(),
    METRICS_ALLOW_FROM: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const networks = value.split(',').map((part) => part.trim()).filter(Boolean);
        const bad = networks.filter((network) => parseNetwork(network) === undefined);
        if (bad.length > 0) {
          ctx.addIssue({ code: 'custom', message: `must be comma-separated addresses or networks (10.0.0.0/8, ::1); not one: ${bad.join(', ')}` });
          return z.NEVER;
        }
        return networks;
      }),
    HTTP_REQUEST_TIMEOUT_SECONDS: int(30, 1, 600),
    SHED_EVENT_LOOP_DELAY_MS: int(1_000, 0, 60_000),
    HOOK_BODY_LIMIT_BYTES: int(65_536, 1_024, 10 * 1024 * 1024),
    HOOK_RATE_LIMIT_PER_MINUTE: int(120, 1, 1_000_000),
    DEDUPE_WINDOW_SECONDS: int(60, 1, 86_400),
    DUPLICATE_NOTICE_INTERVAL_SECONDS: int(3_600, 1, 7 * 86_400),
    REFUSED_KEEP_PER_URL: int(50, 1, 1_000),
    REFUSED_RECORD_PER_MINUTE: int(10, 1, 1_000),
    INLINE_PROCESSING: bool(true),
    SWEEP_INTERVAL_SECONDS: int(5, 1, 3_600),
    SWEEP_MIN_AGE_SECONDS: int(2, 0, 3_600),
    TELEGRAM_RATE_PER_SECOND: int(25, 1, 1_000),
    OUTBOX_CONCURRENCY: int(8, 1, 256),
    OUTBOX_LEASE_SECONDS: int(30, 5, 3_600),
    SHUTDOWN_GRACE_SECONDS: int(10, 1, 600),
    // Checked where it is used (src/services/secrets): its absence is fine with the embedded database.
    ENCRYPTION_KEY: z.string().optional(),
    // --- FAL AI webhooks
    FAL_JWKS_URL: z.url().default('https://rest.fal.ai/.well-known/jwks.json'),
    FAL_JWKS_CACHE_SECONDS: int(86_400, 1, 86_400),
    FAL_JWKS_MIN_REFRESH_SECONDS: int(60, 0, 86_400),
    // --- WhatsApp (Green API) and Avito
    GREEN_API_URL: z.url().default('https://api.green-api.com'),
    AVITO_API_URL: z.url().default('https://api.avito.ru'),
    AVITO_POLL_INTERVAL_SECONDS: int(30, 1, 3_600),
    AVITO_QUIET_SECONDS: int(60, 0, 86_400),
    PROVIDER_TIMEOUT_SECONDS: int(10, 1, 120),
    HEALTH_CHECK_INTERVAL_SECONDS: int(300, 1, 86_400),
    HEALTH_WEBHOOK_GRACE_SECONDS: int(180, 0, 86_400),
    // --- Trading on Bybit
    BYBIT_BASE_URL: z.url().optional(),
    BYBIT_DEMO_BASE_URL: z.url().optional(),
    BYBIT_RATE_LIMIT: int(600, 1, 100_000),
    BYBIT_RATE_WINDOW_MS: int(5_000, 100, 600_000),
    BYBIT_USER_ORDERS_PER_SECOND: int(10, 1, 1_000),
    BYBIT_TIMEOUT_MS: int(10_000, 500, 120_000),
    BYBIT_RECV_WINDOW_MS: int(5_000, 1_000, 60_000),
    BYBIT_WS_URL: z.url().optional(),
    BYBIT_DEMO_WS_URL: z.url().optional(),
    BYBIT_STREAM_LEASE_SECONDS: int(15, 3, 600),
    BYBIT_STREAMS_PER_WORKER: int(1_000, 1, 100_000),
    TRADING_SUMMARY_CHECK_SECONDS: int(60, 1, 3_600),
    TRADE_SIGNAL_EXPIRY_SECONDS: int(300, 5, 86_400),
    TRADE_CONCURRENCY: int(32, 1, 1_000),
    TRADE_LEASE_SECONDS: int(120, 5, 3_600),
    LIMIT_ORDER_EXPIRY_SECONDS: int(3_600, 10, 2_592_000),
    TRADE_CONFIRM_SECONDS: int(60, 10, 3_600),
    // Defaults for users who did not set their own in /settings.
    PRICE_TOLERANCE_PERCENT: z.coerce.number().gt(0).max(100).default(3),
    MAX_ORDER_VALUE_USDT: z.coerce.number().gt(0).max(1_000_000_000).default(10_000),
    OWNER_TELEGRAM_ID: z.coerce.number().int().positive().optional(),
    WEBHOOK_PASSPHRASE: z.string().min(8, 'must be at least 8 characters').optional(),
    // --- Google Maps scrapes and outbound webhooks
    MAPS_BASE_URL: z.url().default('https://www.google.com'),
    CHROMIUM_PATH: z.string().min(1).optional(),
    SCRAPE_CONCURRENCY: int(3, 1, 16),
    SCRAPE_MAX_RESULTS: int(200, 1, 1_000),
    SCRAPE_JOBS_PER_WORKER: int(2, 1, 16),
    SCRAPE_EMAIL_TIMEOUT_SECONDS: int(8, 1, 60),
    SCRAPE_AREA_MAX_PLACES: int(2_000, 1, 20_000),
    SCRAPE_AREA_MAX_CELLS: int(256, 1, 4_096),
    SCRAPE_AREA_MAX_KM: int(100, 1, 1_000),
    SCRAPE_AREA_MAX_DEPTH: int(4, 0, 8),
    SCRAPE_AREA_CELL_CAP: int(120, 2, 1_000),
    ALLOW_PRIVATE_WEBHOOKS: bool(false),
    WEBHOOK_RETRY_SECONDS: int(900, 5, 86_400),
    DNS_SERVERS: z
      .string()
      .regex(/^[0-9a-fA-F.:[\],\s]+$/, 'must be comma-separated IP addresses (optionally with :port)')
      .optional(),
    // --- Keeping webhook delivery prompt while Chromium is busy
    SCRAPE_BROWSER_NICE: int(10, 0, 19),
    // --- The live web view (Telegram Mini App)
    WEBVIEW_INIT_DATA_MAX_AGE_SECONDS: int(86_400, 60, 30 * 86_400),
    WEBVIEW_LINK_MINUTES: int(30, 1, 24 * 60),
    WEBVIEW_STREAMS_PER_USER: int(5, 1, 10_000),
    WEBVIEW_STREAMS_MAX: int(2_000, 1, 1_000_000),
    // --- Watches, place lists and proxies of the Maps scraper
    SCRAPE_PROXIES: scrapeProxies,
    SCRAPE_PROXY_DOWN_MINUTES: int(15, 1, 1_440),
    SCRAPE_PLACE_LIST_MAX: int(100, 1, 1_000),
    WATCHES_PER_USER: int(10, 1, 1_000),
    WATCH_CHECK_SECONDS: int(60, 1, 3_600),
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
  http: {
    host: string;
    port: number;
    publicUrl: string;
    /** PUBLIC_URL was not set, and publicUrl is this machine's localhost. */
    publicUrlIsDefault: boolean;
    /** Fastify's trustProxy: which peers' X-Forwarded-* headers are believed (request.ip, protocol). */
    trustProxy: false | number | string[];
  };
  database: {
    url: string | undefined;
    dataDir: string;
    /** Only as root: where the postgres user gets the binaries (and the cluster, when it cannot reach dataDir). */
    embeddedHome: string;
    /** How long start-up waits for DATABASE_URL to answer. */
    waitSeconds: number;
  };
  adminIds: number[];
  newUsersActive: boolean;
  logLevel: Env['LOG_LEVEL'];
  /** GET /metrics: open to a bearer token, or to clients in these networks; closed when neither is set. */
  metrics: { token: string | undefined; allowFrom: string[] };
  /** How long a request may take before Fastify gives up on it; event loop delay past which requests are shed with 503. */
  server: { requestTimeoutMs: number; shedEventLoopDelayMs: number };
  hooks: {
    bodyLimitBytes: number;
    rateLimitPerMinute: number;
    dedupeWindowSeconds: number;
    duplicateNoticeIntervalSeconds: number;
    /** Refused requests kept per URL for /events, and how many a minute one URL may add. */
    refusedKeepPerUrl: number;
    refusedPerMinute: number;
  };
  processing: { inline: boolean; sweepIntervalSeconds: number; sweepMinAgeSeconds: number };
  outbox: { concurrency: number; leaseSeconds: number };
  shutdownGraceSeconds: number;
  /** AES-256 key for secrets at rest; generated into the data folder when unset on the embedded database. */
  encryptionKey: string | undefined;
  /** FAL's webhook signing keys: where they are published, and how long they are kept. */
  fal: { jwksUrl: string; jwksCacheSeconds: number; jwksMinRefreshSeconds: number };
  /** The providers' API roots and the Avito polling fallback. */
  providers: {
    greenApiUrl: string;
    avitoApiUrl: string;
    avitoPollIntervalSeconds: number;
    /** A chat message older than this that no webhook brought in switches Avito to polling. */
    avitoQuietSeconds: number;
    timeoutMs: number;
    /** The watchdog: how often each connection is checked, and how late a webhook may be before it counts as missing. */
    healthIntervalSeconds: number;
    healthWebhookGraceSeconds: number;
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
    /** A limit order the alert gave no `expiry` is cancelled after this many seconds. */
    limitOrderExpirySeconds: number;
    /** Confirm mode: how long an Execute / Skip card waits before it expires and nothing is placed. */
    confirmSeconds: number;
    /** An alert price further than this (percent) from the market's is refused (users may set their own). */
    priceTolerancePercent: number;
    /** An opening order worth more than this (USDT) is refused (users may set their own). */
    maxOrderValueUsdt: number;
    /** Private WebSocket URLs; unset = Bybit's (stream.bybit.com, stream-demo.bybit.com). */
    wsUrl: string | undefined;
    demoWsUrl: string | undefined;
    /** A worker holding a key's WebSocket renews its lease within this; a dead one's keys are taken over after it. */
    streamLeaseSeconds: number;
    /** Keys one worker process holds at most; the rest are left to other workers. */
    streamsPerWorker: number;
    /** How often a worker looks for users whose daily summary hour has come. */
    summaryCheckSeconds: number;
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
    /** Proxies the browser goes through, in rotation (none: direct). */
    proxies: ScrapeProxy[];
    /** How long a failed proxy stays out of rotation. */
    proxyDownMinutes: number;
    /** Most place URLs or ids one scrape may take. */
    placeListMax: number;
    watchesPerUser: number;
    /** How often a worker looks for watches that are due. */
    watchCheckSeconds: number;
    area: {
      /** Most places one area search may deliver. */
      maxPlaces: number;
      /** Most cells of one area, the splits included. */
      maxCells: number;
      /** Longest side of an area, km. */
      maxSideKm: number;
      /** How many times a capped cell may be split again (auto split). */
      maxDepth: number;
      /** Results at which Maps stops a feed: a cell whose feed reaches it is cut short. */
      cellCap: number;
    };
  };
  webhooks: { allowPrivate: boolean; retrySeconds: number; dnsServers: string[] };
  webView: {
    /** A Mini App's initData is accepted this long after Telegram signed it. */
    initDataMaxAgeSeconds: number;
    /** How long a link the bot signs for opening the page in a browser works. */
    linkMinutes: number;
    /** Live pages open at once, per user and in all on one web process (past them: 429, 503). */
    streamsPerUser: number;
    maxStreams: number;
  };
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
    http: {
      host: env.HOST,
      port: env.PORT,
      publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
      publicUrlIsDefault: env.PUBLIC_URL === undefined,
      trustProxy: env.TRUST_PROXY,
    },
    database: {
      url: env.DATABASE_URL,
      dataDir: path.resolve(env.DATA_DIR),
      embeddedHome: path.resolve(env.EMBEDDED_PG_HOME),
      waitSeconds: env.DATABASE_WAIT_SECONDS,
    },
    adminIds: env.ADMIN_IDS,
    newUsersActive: env.NEW_USERS_ACTIVE,
    logLevel: env.LOG_LEVEL,
    metrics: { token: env.METRICS_TOKEN, allowFrom: env.METRICS_ALLOW_FROM },
    server: { requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_SECONDS * 1000, shedEventLoopDelayMs: env.SHED_EVENT_LOOP_DELAY_MS },
    hooks: {
      bodyLimitBytes: env.HOOK_BODY_LIMIT_BYTES,
      rateLimitPerMinute: env.HOOK_RATE_LIMIT_PER_MINUTE,
      dedupeWindowSeconds: env.DEDUPE_WINDOW_SECONDS,
      duplicateNoticeIntervalSeconds: env.DUPLICATE_NOTICE_INTERVAL_SECONDS,
      refusedKeepPerUrl: env.REFUSED_KEEP_PER_URL,
      refusedPerMinute: env.REFUSED_RECORD_PER_MINUTE,
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
      healthIntervalSeconds: env.HEALTH_CHECK_INTERVAL_SECONDS,
      healthWebhookGraceSeconds: env.HEALTH_WEBHOOK_GRACE_SECONDS,
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
      limitOrderExpirySeconds: env.LIMIT_ORDER_EXPIRY_SECONDS,
      confirmSeconds: env.TRADE_CONFIRM_SECONDS,
      concurrency: env.TRADE_CONCURRENCY,
      leaseSeconds: env.TRADE_LEASE_SECONDS,
      priceTolerancePercent: env.PRICE_TOLERANCE_PERCENT,
      maxOrderValueUsdt: env.MAX_ORDER_VALUE_USDT,
      wsUrl: env.BYBIT_WS_URL,
      demoWsUrl: env.BYBIT_DEMO_WS_URL,
      streamLeaseSeconds: env.BYBIT_STREAM_LEASE_SECONDS,
      streamsPerWorker: env.BYBIT_STREAMS_PER_WORKER,
      summaryCheckSeconds: env.TRADING_SUMMARY_CHECK_SECONDS,
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
      proxies: env.SCRAPE_PROXIES,
      proxyDownMinutes: env.SCRAPE_PROXY_DOWN_MINUTES,
      placeListMax: env.SCRAPE_PLACE_LIST_MAX,
      watchesPerUser: env.WATCHES_PER_USER,
      watchCheckSeconds: env.WATCH_CHECK_SECONDS,
      area: {
        maxPlaces: env.SCRAPE_AREA_MAX_PLACES,
        maxCells: env.SCRAPE_AREA_MAX_CELLS,
        maxSideKm: env.SCRAPE_AREA_MAX_KM,
        maxDepth: env.SCRAPE_AREA_MAX_DEPTH,
        cellCap: env.SCRAPE_AREA_CELL_CAP,
      },
    },
    webhooks: {
      allowPrivate: env.ALLOW_PRIVATE_WEBHOOKS,
      retrySeconds: env.WEBHOOK_RETRY_SECONDS,
      dnsServers: (env.DNS_SERVERS ?? '').split(',').map((server) => server.trim()).filter(Boolean),
    },
    webView: {
      initDataMaxAgeSeconds: env.WEBVIEW_INIT_DATA_MAX_AGE_SECONDS,
      linkMinutes: env.WEBVIEW_LINK_MINUTES,
      streamsPerUser: env.WEBVIEW_STREAMS_PER_USER,
      maxStreams: env.WEBVIEW_STREAMS_MAX,
    },
  };
}
