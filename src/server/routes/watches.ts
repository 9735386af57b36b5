import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiKeyRepository } from '../../../models/apiKeys.js';
import { supportedLanguages, type Language } from '../../i18n.js';
import { isTimeZone } from '../../services/watches/schedule.js';
import { TooManyWatchesError, type Watches, type WatchRow } from '../../services/watches/watches.js';
import { checkWebhookUrl, type HostResolver } from '../../services/webhooks/addressGuard.js';
import { apiKeyAuthenticator, auth401, auth403, bearer, errorBody } from './apiAuth.js';

export interface WatchRouteDeps {
  watches: Watches;
  apiKeys: ApiKeyRepository;
  resolveHost: HostResolver;
  allowPrivateWebhooks: boolean;
  maxResults: number;
}

const isLanguage = (value: string): value is Language => (supportedLanguages as readonly string[]).includes(value);

const watchView = z.object({
  watch_id: z.string(),
  query: z.string(),
  max_results: z.number(),
  schedule: z.enum(['daily', 'weekly']),
  hour: z.number(),
  weekday: z.number().nullable().describe('weekly: 1 = Monday … 7 = Sunday'),
  time_zone: z.string(),
  rating_threshold: z.number().nullable(),
  status: z.enum(['active', 'paused']),
  webhook_url: z.string().nullable(),
  next_run_at: z.string().nullable(),
  last_run_at: z.string().nullable(),
  last_job_id: z.string().nullable().describe('the last run: GET /jobs/<id>, GET /download/<id> (its changed places)'),
  runs: z.number(),
  created_at: z.string(),
});

const view = (watch: WatchRow): z.infer<typeof watchView> => ({
  watch_id: watch.id,
  query: watch.query,
  max_results: watch.max_results,
  schedule: watch.frequency,
  hour: watch.hour,
  weekday: watch.weekday,
  time_zone: watch.time_zone,
  rating_threshold: watch.rating_threshold,
  status: watch.status === 'paused' ? 'paused' : 'active',
  webhook_url: watch.webhook_url,
  next_run_at: watch.next_run_at?.toISOString() ?? null,
  last_run_at: watch.last_run_at?.toISOString() ?? null,
  last_job_id: watch.last_job_id,
  runs: watch.runs,
  created_at: watch.created_at.toISOString(),
});

const watchParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'not a watch id') });

