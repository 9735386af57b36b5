import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Avito API on 127.0.0.1: OAuth client_credentials tokens that expire, accounts/self,
 * messenger webhook subscribe (v3, probing the URL with `{}` first) / unsubscribe / list, chats
 * (v2), messages (v3) and sending text (v1, at most 1,000 characters). Incoming messages are
 * pushed to subscribed URLs as v3 webhooks, unless the test silences push.
 *
 * Lists behave as documented (developers.avito.ru, Messenger API): `limit` 1..100 (default 100)
 * and `offset` 0..1000 (default 0), anything else a 400 validation error; chats most recently
 * updated first, only u2i chats unless `chat_types` says otherwise, `unread_only`; messages
 * newest first, so messages sent in the same second are listed in the reverse of their order.
 */

export interface FakeAvitoMessage {
  id: string;
  author_id: number;
  created: number;
  type: string;
  direction: 'in' | 'out';
  content: Record<string, unknown>;
  is_read: boolean;
}

export interface FakeAvitoAccount {
  clientId: string;
  clientSecret: string;
  accountId: number;
  /** Each chat's messages in the order they were sent. */
  chats: Map<string, FakeAvitoMessage[]>;
  /** Each chat's type: u2i (about an ad) or u2u (between users). */
  chatTypes: Map<string, 'u2i' | 'u2u'>;
  subscriptions: string[];
  /** Subscribe answers ok but the URL never shows in the list (and nothing is pushed). */
  ignoreSubscribe: boolean;
  /** Messages are stored but not pushed (a webhook gone quiet). */
  pushSilenced: boolean;
  /** Text messages we sent, by chat. */
  sent: Array<{ chatId: string; text: string }>;
  /** Images uploaded (uploadImages), by image id. */
  uploadedImages: Map<string, Buffer>;
  /** Image messages we sent, by chat, with the uploaded bytes. */
  sentImages: Array<{ chatId: string; imageId: string; data: Buffer }>;
}

export interface FakeAvito {
  url: string;
  calls: Array<{ method: string; path: string; status: number }>;
  /** Lifetime of new tokens, in seconds. */
  tokenLifetimeSeconds: number;
  addAccount(options?: Partial<Pick<FakeAvitoAccount, 'clientId' | 'clientSecret' | 'accountId'>>): FakeAvitoAccount;
  /**
   * Someone writes in a chat (the buyer; with `authorId` = the account, the seller from the Avito
   * app): stored, and pushed to the subscribed URLs unless silenced. Returns the push answers. A
   * chat id starting with `u2u` is a chat between users, any other one about an ad.
   */
  incoming(account: FakeAvitoAccount, chatId: string, message: IncomingMessageSpec): Promise<Array<{ status: number; body: unknown }>>;
  /** Several messages, stored together (no request sees some without the others), then pushed in order. */
  incomingAll(account: FakeAvitoAccount, chatId: string, messages: IncomingMessageSpec[]): Promise<Array<{ status: number; body: unknown }>>;
  /** Posts a raw body to every subscribed URL of the account. */
  push(account: FakeAvitoAccount, body: unknown): Promise<Array<{ status: number; body: unknown }>>;
  /** Expires every token issued so far. */
  expireTokens(): void;
  /** Every access token handed out, oldest first. */
  issued: string[];
  /**
   * Holds the answer to the next `POST /token` until `release()` (a slow Avito); `arrived`
   * resolves when that request has come in.
   */
  holdNextToken(): { arrived: Promise<void>; release(): void };
  close(): Promise<void>;
}

export interface IncomingMessageSpec {
  type: string;
  content: Record<string, unknown>;
  authorId?: number;
  id?: string;
  created?: number;
}

