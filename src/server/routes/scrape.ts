import type pg from 'pg';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiKeyRepository } from '../../../models/apiKeys.js';
import type { User } from '../../../models/schema.js';
import { supportedLanguages, type Language } from '../../i18n.js';
import { areaRequestProblem, type AreaLimits } from '../../services/scraper/areaGrid.js';
import { cellCounts } from '../../services/scraper/areaSearch.js';
import { placesToCsv } from '../../services/scraper/csv.js';
import { csvFileName } from '../../services/scraper/messages.js';
import { TooManyScrapesError, type ScrapeJobRow, type ScrapeJobs } from '../../services/scraper/scrapeJobs.js';
import { checkWebhookUrl, type HostResolver } from '../../services/webhooks/addressGuard.js';
import { parsePlaceList, placeListLabel } from '../../../handlers/mapsPlaceInput.js';
import { apiKeyAuthenticator, auth401, auth403, bearer, errorBody } from './apiAuth.js';

export interface ScrapeRouteDeps {
  scrapes: ScrapeJobs;
  apiKeys: ApiKeyRepository;
  resolveHost: HostResolver;
  allowPrivateWebhooks: boolean;
  maxResults: number;
  /** Most place URLs or ids in one request. */
  placeListMax: number;
  /** The configured Maps site's host, accepted in place links beside Google's own. */
  mapsHost: string;
  /** Area searches: most places, cells, side and splits. */
  area: AreaLimits & { maxPlaces: number };
  pool: pg.Pool;
}

const isLanguage = (value: string): value is Language => (supportedLanguages as readonly string[]).includes(value);

const jobView = z.object({
  job_id: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']),
  query: z.string(),
  max_results: z.number(),
  skip_known: z.boolean(),
  watch_id: z.string().nullable().describe('the watch this run belongs to, null for a scrape started by hand'),
  area: z
    .object({
      bbox: z.array(z.number()).optional(),
      place: z.string().optional(),
      cell_km: z.number().optional(),
      split: z.literal('auto').optional(),
      cells_done: z.number().describe('cells searched (or split into four)'),
      cells_total: z.number().describe('cells so far: grows when a capped cell is split'),
    })
    .nullable()
    .describe('the area of an area search, null for a single search'),
  results: z.number(),
  error: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  download_url: z.string(),
  webhooks: z.object({ delivered: z.number(), pending: z.number(), failed: z.number() }).nullable(),
});

const jobParams = z.object({ id: z.string().min(1).max(64) });


