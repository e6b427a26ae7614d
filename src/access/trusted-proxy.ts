import { BlockList, isIP } from 'node:net';

/**
 * Which peers may speak for the client through `X-Forwarded-For` / `X-Forwarded-Proto`. A
 * placeholder until the access layer's trusted-proxy setting lands: exact addresses and CIDR
 * ranges, IPv4 or IPv6.
 */
export interface TrustedProxies {
  has(address: string | undefined): boolean;
}

function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** Throws on an entry that is neither an IP address nor a CIDR range, naming it. */
export function createTrustedProxies(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.trim().split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`trusted proxy "${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) throw new Error(`trusted proxy "${entry}" has a bad prefix length`);
    list.addSubnet(address, prefix, type);
  }
  return {
    has(address) {
      if (!address || entries.length === 0) return false;
      const candidate = plain(address);
      const family = isIP(candidate);
      if (family === 0) return false;
      return list.check(candidate, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

interface PeerRequest {
  socket: { remoteAddress?: string | undefined; encrypted?: boolean };
  headers: Record<string, string | string[] | undefined>;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The client's address: the socket peer, or, when that peer is a trusted proxy, the rightmost
 * `X-Forwarded-For` entry that is not itself a trusted proxy (entries further left are
 * client-supplied and may be forged).
 */
export function clientAddress(request: PeerRequest, trusted: TrustedProxies): string | undefined {
  const peer = request.socket.remoteAddress;
  if (!trusted.has(peer)) return peer;
  const forwarded = headerValue(request.headers['x-forwarded-for']);
  if (!forwarded) return peer;
  const hops = forwarded.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i]!;
    if (!trusted.has(hop)) return isIP(plain(hop)) === 0 ? peer : hop;
  }
  return hops[0] ?? peer;
}

/** HTTPS end to end as far as we can tell: TLS on our socket, or a trusted proxy saying so. */
export function cameOverHttps(request: PeerRequest, trusted: TrustedProxies): boolean {
  if (request.socket.encrypted === true) return true;
  if (!trusted.has(request.socket.remoteAddress)) return false;
  const proto = headerValue(request.headers['x-forwarded-proto']);
  return proto?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** True when the request names a forwarding proxy: its socket peer is then not the real client. */
export function isForwarded(request: PeerRequest): boolean {
  return request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined || request.headers['x-real-ip'] !== undefined;
}
