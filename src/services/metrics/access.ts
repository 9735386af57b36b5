import { timingSafeEqual } from 'node:crypto';
import ipaddr from 'ipaddr.js';

type Network = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** `10.0.0.0/8`, `fd00::/8`, or a single address (`192.168.1.5`, `::1`); undefined when it is neither. */
export function parseNetwork(value: string): Network | undefined {
  try {
    if (value.includes('/')) return ipaddr.parseCIDR(value);
    const address = ipaddr.parse(value);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return undefined;
  }
}

export type MetricsAccess = 'allowed' | 'disabled' | 'denied';

/**
 * Who may read /metrics: a bearer token, or a client address in the admin networks (either one
 * is enough). With neither configured the route is closed: metrics tell an outsider a lot.
 */
export function metricsGate(settings: { token: string | undefined; allowFrom: string[] }): (authorization: string | undefined, ip: string) => MetricsAccess {
  const networks = settings.allowFrom.map(parseNetwork).filter((network): network is Network => network !== undefined);
  const expected = settings.token ? Buffer.from(`Bearer ${settings.token}`) : undefined;
  return (authorization, ip) => {
    if (!expected && networks.length === 0) return 'disabled';
    if (expected && authorization) {
      const given = Buffer.from(authorization);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return 'allowed';
    }
    if (networks.length > 0 && ipaddr.isValid(ip)) {
      // An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d.
      const address = ipaddr.process(ip);
      if (networks.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits))) return 'allowed';
    }
    return 'denied';
  };
}