async function view(scrapes: ScrapeJobs, pool: pg.Pool, job: ScrapeJobRow): Promise<z.infer<typeof jobView>> {
  const cells = job.area ? await cellCounts(pool, job.id) : undefined;
  return {
    job_id: job.id,
    status: job.status as z.infer<typeof jobView>['status'],
    query: job.query,
    max_results: job.max_results,
    skip_known: job.skip_known,
    watch_id: job.watch_id,
    area: job.area && cells ? { ...job.area, cells_done: cells.done, cells_total: cells.total } : null,
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
  const authenticate = apiKeyAuthenticator(deps.apiKeys);

  /** A job of this user; someone else's is as unknown as a missing one. */
  async function ownJob(user: User, id: string, reply: FastifyReply): Promise<ScrapeJobRow | undefined> {
    // Job ids are base64url; anything else names no job (and is not sent to the database).
    const job = /^[A-Za-z0-9_-]+$/.test(id) ? await deps.scrapes.find(id) : undefined;
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
            'Each result is POSTed to webhook_url as soon as it is extracted (signed per Standard Webhooks with the secret shown by /apikey), and shown in your Telegram chat.\n\n' +
            'Maps shows at most about 120 places for one search. For more, give an `area`: a bbox `[south, west, north, east]` or a place name (found on Maps, whose viewport becomes the box), ' +
            'and `cell_km` (a grid of cells of that size) and/or `split: "auto"` (a cell whose results reach the cap is split into four and searched again). ' +
            'Each cell is its own Maps search by camera (`/maps/search/<query>/@lat,lng,<zoom>z`); a place found in several cells is delivered once, so `current_result` still counts 1..n. ' +
            'For an area, `total_expected` is an estimate that is refined as cells finish, and the payload says so with `total_is_estimate: true` and `cells_done`/`cells_total`.',
          tags: ['scrape'],
          headers: bearer,
          body: z.object({
            query: z.string().trim().min(1, 'query must not be empty').max(200, 'query is longer than 200 characters').optional(),
            places: z
              .array(z.string({ error: 'places must be a list of strings' }).max(2048, 'a place link is longer than 2048 characters'), {
                error: 'places must be a list of Google Maps place links or place ids',
              })
              .min(1, 'places must not be empty')
              .max(deps.placeListMax, `places may hold at most ${deps.placeListMax} items`)
              .optional()
              .describe(
                'instead of query: Google Maps place links (https://www.google.com/maps/place/…/data=…!1s0x…:0x…) or place ids (ChIJ…), each opened directly; max_results is then the length of the list',
              ),
            max_results: z
              .number({ error: 'max_results must be a number' })
              .int('max_results must be a whole number')
              .min(1, 'max_results must be at least 1')
              .max(Math.max(deps.maxResults, deps.area.maxPlaces), `max_results must be at most ${Math.max(deps.maxResults, deps.area.maxPlaces)}`)
              .optional()
              .describe(`places wanted: 1 to ${deps.maxResults} (default 20); for an area 1 to ${deps.area.maxPlaces} (default ${deps.area.maxPlaces})`),
            area: z
              .union(
                [
                  z.strictObject({
                    bbox: z
                      .tuple([z.number(), z.number(), z.number(), z.number()], { error: 'area.bbox must be four numbers: [south, west, north, east]' })
                      .describe('[south, west, north, east] in degrees (WGS 84)'),
                  }),
                  z.strictObject({
                    place: z
                      .string()
                      .trim()
                      .min(1, 'area.place must not be empty')
                      .max(200, 'area.place is longer than 200 characters')
                      .describe('a city, district or region as Maps knows it, e.g. "Kazan"'),
                  }),
                ],
                { error: 'area must be {"bbox": [south, west, north, east]} or {"place": "<name>"}' },
              )
              .optional()
              .describe(`search a whole area cell by cell (at most ${deps.area.maxCells} cells, ${deps.area.maxSideKm} km a side)`),
            cell_km: z
              .number({ error: 'cell_km must be a number' })
              .positive('cell_km must be more than 0')
              .max(deps.area.maxSideKm, `cell_km must be at most ${deps.area.maxSideKm}`)
              .optional()
              .describe('an area: cut it into a grid of cells of this size, km'),
            split: z
              .literal('auto', { error: 'split must be "auto"' })
              .optional()
              .describe(`an area: split a cell whose results reach the cap into four, up to ${deps.area.maxDepth} times (the default when cell_km is not given)`),
            webhook_url: z.string().max(2048, 'webhook_url is too long').optional(),
            language: z.string().optional().describe('en, ar or ru; default: your bot language'),
            skip_known: z
              .boolean({ error: 'skip_known must be true or false' })
              .default(false)
              .describe('leave out places you already got from an earlier scrape (max_results then counts new places only)'),
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
        const { query, places: placeItems, max_results: asked, webhook_url: webhookUrl, language, skip_known: skipKnown, area, cell_km: cellKm, split } = request.body;
        if ((query === undefined) === (placeItems === undefined)) return reply.code(400).send({ error: 'send either query (a search) or places (a list of place links or ids), not both' });
        if (placeItems && area) return reply.code(400).send({ error: 'area applies to a search (query), not to a list of places' });
        if (!area && (cellKm !== undefined || split !== undefined)) return reply.code(400).send({ error: 'cell_km and split apply to an area: give area too' });
        if (!area && asked !== undefined && asked > deps.maxResults) return reply.code(400).send({ error: `max_results must be at most ${deps.maxResults}` });
        const areaRequest = area ? { ...area, ...(cellKm !== undefined ? { cell_km: cellKm } : {}), ...(split ? { split } : {}) } : undefined;
        if (areaRequest) {
          const problem = areaRequestProblem(areaRequest, deps.area);
          if (problem) return reply.code(400).send({ error: problem });
          if (asked !== undefined && asked > deps.area.maxPlaces) return reply.code(400).send({ error: `max_results of an area must be at most ${deps.area.maxPlaces}` });
        }
        const maxResults = asked ?? (areaRequest ? deps.area.maxPlaces : 20);
        if (language !== undefined && !isLanguage(language)) return reply.code(400).send({ error: 'language must be one of en, ar, ru' });
        const list = placeItems ? parsePlaceList(placeItems, deps.mapsHost) : undefined;
        if (list && list.problems.length > 0) {
          const more = list.problems.length > 3 ? ` (and ${list.problems.length - 3} more)` : '';
          return reply.code(400).send({ error: `${list.problems.slice(0, 3).join('; ')}${more}` });
        }
        if (webhookUrl !== undefined) {
          const problem = await checkWebhookUrl(webhookUrl, deps.resolveHost, deps.allowPrivateWebhooks);
          if (problem) return reply.code(400).send({ error: problem });
        }
        try {
          const job = await deps.scrapes.create({
            userId: user.id,
            chatId: user.telegramId,
            source: 'api',
            query: list ? placeListLabel(list.places.length) : query!,
            maxResults: list ? list.places.length : maxResults,
            places: list?.places,
            language: language ?? (isLanguage(user.language) ? user.language : 'en'),
            webhookUrl,
            skipKnown,
            area: areaRequest,
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
        return view(deps.scrapes, deps.pool, job);
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
