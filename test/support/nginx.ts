import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { access, chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './processes.js';

/** Debian's nginx, installed by .ci/run. */
export const NGINX_BINARY = '/usr/sbin/nginx';
const root = fileURLToPath(new URL('../..', import.meta.url));
/** The site configuration the deploy kit ships. */
export const NGINX_TEMPLATE = path.join(root, 'deploy/nginx/hookbot.conf.template');

const placeholder = /\$\{([A-Z][A-Z0-9_]*)\}/g;

/** The shipped template with its placeholders filled, as envsubst does; each must be given, and only those. */
export async function renderNginxSite(values: Record<string, string>): Promise<string> {
  const template = await readFile(NGINX_TEMPLATE, 'utf8');
  const names = new Set([...template.matchAll(placeholder)].map((match) => match[1]!));
  const missing = [...names].filter((name) => values[name] === undefined);
  const unknown = Object.keys(values).filter((name) => !names.has(name));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(`${NGINX_TEMPLATE}: placeholders not given: [${missing.join(', ')}]; given but not in the template: [${unknown.join(', ')}]`);
  }
  return template.replace(placeholder, (_, name: string) => values[name]!);
}

/** A self-signed certificate for 127.0.0.1 and `domain`, made with openssl (installed by .ci/run). */
export async function selfSignedCertificate(dir: string, domain: string): Promise<{ cert: string; key: string; pem: string }> {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${domain}`,
    '-addext', `subjectAltName=DNS:${domain},IP:127.0.0.1`,
  ]);
  return { cert, key, pem: await readFile(cert, 'utf8') };
}

export interface RunningNginx {
  /** https://127.0.0.1:PORT */
  httpsUrl: string;
  /** http://127.0.0.1:PORT */
  httpUrl: string;
  /** The certificate nginx presents, to trust in the client. */
  certificate: string;
  accessLog(): Promise<string>;
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Debian's nginx in front of the given web processes, configured by the shipped template: its own
 * prefix, temp folders, pid file and logs in a temporary folder, listening on free 127.0.0.1
 * ports, as a child process (not a daemon) so it ends with the test. Fails when nginx is missing.
 */
export async function startNginx(upstreams: Record<string, string>): Promise<RunningNginx> {
  await access(NGINX_BINARY).catch(() => {
    throw new Error(`${NGINX_BINARY} not found: install Debian's nginx (apt-get install nginx; .ci/run does)`);
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'hookbot-nginx-'));
  // nginx's workers run as an unprivileged user when the tests run as root: they must reach it.
  await chmod(dir, 0o755);
  const domain = 'hookbot.test';
  const tls = await selfSignedCertificate(dir, domain);
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const site = await renderNginxSite({
    HOOKBOT_DOMAIN: domain,
    HOOKBOT_HTTP_LISTEN: `127.0.0.1:${httpPort}`,
    HOOKBOT_HTTPS_LISTEN: `127.0.0.1:${httpsPort}`,
    HOOKBOT_TLS_CERT: tls.cert,
    HOOKBOT_TLS_KEY: tls.key,
    // HOOKBOT_WEB_1, HOOKBOT_WEB_2, ...: host:port of each web process.
    ...upstreams,
    HOOKBOT_ACCESS_LOG: path.join(dir, 'access.log'),
    HOOKBOT_ERROR_LOG: path.join(dir, 'error.log'),
  });
  await writeFile(path.join(dir, 'hookbot.conf'), site);
  // What Debian's /etc/nginx/nginx.conf (or the official image's) provides around a site file.
  await writeFile(
    path.join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      `error_log ${path.join(dir, 'error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      `  client_body_temp_path ${path.join(dir, 'client_body')};`,
      `  proxy_temp_path ${path.join(dir, 'proxy')};`,
      `  fastcgi_temp_path ${path.join(dir, 'fastcgi')};`,
      `  uwsgi_temp_path ${path.join(dir, 'uwsgi')};`,
      `  scgi_temp_path ${path.join(dir, 'scgi')};`,
      `  include ${path.join(dir, 'hookbot.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(NGINX_BINARY, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const orphanGuard = () => child.kill('SIGTERM');
  // If the test process dies first, nginx must not live on holding its ports.
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const errorLog = () => readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '');
  const deadline = Date.now() + 30_000;
  while (!(await accepts(httpsPort))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start (exit ${child.exitCode}):\n${output}\n${await errorLog()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    httpsUrl: `https://127.0.0.1:${httpsPort}`,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    certificate: tls.pem,
    accessLog: () => readFile(path.join(dir, 'access.log'), 'utf8').catch(() => ''),
    errorLog,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGQUIT: finish the requests in flight, then exit.
        child.kill('SIGQUIT');
        await once(child, 'exit');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
