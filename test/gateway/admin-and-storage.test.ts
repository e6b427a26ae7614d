import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { mockProviderConfig } from '../helpers/start-test-gateway.js';
import { useMockedGateway } from '../helpers/mocked-gateway.js';

const SECRET_A = 'sk-config-SECRET-aaaa-1111-zzzz';
const SECRET_B = 'sk-admin-SECRET-bbbb-2222-yyyy';

async function api(method: string, path: string, body?: unknown) {
  const init = { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
  // The admin API needs a session; /v1 does not (and must not care about the admin cookie).
  const response = path.startsWith('/api/') ? await env.gateway.adminFetch(path, init) : await fetch(`${env.gateway.url}${path}`, { ...init, headers: { 'content-type': 'application/json' } });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

const env = useMockedGateway((mockUrl) => mockProviderConfig(mockUrl, [{ name: 'acct-a', apiKey: SECRET_A, priority: 1 }]));

describe('admin API: providers and connections', () => {
  it('lists built-in and custom providers', async () => {
    const { status, json } = await api('GET', '/api/providers');
    expect(status).toBe(200);
    const ids = json.data.map((p: any) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['openai', 'groq', 'ollama', 'mock']));
    expect(json.data.find((p: any) => p.id === 'mock')).toMatchObject({ builtin: false, format: 'openai-chat', connectionCount: 1 });
  });

  it('never returns a credential in full', async () => {
    const { json } = await api('GET', '/api/connections');
    const text = JSON.stringify(json);
    expect(text).not.toContain(SECRET_A);
    expect(json.data[0].apiKey).toBe('sk-…zzzz');
  });

  it('creates, updates and deletes a custom provider and its connection; routing follows at once', async () => {
    const created = await api('POST', '/api/providers', { id: 'second', format: 'openai-chat', baseUrl: `${env.mock.url}/v1` });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: 'second', prefix: 'second', authType: 'apikey' });

    const conn = await api('POST', '/api/connections', { provider: 'second', name: 'main', apiKey: SECRET_B });
    expect(conn.status).toBe(201);
    expect(JSON.stringify(conn.json)).not.toContain(SECRET_B);

    env.mock.reset();
    const chat = await request(`${env.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'second/text', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(chat.statusCode).toBe(200);
    await chat.body.dump();
    expect(env.mock.requests[0]!.headers.authorization).toBe(`Bearer ${SECRET_B}`);

    const patched = await api('PATCH', `/api/connections/${conn.json.id}`, { enabled: false });
    expect(patched.json.enabled).toBe(false);
    const noAccount = await api('POST', '/v1/chat/completions', { model: 'second/text', messages: [{ role: 'user', content: 'hi' }] });
    expect(noAccount.status).toBe(400);

    expect((await api('DELETE', '/api/providers/second')).status).toBe(409);
    expect((await api('DELETE', `/api/connections/${conn.json.id}`)).status).toBe(204);
    expect((await api('DELETE', '/api/providers/second')).status).toBe(204);
    expect((await api('GET', '/api/providers/second')).status).toBe(404);
  });

  it('validates admin input and names the field', async () => {
    const bad = await api('POST', '/api/connections', { provider: 'mock', name: '', apiKey: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.param).toBe('name');
    const unknown = await api('POST', '/api/connections', { provider: 'klingon', name: 'a' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain('klingon');
    const dup = await api('POST', '/api/connections', { provider: 'mock', name: 'acct-a' });
    expect(dup.status).toBe(409);
    const builtin = await api('PATCH', '/api/providers/groq', { name: 'x' });
    expect(builtin.status).toBe(404);
    expect(builtin.json.error.message).toContain('read-only');
  });

  it('answers nobody without a session, from this machine or the LAN, and a session from anywhere', async () => {
    const fromLan = await env.gateway.gateway.app.inject({ method: 'GET', url: '/api/providers', remoteAddress: '192.168.1.20' });
    expect(fromLan.statusCode).toBe(401);
    const fromLoopback = await env.gateway.gateway.app.inject({ method: 'GET', url: '/api/providers', remoteAddress: '127.0.0.1' });
    expect(fromLoopback.statusCode).toBe(401);
    const { cookie } = await env.gateway.adminSession();
    const withSession = await env.gateway.gateway.app.inject({ method: 'GET', url: '/api/providers', remoteAddress: '192.168.1.20', headers: { cookie } });
    expect(withSession.statusCode).toBe(200);
  });
});

describe('data directory', () => {
  it('holds no credential in plaintext, and the key file is private', async () => {
    await env.gateway.gateway.ctx.requestLog.flush();
    const files = await readdir(env.gateway.dataDir);
    expect(files).toEqual(expect.arrayContaining(['omniroute.db', 'secret.key']));
    for (const file of files.filter((f) => f.startsWith('omniroute.db'))) {
      const bytes = await readFile(join(env.gateway.dataDir, file));
      expect(bytes.includes(Buffer.from(SECRET_A)), file).toBe(false);
      expect(bytes.includes(Buffer.from(SECRET_B)), file).toBe(false);
    }
    expect((await stat(join(env.gateway.dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
  });
});

describe('request log', () => {
  it('records every request with model, provider, status, latency, TTFB and usage', async () => {
    const ok = await api('POST', '/v1/chat/completions', { model: 'mock/text', messages: [{ role: 'user', content: 'hi' }] });
    expect(ok.status).toBe(200);
    const missing = await api('POST', '/v1/chat/completions', { model: 'nope/x', messages: [{ role: 'user', content: 'hi' }] });
    expect(missing.status).toBe(404);
    await env.gateway.gateway.ctx.requestLog.flush();
    const rows = await env.gateway.gateway.ctx.store.requestLogs.list({ limit: 10 });
    const okRow = rows.find((r) => r.modelRequested === 'mock/text')!;
    expect(okRow).toMatchObject({ provider: 'mock', modelUsed: 'text', status: 200, clientFormat: 'openai-chat', stream: false, inputTokens: ok.json.usage.prompt_tokens, outputTokens: ok.json.usage.completion_tokens });
    expect(okRow.ttfbMs).not.toBeNull();
    expect(okRow.latencyMs).toBeGreaterThanOrEqual(0);
    expect(rows.find((r) => r.modelRequested === 'nope/x')).toMatchObject({ status: 404, errorCode: 'model_not_found' });
  });

  it('records usage of streamed answers the client did not ask usage for', async () => {
    const response = await request(`${env.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mock/text-stream-usage', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    await response.body.text();
    await env.gateway.gateway.ctx.requestLog.flush();
    const [row] = await env.gateway.gateway.ctx.store.requestLogs.list({ limit: 1, model: 'mock/text-stream-usage' });
    expect(row).toMatchObject({ stream: true, status: 200, inputTokens: 14, outputTokens: 7 });
  });
});
