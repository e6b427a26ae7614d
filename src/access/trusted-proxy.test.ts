import { describe, expect, it } from 'vitest';
import { cameOverHttps, clientAddress, createTrustedProxies } from './trusted-proxy.js';

const req = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers });

describe('trusted proxies', () => {
  const trusted = createTrustedProxies(['10.0.0.0/8', '::1']);

  it('matches addresses and CIDR ranges, including IPv4-mapped IPv6', () => {
    expect(trusted.has('10.1.2.3')).toBe(true);
    expect(trusted.has('::ffff:10.1.2.3')).toBe(true);
    expect(trusted.has('::1')).toBe(true);
    expect(trusted.has('11.0.0.1')).toBe(false);
    expect(trusted.has(undefined)).toBe(false);
    expect(() => createTrustedProxies(['nope'])).toThrow(/nope/);
  });

  it('honours X-Forwarded-Proto and X-Forwarded-For only from a trusted peer', () => {
    expect(cameOverHttps(req('10.0.0.5', { 'x-forwarded-proto': 'https' }), trusted)).toBe(true);
    expect(cameOverHttps(req('192.168.1.9', { 'x-forwarded-proto': 'https' }), trusted)).toBe(false);
    expect(clientAddress(req('10.0.0.5', { 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.9' }), trusted)).toBe('203.0.113.7');
    expect(clientAddress(req('192.168.1.9', { 'x-forwarded-for': '6.6.6.6' }), trusted)).toBe('192.168.1.9');
    expect(clientAddress(req('10.0.0.5', { 'x-forwarded-for': 'garbage' }), trusted)).toBe('10.0.0.5');
  });
});
