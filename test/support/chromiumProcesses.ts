import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid of a process, from /proc (Linux), or undefined when it is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** Chromium processes descending from `root` (default: this process): what a finished scrape must not leave. */
export function chromiumDescendants(root = process.pid): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === root) continue;
    if (!/chrom/i.test(commandOf(pid))) continue;
    let parent = parentOf(pid);
    for (let depth = 0; parent !== undefined && parent > 1 && depth < 20; depth += 1) {
      if (parent === root) {
        found.push(pid);
        break;
      }
      parent = parentOf(parent);
    }
  }
  return found;
}
