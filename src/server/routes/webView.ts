import { readFileSync } from 'node:fs';
import type { I18n } from '@grammyjs/i18n';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyAuthorization } from '../../../handlers/webAppAuth.js';
import type { UserRepository } from '../../../models/users.js';
import type { User } from '../../../models/schema.js';
import type { EventLog } from '../../services/events/eventLog.js';
import { parseCursor, TooManyStreamsError, type LiveFeed } from '../../services/liveFeed/liveFeed.js';

export interface WebViewDeps {
  botToken: string;
  initDataMaxAgeSeconds: number;
  users: UserRepository;
  events: EventLog;
  feed: LiveFeed;
  i18n: I18n;
}

/** The page's own wording (the rows it shows are worded by the bot's texts). */
export const WEB_VIEW_STRINGS = [
  'webview-title',
  'webview-tab-events',
  'webview-tab-orders',
  'webview-tab-scrapes',
  'webview-sound-on',
  'webview-sound-off',
  'webview-live',
  'webview-reconnecting',
  'webview-refused',
  'webview-too-many',
  'webview-empty-events',
  'webview-empty-orders',
  'webview-empty-scrapes',
  'webview-col-when',
  'webview-col-query',
  'webview-col-status',
  'webview-col-results',
  'webview-col-finished',
] as const;

const RIGHT_TO_LEFT = new Set(['ar']);

/** The page's files, read once: a few kilobytes, served from memory. */
const assetsDir = new URL('../webview/', import.meta.url);
const assets = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
} as const;
type AssetName = keyof typeof assets;

// Telegram's own script is the only thing the page loads from elsewhere, and only inside Telegram.
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self' https://telegram.org; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors https://web.telegram.org https://*.telegram.org";

/** A reply body is at most this far behind before the page is cut off (it reconnects and resumes). */
const MAX_UNSENT_BYTES = 1024 * 1024;

const errorBody = z.object({ error: z.string() });
const auth = z.object({ authorization: z.string().optional() });

/**
 * The live web view: a Telegram Mini App (and a plain page opened from a link the bot signs)
 * showing a user's events, orders and scrapes as they happen. Every data request carries
 * `Authorization: tma <initData>` or `Authorization: Link <token>`.
 */
export function webViewRoutes(deps: WebViewDeps): FastifyPluginAsyncZod {
  const files = new Map<AssetName, Buffer>(
    (Object.keys(assets) as AssetName[]).map((name) => [name, readFileSync(new URL(name, assetsDir))]),
  );

  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<User | undefined> {
    const verified = verifyAuthorization(request.headers.authorization, deps.botToken, Math.floor(Date.now() / 1000), deps.initDataMaxAgeSeconds);
    if (!verified.ok) {
      await reply.code(401).send({ error: verified.reason });
      return undefined;
    }
    const user = await deps.users.findByTelegramId(verified.viewer.telegramId);
    if (!user) {
      await reply.code(403).send({ error: 'start the bot first (/start)' });
      return undefined;
    }
    if (!user.active) {
      await reply.code(403).send({ error: 'user is not active' });
      return undefined;
    }
    return user;
  }

  const sendAsset = (name: AssetName, reply: FastifyReply) =>
    reply
      .header('content-type', assets[name])
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(files.get(name));

  return async (app) => {
    // Pages still open when the server closes are ended first, or closing would wait on them.
    app.addHook('preClose', async () => deps.feed.stop());

    app.get('/app', { schema: { summary: 'The live web view (Telegram Mini App)', tags: ['web view'] } }, async (_request, reply) =>
      sendAsset('index.html', reply),
    );
    app.get(
      '/app/assets/:name',
      { schema: { hide: true, params: z.object({ name: z.string() }) } },
      async (request, reply) => {
        const name = request.params.name;
        if (!Object.hasOwn(assets, name) || name === 'index.html') return reply.code(404).send({ error: `no asset ${name}` });
        return sendAsset(name as AssetName, reply);
      },
    );

    const rateLimit = { max: 120, timeWindow: '1 minute' };

    app.get(
      '/app/api/session',
      {
        config: { rateLimit },
        schema: {
          summary: 'Who is looking, in which language, and the page\'s texts',
          tags: ['web view'],
          headers: auth,
          response: {
            200: z.object({ language: z.string(), dir: z.enum(['ltr', 'rtl']), name: z.string(), strings: z.record(z.string(), z.string()) }),
            401: errorBody,
            403: errorBody,
          },
        },
      },
      async (request, reply) => {
        const user = await authenticate(request, reply);
        if (!user) return reply;
        const language = user.language;
        const strings = Object.fromEntries(WEB_VIEW_STRINGS.map((key) => [key, deps.i18n.t(language, key)]));
        return { language, dir: RIGHT_TO_LEFT.has(language) ? ('rtl' as const) : ('ltr' as const), name: user.firstName ?? user.username ?? '', strings };
      },
    );

    app.get(
      '/app/api/events/:id',
      {
        config: { rateLimit },
        schema: {
          summary: 'One of your events, as stored',
          tags: ['web view'],
          headers: auth,
          params: z.object({ id: z.string().regex(/^\d{1,15}$/, 'the event id is a number') }),
          response: {
            200: z.object({ id: z.number(), provider: z.string(), payload: z.record(z.string(), z.unknown()) }),
            400: errorBody,
            401: errorBody,
            403: errorBody,
            404: errorBody,
          },
        },
      },
      async (request, reply) => {
        const user = await authenticate(request, reply);
        if (!user) return reply;
        // Someone else's event is as unknown as a missing one.
        const event = await deps.events.event(user.id, Number(request.params.id));
        if (!event) return reply.code(404).send({ error: `no event ${request.params.id}` });
        return event;
      },
    );

    app.get(
      '/app/api/stream',
      {
        schema: {
          summary: 'Your events, orders and scrapes as they change (server-sent events)',
          description:
            'Each `items` event carries the rows that are new or changed; its id, sent back as Last-Event-ID on reconnecting, resumes where the page left off.',
          tags: ['web view'],
          headers: auth.extend({ 'last-event-id': z.string().max(64).optional() }),
          response: { 401: errorBody, 403: errorBody, 429: errorBody, 503: errorBody },
        },
      },
      async (request, reply) => {
        const user = await authenticate(request, reply);
        if (!user) return reply;
        const raw = reply.raw;
        const sink = {
          write(chunk: string) {
            if (raw.destroyed) return;
            if (raw.writableLength > MAX_UNSENT_BYTES) raw.destroy();
            else raw.write(chunk);
          },
          end() {
            raw.end();
          },
        };
        let stream: { close(): void };
        try {
          stream = deps.feed.open(user.id, sink, parseCursor(request.headers['last-event-id']));
        } catch (error) {
          if (!(error instanceof TooManyStreamsError)) throw error;
          return reply
            .code(error.scope === 'user' ? 429 : 503)
            .header('retry-after', '30')
            .send({ error: error.message });
        }
        reply.hijack();
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          // nginx would otherwise hold the events back in its buffer.
          'x-accel-buffering': 'no',
          // A stream's connection is never reused; ended at shutdown, it must not linger as keep-alive.
          connection: 'close',
        });
        raw.write('retry: 2000\n\n');
        raw.on('close', () => stream.close());
        return reply;
      },
    );
  };
}
