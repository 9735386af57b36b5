import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './http.js';

/**
 * A fake Green API (https://green-api.com/en/docs/api/) on 127.0.0.1: instances with their
 * apiTokenInstance, state and settings; getStateInstance, setSettings, getSettings and
 * sendMessage at `/waInstance{id}/{method}/{token}`; and webhook deliveries to the webhookUrl
 * with `Authorization: Bearer <webhookUrlToken>`, as Green API makes them. Quirk reproduced on
 * demand: setSettings answering success without keeping the settings.
 *
 * The phone's side: `receive` puts a message in the instance's journal (lastIncomingMessages, as
 * documented: type, idMessage, timestamp, typeMessage, chatId, senderName, textMessage) and, unless
 * the test silenced its webhooks, delivers it; `changeState` changes the instance's state and sends
 * stateInstanceChanged when the stateWebhook setting is on.
 */

export interface FakeInstance {
  idInstance: string;
  apiTokenInstance: string;
  wid: string;
  state: string;
  settings: Record<string, unknown>;
  /** sendMessage calls accepted, in order. */
  sent: Array<{ chatId: string; message: string; quotedMessageId?: string; idMessage: string }>;
  /** sendFileByUpload calls accepted, in order, with the file's bytes. */
  sentFiles: Array<{ chatId: string; fileName: string; caption?: string; quotedMessageId?: string; data: Buffer; idMessage: string }>;
  /** The next N setSettings answer saveSettings:true and change nothing. */
  dropSettings: number;
  /** The next sendMessage calls fail with this status. */
  failSends: number[];
  /** What lastIncomingMessages lists: every message the phone received, webhook or not. */
  journal: Array<Record<string, unknown>>;
  /** Messages still reach the journal, but no webhook is sent (webhooks stopped). */
  webhooksSilenced: boolean;
}

