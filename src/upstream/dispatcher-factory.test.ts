import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcherFactory, type ConnectPolicy, type DispatcherFactory } from './dispatcher-factory.js';
import { UpstreamBlockedError } from './upstream-blocked-error.js';

let server: Server;
let port: number;
let factory: DispatcherFactory;
const trustedOrigins = new Set<string>();
const checked: Array<[string, string]> = [];

const policy: ConnectPolicy = {
  isTrustedOrigin: (host, p) => trustedOrigins.has(`${host}:${p}`),
  check(host, address) {
    checked.push([host, address]);
    return /^(127\.|169\.254\.|::1$)/.test(address) ? `blocked ${address}` : undefined;
  },
};

beforeAll(async () => {
  server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  factory = createDispatcherFactory({ connectMs: 2_000, firstByteMs: 2_000, idleMs: 2_000 }, policy);
});
afterAll(async () => {
  await factory?.close();
  await new Promise((resolve) => server.close(resolve));
});

const get = (url: string) => request(url, { dispatcher: factory.forProxy(undefined), signal: AbortSignal.timeout(5_000) });

describe('the SSRF guard in the dispatcher', () => {
  it('refuses the cloud metadata address before any packet is sent', async () => {
    await expect(get('http://169.254.169.254/latest/meta-data/')).rejects.toBeInstanceOf(UpstreamBlockedError);
  });

  it('checks a hostname after DNS resolution (localhost → loopback)', async () => {
    checked.length = 0;
    await expect(get(`http://localhost:${port}/`)).rejects.toBeInstanceOf(UpstreamBlockedError);
    expect(checked.some(([host, address]) => host === 'localhost' && (address === '127.0.0.1' || address === '::1'))).toBe(true);
  });

  it('lets a trusted (local) origin through, and only that port', async () => {
    trustedOrigins.add(`127.0.0.1:${port}`);
    const response = await get(`http://127.0.0.1:${port}/`);
    expect(await response.body.text()).toBe('ok');
    await expect(get(`http://127.0.0.1:${port + 1 === 65536 ? 1 : port + 1}/`)).rejects.toBeInstanceOf(UpstreamBlockedError);
  });
});
