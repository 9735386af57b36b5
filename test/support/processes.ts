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

/**
 * Runs a TypeScript entry point of this repository (through tsx) on a free port, and resolves
 * once it prints "Hookbot is running": how tests and benchmarks start a Hookbot of their own.
 */
export async function spawnUntilReady(
  script: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ReadyProcess> {
  // Port 0: the process binds whatever is free and logs where. A port picked here and handed over
  // could be taken by another socket in between (tests run in parallel).
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(root, script), ...args], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 60 s:\n${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Hookbot is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
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
