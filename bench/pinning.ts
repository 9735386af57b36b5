import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/**
 * CPU pinning for fair ingress numbers: on two cores, a load generator, Fastify and PostgreSQL
 * that share both cores measure the scheduler more than the server. The load generator (this
 * process) gets one core; the server under test and PostgreSQL get the other.
 */
export const LOAD_CORE = 0;
export const SERVER_CORE = 1;

/** Fails with a line saying what is missing, rather than measuring something else. */
export function requirePinning(): void {
  const probe = spawnSync('taskset', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('bench/ingress needs taskset (util-linux) to pin the load generator and the server to separate cores: apt-get install util-linux');
  }
  if (availableParallelism() < 2) throw new Error(`bench/ingress needs 2 cores to pin the load generator and the server apart; this machine has ${availableParallelism()}`);
}

/** Pins a process and all its threads (-a) to one core; threads and children it starts later inherit it. */
export function pin(pid: number, core: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
}

/** Back on every core: `npm run bench` runs the other benchmarks in this same process afterwards. */
export function unpin(pid: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', `0-${availableParallelism() - 1}`, String(pid)], { stdio: 'ignore' });
}

function stat(pid: number): { ppid: number; cpuTicks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: fields are counted after its ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
    return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // the process has exited
  }
}

function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => stat(pid)?.ppid === parent);
}

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system, ms) used so far by each of these processes, by pid. */
export function cpuMillis(pids: number[]): Map<number, number> {
  const result = new Map<number, number>();
  for (const pid of pids) {
    const info = stat(pid);
    if (info) result.set(pid, (info.cpuTicks * 1000) / TICKS_PER_SECOND);
  }
  return result;
}

/** CPU ms spent between two readings; a process seen only in the second started in between. */
export function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** PostgreSQL's processes: the postmaster and every process it forked (backends, WAL writer, ...). */
export class PostgresProcesses {
  private constructor(readonly postmaster: number) {}

  static async find(adminUrl: string): Promise<PostgresProcesses> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // Read while the backend still lives: it exits with the connection.
    const postmaster = stat(rows[0]!.pid)?.ppid;
    await client.end();
    if (!postmaster) throw new Error('cannot find the PostgreSQL postmaster in /proc');
    return new PostgresProcesses(postmaster);
  }

  pids(): number[] {
    return [this.postmaster, ...childrenOf(this.postmaster)];
  }

  /** Pins the postmaster and its current children; backends forked later inherit the core. */
  pinTo(core: number): void {
    for (const pid of this.pids()) pin(pid, core);
  }
}
