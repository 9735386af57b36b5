/**
 * The one retry rule: the wait doubles with every attempt from `baseMs` up to `maxMs`, with ±20 %
 * jitter so that processes which lost the same thing at once (a database restart) do not all come
 * back in the same millisecond. `attempt` counts from 1.
 */
export function backoffMs(attempt: number, { baseMs = 250, maxMs = 10_000 }: { baseMs?: number; maxMs?: number } = {}): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(exponential * (0.8 + Math.random() * 0.4));
}
