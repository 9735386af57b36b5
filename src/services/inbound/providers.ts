import type { HandlerResult, InboundRequest } from '../../../handlers/types.js';
import type { EndpointOwner } from '../../../models/endpoints.js';

/**
 * What the hooks route needs of a provider: accept a request that reached one of its endpoints.
 * The pure handler in handlers/ does the parsing and verifying; accept() may first do the I/O
 * it needs (the endpoint's stored secret, the provider's signing keys).
 */
export interface InboundProvider {
  accept(request: InboundRequest, owner: EndpointOwner): HandlerResult<unknown> | Promise<HandlerResult<unknown>>;
}

/** Providers reachable under /hooks/<provider>/<token>, by name. */
export type InboundProviders = ReadonlyMap<string, InboundProvider>;
