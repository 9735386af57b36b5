/** The backoff between attempts to place a signal while Bybit is not answering: 1, 2, 4 ... 30 s. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30, 2 ** Math.min(Math.max(attempts, 1) - 1, 5));
}

/**
 * Seconds until the next attempt after `attempts` failed ones, for a signal `ageSeconds` old that
 * expires at `expirySeconds`: the backoff, cut to the time left, so the attempt that gives the
 * signal up comes at the expiry moment rather than up to one backoff step after it.
 */
export function retryDelaySeconds(attempts: number, ageSeconds: number, expirySeconds: number): number {
  return Math.max(0, Math.min(backoffSeconds(attempts), expirySeconds - ageSeconds));
}
