import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ReadyProcess {
  url: string;
  process: ChildProcess;
  output(): string;
  /** Sends the signal and resolves with the exit code (null when it ended by a signal). */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<ChildProcess>();
// If the test or bench process dies first, what it started must not live on as orphans.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The address from the process's "HTTP server listening" log line; empty without the web role. */
function listeningUrl(output: string): string {
  for (const line of output.split('\n')) {
    if (!line.includes('HTTP server listening')) continue;
    const { url } = JSON.parse(line) as { url?: string };
    if (url) return url;
  }
  return '';
}

export interface SpawnOptions {
  /** Another checkout of this repository to run the script from (its own node_modules); default: this one. */
  checkout?: string;
  /** Sees the output as it comes, e.g. to act on a log line while the process is starting. */
  onOutput?: (text: string) => void;
}

/** `node <nodeArgs>` in `cwd` on a free port, tracked so that it is ended with the test run. */
function spawnNode(nodeArgs: string[], env: Record<string, string>, cwd: string): ChildProcess {
  // Port 0: the process binds whatever is free and logs where. A port picked here and handed over
  // could be taken by another socket in between (tests run in parallel).
  const child = spawn(process.execPath, nodeArgs, {
    cwd,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function spawnScript(script: string, args: string[], env: Record<string, string>, nodeArgs: string[], checkout = root): ChildProcess {
  return spawnNode([...nodeArgs, '--import', 'tsx', path.join(checkout, script), ...args], env, checkout);
}

/** Runs a TypeScript entry point of this repository to its end: its exit code and what it wrote where. */
export async function runToCompletion(
  script: string,
  args: string[],
  env: Record<string, string>,
  options: SpawnOptions = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnScript(script, args, env, [], options.checkout);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/**
 * Runs a TypeScript entry point of this repository (through tsx) on a free port, and resolves
 * once it prints "Hookbot is running": how tests and benchmarks start a Hookbot of their own.
 */
export function spawnUntilReady(
  script: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
  options: SpawnOptions = {},
): Promise<ReadyProcess> {
  return waitUntilReady(spawnScript(script, args, env, nodeArgs, options.checkout), script, options);
}

/**
 * Runs `node <nodeArgs>` (e.g. the compiled `dist/src/main.js`, without tsx) the same way, in
 * `cwd` (default: the repository).
 */
export function spawnNodeUntilReady(nodeArgs: string[], env: Record<string, string>, cwd = root): Promise<ReadyProcess> {
  const script = nodeArgs.find((arg) => /\.[jt]s$/.test(arg)) ?? 'node';
  return waitUntilReady(spawnNode(nodeArgs, env, cwd), script, {});
}

async function waitUntilReady(child: ChildProcess, script: string, options: SpawnOptions): Promise<ReadyProcess> {
  let output = '';
  const seen = (chunk: Buffer) => {
    output += chunk.toString();
    options.onOutput?.(output);
  };
  await new Promise<void>((resolve, reject) => {
    // Generous: the machine may be loaded; a process that never gets ready is stopped, not left behind.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${script} did not start within 180 s:\n${output}`));
    }, 180_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen(chunk);
      if (output.includes('Hookbot is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', seen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    url: listeningUrl(output),
    process: child,
    output: () => output,
    async kill(signal) {
      // A process ended by a signal has no exit code, only a signal code.
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}
