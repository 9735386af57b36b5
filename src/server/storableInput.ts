import type { FastifyReply, FastifyRequest } from 'fastify';
import { jsonValueProblem } from '../../handlers/storableJson.js';

/**
 * Every JSON body and query string the app parses for a route holds only text PostgreSQL can
 * store, nested at most MAX_JSON_DEPTH deep; otherwise the request is answered 400 with what is
 * wrong before any route sees it. (The webhook routes take raw bytes: their handlers check them.)
 */
export async function refuseUnstorableInput(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const body: unknown = request.body;
  const parsed = typeof body === 'string' || (typeof body === 'object' && body !== null && !Buffer.isBuffer(body));
  const bodyProblem = parsed ? jsonValueProblem(body) : undefined;
  if (bodyProblem) return reply.code(400).send({ error: bodyProblem });
  const queryProblem = jsonValueProblem(request.query);
  if (queryProblem) return reply.code(400).send({ error: `query string: ${queryProblem}` });
  return undefined;
}
