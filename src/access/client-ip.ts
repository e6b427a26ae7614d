import type { FastifyRequest } from 'fastify';
import type { IpMatcher } from './ip-matcher.js';
import { normalizeIp } from './ip-matcher.js';

/**
 * The address of the client, not of a proxy in front of us. X-Forwarded-For is believed only
 * when the socket peer is a trusted proxy, and then read from the right: each hop appends the
 * address it saw, so the first untrusted address from the right is the furthest one we can
 * vouch for (anything left of it was written by the client itself and may be forged).
 */
export function clientIpOf(request: Pick<FastifyRequest, 'headers' | 'socket'>, trustedProxies: IpMatcher | undefined): string {
  const peer = normalizeIp(request.socket.remoteAddress ?? '');
  if (!trustedProxies || trustedProxies.size === 0 || !trustedProxies.matches(peer)) return peer;
  const header = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => normalizeIp(hop))
    .filter((hop) => hop !== '');
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i]!;
    client = hop;
    if (!trustedProxies.matches(hop)) break;
  }
  return client;
}
