import { lookup } from 'node:dns/promises';
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export class ForbiddenAddressError extends Error {
  constructor(host: string, address: string, range: string) {
    super(`${host} resolves to ${address} (${range}), which webhooks may not reach`);
    this.name = 'ForbiddenAddressError';
  }
}

/** The kind of an address, when it is one a webhook must not reach (anything but public unicast). */
export function forbiddenRange(address: string): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return 'not an address';
  }
  // ::ffff:10.0.0.1 is 10.0.0.1.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  // Everything else: private, loopback, linkLocal (169.254.169.254, the cloud metadata service),
  // uniqueLocal, carrierGradeNat, unspecified, multicast, reserved, 6to4/teredo tunnels...
  return range === 'unicast' ? undefined : range;
}

export type HostResolver = (host: string) => Promise<string[]>;

/** The system resolver (hosts file included), or the given DNS servers. */
export function hostResolver(dnsServers: string[]): HostResolver {
  if (dnsServers.length === 0) {
    return async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  }
  const resolver = new Resolver({ timeout: 3_000, tries: 2 });
  resolver.setServers(dnsServers);
  return async (host) => {
    const answers = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
    const addresses = answers.flatMap((answer) => (answer.status === 'fulfilled' ? answer.value : []));
    if (addresses.length === 0) {
      const reason = answers.find((answer) => answer.status === 'rejected')?.reason as Error | undefined;
      throw new Error(`cannot resolve ${host}${reason ? `: ${reason.message}` : ''}`);
    }
    return addresses;
  };
}

/**
 * Where a connection to `host` may go: every address it resolves to must be allowed (a name
 * with one private address among public ones is refused, as an attacker could pick which one
 * we use). Returns the address to connect to, so what was checked is what is used.
 */
export async function allowedAddress(host: string, resolve: HostResolver, allowPrivate: boolean): Promise<string> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [bare] : await resolve(bare);
  if (addresses.length === 0) throw new Error(`cannot resolve ${bare}`);
  if (!allowPrivate) {
    for (const address of addresses) {
      const range = forbiddenRange(address);
      if (range) throw new ForbiddenAddressError(bare, address, range);
    }
  }
  return addresses[0]!;
}

/** A webhook URL a user may give: http(s), no credentials, a host that resolves to allowed addresses. */
export async function checkWebhookUrl(raw: string, resolve: HostResolver, allowPrivate: boolean): Promise<string | undefined> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'webhook_url is not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'webhook_url must be an http:// or https:// URL';
  if (url.username || url.password) return 'webhook_url must not contain credentials';
  try {
    await allowedAddress(url.hostname, resolve, allowPrivate);
  } catch (error) {
    return `webhook_url is not allowed: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}
