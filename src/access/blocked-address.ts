import { isIP } from 'node:net';
import { createIpMatcher } from './ip-matcher.js';
import { normalizeIp } from './ip-matcher.js';

/**
 * Where a gateway must not be talked into connecting on a client's or a custom provider's behalf:
 * this machine, private networks, link-local (cloud metadata at 169.254.169.254 and
 * fd00:ec2::254), CGNAT, and ranges that are never a real public service.
 */
export const BLOCKED_UPSTREAM_RANGES = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
  '::/128',
  '::1/128',
  '64:ff9b:1::/48',
  '100::/64',
  '2001:db8::/32',
  'fc00::/7',
  'fe80::/10',
  'fec0::/10',
  'ff00::/8',
];

const blocked = createIpMatcher(BLOCKED_UPSTREAM_RANGES);

/** NAT64 (64:ff9b::/96) and IPv4-compatible forms carry an IPv4 address in the last 32 bits. */
function embeddedIpv4(ip: string): string | undefined {
  const match = /^(?:64:ff9b::|::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
  if (!match) return undefined;
  const high = parseInt(match[1]!, 16);
  const low = parseInt(match[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

export function isBlockedUpstreamAddress(address: string): boolean {
  const ip = normalizeIp(address);
  if (isIP(ip) === 0) return true;
  if (blocked.matches(ip)) return true;
  const inner = isIP(ip) === 6 ? embeddedIpv4(ip) : undefined;
  return inner !== undefined && blocked.matches(inner);
}
