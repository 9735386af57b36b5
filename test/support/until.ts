/**
 * Polls until `check` holds, or throws naming `what` after `timeoutMs` (a function is asked then,
 * to say what was still missing). The timeouts are generous because the machine may be loaded:
 * they bound a hang, they are not speed targets.
 */
export async function until(what: string | (() => string), check: () => boolean | Promise<boolean>, timeoutMs = 20_000, intervalMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${typeof what === 'function' ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** `until` with the argument order the conversation and scrape helpers use. */
export function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string | (() => string)): Promise<void> {
  return until(what, check, timeoutMs, 50);
}
