import { describe, expect, it } from 'vitest';
import { createIpMatcher } from './ip-matcher.js';
import { cameOverHttps, isForwarded } from './trusted-proxy.js';

const req = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers });

describe('trusted proxies for the session cookie', () => {
  const trusted = createIpMatcher(['10.0.0.0/8', '::1']);

  it('honours X-Forwarded-Proto only from a trusted peer', () => {
    expect(cameOverHttps(req('10.0.0.5', { 'x-forwarded-proto': 'https' }), trusted)).toBe(true);
    expect(cameOverHttps(req('::ffff:10.0.0.5', { 'x-forwarded-proto': 'https' }), trusted)).toBe(true);
    expect(cameOverHttps(req('192.168.1.9', { 'x-forwarded-proto': 'https' }), trusted)).toBe(false);
    expect(cameOverHttps(req('10.0.0.5', { 'x-forwarded-proto': 'http' }), trusted)).toBe(false);
    expect(cameOverHttps(req('10.0.0.5'), createIpMatcher([]))).toBe(false);
  });

  it('tells a forwarded request from a direct one', () => {
    expect(isForwarded(req('127.0.0.1', { 'x-forwarded-for': '1.2.3.4' }))).toBe(true);
    expect(isForwarded(req('127.0.0.1', { 'x-real-ip': '1.2.3.4' }))).toBe(true);
    expect(isForwarded(req('127.0.0.1'))).toBe(false);
  });
});
