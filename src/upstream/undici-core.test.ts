import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as undici from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, buildConnector, dispatchRequest, proxyAgentConstructor, undiciErrors } from './undici-core.js';

describe('undici core (the parts the gateway uses, loaded without the index)', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('are the very classes the undici index exports (an upgrade that moves a file fails here)', () => {
    expect(Agent).toBe(undici.Agent);
    expect(buildConnector).toBe(undici.buildConnector);
    expect(undiciErrors).toBe(undici.errors);
    expect(undiciErrors.ConnectTimeoutError).toBe(undici.errors.ConnectTimeoutError);
    expect(proxyAgentConstructor()).toBe(undici.ProxyAgent);
  });

  it('sends a request on an Agent given origin and path, query string included', async () => {
    const agent = new Agent();
    try {
      const response = await dispatchRequest(agent, { origin, path: '/v1/x?alt=sse', method: 'POST', headers: { authorization: 'Bearer k' }, body: '{}' });
      expect(response.statusCode).toBe(200);
      expect(await response.body.json()).toEqual({ method: 'POST', url: '/v1/x?alt=sse', auth: 'Bearer k' });
    } finally {
      await agent.close();
    }
  });

  it('rejects (never throws synchronously) when the request cannot be sent', async () => {
    const agent = new Agent();
    try {
      const pending = dispatchRequest(agent, { origin: 'http://127.0.0.1:1', path: '/', method: 'GET' });
      await expect(pending).rejects.toThrow();
    } finally {
      await agent.close();
    }
  });
});
