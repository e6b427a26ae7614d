import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway-error.js';
import { isLoopbackAddress } from './is-loopback-address.js';

/**
 * Until dashboard login exists, the admin API answers only to this machine: it can read and
 * change provider credentials.
 */
export async function loopbackOnlyHook(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!isLoopbackAddress(request.socket.remoteAddress)) {
    throw new GatewayError('forbidden', 'The admin API is only reachable from this machine (loopback)', { status: 403, type: 'permission_error' });
  }
}
