import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EndpointCache } from '../../services/inbound/endpointCache.js';
import type { EventProcessor } from '../../services/inbound/processor.js';
import type { IngestWriter } from '../../services/inbound/ingestWriter.js';
import type { InboundProviders } from '../../services/inbound/providers.js';
import type { EndpointOwner } from '../../../models/endpoints.js';
import type { InboundRequest } from '../../../handlers/types.js';
import { legacyWebhookRoute, type LegacyWebhook } from './legacyWebhook.js';

export interface HookDeps {
  endpoints: EndpointCache;
  ingest: IngestWriter;
  /** Present when this process acts on events as soon as they are stored (the fast path). */
  processor: EventProcessor | undefined;
  hooks: { bodyLimitBytes: number; rateLimitPerMinute: number };
  providers: InboundProviders;
  /** The shared POST /webhook of earlier versions (trades for the owner); absent = not enabled. */
  legacyWebhook?: LegacyWebhook | undefined;
}

/**
 * The hot routes answer with small objects of our own making: the zod schemas document them in
 * /docs, and plain JSON.stringify writes them without a validation pass per request.
 */
const plainJson = () => (data: unknown) => JSON.stringify(data);

const errorBody = z.object({ error: z.string() });
const accepted = z.object({ ok: z.literal(true), id: z.string() });
const duplicate = z.object({ duplicate: z.literal(true) });
const ignoredAnswer = z.object({ ok: z.literal(true), ignored: z.string() });
const active = z.object({ status: z.literal('ok'), message: z.string() });

const hookParams = z.object({
  provider: z.string().describe('tradingview, whatsapp, avito or fal'),
  token: z.string().describe('the secret token of your personal URL (from /url in the bot)'),
});
const personalParams = z.object({ token: z.string() });

const postResponses = {
  200: z
    .union([accepted, duplicate, ignoredAnswer])
    .describe('stored; or recognised as a resend of one already stored; or valid but with nothing to act on (say why)'),
  400: errorBody.describe('the body is not what this provider sends: the error says why'),
  401: errorBody.describe("the provider's signature or token is missing or wrong"),
  403: errorBody.describe('the owner of this URL is deactivated'),
  404: errorBody.describe('no such URL'),
  413: errorBody.describe('body too large'),
  429: errorBody.describe('too many requests for this URL'),
  503: errorBody.describe("the provider's signing keys cannot be fetched right now, so the request cannot be checked: retry later"),
};

export function hookRoutes(deps: HookDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Providers send JSON, text or nothing in particular; the handler decides what is valid, after
    // the URL itself has been checked, so the raw bytes are all this scope parses.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.hooks.bodyLimitBytes }, (_request, body, done) => done(null, body));

    const rateLimit = {
      max: deps.hooks.rateLimitPerMinute,
      timeWindow: '1 minute',
      keyGenerator: (request: FastifyRequest) => (request.params as { token?: string }).token ?? request.ip,
      errorResponseBuilder: (_request: FastifyRequest, context: { max: number; after: string }) => ({
        statusCode: 429,
        error: 'rate limited',
        message: `rate limit exceeded: at most ${context.max} requests a minute to one URL; retry in ${context.after}`,
      }),
    };

    async function receive(provider: string, token: string, request: FastifyRequest, reply: FastifyReply) {
      if (!deps.providers.has(provider)) return reply.code(404).send({ error: `unknown provider "${provider}"` });
      const owner = await deps.endpoints.lookup(provider, token);
      if (!owner) return reply.code(404).send({ error: 'unknown webhook URL: check the URL, or get the current one with /url in the bot' });
      if (!owner.active) return reply.code(403).send({ error: 'user is not active' });
      return deliver(
        provider,
        owner,
        {
          contentType: request.headers['content-type'],
          body: (request.body as Buffer | undefined) ?? Buffer.alloc(0),
          headers: request.headers,
          query: request.query as Record<string, string | string[] | undefined>,
        },
        reply,
      );
    }

    /** From a request whose URL has been checked to an acted-on event: verify, parse, store, submit. */
    async function deliver(provider: string, owner: EndpointOwner, inbound: InboundRequest, reply: FastifyReply) {
      const handler = deps.providers.get(provider);
      if (!handler) return reply.code(404).send({ error: `unknown provider "${provider}"` });
      const parsed = await handler.accept(inbound, owner);
      if (parsed.ok === 'ignored') return { ok: true as const, ignored: parsed.reason };
      if (!parsed.ok) {
        if (parsed.status === 503) reply.header('retry-after', '60');
        return reply.code(parsed.status).send({ error: parsed.error });
      }
      const outcome = await deps.ingest.store({
        endpointId: owner.endpointId,
        userId: owner.userId,
        provider,
        dedupe: parsed.dedupe,
        payload: parsed.event,
      });
      if (outcome.duplicate) return { duplicate: true as const };
      deps.processor?.submit(outcome.id);
      return { ok: true as const, id: String(outcome.id) };
    }

    const activeAnswer = { status: 'ok' as const, message: 'Webhook endpoint is active' };

    app.post(
      '/hooks/:provider/:token',
      {
        bodyLimit: deps.hooks.bodyLimitBytes,
        config: { rateLimit },
        serializerCompiler: plainJson,
        schema: {
          summary: 'Deliver a webhook to your personal URL',
          description:
            'TradingView: JSON `{"symbol":"BTCUSDT","action":"buy","price":50000}` (optional `id` for dedupe, any other fields are relayed) or plain text such as `buy BTCUSDT @ 50000`. ' +
            'FAL: the queue webhook `{"request_id","gateway_request_id","status":"OK"|"ERROR","payload","error","payload_error"}`, ED25519-signed (`X-Fal-Webhook-*` headers); add `?label=<text>` to tell jobs apart. ' +
            'WhatsApp: a Green API webhook with `Authorization: Bearer <webhookUrlToken>`. Avito: a messenger v3 webhook (an empty `{}` probe is answered 200). ' +
            'Stored before the answer; acted on at once.',
          tags: ['webhooks'],
          params: hookParams,
          response: postResponses,
        },
      },
      (request, reply) => receive(request.params.provider, request.params.token, request, reply),
    );
    app.get(
      '/hooks/:provider/:token',
      { schema: { summary: 'Check that a personal URL is live', tags: ['webhooks'], params: hookParams, response: { 200: active } } },
      async () => activeAnswer,
    );
    app.post(
      '/personal/:token/webhook',
      {
        bodyLimit: deps.hooks.bodyLimitBytes,
        config: { rateLimit },
        serializerCompiler: plainJson,
        schema: { summary: 'TradingView personal URL (compatible form)', tags: ['webhooks'], params: personalParams, response: postResponses },
      },
      (request, reply) => receive('tradingview', request.params.token, request, reply),
    );
    legacyWebhookRoute(app, { legacy: deps.legacyWebhook, bodyLimit: deps.hooks.bodyLimitBytes, rateLimit, responses: postResponses, deliver });
    app.get(
      '/personal/:token/webhook',
      { schema: { summary: 'Check that a personal URL is live (compatible form)', tags: ['webhooks'], params: personalParams, response: { 200: active } } },
      async () => activeAnswer,
    );
  };
}
