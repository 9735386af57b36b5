/**
 * A user's webhook receiver: a real HTTP server on 127.0.0.1 that checks every request's
 * Standard Webhooks signature with the `standardwebhooks` package (not our code), and can be
 * told to fail, to hang, or to go down and come back on the same port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  at: number;
  headers: Record<string, string>;
  body: string;
  payload: Record<string, unknown>;
  /** The signature checked out with the user's secret. */
  verified: boolean;
  verifyError?: string;
  /** What the receiver answered (0: it hung up without answering). */
  answered: number;
}

export interface WebhookReceiver {
  url: string;
  /** Every request that reached the handler, in arrival order. */
  requests: ReceivedWebhook[];
  /** Requests answered 2xx, in arrival order. */
  accepted(): ReceivedWebhook[];
  setSecret(secret: string): void;
  /** The next `count` requests get this status. */
  failNext(count: number, status?: number): void;
  /** Requests are held this long before being answered (0: answer at once). */
  setHang(ms: number): void;
  /** Closes the port (connections refused) until start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
  waitFor(predicate: (requests: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  let secret = '';
  let failures: number[] = [];
  let hangMs = 0;
  const requests: ReceivedWebhook[] = [];
  const sockets = new Set<Socket>();
  let port = 0;
  let server: Server | undefined;

  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)]));
      const entry: ReceivedWebhook = { at: Date.now(), headers, body, payload: {}, verified: false, answered: 0 };
      try {
        entry.payload = new Webhook(secret).verify(body, headers) as Record<string, unknown>;
        entry.verified = true;
      } catch (error) {
        entry.verifyError = error instanceof Error ? error.message : String(error);
        try {
          entry.payload = JSON.parse(body) as Record<string, unknown>;
        } catch {
          entry.payload = {};
        }
      }
      requests.push(entry);
      const status = failures.length > 0 ? failures.shift()! : entry.verified ? 200 : 401;
      const answer = () => {
        if (response.destroyed) return;
        entry.answered = status;
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ok: status < 300 }));
      };
      if (hangMs > 0) setTimeout(answer, hangMs);
      else answer();
    });
  };

  async function start(): Promise<void> {
    server = createServer(handler);
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }

  async function stop(): Promise<void> {
    const current = server;
    server = undefined;
    if (!current) return;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  await start();
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    accepted: () => requests.filter((request) => request.answered >= 200 && request.answered < 300),
    setSecret: (value) => {
      secret = value;
    },
    failNext: (count, status = 500) => {
      failures = [...failures, ...Array.from({ length: count }, () => status)];
    },
    setHang: (ms) => {
      hangMs = ms;
    },
    stop,
    start,
    async waitFor(predicate, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(requests)) {
        if (Date.now() > deadline) throw new Error(`webhook receiver: timed out; got ${requests.length} requests`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: stop,
  };
}
