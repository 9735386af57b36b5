import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EndpointCache } from '../../services/inbound/endpointCache.js';
import type { EventProcessor } from '../../services/inbound/processor.js';
import type { DuplicateNotices } from '../../services/inbound/duplicateNotices.js';
import type { RefusedRequests } from '../../services/inbound/refusedRequests.js';
import { UnstorableEventError, type IngestWriter } from '../../services/inbound/ingestWriter.js';
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
  /** Tells a user, now and then, that a request to their URL was dropped as a duplicate. */
  duplicateNotices?: DuplicateNotices | undefined;
  /** Keeps what a personal URL refused (4xx, duplicates) for its owner's /events. */
  refused?: RefusedRequests | undefined;
}

/** The bot command that shows each provider's current URL, for the 404 of a URL that is not (or no longer) one. */
const urlCommands: Record<string, string> = { tradingview: '/url', fal: '/fal', whatsapp: '/whatsapp', avito: '/avito' };

/**
 * Tokens we issue are base64url. Anything else cannot be one, so it is unknown without asking the
 * database (which would refuse a NUL in a query parameter anyway).
 */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,128}$/;

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

const getResponses = {
  200: active.describe('the URL is live and its owner active'),
  403: errorBody.describe('the owner of this URL is deactivated'),
  404: errorBody.describe('no such URL'),
};

export function hookRoutes(deps: HookDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Providers send JSON, text or nothing in particular; the handler decides what is valid, after
    // the URL itself has been checked, so the raw bytes are all this scope parses.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.hooks.bodyLimitBytes }, (_request, body, done) => done(null, body));

    // A body refused before any handler saw it (too large) is recorded for the URL's owner too.
    // Known URLs only: the lookup is the cached one every request makes.
    if (deps.refused) {
      const refused = deps.refused;
      app.addHook('onError', async (request, _reply, error) => {
        const status = (error as { statusCode?: number }).statusCode;
        if (status !== 413) return;
        const params = request.params as { provider?: string; token?: string } | undefined;
        const provider = params?.provider ?? (request.url.startsWith('/personal/') ? 'tradingview' : undefined);
        const token = params?.token;
        if (!provider || !token || !deps.providers.has(provider) || !TOKEN_SHAPE.test(token)) return;
        const owner = await deps.endpoints.lookup(provider, token);
        if (!owner?.active) return;
        const declared = Number(request.headers['content-length']);
        refused.record(owner, provider, {
          status,
          reason: Number.isFinite(declared)
            ? `body too large: ${declared} bytes, at most ${deps.hooks.bodyLimitBytes} are accepted`
            : `body too large: at most ${deps.hooks.bodyLimitBytes} bytes are accepted`,
          body: Buffer.alloc(0),
        });
      });
    }

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

    /** The owner of a URL, as POST and GET both check it; or the answer already sent. */
    async function ownerOf(provider: string, token: string, reply: FastifyReply): Promise<EndpointOwner | undefined> {
      if (!deps.providers.has(provider)) {
        await reply.code(404).send({ error: `unknown provider "${provider}"` });
        return undefined;
      }
      const owner = TOKEN_SHAPE.test(token) ? await deps.endpoints.lookup(provider, token) : undefined;
      if (!owner) {
        const command = urlCommands[provider] ?? '/url';
        await reply.code(404).send({ error: `unknown webhook URL: check the URL, or get the current one with ${command} in the bot` });
        return undefined;
      }
      if (!owner.active) {
        await reply.code(403).send({ error: 'user is not active' });
        return undefined;
      }
      return owner;
    }

    async function receive(provider: string, token: string, request: FastifyRequest, reply: FastifyReply) {
      const owner = await ownerOf(provider, token, reply);
      if (!owner) return reply;
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

    /** GET answers as POST would for the URL itself: providers use it to verify a URL before they send. */
    async function check(provider: string, token: string, reply: FastifyReply) {
      const owner = await ownerOf(provider, token, reply);
      if (!owner) return reply;
      return activeAnswer;
    }

    /** From a request whose URL has been checked to an acted-on event: verify, parse, store, submit. */
    async function deliver(provider: string, owner: EndpointOwner, inbound: InboundRequest, reply: FastifyReply) {
      const handler = deps.providers.get(provider);
      if (!handler) return reply.code(404).send({ error: `unknown provider "${provider}"` });
      const parsed = await handler.accept(inbound, owner);
      if (parsed.ok === 'ignored') return { ok: true as const, ignored: parsed.reason };
      if (!parsed.ok) {
        if (parsed.status === 503) reply.header('retry-after', '60');
        else deps.refused?.record(owner, provider, { status: parsed.status, reason: parsed.error, body: inbound.body });
        return reply.code(parsed.status).send({ error: parsed.error });
      }
      let outcome;
      try {
        outcome = await deps.ingest.store({
          endpointId: owner.endpointId,
          userId: owner.userId,
          provider,
          dedupe: parsed.dedupe,
          payload: parsed.event,
        });
      } catch (error) {
        // Refused for what this request holds: its own 400. Anything else (the database is down)
        // is not the sender's fault and goes to the error handler as it is.
        if (error instanceof UnstorableEventError) {
          deps.refused?.record(owner, provider, { status: 400, reason: error.message, body: inbound.body });
          return reply.code(400).send({ error: error.message });
        }
        throw error;
      }
      if (outcome.duplicate) {
        // Not awaited: the answer does not wait for the notice.
        deps.duplicateNotices?.dropped(owner);
        deps.refused?.record(owner, provider, { status: 200, reason: 'duplicate', body: inbound.body, dedupeKey: parsed.dedupe.key });
        return { duplicate: true as const };
      }
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
      { schema: { summary: 'Check that a personal URL is live', tags: ['webhooks'], params: hookParams, response: getResponses } },
      (request, reply) => check(request.params.provider, request.params.token, reply),
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
      { schema: { summary: 'Check that a personal URL is live (compatible form)', tags: ['webhooks'], params: personalParams, response: getResponses } },
      (request, reply) => check('tradingview', request.params.token, reply),
    );
  };
}
