import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginAdmin, startTestGateway, TEST_ADMIN_PASSWORD, type TestGateway } from '../helpers/start-test-gateway.js';

/** Response bodies in tests are whatever the gateway sent; assertions check their shape. */
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

const gateways: TestGateway[] = [];
async function start(options: Parameters<typeof startTestGateway>[0] = {}): Promise<TestGateway> {
  const gw = await startTestGateway(options);
  gateways.push(gw);
  return gw;
}
afterEach(async () => {
  while (gateways.length > 0) await gateways.pop()?.close();
});

function post(gw: TestGateway, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${gw.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

async function bytesOfDatabase(gw: TestGateway): Promise<Buffer> {
  const files = (await readdir(gw.dataDir)).filter((f) => f.startsWith('omniroute.db'));
  return Buffer.concat(await Promise.all(files.map((f) => readFile(join(gw.dataDir, f)))));
}

describe('first start without a password', () => {
  it('has no default password; the first local caller sets one, once', async () => {
    const gw = await start({ adminPassword: null });
    const status = await json(fetch(`${gw.url}/api/auth/session`));
    expect(status).toEqual({ authenticated: false, passwordSet: false, setupAllowed: true });
    expect(await (await fetch(`${gw.url}/`)).text()).toContain('/api/auth/setup');
    expect((await post(gw, '/api/auth/login', { password: '' })).status).toBe(409);

    const fromLan = await gw.gateway.app.inject({ method: 'POST', url: '/api/auth/setup', remoteAddress: '192.168.1.7', payload: { password: 'lan-password-1' } });
    expect(fromLan.statusCode).toBe(403);
    const throughProxy = await post(gw, '/api/auth/setup', { password: 'proxied-password' }, { 'x-forwarded-for': '203.0.113.9' });
    expect(throughProxy.status).toBe(403);
    const short = await post(gw, '/api/auth/setup', { password: 'short' });
    expect(short.status).toBe(400);
    expect((await json(short)).error.param).toBe('password');

    const setup = await post(gw, '/api/auth/setup', { password: 'first-password-1' });
    expect(setup.status).toBe(201);
    expect(setup.headers.get('set-cookie')).toMatch(/^omniroute_session=[\w-]+;/);
    expect((await post(gw, '/api/auth/setup', { password: 'second-password' })).status).toBe(409);
    expect((await post(gw, '/api/auth/login', { password: 'first-password-1' })).status).toBe(200);
    expect((await bytesOfDatabase(gw)).includes(Buffer.from('first-password-1'))).toBe(false);
  });

  it('INITIAL_PASSWORD sets the first password only; a restart with another one changes nothing', async () => {
    const first = await startTestGateway({ adminPassword: 'initial-password-1' });
    const dataDir = first.dataDir;
    await first.gateway.close();
    const again = await start({ dataDir, adminPassword: 'another-password-2' });
    expect((await post(again, '/api/auth/login', { password: 'another-password-2' })).status).toBe(401);
    expect((await post(again, '/api/auth/login', { password: 'initial-password-1' })).status).toBe(200);
    expect((await json(fetch(`${again.url}/api/auth/session`))).setupAllowed).toBe(false);
  });

  it('refuses to start with an INITIAL_PASSWORD too short to be one', async () => {
    await expect(startTestGateway({ adminPassword: 'abc' })).rejects.toThrow(/INITIAL_PASSWORD/);
  });
});

describe('login, sessions and logout', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('sets an HttpOnly, SameSite=Strict session cookie (not Secure over plain HTTP) and answers who am I', async () => {
    const response = await post(gw, '/api/auth/login', { password: TEST_ADMIN_PASSWORD });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const body = await json(response);
    const session = await (await fetch(`${gw.url}/api/auth/session`, { headers: { cookie: cookie.split(';')[0]! } })).json();
    expect(session).toMatchObject({ authenticated: true, via: 'session', csrfToken: body.csrfToken });
    // The database holds the session's hash, never the cookie value.
    const value = cookie.split(';')[0]!.split('=')[1]!;
    expect((await bytesOfDatabase(gw)).includes(Buffer.from(value))).toBe(false);
  });

  it('a new login from a browser that had a session replaces that session', async () => {
    const old = await loginAdmin(gw.url, TEST_ADMIN_PASSWORD);
    const again = await post(gw, '/api/auth/login', { password: TEST_ADMIN_PASSWORD }, { cookie: old.cookie });
    expect(again.status).toBe(200);
    expect((await fetch(`${gw.url}/api/providers`, { headers: { cookie: old.cookie } })).status).toBe(401);
    expect((await fetch(`${gw.url}/api/providers`, { headers: { cookie: again.headers.get('set-cookie')!.split(';')[0]! } })).status).toBe(200);
  });

  it('refuses a wrong password with 401 and a malformed body with 400', async () => {
    expect((await post(gw, '/api/auth/login', { password: 'wrong-password' }, { 'x-forwarded-for': '1.1.1.1' })).status).toBe(401);
    const bad = await post(gw, '/api/auth/login', { pass: 'x' });
    expect(bad.status).toBe(400);
  });

  it('logout ends the session; logout-all ends every session', async () => {
    const a = await loginAdmin(gw.url, TEST_ADMIN_PASSWORD);
    const b = await loginAdmin(gw.url, TEST_ADMIN_PASSWORD);
    const c = await loginAdmin(gw.url, TEST_ADMIN_PASSWORD);
    const logout = await fetch(`${gw.url}/api/auth/logout`, { method: 'POST', headers: { cookie: a.cookie, 'x-csrf-token': a.csrfToken } });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await fetch(`${gw.url}/api/providers`, { headers: { cookie: a.cookie } })).status).toBe(401);
    expect((await fetch(`${gw.url}/api/providers`, { headers: { cookie: b.cookie } })).status).toBe(200);

    const all = await fetch(`${gw.url}/api/auth/logout-all`, { method: 'POST', headers: { cookie: b.cookie, 'x-csrf-token': b.csrfToken } });
    expect(all.status).toBe(200);
    expect((await json(all)).endedSessions).toBeGreaterThanOrEqual(2);
    for (const s of [b, c]) expect((await fetch(`${gw.url}/api/providers`, { headers: { cookie: s.cookie } })).status).toBe(401);
  });

  it('password change needs the current password, keeps this session and ends the others', async () => {
    const mine = await loginAdmin(gw.url, TEST_ADMIN_PASSWORD);
    const other = await loginAdmin(gw.url, TEST_ADMIN_PASSWORD);
    const change = (body: unknown) => fetch(`${gw.url}/api/auth/password`, { method: 'POST', headers: { cookie: mine.cookie, 'x-csrf-token': mine.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await change({ currentPassword: 'not-it-at-all', newPassword: 'brand-new-password' })).status).toBe(401);
    expect((await change({ currentPassword: TEST_ADMIN_PASSWORD, newPassword: 'short' })).status).toBe(400);
    const ok = await change({ currentPassword: TEST_ADMIN_PASSWORD, newPassword: 'brand-new-password' });
    expect(ok.status).toBe(200);
    expect((await json(ok)).endedSessions).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${gw.url}/api/providers`, { headers: { cookie: mine.cookie } })).status).toBe(200);
    expect((await fetch(`${gw.url}/api/providers`, { headers: { cookie: other.cookie } })).status).toBe(401);
    expect((await post(gw, '/api/auth/login', { password: TEST_ADMIN_PASSWORD })).status).toBe(401);
    expect((await post(gw, '/api/auth/login', { password: 'brand-new-password' })).status).toBe(200);
  });
});

describe('login rate limit', () => {
  it('after 5 failures from one address: 429 with Retry-After, even for the right password; other addresses unaffected', async () => {
    const gw = await start();
    const attempt = (password: string, remoteAddress: string) =>
      gw.gateway.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { password } });
    for (let i = 0; i < 5; i += 1) expect((await attempt(`wrong-${i}-password`, '198.51.100.4')).statusCode).toBe(401);
    const limited = await attempt(TEST_ADMIN_PASSWORD, '198.51.100.4');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe('rate_limited');
    expect((await attempt(TEST_ADMIN_PASSWORD, '198.51.100.5')).statusCode).toBe(200);
  });
});

describe('Secure cookie', () => {
  it('with AUTH_COOKIE_SECURE=true, or over HTTPS through a trusted proxy only', async () => {
    const forced = await start({ env: { AUTH_COOKIE_SECURE: 'true' } });
    expect((await post(forced, '/api/auth/login', { password: TEST_ADMIN_PASSWORD })).headers.get('set-cookie')).toMatch(/; Secure/);

    const proxied = await start({ env: { TRUSTED_PROXIES: '127.0.0.1' } });
    const viaProxy = await post(proxied, '/api/auth/login', { password: TEST_ADMIN_PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(viaProxy.headers.get('set-cookie')).toMatch(/; Secure/);
    const untrusted = await proxied.gateway.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.168.1.50', headers: { 'x-forwarded-proto': 'https' }, payload: { password: TEST_ADMIN_PASSWORD } });
    expect(untrusted.statusCode).toBe(200);
    expect(String(untrusted.headers['set-cookie'])).not.toMatch(/Secure/);
  });
});
