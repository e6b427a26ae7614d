import { describe, expect, it } from 'vitest';
import { useMockedGateway } from '../helpers/mocked-gateway.js';
import { mockProviderConfig, startTestGateway, type TestGateway } from '../helpers/start-test-gateway.js';

/** Response bodies in tests are whatever the gateway sent; assertions check their shape. */
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

const UPSTREAM_SECRET = 'sk-audit-SECRET-never-logged-9876';

const env = useMockedGateway((mockUrl) => ({ ...mockProviderConfig(mockUrl), settings: { cors: { origins: ['https://app.example.com'] } } }));

async function audit(query = ''): Promise<Array<Record<string, any>>> {
  const response = await env.gateway.adminFetch(`/api/audit${query}`);
  expect(response.status).toBe(200);
  return (await json(response)).data;
}

describe('audit log', () => {
  it('records admin changes with who, what, target, outcome and IP, and never a secret', async () => {
    const created = await env.gateway.adminFetch('/api/connections', { method: 'POST', body: JSON.stringify({ provider: 'mock', name: 'audited', apiKey: UPSTREAM_SECRET }) });
    expect(created.status).toBe(201);
    const { id } = await json(created);
    expect((await env.gateway.adminFetch(`/api/connections/${id}`, { method: 'PATCH', body: JSON.stringify({ enabled: false }) })).status).toBe(200);
    expect((await env.gateway.adminFetch(`/api/connections/${id}`, { method: 'DELETE' })).status).toBe(204);
    const failedLogin = await fetch(`${env.gateway.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'guessing-wrong' }) });
    expect(failedLogin.status).toBe(401);
    const refused = await fetch(`${env.gateway.url}/api/providers/mock`, { method: 'DELETE' });
    expect(refused.status).toBe(401);

    const entries = await audit();
    const { csrfToken } = await env.gateway.adminSession();
    const session = await json(env.gateway.adminFetch('/api/auth/session'));
    expect(csrfToken).toBe(session.csrfToken);

    const byRoute = (method: string, route: string) => entries.find((e) => e.method === method && e.route === route);
    expect(byRoute('POST', '/api/connections')).toMatchObject({ actorType: 'session', actorId: session.sessionId, ip: '127.0.0.1', status: 201, summary: { body: { provider: 'mock', name: 'audited', apiKey: '[redacted]' } } });
    expect(byRoute('PATCH', '/api/connections/:id')).toMatchObject({ targetId: id, status: 200, summary: { body: { enabled: false } } });
    expect(byRoute('DELETE', '/api/connections/:id')).toMatchObject({ targetId: id, status: 204 });
    expect(byRoute('POST', '/api/auth/login')).toMatchObject({ actorType: 'anonymous', actorId: null, status: 401, summary: { body: { password: '[redacted]' } } });
    expect(byRoute('DELETE', '/api/providers/:id')).toMatchObject({ actorType: 'anonymous', status: 401, targetId: 'mock' });
    // Reads are not audited; neither is the translator playground.
    expect(entries.some((e) => e.method === 'GET')).toBe(false);
    expect(JSON.stringify(entries)).not.toContain(UPSTREAM_SECRET);
    expect(JSON.stringify(entries)).not.toContain('guessing-wrong');
  });

  it('filters by time and limit, and names a bad parameter', async () => {
    const all = await audit();
    expect(all.length).toBeGreaterThanOrEqual(3);
    const newest = all[0]!;
    const oldest = all[all.length - 1]!;
    expect(await audit('?limit=1')).toEqual([newest]);
    expect((await audit(`?since=${newest.createdAt}`)).every((e) => e.createdAt >= newest.createdAt)).toBe(true);
    expect((await audit(`?until=${oldest.createdAt}`))).toEqual([]);
    expect((await audit(`?since=${new Date(oldest.createdAt).toISOString()}`)).length).toBe(all.length);
    const bad = await env.gateway.adminFetch('/api/audit?limit=abc');
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.param).toBe('limit');
  });
});

describe('security headers', () => {
  it('on /api and the HTML page: CSP, nosniff, no framing, no referrer', async () => {
    for (const path of ['/api/auth/session', '/']) {
      const response = await fetch(`${env.gateway.url}${path}`);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src '(self|none)'.*frame-ancestors 'none'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const page = await fetch(`${env.gateway.url}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/style-src 'sha256-[\w+/=]+'/);
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect((await fetch(`${env.gateway.url}/api/providers`)).headers.get('cache-control')).toBe('no-store');
  });
});

describe('CORS', () => {
  it('/api is closed: no Access-Control-Allow-Origin, even for an allowed origin', async () => {
    const response = await env.gateway.adminFetch('/api/providers', { headers: { origin: 'https://app.example.com' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${env.gateway.url}/api/auth/login`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('/v1 allows the configured origins only, without credentials', async () => {
    const preflight = await fetch(`${env.gateway.url}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();

    const denied = await fetch(`${env.gateway.url}/v1/chat/completions`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();

    const models = await fetch(`${env.gateway.url}/v1/models`, { headers: { origin: 'https://app.example.com' } });
    expect(models.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(models.headers.get('access-control-expose-headers')).toContain('x-request-id');
    const streamed = await fetch(`${env.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { origin: 'https://app.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/text', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    await streamed.text();
    expect(streamed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    // No security headers or CORS work on /v1 for programs that send no Origin.
    const plain = await fetch(`${env.gateway.url}/v1/models`);
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    expect(plain.headers.get('content-security-policy')).toBeNull();
  });

  it('a cross-site "simple" request (text/plain, no preflight) cannot drive /v1 or the login', async () => {
    const smuggled = JSON.stringify({ model: 'mock/text', messages: [{ role: 'user', content: 'hi' }], password: 'guess-guess' });
    for (const path of ['/v1/chat/completions', '/v1/messages', '/api/auth/login']) {
      const response = await fetch(`${env.gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body: smuggled });
      expect(response.status, path).toBe(400);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('by default /v1 allows no browser origin; "*" allows any', async () => {
    const closed = await startTestGateway();
    const open = await startTestGateway({ config: { settings: { cors: { origins: ['*'] } } } });
    try {
      const ask = (g: TestGateway) => fetch(`${g.url}/v1/models`, { method: 'OPTIONS', headers: { origin: 'https://any.example', 'access-control-request-method': 'GET' } });
      const refused = await ask(closed);
      expect(refused.status).toBe(403);
      const allowed = await ask(open);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await closed.close();
      await open.close();
    }
  });
});
