import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiKeyRepository } from '../../../models/apiKeys.js';
import type { User } from '../../../models/schema.js';

/** The user API's shared pieces: its error body, its bearer header and their documented answers. */
export const errorBody = z.object({ error: z.string() });
export const bearer = z.object({ authorization: z.string().optional() });
export const auth401 = errorBody.describe('no or unknown API key (get one with /apikey in the bot)');
export const auth403 = errorBody.describe('the key owner is deactivated');

/** The key's owner, or undefined with the answer already sent (401 no or unknown key, 403 inactive). */
export function apiKeyAuthenticator(apiKeys: ApiKeyRepository) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<User | undefined> {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      await reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'send your API key as "Authorization: Bearer <key>" (get one with /apikey in the bot)' });
      return undefined;
    }
    const user = await apiKeys.userForKey(match[1]);
    if (!user) {
      await reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unknown API key' });
      return undefined;
    }
    if (!user.active) {
      await reply.code(403).send({ error: 'user is not active' });
      return undefined;
    }
    return user;
  };
}
