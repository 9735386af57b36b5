/** Socket-level failures: nobody answers at the address, or the connection broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  // A Unix socket whose server is not running has no file.
  'ENOENT',
]);

/**
 * SQLSTATEs of a server that is going away or not there yet: class 08 (connection exception),
 * admin/crash shutdown, "the database system is starting up", too many connections.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres's own words for a connection it lost or never got. */
const CLIENT_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|is not queryable|Client was closed|Connection ended unexpectedly/i;

/**
 * Whether an error means "the database cannot be reached right now" (worth retrying, and a 503 to
 * a caller) rather than a refused statement. Looks through wrappers (drizzle's query errors carry
 * the driver's error as `cause`; a connect to several addresses fails with an AggregateError).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08')) return true;
    // A SQLSTATE that says anything else is an answer from a working server.
    if (/^[0-9A-Z]{5}$/.test(code)) return false;
  }
  if (CLIENT_MESSAGES.test(error.message)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable((error as { cause?: unknown }).cause, depth + 1);
}
