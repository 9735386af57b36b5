import { isIP } from 'node:net';
import { forbiddenRange } from './services/webhooks/addressGuard.js';

/**
 * Why TradingView (or any outside service) could not reach the personal URLs built from
 * PUBLIC_URL. TradingView posts only to ports 80 and 443, from the internet.
 */
export type PublicUrlProblem =
  /** PUBLIC_URL is not set, so the URLs point at this machine's localhost. */
  | 'unset'
  /** localhost, 127.0.0.0/8, ::1, 0.0.0.0: this machine only. */
  | 'loopback'
  /** A private, carrier-grade NAT or other non-public address, or a name only a local network knows. */
  | 'private'
  /** 169.254.0.0/16, fe80::/10: this network segment only. */
  | 'link-local'
  /** A port other than 80 and 443. */
  | 'port'
  /** Plain http to a public host: the URL's secret token travels unencrypted. */
  | 'plain-http';

/** Names that resolve only inside a local network (RFC 6762, RFC 8375, common conventions). */
const LOCAL_SUFFIXES = ['.local', '.localdomain', '.lan', '.home', '.internal', '.intranet', '.corp', '.home.arpa'];

function hostProblem(hostname: string): PublicUrlProblem | undefined {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  if (isIP(host)) {
    const range = forbiddenRange(host);
    if (range === undefined) return undefined;
    if (range === 'loopback' || range === 'unspecified') return 'loopback';
    if (range === 'linkLocal') return 'link-local';
    return 'private';
  }
  if (!host.includes('.') || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return 'private';
  return undefined;
}

/** Everything that keeps PUBLIC_URL from being reachable from outside; empty when it looks right. */
export function publicUrlProblems(http: { publicUrl: string; publicUrlIsDefault: boolean }): PublicUrlProblem[] {
  if (http.publicUrlIsDefault) return ['unset'];
  const url = new URL(http.publicUrl);
  const problems: PublicUrlProblem[] = [];
  const host = hostProblem(url.hostname);
  if (host) problems.push(host);
  // URL drops a port that is the scheme's default, so an empty port means 80 for http, 443 for https.
  if (url.port !== '' && url.port !== '80' && url.port !== '443') problems.push('port');
  if (url.protocol === 'http:' && !host) problems.push('plain-http');
  return problems;
}

/** The start-up line, in English for the operator's log. */
export const PUBLIC_URL_PROBLEM_TEXT: Record<PublicUrlProblem, string> = {
  unset: 'PUBLIC_URL is not set',
  loopback: 'it points at this machine (localhost)',
  private: 'it is a private or local-network address',
  'link-local': 'it is a link-local address',
  port: 'TradingView posts only to ports 80 and 443',
  'plain-http': 'it is plain http: the secret URLs travel unencrypted',
};
