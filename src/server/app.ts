import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import type { Logger } from '../logger.js';
import { installObservability } from './observability.js';
import { healthRoutes, type HealthDeps } from './routes/health.js';
import { metricsRoutes, type MetricsDeps } from './routes/metrics.js';
import { hookRoutes, type HookDeps } from './routes/hooks.js';
import { refuseUnstorableInput } from './storableInput.js';

export interface ServerDeps extends HookDeps, HealthDeps, MetricsDeps {
  log: Logger;
  server: { requestTimeoutMs: number; shedEventLoopDelayMs: number };
  /** Further routes (the integrations' own, the Telegram webhook), each an encapsulated plugin. */
  routes?: readonly FastifyPluginAsync[];
  /** Behind a reverse proxy: whose X-Forwarded-* to believe, so request.ip is the real client's. */
  trustProxy?: false | number | string[];
}

/** Seconds a caller is asked to wait while the database is away: about what a restart takes. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Fastify's own error codes mapped to answers a caller can act on. */
function describeError(error: FastifyError, bodyLimit: number): { status: number; message: string } {
  // Nothing was stored: the caller (a provider's retry queue) must try again, not give up.
  if (isDatabaseUnavailable(error)) return { status: 503, message: 'the database is unavailable right now; retry later' };
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, message: `body is larger than ${bodyLimit} bytes` };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, message: 'body is empty but content type is application/json' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, message: 'unsupported content type' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, message: 'content-length does not match the body' };
    default:
      if (error.validation) return { status: 400, message: error.message };
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return { status: error.statusCode, message: error.message };
      return { status: 500, message: 'internal error' };
  }
}

/** Trusts the nearest `hops` peers: hop 0 is the socket's peer (the proxy itself). */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    // Fastify's own request lines (two per request, at info) cost more than the request on the hot
    // path; installObservability logs one line per request at a level chosen per route.
    logController: new LogController({ disableRequestLogging: true }),
    // A child logger per request (with its redaction set-up) costs more than it tells here:
    // errors are logged with the request attached.
    childLoggerFactory: (logger) => logger,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A client that trickles its request (headers and body) for longer than this is cut off.
    requestTimeout: deps.server.requestTimeoutMs,
    // Above nginx's keepalive_timeout (60 s by default), so the proxy closes idle connections first.
    keepAliveTimeout: 65_000,
    // A number of hops is what Fastify does at run time, but its types only take a function for it.
    trustProxy: typeof deps.trustProxy === 'number' ? trustHops(deps.trustProxy) : (deps.trustProxy ?? false),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, message } = describeError(error, deps.hooks.bodyLimitBytes);
    if (status === 503) {
      request.log.warn({ req: request, error: error.message }, 'request refused: the database is unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (status >= 500) request.log.error({ err: error, req: request }, 'request failed');
    return reply.code(status).send({ error: message });
  });
  app.addHook('preValidation', refuseUnstorableInput);
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `no route for ${request.method} ${request.url.split('?')[0]}` }));

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Hookbot',
        description: 'Personal webhook endpoints that turn TradingView alerts (and more) into Telegram messages and actions.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(rateLimit, {
    global: false,
    // Providers ignore x-ratelimit-* on success; a 429 still says when to retry.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true, 'retry-after': true },
  });

  await installObservability(app, { log: deps.log, providers: deps.providers.keys(), shedEventLoopDelayMs: deps.server.shedEventLoopDelayMs });
  await app.register(healthRoutes(deps));
  await app.register(metricsRoutes(deps));
  await app.register(hookRoutes(deps));
  for (const routes of deps.routes ?? []) await app.register(routes);
  return app;
}