/** The v3 webhook body Avito posts for a new message (developers.avito.ru, messenger webhooks). */
export function avitoWebhookBody(accountId: number, chatId: string, message: FakeAvitoMessage, chatType = 'u2i'): object {
  return {
    id: randomBytes(16).toString('hex'),
    version: 'v3.0.0',
    timestamp: message.created,
    payload: {
      type: 'message',
      value: {
        id: message.id,
        chat_id: chatId,
        user_id: accountId,
        author_id: message.author_id,
        created: message.created,
        type: message.type,
        chat_type: chatType,
        content: message.content,
        item_id: 1768287444,
        published_at: new Date(message.created * 1000).toISOString(),
      },
    },
  };
}

/** Message contents from Avito's documented examples. */
export const avitoContents = {
  text: (text: string) => ({ type: 'text', content: { text } }),
  /** `base`: where the images are served (the fake Avito's url + '/img' in end-to-end tests). */
  image: (base = 'https://00.img.avito.st') => ({
    type: 'image',
    content: {
      image: {
        sizes: {
          '140x105': `${base}/140x105/5181479220.jpg`,
          '1280x960': `${base}/1280x960/5181479220.jpg`,
          '640x480': `${base}/640x480/5181479220.jpg`,
        },
      },
    },
  }),
  link: () => ({ type: 'link', content: { link: { text: 'avito.ru', url: 'https://www.avito.ru/moskva/velosipedy/bike_1768287444', preview: { title: 'Bike', description: 'A good bike', domain: 'avito.ru' } } } }),
  location: () => ({ type: 'location', content: { location: { kind: 'house', lat: 55.599799, lon: 37.603954, text: 'Moscow, Lenina 1', title: 'Pick-up point' } } }),
  item: () => ({
    type: 'item',
    content: { item: { image_url: 'https://00.img.avito.st/640x480/1.jpg', item_url: 'https://www.avito.ru/moskva/velosipedy/bike_1768287444', price_string: '10 000 ₽', title: 'Mountain bike' } },
  }),
  system: () => ({ type: 'system', content: { text: 'Buyer has viewed your phone number' } }),
};

