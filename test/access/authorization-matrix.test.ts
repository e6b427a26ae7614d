import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_API_ROUTES, isApiPath } from '../../src/access/admin-guard.js';
import type { RouteEntry } from '../../src/server/route-table.js';
import { loginAdmin, startTestGateway, TEST_ADMIN_PASSWORD, type TestGateway } from '../helpers/start-test-gateway.js';

const ADMIN_KEY = 'sk-omni-admin-key-for-tests';
const OTHER_KEY = 'sk-omni-client-key-without-admin-scope';
const HOUR = 3600_000;

let gw: TestGateway;
let clock = Date.now();
let protectedRoutes: RouteEntry[];

beforeAll(async () => {
  gw = await startTestGateway({
    now: () => clock,
    verifyAdminKey: (presented) => (presented === ADMIN_KEY ? { id: 'admin-key-1' } : false),
  });
  protectedRoutes = gw.gateway.app.routeTable.entries().filter((r) => isApiPath(r.url) && !PUBLIC_API_ROUTES.has(`${r.method} ${r.url}`));
});
afterAll(async () => {
  await gw?.close();
});

/** A concrete URL for a route pattern: every parameter and wildcard becomes a harmless id. */
function concrete(url: string): string {
  return url.replace(/:[\w]+/g, 'no-such-id').replace(/\*/g, 'no-such-id');
}

async function call(route: RouteEntry, headers: Record<string, string> = {}): Promise<number> {
  const hasBody = !['GET', 'HEAD', 'DELETE'].includes(route.method);
  const response = await fetch(`${gw.url}${concrete(route.url)}`, {
    method: route.method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(hasBody ? { body: '{}' } : {}),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Runs one case over the whole table and returns the routes that did not answer as expected. */
async function mismatches(headers: Record<string, string>, expected: (route: RouteEntry, status: number) => boolean, routes = protectedRoutes): Promise<string[]> {
  const wrong: string[] = [];
  for (const route of routes) {
    const status = await call(route, headers);
    if (!expected(route, status)) wrong.push(`${route.method} ${route.url} → ${status}`);
  }
  return wrong;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('authorization matrix over every /api route', () => {
  it('walks a route table that holds every admin route (and only the listed ones are public)', () => {
    const keys = protectedRoutes.map((r) => `${r.method} ${r.url}`);
    for (const expected of ['GET /api/providers', 'POST /api/providers', 'PATCH /api/providers/:id', 'DELETE /api/connections/:id', 'GET /api/audit', 'POST /api/auth/logout', 'POST /api/auth/logout-all', 'POST /api/auth/password', 'POST /api/translator/translate']) {
      expect(keys).toContain(expected);
    }
    const publicOnes = gw.gateway.app.routeTable.entries().filter((r) => isApiPath(r.url) && PUBLIC_API_ROUTES.has(`${r.method} ${r.url}`));
    expect(publicOnes.map((r) => `${r.method} ${r.url}`).sort()).toEqual(['GET /api/auth/session', 'HEAD /api/auth/session', 'POST /api/auth/login', 'POST /api/auth/setup']);
  });

  it('401 without a session or key', async () => {
    expect(await mismatches({}, (_r, status) => status === 401)).toEqual([]);
  });

  it('401 with a key that is not an admin key, and with a malformed Authorization header', async () => {
    expect(await mismatches({ authorization: `Bearer ${OTHER_KEY}` }, (_r, status) => status === 401)).toEqual([]);
    expect(await mismatches({ authorization: 'Bearer' }, (_r, status) => status === 401)).toEqual([]);
  });

  it('401 with a forged or unknown session cookie', async () => {
    expect(await mismatches({ cookie: 'omniroute_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, (_r, status) => status === 401)).toEqual([]);
  });

  it('403 for every state-changing call with a session but a missing or wrong CSRF token; reads pass', async () => {
    const { cookie, csrfToken } = await loginAdmin(gw.url, TEST_ADMIN_PASSWORD);
    const wrongToken = `${csrfToken.slice(0, -2)}xx`;
    expect(await mismatches({ cookie }, (r, status) => (STATE_CHANGING.has(r.method) ? status === 403 : status !== 401 && status !== 403))).toEqual([]);
    expect(await mismatches({ cookie, 'x-csrf-token': wrongToken }, (r, status) => (STATE_CHANGING.has(r.method) ? status === 403 : status !== 401 && status !== 403))).toEqual([]);
    // Another session's token is a wrong token too.
    const other = await loginAdmin(gw.url, TEST_ADMIN_PASSWORD);
    expect(await mismatches({ cookie, 'x-csrf-token': other.csrfToken }, (r, status) => (STATE_CHANGING.has(r.method) ? status === 403 : true))).toEqual([]);
  });

  it('401 with a session past its lifetime, and with a session idle too long', async () => {
    const expiring = await loginAdmin(gw.url, TEST_ADMIN_PASSWORD);
    const options = gw.gateway.ctx.options.auth;
    // Keep it busy so only the absolute lifetime can end it.
    for (let t = 0; t + options.idleTimeoutMs / 2 < options.sessionTtlMs; t += options.idleTimeoutMs / 2) {
      clock += options.idleTimeoutMs / 2;
      expect(await call({ method: 'GET', url: '/api/providers' }, { cookie: expiring.cookie })).toBe(200);
    }
    clock += options.idleTimeoutMs / 2;
    const headers = { cookie: expiring.cookie, 'x-csrf-token': expiring.csrfToken };
    expect(await mismatches(headers, (_r, status) => status === 401)).toEqual([]);

    const idle = await loginAdmin(gw.url, TEST_ADMIN_PASSWORD);
    clock += options.idleTimeoutMs + HOUR;
    expect(await mismatches({ cookie: idle.cookie, 'x-csrf-token': idle.csrfToken }, (_r, status) => status === 401)).toEqual([]);
  });

  it('an admin key passes the guard on every route, with no CSRF token needed', async () => {
    expect(await mismatches({ authorization: `Bearer ${ADMIN_KEY}` }, (_r, status) => status !== 401 && status !== 403 && status < 500)).toEqual([]);
  });

  it('unknown /api paths are 401 too (no route discovery), and CORS preflights to /api are refused', async () => {
    expect(await call({ method: 'GET', url: '/api/not-a-route' })).toBe(401);
    expect(await call({ method: 'POST', url: '/api/providers/x/y/z' })).toBe(401);
    // Other spellings of an /api path never get through.
    for (const url of ['/%61pi/providers', '/api/providers?x=1', '/api/providers/', '/api//providers']) expect([401, 404]).toContain(await call({ method: 'GET', url }));
    const preflight = await fetch(`${gw.url}/api/providers`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});
