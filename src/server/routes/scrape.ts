import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiKeyRepository } from '../../../models/apiKeys.js';
import type { User } from '../../../models/schema.js';
import { supportedLanguages, type Language } from '../../i18n.js';
import { placesToCsv } from '../../services/scraper/csv.js';
import { csvFileName } from '../../services/scraper/messages.js';
import { TooManyScrapesError, type ScrapeJobRow, type ScrapeJobs } from '../../services/scraper/scrapeJobs.js';
import { checkWebhookUrl, type HostResolver } from '../../services/webhooks/addressGuard.js';

export interface ScrapeRouteDeps {
  scrapes: ScrapeJobs;
  apiKeys: ApiKeyRepository;
  resolveHost: HostResolver;
  allowPrivateWebhooks: boolean;
  maxResults: number;
}

const isLanguage = (value: string): value is Language => (supportedLanguages as readonly string[]).includes(value);

const errorBody = z.object({ error: z.string() });
const jobView = z.object({
  job_id: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']),
  query: z.string(),
  max_results: z.number(),
  results: z.number(),
  error: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  download_url: z.string(),
  webhooks: z.object({ delivered: z.number(), pending: z.number(), failed: z.number() }).nullable(),
});

const bearer = z.object({ authorization: z.string().optional() });
const jobParams = z.object({ id: z.string().min(1).max(64) });

const auth401 = errorBody.describe('no or unknown API key (get one with /apikey in the bot)');
const auth403 = errorBody.describe('the key owner is deactivated');

async function view(scrapes: ScrapeJobs, job: ScrapeJobRow): Promise<z.infer<typeof jobView>> {
  return {
    job_id: job.id,
    status: job.status as z.infer<typeof jobView>['status'],
    query: job.query,
    max_results: job.max_results,
    results: job.result_count,
    error: job.error,
    created_at: job.created_at.toISOString(),
    started_at: job.started_at?.toISOString() ?? null,
    finished_at: job.finished_at?.toISOString() ?? null,
    download_url: `/download/${job.id}`,
    webhooks: job.webhook_url ? await scrapes.deliveries(job.id) : null,
  };
}

export function scrapeRoutes(deps: ScrapeRouteDeps): FastifyPluginAsyncZod {
  /** The key's owner, or an answer already sent. */
  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<User | undefined> {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      await reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'send your API key as "Authorization: Bearer <key>" (get one with /apikey in the bot)' });
      return undefined;
    }
    const user = await deps.apiKeys.userForKey(match[1]);
    if (!user) {
      await reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'unknown API key' });
      return undefined;
    }
    if (!user.active) {
      await reply.code(403).send({ error: 'user is not active' });
      return undefined;
    }
    return user;
  }

  /** A job of this user; someone else's is as unknown as a missing one. */
  async function ownJob(user: User, id: string, reply: FastifyReply): Promise<ScrapeJobRow | undefined> {
    const job = await deps.scrapes.find(id);
    if (!job || Number(job.user_id) !== user.id) {
      await reply.code(404).send({ error: `no job ${id}` });
      return undefined;
    }
    return job;
  }

  return async (app) => {
    app.post(
      '/scrape',
      {
        schema: {
          summary: 'Start a Google Maps scrape',
          description:
            'Each result is POSTed to webhook_url as soon as it is extracted (signed per Standard Webhooks with the secret shown by /apikey), and shown in your Telegram chat.',
          tags: ['scrape'],
          headers: bearer,
          body: z.object({
            query: z.string().trim().min(1, 'query must not be empty').max(200, 'query is longer than 200 characters'),
            max_results: z
              .number({ error: 'max_results must be a number' })
              .int('max_results must be a whole number')
              .min(1, 'max_results must be at least 1')
              .max(deps.maxResults, `max_results must be at most ${deps.maxResults}`)
              .default(20),
            webhook_url: z.string().max(2048, 'webhook_url is too long').optional(),
            language: z.string().optional().describe('en, ar or ru; default: your bot language'),
          }),
          response: {
            202: z.object({ job_id: z.string(), status: z.string(), status_url: z.string(), download_url: z.string() }),
            400: errorBody,
            401: auth401,
            403: auth403,
            429: errorBody.describe('too many scrapes queued or running'),
          },
        },
      },
      async (request, reply) => {
        const user = await authenticate(request, reply);
        if (!user) return reply;
        const { query, max_results: maxResults, webhook_url: webhookUrl, language } = request.body;
        if (language !== undefined && !isLanguage(language)) return reply.code(400).send({ error: 'language must be one of en, ar, ru' });
        if (webhookUrl !== undefined) {
          const problem = await checkWebhookUrl(webhookUrl, deps.resolveHost, deps.allowPrivateWebhooks);
          if (problem) return reply.code(400).send({ error: problem });
        }
        try {
          const job = await deps.scrapes.create({
            userId: user.id,
            chatId: user.telegramId,
            source: 'api',
            query,
            maxResults,
            language: language ?? (isLanguage(user.language) ? user.language : 'en'),
            webhookUrl,
          });
          return reply
            .code(202)
            .send({ job_id: job.id, status: job.status, status_url: `/jobs/${job.id}`, download_url: `/download/${job.id}` });
        } catch (error) {
          if (error instanceof TooManyScrapesError) return reply.code(429).send({ error: error.message });
          throw error;
        }
      },
    );

    app.get(
      '/jobs/:id',
      {
        schema: {
          summary: 'Status of a scrape',
          tags: ['scrape'],
          headers: bearer,
          params: jobParams,
          response: { 200: jobView, 401: auth401, 403: auth403, 404: errorBody },
        },
      },
      async (request, reply) => {
        const user = await authenticate(request, reply);
        if (!user) return reply;
        const job = await ownJob(user, request.params.id, reply);
        if (!job) return reply;
        return view(deps.scrapes, job);
      },
    );

    app.get(
      '/download/:id',
      {
        schema: {
          summary: 'The results of a scrape as CSV (UTF-8 with BOM)',
          tags: ['scrape'],
          headers: bearer,
          params: jobParams,
          response: { 200: z.string().describe('text/csv'), 401: auth401, 403: auth403, 404: errorBody },
        },
      },
      async (request, reply) => {
        const user = await authenticate(request, reply);
        if (!user) return reply;
        const job = await ownJob(user, request.params.id, reply);
        if (!job) return reply;
        const csv = placesToCsv(await deps.scrapes.results(job.id));
        const name = csvFileName(job.query, job.id);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${job.id}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`)
          .serializer((payload: unknown) => String(payload))
          .send(csv);
      },
    );
  };
}
