/**
 * Polls until `check` holds, or throws naming `what` after `timeoutMs`. The timeouts are generous
 * because the machine may be loaded: they bound a hang, they are not speed targets.
 */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000, intervalMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** `until` with the argument order the conversation and scrape helpers use. */
export function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  return until(what, check, timeoutMs, 50);
}
