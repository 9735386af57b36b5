import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseStorableJson } from '../../../handlers/storableJson.js';
import type { InboundRequest } from '../../../handlers/types.js';
import type { EndpointOwner } from '../../../models/endpoints.js';

/** The shared POST /webhook: one owner, one passphrase carried in the JSON body. */
export interface LegacyWebhook {
  passphrase: string;
  /** The owner's TradingView endpoint, or undefined while the owner has not sent /start. */
  owner(): Promise<EndpointOwner | undefined>;
}

type App = Parameters<FastifyPluginAsyncZod>[0];

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Earlier versions had one URL for everyone, acting for the owner and guarded by a passphrase in
 * the alert. It is kept for their alerts: the passphrase is checked (in constant time) and taken
 * out, and the rest goes the way of a personal-URL alert of the owner (OWNER_TELEGRAM_ID).
 */
export function legacyWebhookRoute(
  app: App,
  options: {
    legacy: LegacyWebhook | undefined;
    bodyLimit: number;
    rateLimit: object;
    responses: Record<number, unknown>;
    deliver(provider: string, owner: EndpointOwner, inbound: InboundRequest, reply: FastifyReply): Promise<unknown>;
  },
): void {
  const { legacy } = options;
  app.post(
    '/webhook',
    {
      bodyLimit: options.bodyLimit,
      config: { rateLimit: options.rateLimit },
      schema: {
        summary: 'Shared TradingView webhook of earlier versions (trades for the owner)',
        description:
          'JSON alert with a `passphrase` field equal to WEBHOOK_PASSPHRASE; acts for OWNER_TELEGRAM_ID with their settings and keys. Prefer the personal URL.',
        tags: ['webhooks'],
        response: options.responses as never,
      },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      if (!legacy) {
        return reply.code(404).send({ error: 'the shared /webhook is not enabled on this server: use your personal URL (/url in the bot)' });
      }
      const raw = ((request.body as Buffer | undefined) ?? Buffer.alloc(0)).toString('utf8').trim();
      const json = parseStorableJson(raw);
      if (!json.ok) {
        const error = json.syntaxError === undefined ? json.error : 'the shared /webhook needs a JSON body with "passphrase" and the alert fields';
        return reply.code(400).send({ error });
      }
      const data = json.value;
      if (typeof data !== 'object' || data === null || Array.isArray(data)) return reply.code(400).send({ error: 'body must be a JSON object' });
      const { passphrase, ...alert } = data as Record<string, unknown>;
      if (typeof passphrase !== 'string' || passphrase === '') return reply.code(401).send({ error: 'passphrase is missing' });
      if (!timingSafeEqual(digest(passphrase), digest(legacy.passphrase))) return reply.code(401).send({ error: 'wrong passphrase' });
      const owner = await legacy.owner();
      if (!owner) return reply.code(409).send({ error: 'the owner account (OWNER_TELEGRAM_ID) has not sent /start to the bot yet' });
      if (!owner.active) return reply.code(403).send({ error: 'user is not active' });
      return options.deliver('tradingview', owner, { contentType: 'application/json', body: Buffer.from(JSON.stringify(alert)), headers: request.headers }, reply);
    },
  );
}
