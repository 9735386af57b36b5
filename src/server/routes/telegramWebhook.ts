import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function isUpdate(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Number.isSafeInteger((body as { update_id?: unknown }).update_id);
}

/**
 * POST <path> for Telegram's webhook. grammY checks the secret and handles the update; a body with
 * the right secret that is no Update at all (which Telegram never sends) is answered 400 here
 * instead of failing inside the bot. A wrong secret stays grammY's 401, whatever the body.
 */
export function telegramWebhookRoute(
  app: FastifyInstance,
  path: string,
  secret: string | undefined,
  handle: (request: FastifyRequest, reply: FastifyReply) => unknown,
): void {
  app.post(path, { schema: { hide: true } }, async (request, reply) => {
    const header = request.headers[SECRET_HEADER];
    const secretIsRight = secret === undefined || (typeof header === 'string' && timingSafeEqual(digest(header), digest(secret)));
    if (secretIsRight && !isUpdate(request.body)) {
      return reply.code(400).send({ error: 'body must be a Telegram Update: a JSON object with a numeric update_id' });
    }
    return handle(request, reply);
  });
}
