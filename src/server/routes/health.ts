import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';

export interface HealthDeps {
  pool: pg.Pool;
}

export function healthRoutes({ pool }: HealthDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      { schema: { summary: 'The process is alive', tags: ['ops'], response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/ready',
      {
        schema: {
          summary: 'The database answers',
          tags: ['ops'],
          response: { 200: z.object({ status: z.literal('ready') }), 503: z.object({ status: z.literal('unavailable'), error: z.string() }) },
        },
      },
      async (_request, reply) => {
        try {
          await pool.query('SELECT 1');
          return { status: 'ready' as const };
        } catch (error) {
          return reply.code(503).send({ status: 'unavailable' as const, error: error instanceof Error ? error.message : 'database unreachable' });
        }
      },
    );
  };
}
