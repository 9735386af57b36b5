import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { maskUrlSecrets, type Logger } from '../logger.js';
import { httpShed, inboundAckSeconds, inboundRequests } from '../services/metrics/metrics.js';

export interface ObservabilityDeps {
  log: Logger;
  /** Known inbound providers: any other path segment is counted as "unknown", so a scanner cannot grow the label set. */
  providers: Iterable<string>;
  /** Mean event loop delay (ms) past which requests are answered 503 with Retry-After; 0 = never. */
  shedEventLoopDelayMs: number;
}

/** The webhook routes and the provider each counts for. */
const INBOUND_ROUTES: Record<string, (request: FastifyRequest, known: Set<string>) => string> = {
  '/hooks/:provider/:token': (request, known) => {
    const provider = (request.params as { provider?: string }).provider ?? '';
    return known.has(provider) ? provider : 'unknown';
  },
  '/personal/:token/webhook': () => 'tradingview',
  '/webhook': () => 'legacy',
};

/** Routes polled by load balancers and Prometheus: a line each at info would drown the rest. */
const QUIET_ROUTES = new Set(['/health', '/ready', '/metrics']);

const SUMMARY_INTERVAL_MS = 60_000;

/**
 * Request logs, inbound metrics and load shedding for the whole server.
 *
 * Logging: every request gets one line, with personal tokens masked in the path. Webhook POSTs
 * are the hot path (thousands a second): their line is at debug, and at info a summary per
 * minute counts them by provider and status; other requests (bot API, scrape API, docs) get their
 * line at info; health checks and scrapes at debug.
 */
export async function installObservability(app: FastifyInstance, deps: ObservabilityDeps): Promise<void> {
  const { log } = deps;
  const known = new Set(deps.providers);
  let summary = new Map<string, number>();
  const timer = setInterval(() => {
    if (summary.size === 0) return;
    const counts = Object.fromEntries(summary);
    summary = new Map();
    log.info({ requests: counts, seconds: SUMMARY_INTERVAL_MS / 1000 }, 'webhook requests (provider status: count)');
  }, SUMMARY_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url;
    const inbound = route === undefined || request.method !== 'POST' ? undefined : INBOUND_ROUTES[route];
    if (inbound) {
      const provider = inbound(request, known);
      const status = reply.statusCode;
      inboundRequests.inc({ provider, status });
      inboundAckSeconds.observe({ provider }, reply.elapsedTime / 1000);
      const key = `${provider} ${status}`;
      summary.set(key, (summary.get(key) ?? 0) + 1);
      if (log.isLevelEnabled('debug')) log.debug(requestLine(request, reply), 'request');
      return;
    }
    const level = route !== undefined && QUIET_ROUTES.has(route) ? 'debug' : 'info';
    if (log.isLevelEnabled(level)) log[level](requestLine(request, reply), 'request');
  });

  if (deps.shedEventLoopDelayMs > 0) {
    const retryAfterSeconds = 5;
    await app.register(underPressure, {
      maxEventLoopDelay: deps.shedEventLoopDelayMs,
      retryAfter: retryAfterSeconds,
      pressureHandler: (_request, reply, type) => {
        httpShed.inc({ reason: type });
        reply.code(503).header('retry-after', String(retryAfterSeconds));
        // under-pressure sends what the handler returns (its typings say void).
        return { error: 'the server is overloaded; retry after a few seconds' } as unknown as void;
      },
    });
  }
}

function requestLine(request: FastifyRequest, reply: FastifyReply): Record<string, unknown> {
  return { method: request.method, url: maskUrlSecrets(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
}