/** `/watches`: saved searches run again daily or weekly, streaming only what changed (same API key as /scrape). */
export function watchRoutes(deps: WatchRouteDeps): FastifyPluginAsyncZod {
  const authenticate = apiKeyAuthenticator(deps.apiKeys);
  return async (app) => {
    app.post(
      '/watches',
      {
        schema: {
          summary: 'Watch a search: run it daily or weekly and stream only new or changed places',
          description:
            'The first run starts at once and reports every place as new; later runs, at `hour` on the clock of `time_zone`, report only places that are new, ' +
            'changed (phone, website, rating crossing rating_threshold or else a half star) or closed, to your chat and to webhook_url with a `change` field.',
          tags: ['watches'],
          headers: bearer,
          body: z.object({
            query: z.string().trim().min(1, 'query must not be empty').max(200, 'query is longer than 200 characters'),
            max_results: z
              .number({ error: 'max_results must be a number' })
              .int('max_results must be a whole number')
              .min(1, 'max_results must be at least 1')
              .max(deps.maxResults, `max_results must be at most ${deps.maxResults}`)
              .default(20),
            schedule: z.enum(['daily', 'weekly'], { error: 'schedule must be daily or weekly' }).default('daily'),
            hour: z.number({ error: 'hour must be a number' }).int('hour must be a whole number').min(0, 'hour must be 0-23').max(23, 'hour must be 0-23').default(9),
            weekday: z
              .number({ error: 'weekday must be a number' })
              .int('weekday must be a whole number')
              .min(1, 'weekday must be 1 (Monday) to 7 (Sunday)')
              .max(7, 'weekday must be 1 (Monday) to 7 (Sunday)')
              .optional()
              .describe('weekly: 1 = Monday … 7 = Sunday; default Monday'),
            time_zone: z.string().max(64, 'time_zone is too long').optional().describe('IANA name, e.g. Europe/Berlin; default: the one of your quiet hours, else UTC'),
            rating_threshold: z
              .number({ error: 'rating_threshold must be a number' })
              .min(1, 'rating_threshold must be between 1 and 5')
              .max(5, 'rating_threshold must be between 1 and 5')
              .optional()
              .describe('a rating crossing this value either way is a change; default: crossing a whole or half star'),
            webhook_url: z.string().max(2048, 'webhook_url is too long').optional(),
            language: z.string().optional().describe('en, ar or ru; default: your bot language'),
          }),
          response: { 201: watchView, 400: errorBody, 401: auth401, 403: auth403, 409: errorBody.describe('the watch limit per user is reached') },
        },
      },
      async (request, reply) => {
        const user = await authenticate(request, reply);
        if (!user) return reply;
        const body = request.body;
        if (body.language !== undefined && !isLanguage(body.language)) return reply.code(400).send({ error: 'language must be one of en, ar, ru' });
        if (body.time_zone !== undefined && !isTimeZone(body.time_zone)) return reply.code(400).send({ error: `time_zone "${body.time_zone}" is not an IANA time zone (e.g. Europe/Berlin)` });
        if (body.schedule === 'daily' && body.weekday !== undefined) return reply.code(400).send({ error: 'weekday is only for schedule "weekly"' });
        if (body.webhook_url !== undefined) {
          const problem = await checkWebhookUrl(body.webhook_url, deps.resolveHost, deps.allowPrivateWebhooks);
          if (problem) return reply.code(400).send({ error: problem });
        }
        try {
          const watch = await deps.watches.create({
            userId: user.id,
            chatId: user.telegramId,
            query: body.query,
            maxResults: body.max_results,
            language: body.language ?? (isLanguage(user.language) ? user.language : 'en'),
            webhookUrl: body.webhook_url,
            ratingThreshold: body.rating_threshold,
            schedule: {
              frequency: body.schedule,
              hour: body.hour,
              weekday: body.schedule === 'weekly' ? (body.weekday ?? 1) : null,
              timeZone: body.time_zone ?? (await deps.watches.defaultTimeZone(user.id)),
            },
          });
          return reply.code(201).send(view(watch));
        } catch (error) {
          if (error instanceof TooManyWatchesError) return reply.code(409).send({ error: error.message });
          throw error;
        }
      },
    );

    app.get(
      '/watches',
      { schema: { summary: 'Your watches', tags: ['watches'], headers: bearer, response: { 200: z.object({ watches: z.array(watchView) }), 401: auth401, 403: auth403 } } },
      async (request, reply) => {
        const user = await authenticate(request, reply);
        if (!user) return reply;
        return { watches: (await deps.watches.list(user.id)).map(view) };
      },
    );

    app.get(
      '/watches/:id',
      { schema: { summary: 'One watch', tags: ['watches'], headers: bearer, params: watchParams, response: { 200: watchView, 401: auth401, 403: auth403, 404: errorBody } } },
      async (request, reply) => {
        const user = await authenticate(request, reply);
        if (!user) return reply;
        const watch = await deps.watches.find(user.id, request.params.id);
        if (!watch) return reply.code(404).send({ error: `no watch ${request.params.id}` });
        return view(watch);
      },
    );

    app.patch(
      '/watches/:id',
      {
        schema: {
          summary: 'Pause or resume a watch',
          description: 'A resumed watch runs next at its scheduled hour.',
          tags: ['watches'],
          headers: bearer,
          params: watchParams,
          body: z.object({ paused: z.boolean({ error: 'paused must be true or false' }) }),
          response: { 200: watchView, 400: errorBody, 401: auth401, 403: auth403, 404: errorBody },
        },
      },
      async (request, reply) => {
        const user = await authenticate(request, reply);
        if (!user) return reply;
        const watch = await deps.watches.setPaused(user.id, request.params.id, request.body.paused);
        if (!watch) return reply.code(404).send({ error: `no watch ${request.params.id}` });
        return view(watch);
      },
    );

    app.delete(
      '/watches/:id',
      {
        schema: {
          summary: 'Delete a watch and what it saw',
          tags: ['watches'],
          headers: bearer,
          params: watchParams,
          response: { 204: z.null().describe('deleted'), 401: auth401, 403: auth403, 404: errorBody },
        },
      },
      async (request, reply) => {
        const user = await authenticate(request, reply);
        if (!user) return reply;
        if (!(await deps.watches.remove(user.id, request.params.id))) return reply.code(404).send({ error: `no watch ${request.params.id}` });
        return reply.code(204).send(null);
      },
    );
  };
}

