import { normalizeIp, type IpMatcher } from './ip-matcher.js';

interface PeerRequest {
  socket: { remoteAddress?: string | undefined; encrypted?: boolean };
  headers: Record<string, string | string[] | undefined>;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * HTTPS end to end as far as we can tell: TLS on our socket, or a trusted proxy
 * (`settings.access.trustedProxies`) saying so in `X-Forwarded-Proto`.
 */
export function cameOverHttps(request: PeerRequest, trusted: IpMatcher): boolean {
  if (request.socket.encrypted === true) return true;
  const peer = normalizeIp(request.socket.remoteAddress ?? '');
  if (trusted.size === 0 || !trusted.matches(peer)) return false;
  const proto = headerValue(request.headers['x-forwarded-proto']);
  return proto?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** True when the request names a forwarding proxy: its socket peer is then not the real client. */
export function isForwarded(request: PeerRequest): boolean {
  return request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined || request.headers['x-real-ip'] !== undefined;
}
