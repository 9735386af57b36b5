import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from '../logger.js';
import { healthRoutes, type HealthDeps } from './routes/health.js';
import { hookRoutes, type HookDeps } from './routes/hooks.js';
import { scrapeRoutes, type ScrapeRouteDeps } from './routes/scrape.js';

export interface ServerDeps extends HookDeps, HealthDeps {
  log: Logger;
  /** Extra routes mounted by the wiring (Telegram webhook mode). */
  extraRoutes?: (app: FastifyInstance) => Promise<void> | void;
  /** The scrape API (POST /scrape, GET /jobs/:id, GET /download/:id). */
  scrape?: ScrapeRouteDeps;
}

/** Fastify's own error codes mapped to answers a caller can act on. */
function describeError(error: FastifyError, bodyLimit: number): { status: number; message: string } {
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

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    // Per-request info lines would cost more than the request itself on the hot path; failures are logged.
    logController: new LogController({ disableRequestLogging: true }),
    // A child logger per request (with its redaction set-up) costs more than it tells here:
    // errors are logged with the request attached.
    childLoggerFactory: (logger) => logger,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, message } = describeError(error, deps.hooks.bodyLimitBytes);
    if (status >= 500) request.log.error({ err: error, req: request }, 'request failed');
    return reply.code(status).send({ error: message });
  });
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

  await app.register(healthRoutes(deps));
  await app.register(hookRoutes(deps));
  if (deps.scrape) await app.register(scrapeRoutes(deps.scrape));
  if (deps.extraRoutes) await app.register(async (scope) => deps.extraRoutes?.(scope));
  return app;
}
