import pg from 'pg';
import { startTemporaryPostgres, type TemporaryPostgres } from '../test/support/postgres.js';
import { spawnUntilReady, type ReadyProcess } from '../test/support/processes.js';

/** A real PostgreSQL with production durability (fsync on), in a temporary folder. */
export function startPostgres(): Promise<TemporaryPostgres> {
  return startTemporaryPostgres({ fsync: true, maxConnections: 200 });
}

/** The V8 flags of package.json's start scripts, the Dockerfile and the systemd units. */
export const RUNTIME_FLAGS = ['--max-semi-space-size=32'];

export interface Child extends ReadyProcess {
  stop(): Promise<void>;
}

/** Starts a target as its own process; one that dies mid-run is reported, not silently hammered. */
export async function startProcess(script: string, args: string[], env: Record<string, string>): Promise<Child> {
  // BENCH_PROFILE_DIR=/some/dir writes a CPU profile of every target (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  // Every target runs with the Node flags `npm start` and the deploy kit give Hookbot.
  const child = await spawnUntilReady(script, args, env, [...RUNTIME_FLAGS, ...profile]);
  let stopping = false;
  child.process.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`[bench] ${script} exited unexpectedly (${code ?? signal}):\n${child.output()}\n`);
  });
  return {
    ...child,
    async stop() {
      stopping = true;
      await child.kill('SIGTERM');
    },
  };
}

export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of cells.slice(1)) console.log(line(row));
}

/**
 * Starts `send(i)` at `rate` a second, for i = 0 … rate × seconds − 1, each on its schedule
 * whatever the earlier ones take (an open-loop load, as real senders make), and resolves once all
 * have settled.
 */
export async function atSteadyRate(rate: number, seconds: number, send: (i: number) => unknown): Promise<void> {
  const pending: unknown[] = [];
  const started = Date.now();
  for (let i = 0; i < rate * seconds; i += 1) {
    const wait = started + (i * 1000) / rate - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(i));
  }
  await Promise.all(pending);
}

/** A line on stderr while a bench runs (the tables go to stdout). */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** A figure for a table: two decimals below 10, whole above; '-' when there is none. */
export const fmt = (n: number): string => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 0) : '-');