/** `limit` (1..100, default 100) and `offset` (0..1000, default 0) of a list call, or what is wrong with them. */
function pageOf(url: URL): { limit: number; offset: number } | { error: Record<string, string> } {
  const read = (name: string, fallback: number, min: number, max: number): number | string => {
    const raw = url.searchParams.get(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    return Number.isInteger(value) && value >= min && value <= max ? value : `must be an integer from ${min} to ${max}`;
  };
  const limit = read('limit', 100, 1, 100);
  const offset = read('offset', 0, 0, 1000);
  const error: Record<string, string> = {};
  if (typeof limit === 'string') error.limit = limit;
  if (typeof offset === 'string') error.offset = offset;
  return typeof limit === 'number' && typeof offset === 'number' ? { limit, offset } : { error };
}

export async function startFakeAvito(options: { route: (publicUrl: string) => string }): Promise<FakeAvito> {
  const accounts: FakeAvitoAccount[] = [];
  const tokens = new Map<string, { account: FakeAvitoAccount; expiresAt: number }>();
  const calls: FakeAvito['calls'] = [];
  let nextAccount = 94235311;
  let nextMessage = 1;
  let tokenHold: { arrive(): void; released: Promise<void> } | undefined;

  async function post(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(options.route(url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as unknown };
    } catch {
      return { status: response.status, body: text };
    }
  }

  const fake: FakeAvito = {
    url: '',
    calls,
    tokenLifetimeSeconds: 86_400,
    issued: [],
    addAccount(init = {}) {
      const account: FakeAvitoAccount = {
        clientId: init.clientId ?? randomBytes(10).toString('hex'),
        clientSecret: init.clientSecret ?? randomBytes(20).toString('hex'),
        accountId: init.accountId ?? nextAccount++,
        chats: new Map(),
        chatTypes: new Map(),
        subscriptions: [],
        ignoreSubscribe: false,
        pushSilenced: false,
        sent: [],
        uploadedImages: new Map(),
        sentImages: [],
      };
      accounts.push(account);
      return account;
    },
    async incoming(account, chatId, message) {
      return fake.incomingAll(account, chatId, [message]);
    },
    async incomingAll(account, chatId, messages) {
      const chat = account.chats.get(chatId) ?? [];
      account.chats.set(chatId, chat);
      if (!account.chatTypes.has(chatId)) account.chatTypes.set(chatId, chatId.startsWith('u2u') ? 'u2u' : 'u2i');
      const buyerId = chat.find((m) => m.direction === 'in')?.author_id ?? 100_000 + nextMessage;
      const stored = messages.map((message): FakeAvitoMessage => {
        const authorId = message.authorId ?? (message.type === 'system' ? 0 : buyerId);
        return {
          id: message.id ?? `msg-${nextMessage++}-${randomBytes(4).toString('hex')}`,
          author_id: authorId,
          created: message.created ?? Math.floor(Date.now() / 1000),
          type: message.type,
          direction: authorId === account.accountId ? 'out' : 'in',
          content: message.content,
          is_read: false,
        };
      });
      chat.push(...stored);
      if (account.pushSilenced) return [];
      const answers: Array<{ status: number; body: unknown }> = [];
      for (const message of stored) answers.push(...(await fake.push(account, avitoWebhookBody(account.accountId, chatId, message, account.chatTypes.get(chatId)))));
      return answers;
    },
    async push(account, body) {
      return Promise.all(account.subscriptions.map((url) => post(url, body)));
    },
    expireTokens() {
      for (const token of tokens.values()) token.expiresAt = 0;
    },
    holdNextToken() {
      let arrive = () => undefined as void;
      let release = () => undefined as void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      tokenHold = { arrive, released };
      return { arrived, release };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const rawBytes = Buffer.concat(chunks);
    const raw = rawBytes.toString('utf8');
    const reply = (status: number, body: unknown) => {
      calls.push({ method: request.method ?? '', path: url.pathname, status });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };

    if (request.method === 'POST' && url.pathname === '/token') {
      const hold = tokenHold;
      tokenHold = undefined;
      if (hold) {
        hold.arrive();
        await hold.released;
      }
      const form = new URLSearchParams(raw);
      const account = accounts.find((a) => a.clientId === form.get('client_id'));
      if (form.get('grant_type') !== 'client_credentials' || !account || account.clientSecret !== form.get('client_secret')) {
        return reply(400, { error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, { account, expiresAt: Date.now() + fake.tokenLifetimeSeconds * 1000 });
      fake.issued.push(token);
      return reply(200, { access_token: token, expires_in: fake.tokenLifetimeSeconds, token_type: 'Bearer' });
    }

    // Avito's image CDN: public, no token.
    if (request.method === 'GET' && url.pathname.startsWith('/img/')) {
      calls.push({ method: 'GET', path: url.pathname, status: 200 });
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.end(Buffer.from(`fake image ${url.pathname}`));
      return;
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const session = bearer ? tokens.get(bearer) : undefined;
    if (!session || session.expiresAt <= Date.now()) return reply(401, { error: { code: 401, message: 'Unauthorized' } });
    const account = session.account;
    const uploadPath = /^\/messenger\/v1\/accounts\/(\d+)\/uploadImages$/.exec(url.pathname);
    if (request.method === 'POST' && uploadPath) {
      // multipart/form-data with the image in `uploadfile[]`; answers {"<image_id>": {"<size>": url}}.
      if (Number(uploadPath[1]) !== account.accountId) return reply(403, { error: { code: 403, message: 'forbidden' } });
      const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': request.headers['content-type'] ?? '' }, body: rawBytes })
        .formData()
        .catch(() => undefined);
      const image = form?.get('uploadfile[]');
      if (!(image instanceof Blob)) return reply(400, { error: { code: 400, message: 'uploadfile[] is required' } });
      const imageId = `${nextMessage++}.${randomBytes(6).toString('hex')}`;
      account.uploadedImages.set(imageId, Buffer.from(await image.arrayBuffer()));
      return reply(200, { [imageId]: { '1280x960': `${fake.url}/img/1280x960/${imageId}.jpg`, '140x105': `${fake.url}/img/140x105/${imageId}.jpg` } });
    }
    let body: Record<string, unknown> = {};
    if (raw !== '') {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return reply(400, { error: { code: 400, message: 'invalid json' } });
      }
    }

    if (request.method === 'GET' && url.pathname === '/core/v1/accounts/self') {
      return reply(200, { id: account.accountId, name: 'Test seller', email: 'seller@example.com', phone: '79001234567', profile_url: `https://avito.ru/user/${account.accountId}/profile` });
    }
    if (request.method === 'POST' && url.pathname === '/messenger/v3/webhook') {
      if (typeof body.url !== 'string') return reply(400, { error: { code: 400, message: 'url is required' } });
      if (!account.ignoreSubscribe) {
        // Avito checks the URL with an empty JSON object and wants a 200.
        const probe = await post(body.url, {});
        if (probe.status !== 200) return reply(400, { error: { code: 400, message: `webhook url answered ${probe.status}` } });
        if (!account.subscriptions.includes(body.url)) account.subscriptions.push(body.url);
      }
      return reply(200, { ok: true });
    }
    if (request.method === 'POST' && url.pathname === '/messenger/v1/subscriptions') {
      return reply(200, { subscriptions: account.subscriptions.map((subscription) => ({ url: subscription, version: '3' })) });
    }
    if (request.method === 'POST' && url.pathname === '/messenger/v1/webhook/unsubscribe') {
      account.subscriptions = account.subscriptions.filter((subscription) => subscription !== body.url);
      return reply(200, { ok: true });
    }
    const chatsPath = /^\/messenger\/v2\/accounts\/(\d+)\/chats$/.exec(url.pathname);
    if (request.method === 'GET' && chatsPath) {
      if (Number(chatsPath[1]) !== account.accountId) return reply(403, { error: { code: 403, message: 'forbidden' } });
      const page = pageOf(url);
      if ('error' in page) return reply(400, { error: { code: 400, message: 'Validation error', fields: page.error } });
      const types = (url.searchParams.get('chat_types') ?? 'u2i').split(',');
      const unreadOnly = url.searchParams.get('unread_only') === 'true';
      const chats = [...account.chats.entries()]
        .filter(([id, messages]) => messages.length > 0 && types.includes(account.chatTypes.get(id) ?? 'u2i'))
        .filter(([, messages]) => !unreadOnly || messages.some((m) => m.direction === 'in' && !m.is_read))
        .map(([id, messages]) => {
          const last = messages.at(-1)!;
          return {
            id,
            context: { type: 'item', value: { id: 1768287444, title: 'Mountain bike', url: 'https://avito.ru/1768287444' } },
            created: messages[0]!.created,
            updated: Math.max(...messages.map((m) => m.created)),
            users: [{ id: account.accountId, name: 'Test seller' }],
            last_message: { id: last.id, author_id: last.author_id, created: last.created, content: last.content, direction: last.direction, type: last.type },
          };
        });
      // Stable: chats updated in the same second keep their order from one request to the next.
      chats.sort((a, b) => b.updated - a.updated);
      return reply(200, { chats: chats.slice(page.offset, page.offset + page.limit) });
    }
    const chatPath = /^\/messenger\/v2\/accounts\/(\d+)\/chats\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && chatPath) {
      const chatId = decodeURIComponent(chatPath[2]!);
      const messages = account.chats.get(chatId);
      if (Number(chatPath[1]) !== account.accountId || !messages) return reply(404, { error: { code: 404, message: 'chat not found' } });
      return reply(200, {
        id: chatId,
        context: { type: 'item', value: { id: 1768287444, title: 'Bike for sale', url: 'https://www.avito.ru/moskva/velosipedy/bike_1768287444', price_string: '10 000 ₽' } },
        created: messages[0]!.created,
        updated: messages.at(-1)!.created,
        users: [
          { id: account.accountId, name: 'Test seller' },
          { id: messages.find((m) => m.direction === 'in')?.author_id ?? 1, name: 'Ivan' },
        ],
      });
    }
    const messagesPath = /^\/messenger\/v3\/accounts\/(\d+)\/chats\/([^/]+)\/messages\/$/.exec(url.pathname);
    if (request.method === 'GET' && messagesPath) {
      const messages = account.chats.get(decodeURIComponent(messagesPath[2]!));
      if (Number(messagesPath[1]) !== account.accountId || !messages) return reply(404, { error: { code: 404, message: 'chat not found' } });
      const page = pageOf(url);
      if ('error' in page) return reply(400, { error: { code: 400, message: 'Validation error', fields: page.error } });
      // Newest first; reading the list does not mark the chat read (that is POST .../read).
      return reply(200, [...messages].reverse().slice(page.offset, page.offset + page.limit));
    }
    const sendPath = /^\/messenger\/v1\/accounts\/(\d+)\/chats\/([^/]+)\/messages$/.exec(url.pathname);
    if (request.method === 'POST' && sendPath) {
      const chatId = decodeURIComponent(sendPath[2]!);
      const messages = account.chats.get(chatId);
      if (Number(sendPath[1]) !== account.accountId || !messages) return reply(404, { error: { code: 404, message: 'chat not found' } });
      const text = (body.message as { text?: unknown } | undefined)?.text;
      if (body.type !== 'text' || typeof text !== 'string' || text.length === 0) return reply(400, { error: { code: 400, message: 'message.text is required' } });
      if (text.length > 1000) return reply(400, { error: { code: 400, message: 'text is longer than 1000 characters' } });
      account.sent.push({ chatId, text });
      const sent: FakeAvitoMessage = { id: `out-${nextMessage++}`, author_id: account.accountId, created: Math.floor(Date.now() / 1000), type: 'text', direction: 'out', content: { text }, is_read: false };
      messages.push(sent);
      reply(200, { id: sent.id, created: sent.created, content: sent.content, direction: 'out', type: 'text' });
      // Avito pushes our own messages too (author_id == user_id).
      if (!account.pushSilenced) void fake.push(account, avitoWebhookBody(account.accountId, chatId, sent)).catch(() => undefined);
      return;
    }
    const imagePath = /^\/messenger\/v1\/accounts\/(\d+)\/chats\/([^/]+)\/messages\/image$/.exec(url.pathname);
    if (request.method === 'POST' && imagePath) {
      const chatId = decodeURIComponent(imagePath[2]!);
      const messages = account.chats.get(chatId);
      if (Number(imagePath[1]) !== account.accountId || !messages) return reply(404, { error: { code: 404, message: 'chat not found' } });
      const imageId = typeof body.image_id === 'string' ? body.image_id : '';
      const data = account.uploadedImages.get(imageId);
      if (!data) return reply(400, { error: { code: 400, message: 'image_id is unknown' } });
      account.sentImages.push({ chatId, imageId, data });
      const sizes = { '1280x960': `${fake.url}/img/1280x960/${imageId}.jpg` };
      const sent: FakeAvitoMessage = { id: `out-${nextMessage++}`, author_id: account.accountId, created: Math.floor(Date.now() / 1000), type: 'image', direction: 'out', content: { image: { sizes } }, is_read: false };
      messages.push(sent);
      return reply(200, { id: sent.id, created: sent.created, content: sent.content, direction: 'out', type: 'image' });
    }
    return reply(404, { error: { code: 404, message: 'not found' } });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 500, message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
