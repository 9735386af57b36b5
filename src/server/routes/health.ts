import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';

export interface HealthDeps {
  pool: pg.Pool;
  /** In a process with the bot role: why Telegram is not reachable, undefined when it is. */
  telegramFailure?: (() => string | undefined) | undefined;
}

export function healthRoutes({ pool, telegramFailure }: HealthDeps): FastifyPluginAsyncZod {
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
          summary: 'Ready for traffic: the database answers (and, in the bot role, Telegram does)',
          description: 'A 503 names each component that is not ready in `failing`, so a web instance is taken out only for what concerns it.',
          tags: ['ops'],
          response: {
            200: z.object({ status: z.literal('ready') }),
            503: z.object({ status: z.literal('unavailable'), error: z.string(), failing: z.record(z.string(), z.string()) }),
          },
        },
      },
      async (_request, reply) => {
        const failing: Record<string, string> = {};
        try {
          await pool.query('SELECT 1');
        } catch (error) {
          failing.database = error instanceof Error ? error.message : 'database unreachable';
        }
        const telegram = telegramFailure?.();
        if (telegram) failing.telegram = telegram;
        const problems = Object.entries(failing);
        if (problems.length === 0) return { status: 'ready' as const };
        const error = problems.map(([component, problem]) => `${component}: ${problem}`).join('; ');
        return reply.code(503).send({ status: 'unavailable' as const, error, failing });
      },
    );
  };
}
