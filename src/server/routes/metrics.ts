import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { metricsGate } from '../../services/metrics/access.js';
import { queueDepth, queueOldestSeconds, registry } from '../../services/metrics/metrics.js';
import { readQueues } from '../../services/metrics/queues.js';

export interface MetricsDeps {
  pool: pg.Pool;
  metrics: { token: string | undefined; allowFrom: string[] };
}

export function metricsRoutes({ pool, metrics }: MetricsDeps): FastifyPluginAsyncZod {
  const gate = metricsGate(metrics);
  return async (app) => {
    app.get(
      '/metrics',
      {
        schema: {
          summary: 'Prometheus metrics (bearer METRICS_TOKEN, or a client in METRICS_ALLOW_FROM)',
          tags: ['ops'],
          response: {
            200: z.string().describe('Prometheus text format'),
            401: z.object({ error: z.string() }).describe('no or wrong token, and not from an admin network'),
            404: z.object({ error: z.string() }).describe('metrics are not enabled'),
          },
        },
      },
      async (request, reply) => {
        const access = gate(request.headers.authorization, request.ip);
        if (access === 'disabled') return reply.code(404).send({ error: 'metrics are disabled: set METRICS_TOKEN or METRICS_ALLOW_FROM' });
        if (access === 'denied') {
          return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'metrics need Authorization: Bearer <METRICS_TOKEN> or a client in METRICS_ALLOW_FROM' });
        }
        // Shared state is read now, from the database every instance shares; a database that does
        // not answer leaves the last values and the process's own counters still come out.
        try {
          for (const { queue, depth, oldestSeconds } of await readQueues(pool)) {
            queueDepth.set({ queue }, depth);
            queueOldestSeconds.set({ queue }, oldestSeconds);
          }
        } catch (error) {
          request.log.warn({ err: error }, 'metrics: could not read the queues from the database');
        }
        return reply.type(registry.contentType).send(await registry.metrics());
      },
    );
  };
}
