import { readdir, readFile, writeFile } from 'node:fs/promises';
import { getPriority, setPriority } from 'node:os';

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

/** Chromium processes this process started: the browsers (roots) and all their descendants. */
async function browserProcesses(): Promise<{ roots: number[]; all: number[] }> {
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const parents = new Map<number, number>();
  await Promise.all(
    entries
      .map(Number)
      .filter((pid) => Number.isInteger(pid) && pid > 0)
      .map(async (pid) => {
        const parent = await parentOf(pid);
        if (parent !== undefined) parents.set(pid, parent);
      }),
  );
  const roots: number[] = [];
  for (const [pid, parent] of parents) {
    if (parent !== process.pid) continue;
    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.split('\0').includes(BROWSER_FLAG)) roots.push(pid);
  }
  const inBrowser = (pid: number): boolean => {
    for (let current: number | undefined = pid, depth = 0; current !== undefined && current > 1 && depth < 20; depth += 1) {
      if (roots.includes(current)) return true;
      current = parents.get(current);
    }
    return false;
  };
  return { roots, all: [...parents.keys()].filter(inBrowser) };
}

/**
 * Lowers the CPU priority of the Chromium this process started (Linux). On a small machine the
 * renderers would otherwise take the cores the control plane needs to store results and deliver
 * webhooks at once: niced, the browser still gets every idle cycle, but a woken Hookbot or
 * PostgreSQL runs first.
 *
 * Chromium gives its renderers' threads priorities of its own (nice 5, 0, even -8 as root), so a
 * nice value per thread does not hold. What holds is the kernel's session group (autogroup):
 * Playwright starts the browser in a session of its own, and the group's nice value weighs the
 * whole browser, renderers started later included, as one niced task. Where the kernel has no
 * autogroups (or a cgroup decides instead), the threads running at launch are niced as a fallback.
 */
export async function lowerBrowserPriority(nice: number): Promise<void> {
  if (process.platform !== 'linux' || nice <= 0) return;
  const { roots, all } = await browserProcesses();
  for (const root of roots) await writeFile(`/proc/${root}/autogroup`, String(nice)).catch(() => undefined);
  for (const pid of all) {
    // Linux keeps a nice value per thread: every thread of the process, not only its first.
    const threads = await readdir(`/proc/${pid}/task`).catch(() => [String(pid)]);
    for (const thread of threads) {
      try {
        // Never raised: a thread Chromium already runs lower stays lower.
        setPriority(Number(thread), Math.max(nice, getPriority(Number(thread))));
      } catch {
        // ended meanwhile, or not ours to change: the scrape runs all the same
      }
    }
  }
}
