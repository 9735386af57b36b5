import { readdir, readFile, writeFile } from 'node:fs/promises';

/** How Playwright's Chromium is told apart from other children of this process (a test's PostgreSQL). */
const BROWSER_FLAG = '--remote-debugging-pipe';

async function parentOf(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
  } catch {
    return undefined; // gone meanwhile
  }
}

/** The browsers this process started (Playwright's Chromium, not e.g. a test's PostgreSQL). */
async function browserRoots(): Promise<number[]> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const roots: number[] = [];
  await Promise.all(
    entries
      .map(Number)
      .filter((pid) => Number.isInteger(pid) && pid > 0)
      .map(async (pid) => {
        if ((await parentOf(pid)) !== process.pid) return;
        const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
        if (commandLine.split('\0').includes(BROWSER_FLAG)) roots.push(pid);
      }),
  );
  return roots;
}

/**
 * Lowers the CPU priority of the Chromium this process started (Linux). On a small machine the
 * renderers would otherwise take the cores the control plane needs to store results and deliver
 * webhooks at once: niced, the browser still gets every idle cycle, but a woken Hookbot or
 * PostgreSQL runs first.
 *
 * Playwright starts the browser in a session of its own, and the kernel schedules a session as
 * one group (autogroup): the group's nice value weighs the whole browser, renderers started later
 * included, as one niced task. Nice values per thread would not do: Chromium sets its threads'
 * own (5, 0, even -8 as root) on the renderers it starts, and niced hub processes (the browser's
 * I/O thread, the network service) would only starve behind its renderers. Where sessions are not
 * grouped (autogroup off, or a CPU cgroup decides) this changes nothing.
 */
export async function lowerBrowserPriority(nice: number): Promise<void> {
  if (process.platform !== 'linux' || nice <= 0) return;
  for (const root of await browserRoots()) await writeFile(`/proc/${root}/autogroup`, String(nice)).catch(() => undefined);
}
