import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is the IPv4 address 10.0.0.1. */
export function normalizeIp(address: string): string {
  const lower = address.trim().toLowerCase();
  if (lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4) return lower.slice(7);
  return lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
}

function parseCidr(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [rawAddress, rawPrefix, extra] = text.trim().split('/');
  if (rawAddress === undefined || extra !== undefined) return undefined;
  const address = normalizeIp(rawAddress);
  const version = isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  if (rawPrefix !== undefined && !/^\d{1,3}$/.test(rawPrefix)) return undefined;
  const prefix = rawPrefix === undefined ? max : Number(rawPrefix);
  if (prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** For config validation: an IPv4/IPv6 address or CIDR range. */
export function isValidCidr(text: string): boolean {
  return parseCidr(text) !== undefined;
}

export interface IpMatcher {
  readonly size: number;
  matches(address: string): boolean;
}

/** A set of addresses and CIDR ranges (IPv4 and IPv6) on node's BlockList. Invalid entries throw. */
export function createIpMatcher(cidrs: readonly string[]): IpMatcher {
  const list = new BlockList();
  for (const text of cidrs) {
    const parsed = parseCidr(text);
    if (!parsed) throw new Error(`"${text}" is not an IP address or CIDR range`);
    list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return {
    size: cidrs.length,
    matches(address) {
      // Empty lists are the common case, on every request: BlockList.check allocates per call.
      if (cidrs.length === 0) return false;
      const ip = normalizeIp(address);
      const version = isIP(ip);
      if (version === 0) return false;
      return list.check(ip, version === 4 ? 'ipv4' : 'ipv6');
    },
  };
}
