import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { allowedAddress, type HostResolver } from './addressGuard.js';

/**
 * An HTTP agent (for fetch's `dispatcher`) that checks the address at connect time: the name is
 * resolved here, every address checked, and the socket opened to the checked address. A name
 * that was public when the job was accepted and points inside later (DNS rebinding) is refused.
 */
export function guardedAgent(resolve: HostResolver, allowPrivate: boolean, connectTimeoutMs = 10_000): Agent {
  const connect = buildConnector({ timeout: connectTimeoutMs });
  return new Agent({
    keepAliveTimeout: 10_000,
    connect: (options, callback) => {
      const host = options.hostname.replace(/^\[|\]$/g, '');
      allowedAddress(host, resolve, allowPrivate).then(
        (address) =>
          connect(
            // TLS still checks the certificate against the name, not the address.
            { ...options, hostname: address, servername: options.servername ?? (isIP(host) ? undefined : host) },
            callback,
          ),
        (error: Error) => callback(error, null),
      );
    },
  });
}
