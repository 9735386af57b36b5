/**
 * Tiny HTTP proxies on 127.0.0.1, as a scraper's proxy provider runs them (RFC 9110 forward
 * proxying of absolute-form requests, CONNECT tunnels, Basic proxy authentication with 407 and
 * Proxy-Authenticate):
 *
 * - `startFakeProxy({ username, password })`: forwards what carries the right Proxy-Authorization;
 *   without it, 407 (the browser then sends the credentials).
 * - `startFakeProxy({ refuse: true })`: answers every request with 407, whatever it carries.
 * - `deadProxyPort()`: a port nobody listens on (connection refused).
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';

export interface FakeProxy {
  port: number;
  /** Requests and tunnels it carried through (not those it refused). */
  forwarded: string[];
  /** Requests it answered with 407. */
  refused: number;
  /** `http://user:pass@127.0.0.1:<port>` (or without credentials). */
  url(credentials?: { username: string; password: string }): string;
  close(): Promise<void>;
}

export interface FakeProxyOptions {
  username?: string;
  password?: string;
  /** Refuse everything with 407. */
  refuse?: boolean;
}

export async function startFakeProxy(options: FakeProxyOptions = {}): Promise<FakeProxy> {
  const forwarded: string[] = [];
  let refused = 0;
  const expected = options.username ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}` : undefined;
  const allowed = (header: string | undefined) => !options.refuse && (expected === undefined || header === expected);
  const sockets = new Set<Socket>();

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (!allowed(request.headers['proxy-authorization'])) {
      refused += 1;
      response.writeHead(407, { 'proxy-authenticate': 'Basic realm="fake-proxy"', 'content-type': 'text/html' });
      response.end('<html><body>Proxy Authentication Required</body></html>');
      return;
    }
    let target: URL;
    try {
      target = new URL(request.url ?? '');
    } catch {
      response.writeHead(400);
      response.end('absolute-form request expected');
      return;
    }
    forwarded.push(`${request.method} ${target.href}`);
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest(
      { host: target.hostname, port: target.port || 80, method: request.method, path: `${target.pathname}${target.search}`, headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });

  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (!allowed(request.headers['proxy-authorization'])) {
      refused += 1;
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="fake-proxy"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host = '', port = '443'] = (request.url ?? '').split(':');
    forwarded.push(`CONNECT ${request.url ?? ''}`);
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    forwarded,
    get refused() {
      return refused;
    },
    url: (credentials) =>
      credentials ? `http://${encodeURIComponent(credentials.username)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}` : `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port that was free a moment ago and is closed now: connecting to it is refused. */
export async function deadProxyPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