export interface FakeGreenApi {
  url: string;
  /** Every request, method name and whether the token was right. */
  calls: Array<{ method: string; idInstance: string; authorized: boolean }>;
  addInstance(options?: Partial<Pick<FakeInstance, 'idInstance' | 'apiTokenInstance' | 'state' | 'wid'>>): FakeInstance;
  instance(idInstance: string): FakeInstance;
  /**
   * Sends a webhook to the instance's webhookUrl as Green API does; `route` maps the public URL
   * the bot set to where the test server really listens.
   */
  deliver(idInstance: string, body: object, options?: { token?: string | null }): Promise<{ status: number; body: unknown }>;
  /**
   * The phone receives an incomingMessageReceived `body` (its timestamp set to now): it goes in the
   * journal and, unless webhooks are silenced, is delivered; resolves with the answer, if sent.
   */
  receive(idInstance: string, body: Record<string, unknown>): Promise<{ status: number; body: unknown } | undefined>;
  /** The instance's state changes (the phone logged out, came back); stateInstanceChanged is sent if enabled. */
  changeState(idInstance: string, state: string): Promise<void>;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

export async function startFakeGreenApi(options: { route: (publicUrl: string) => string }): Promise<FakeGreenApi> {
  const instances = new Map<string, FakeInstance>();
  const calls: FakeGreenApi['calls'] = [];
  let nextInstance = 1101000001;

  async function deliver(idInstance: string, body: object, opts: { token?: string | null } = {}): Promise<{ status: number; body: unknown }> {
    const instance = instances.get(idInstance);
    const target = instance?.settings.webhookUrl;
    if (typeof target !== 'string' || target === '') throw new Error(`fake Green API: instance ${idInstance} has no webhookUrl`);
    const token = opts.token === undefined ? instance?.settings.webhookUrlToken : opts.token;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (typeof token === 'string' && token !== '') headers.authorization = `Bearer ${token}`;
    const response = await fetch(options.route(target), { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { status: response.status, body: parsed };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Green API's file storage: what downloadUrl points at. A path with "expired" in it is gone.
    if (request.method === 'GET' && (request.url ?? '').startsWith('/media/')) {
      if ((request.url ?? '').includes('expired')) return send(response, 404, { message: 'file not found' });
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      response.end(Buffer.from(`fake media ${request.url}`));
      return;
    }
    const match = /^\/waInstance(\d+)\/([A-Za-z]+)\/([^/?]+)/.exec(request.url ?? '');
    if (!match) return send(response, 404, { error: 'not found' });
    const [, idInstance = '', method = '', token = ''] = match;
    const instance = instances.get(idInstance);
    const authorized = instance !== undefined && instance.apiTokenInstance === decodeURIComponent(token);
    calls.push({ method, idInstance, authorized });
    if (!instance) return send(response, 404, { error: 'instance not found' });
    if (!authorized) {
      response.writeHead(401, { 'content-type': 'text/plain' });
      response.end('Unauthorized');
      return;
    }
    if (method === 'sendFileByUpload') {
      // form-data, as documented: chatId, file, fileName, caption, quotedMessageId; at most 100 MB.
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': request.headers['content-type'] ?? '' }, body: Buffer.concat(chunks) })
        .formData()
        .catch(() => undefined);
      const file = form?.get('file');
      const chatId = form?.get('chatId');
      if (!form || typeof chatId !== 'string' || !/^\d+@(c|g)\.us$/.test(chatId)) return send(response, 400, { message: 'chatId is invalid' });
      if (!(file instanceof Blob)) return send(response, 400, { message: 'file is required' });
      if (file.size > 100 * 1024 * 1024) return send(response, 400, { message: 'file is too big' });
      const fileName = String(form.get('fileName') ?? ('name' in file ? file.name : ''));
      if (!/\.[A-Za-z0-9]+$/.test(fileName)) return send(response, 400, { message: 'fileName must have an extension' });
      const idMessage = randomBytes(10).toString('hex').toUpperCase();
      const caption = form.get('caption');
      const quoted = form.get('quotedMessageId');
      instance.sentFiles.push({
        chatId,
        fileName,
        ...(typeof caption === 'string' ? { caption } : {}),
        ...(typeof quoted === 'string' ? { quotedMessageId: quoted } : {}),
        data: Buffer.from(await file.arrayBuffer()),
        idMessage,
      });
      return send(response, 200, { idMessage, urlFile: `http://${request.headers.host ?? '127.0.0.1'}/media/${idInstance}/${fileName}` });
    }
    const raw = await readBody(request);
    let body: Record<string, unknown> = {};
    if (request.method === 'POST') {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return send(response, 400, { message: 'body is not JSON' });
      }
    }
    switch (method) {
      case 'getStateInstance':
        return send(response, 200, { stateInstance: instance.state });
      case 'lastIncomingMessages': {
        if (request.method !== 'GET') return send(response, 405, { message: 'use GET' });
        const minutes = Number(new URL(request.url ?? '', 'http://fake').searchParams.get('minutes') ?? 1440);
        if (!Number.isInteger(minutes) || minutes < 1) return send(response, 400, { message: 'minutes is invalid' });
        const since = Date.now() / 1000 - minutes * 60;
        // Newest first, as the journal lists them.
        return send(response, 200, instance.journal.filter((entry) => Number(entry.timestamp) >= since).reverse());
      }
      case 'getSettings':
        return send(response, 200, { wid: instance.wid, ...instance.settings });
      case 'setSettings': {
        if (request.method !== 'POST') return send(response, 405, { message: 'use POST' });
        if (instance.dropSettings > 0) {
          instance.dropSettings -= 1;
          return send(response, 200, { saveSettings: true });
        }
        for (const [key, value] of Object.entries(body)) {
          if (typeof value !== 'string') return send(response, 400, { message: `${key} must be a string` });
          instance.settings[key] = value;
        }
        return send(response, 200, { saveSettings: true });
      }
      case 'sendMessage': {
        if (request.method !== 'POST') return send(response, 405, { message: 'use POST' });
        const { chatId, message, quotedMessageId } = body;
        if (typeof chatId !== 'string' || !/^\d+@(c|g)\.us$/.test(chatId)) return send(response, 400, { message: 'chatId is invalid' });
        if (typeof message !== 'string' || message.length === 0 || message.length > 20_000) return send(response, 400, { message: 'message is invalid' });
        const failure = instance.failSends.shift();
        if (failure !== undefined) return send(response, failure, { message: 'fake failure' });
        const idMessage = randomBytes(10).toString('hex').toUpperCase();
        instance.sent.push({ chatId, message, ...(typeof quotedMessageId === 'string' ? { quotedMessageId } : {}), idMessage });
        send(response, 200, { idMessage });
        // Green API reports messages sent through the API back as outgoingAPIMessageReceived.
        if (instance.settings.outgoingAPIMessageWebhook === 'yes' && typeof instance.settings.webhookUrl === 'string' && instance.settings.webhookUrl !== '') {
          void deliver(idInstance, {
            typeWebhook: 'outgoingAPIMessageReceived',
            instanceData: { idInstance: Number(idInstance), wid: instance.wid, typeInstance: 'whatsapp' },
            timestamp: Math.floor(Date.now() / 1000),
            idMessage,
            senderData: { chatId, chatName: '', sender: instance.wid, senderName: '', senderContactName: '' },
            messageData: { typeMessage: 'extendedTextMessage', extendedTextMessageData: { text: message, description: '', title: '', previewType: 'None', jpegThumbnail: '', forwardingScore: 0, isForwarded: false } },
          }).catch(() => undefined);
        }
        return;
      }
      default:
        return send(response, 404, { message: `unknown method ${method}` });
    }
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  async function receive(idInstance: string, body: Record<string, unknown>): Promise<{ status: number; body: unknown } | undefined> {
    const instance = instances.get(idInstance);
    if (!instance) throw new Error(`fake Green API: no instance ${idInstance}`);
    const timestamp = Math.floor(Date.now() / 1000);
    const sender = body.senderData as Record<string, unknown>;
    const data = body.messageData as Record<string, unknown>;
    const text = (data.textMessageData as { textMessage?: string } | undefined)?.textMessage ?? (data.extendedTextMessageData as { text?: string } | undefined)?.text;
    instance.journal.push({
      type: 'incoming',
      idMessage: body.idMessage,
      timestamp,
      typeMessage: data.typeMessage,
      chatId: sender.chatId,
      senderId: sender.sender,
      senderName: sender.senderName,
      senderContactName: sender.senderContactName,
      ...(text !== undefined ? { textMessage: text } : {}),
    });
    if (instance.webhooksSilenced) return undefined;
    return deliver(idInstance, { ...body, timestamp });
  }

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    receive,
    async changeState(idInstance, state) {
      const instance = instances.get(idInstance);
      if (!instance) throw new Error(`fake Green API: no instance ${idInstance}`);
      instance.state = state;
      if (instance.settings.stateWebhook !== 'yes') return;
      await deliver(idInstance, {
        typeWebhook: 'stateInstanceChanged',
        instanceData: { idInstance: Number(idInstance), wid: instance.wid, typeInstance: 'whatsapp' },
        timestamp: Math.floor(Date.now() / 1000),
        stateInstance: state,
      });
    },
    addInstance(init = {}) {
      const idInstance = init.idInstance ?? String(nextInstance++);
      const instance: FakeInstance = {
        idInstance,
        apiTokenInstance: init.apiTokenInstance ?? randomBytes(25).toString('hex'),
        wid: init.wid ?? '79990001122@c.us',
        state: init.state ?? 'authorized',
        // Green API's defaults for a new instance.
        settings: { webhookUrl: '', webhookUrlToken: '', incomingWebhook: 'yes', outgoingAPIMessageWebhook: 'yes', stateWebhook: 'no', delaySendMessagesMilliseconds: 5000 },
        sent: [],
        sentFiles: [],
        dropSettings: 0,
        failSends: [],
        journal: [],
        webhooksSilenced: false,
      };
      instances.set(idInstance, instance);
      return instance;
    },
    instance(idInstance) {
      const instance = instances.get(idInstance);
      if (!instance) throw new Error(`fake Green API: no instance ${idInstance}`);
      return instance;
    },
    deliver,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Webhook bodies built from Green API's documented examples, for one instance and chat. Files are
 * served by the fake Green API at `mediaBase` (its url), as Green API's storage serves downloadUrl.
 */
export function greenApiWebhooks(
  instance: { idInstance: string; wid: string },
  mediaBase: string,
  sender = { chatId: '79001234568@c.us', name: 'GREEN-API' },
) {
  const envelope = <D extends object>(idMessage: string, messageData: D) => ({
    typeWebhook: 'incomingMessageReceived',
    instanceData: { idInstance: Number(instance.idInstance), wid: instance.wid, typeInstance: 'whatsapp' },
    timestamp: 1588091580,
    idMessage,
    senderData: { chatId: sender.chatId, sender: sender.chatId, chatName: sender.name, senderName: sender.name, senderContactName: sender.name },
    messageData,
  });
  const file = (typeMessage: string, fileName: string, mimeType: string, caption: string) => ({
    typeMessage,
    fileMessageData: {
      downloadUrl: `${mediaBase}/media/${instance.idInstance}/${fileName}`,
      caption,
      fileName,
      jpegThumbnail: '/9j/4AAQSkZJRgABAQAAAQABAAD',
      isAnimated: false,
      mimeType,
      forwardingScore: 0,
      isForwarded: false,
    },
  });
  return {
    text: (idMessage: string, text = 'I use GREEN-API to send this message to you!') => envelope(idMessage, { typeMessage: 'textMessage', textMessageData: { textMessage: text } }),
    extendedText: (idMessage: string) =>
      envelope(idMessage, {
        typeMessage: 'extendedTextMessage',
        extendedTextMessageData: {
          text: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
          description: 'Rick Astley - Never Gonna Give You Up',
          title: 'YouTube',
          previewType: 'None',
          jpegThumbnail: '/9j/4AAQSkZJRgABAQAAAQABAAD',
          forwardingScore: 0,
          isForwarded: false,
        },
      }),
    quoted: (idMessage: string) =>
      envelope(idMessage, {
        typeMessage: 'quotedMessage',
        extendedTextMessageData: { text: 'Reply to the quote', stanzaId: 'BAE5F4886F6F2D05', participant: '79001234567@c.us' },
        quotedMessage: { stanzaId: 'BAE5F4886F6F2D05', participant: '79001234567@c.us', typeMessage: 'textMessage', textMessage: 'This is the quote' },
      }),
    image: (idMessage: string) => envelope(idMessage, file('imageMessage', 'c1aabd48-c1c2-49b1-8f2d-f575a41777be.jpg', 'image/jpeg', 'Image')),
    video: (idMessage: string) => envelope(idMessage, file('videoMessage', 'b0f4f8a9-2d1e-4c3b-9b7a-7a2f1e0c9d11.mp4', 'video/mp4', 'Video')),
    audio: (idMessage: string) => envelope(idMessage, file('audioMessage', '3f1e2d4c-5b6a-4798-8a9b-0c1d2e3f4a5b.oga', 'audio/ogg; codecs=opus', '')),
    document: (idMessage: string) => envelope(idMessage, file('documentMessage', 'Report.pdf', 'application/pdf', 'Document')),
    location: (idMessage: string) =>
      envelope(idMessage, {
        typeMessage: 'locationMessage',
        locationMessageData: { nameLocation: 'Restaurant', address: '123456, Perm', jpegThumbnail: '/9j/4AAQSkZJRgABAQAAAQABAAD', latitude: 12.3456789, longitude: 10.1112131 },
      }),
    contact: (idMessage: string) =>
      envelope(idMessage, {
        typeMessage: 'contactMessage',
        contactMessageData: { displayName: 'GREEN-API', vcard: 'BEGIN:VCARD\nVERSION:3.0\nFN:GREEN-API\nTEL;type=CELL;type=VOICE;waid=79001234567:+7 900 123-45-67\nEND:VCARD' },
      }),
    poll: (idMessage: string) =>
      envelope(idMessage, { typeMessage: 'pollMessage', pollMessageData: { name: 'Lunch?', options: [{ optionName: 'Yes' }, { optionName: 'No' }], multipleAnswers: false } }),
    state: (stateInstance: string, timestamp = 1586700690) => ({
      typeWebhook: 'stateInstanceChanged',
      instanceData: { idInstance: Number(instance.idInstance), wid: instance.wid, typeInstance: 'whatsapp' },
      timestamp,
      stateInstance,
    }),
  };
}
