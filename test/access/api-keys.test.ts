import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigFile } from '../../src/config/config-file-schema.js';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream.js';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.js';

const FULL_KEY = 'omr_full-key-for-tests-0123456789abcdef';
const SCOPED_KEY = 'omr_scoped-key-for-tests-0123456789abcd';
const LIMITED_KEY = 'limited-user-chosen-key-0123456789';
const OLD_KEY = 'omr_expired-key-for-tests-0123456789ab';
const ENV = { OMR_FULL: FULL_KEY, OMR_SCOPED: SCOPED_KEY, OMR_LIMITED: LIMITED_KEY, OMR_OLD: OLD_KEY };

let mock: MockUpstream;

function config(mockUrl: string, settings: NonNullable<ConfigFile['settings']> = {}): ConfigFile {
  return {
    settings,
    providers: [{ id: 'mock', prefix: 'mock', format: 'openai-chat', baseUrl: `${mockUrl}/v1`, models: ['allowed-a', 'allowed-b', 'other'] }],
    connections: [{ provider: 'mock', name: 'acct', apiKey: 'sk-upstream' }],
    // Plaintext only through the environment, so the data directory (config file included) never holds it.
    apiKeys: [
      { name: 'full', key: '${OMR_FULL}' },
      { name: 'scoped', key: '${OMR_SCOPED}', models: ['mock/allowed-*'] },
      { name: 'limited', key: '${OMR_LIMITED}', rpm: 2, budget: { daily: 1.5, policy: 'reject' } },
      { name: 'old', key: '${OMR_OLD}', expiresAt: '2020-01-01T00:00:00Z' },
    ],
  };
}

/** The admin API (/api) needs a login session: its cookie and CSRF token. /v1 gets neither. */
async function adminHeaders(gw: TestGateway, path: string): Promise<Record<string, string>> {
  if (!path.startsWith('/api/')) return {};
  const { cookie, csrfToken } = await gw.adminSession();
  return { cookie, 'x-csrf-token': csrfToken };
}

async function raw(gw: TestGateway, method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}) {
  const response = await request(`${gw.url}${path}`, {
    method: method as 'GET',
    headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...(await adminHeaders(gw, path)), ...options.headers },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

const chatBody = (model = 'mock/allowed-a') => ({ model, messages: [{ role: 'user' as const, content: 'hi' }] });
const REMOTE = { 'x-forwarded-for': '203.0.113.7' };

beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(async () => {
  await mock?.close();
});

describe('default mode: loopback free, everyone else needs a key', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ config: config(mock.url, { access: { trustedProxies: ['127.0.0.1'] } }), env: ENV });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('serves a loopback client without a key, ignoring a placeholder key', async () => {
    const client = new OpenAI({ apiKey: 'sk-local-placeholder', baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const answer = await client.chat.completions.create(chatBody());
    expect(answer.choices[0]?.message.role).toBe('assistant');
  });

  it('refuses a key shaped like ours that it does not know, even from loopback', async () => {
    const { status, json } = await raw(gw, 'POST', '/v1/chat/completions', { headers: { authorization: 'Bearer omr_not-a-real-key' }, body: chatBody() });
    expect(status).toBe(401);
    expect(json.error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
  });

  it('answers a remote client (X-Forwarded-For from a trusted proxy) without a key with 401 in its own format', async () => {
    const openai = await raw(gw, 'POST', '/v1/chat/completions', { headers: REMOTE, body: chatBody() });
    expect(openai.status).toBe(401);
    expect(openai.json.error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });

    const anthropic = await raw(gw, 'POST', '/v1/messages', { headers: REMOTE, body: { model: 'mock/allowed-a', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] } });
    expect(anthropic.status).toBe(401);
    expect(anthropic.json).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });

    const gemini = await raw(gw, 'POST', '/v1beta/models/mock%2Fallowed-a:generateContent', { headers: REMOTE, body: { contents: [{ parts: [{ text: 'hi' }] }] } });
    expect(gemini.status).toBe(401);
    expect(gemini.json.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });

    const models = await raw(gw, 'GET', '/v1/models', { headers: { ...REMOTE, 'anthropic-version': '2023-06-01' } });
    expect(models.status).toBe(401);
    expect(models.json).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it('serves the remote client with a valid key and records the key on the request log', async () => {
    const ok = await raw(gw, 'POST', '/v1/chat/completions', { headers: { ...REMOTE, authorization: `Bearer ${FULL_KEY}` }, body: chatBody() });
    expect(ok.status).toBe(200);
    const keys = await raw(gw, 'GET', '/api/keys');
    const fullId = keys.json.data.find((k: { name: string }) => k.name === 'full').id;
    await gw.gateway.ctx.requestLog.flush();
    const logs = await gw.gateway.ctx.store.requestLogs.list();
    expect(logs.some((row) => row.apiKeyId === fullId && row.status === 200)).toBe(true);
  });

  it('does not believe X-Forwarded-For from an untrusted peer', async () => {
    const strict = await startTestGateway({ config: config(mock.url), env: ENV });
    try {
      // The peer is loopback and not a trusted proxy: the forged header changes nothing.
      expect((await raw(strict, 'POST', '/v1/chat/completions', { headers: REMOTE, body: chatBody() })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('refuses an expired key', async () => {
    const { status, json } = await raw(gw, 'POST', '/v1/chat/completions', { headers: { authorization: `Bearer ${OLD_KEY}` }, body: chatBody() });
    expect(status).toBe(401);
    expect(json.error.message).toContain('valid until 2020-01-01');
  });
});

describe('REQUIRE_API_KEY=true: every client needs a key', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ config: config(mock.url), env: { ...ENV, REQUIRE_API_KEY: 'true' } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('refuses loopback without a key', async () => {
    const client = new OpenAI({ apiKey: 'sk-wrong', baseURL: `${gw.url}/v1`, maxRetries: 0 });
    await expect(client.chat.completions.create(chatBody())).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('accepts the key as Bearer (openai SDK)', async () => {
    const client = new OpenAI({ apiKey: FULL_KEY, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    expect((await client.chat.completions.create(chatBody())).choices).toHaveLength(1);
  });

  it('accepts the key as x-api-key (Anthropic SDK)', async () => {
    const client = new Anthropic({ apiKey: FULL_KEY, baseURL: gw.url, maxRetries: 0 });
    const message = await client.messages.create({ model: 'mock/allowed-a', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] });
    expect(message.role).toBe('assistant');
    const wrong = new Anthropic({ apiKey: 'omr_wrong', baseURL: gw.url, maxRetries: 0 });
    await expect(wrong.messages.create({ model: 'mock/allowed-a', max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('accepts the key as x-goog-api-key (Gemini SDK) and as ?key=', async () => {
    const client = new GoogleGenAI({ apiKey: FULL_KEY, httpOptions: { baseUrl: gw.url, retryOptions: { attempts: 1 } } });
    const answer = await client.models.generateContent({ model: 'mock/allowed-a', contents: 'hi' });
    expect(answer.candidates?.length).toBe(1);
    const wrong = new GoogleGenAI({ apiKey: 'nope-nope', httpOptions: { baseUrl: gw.url, retryOptions: { attempts: 1 } } });
    await expect(wrong.models.generateContent({ model: 'mock/allowed-a', contents: 'hi' })).rejects.toThrow(/401|UNAUTHENTICATED|API key/i);
    const viaQuery = await raw(gw, 'POST', `/v1beta/models/mock%2Fallowed-a:generateContent?key=${FULL_KEY}`, { body: { contents: [{ parts: [{ text: 'hi' }] }] } });
    expect(viaQuery.status).toBe(200);
  });

  it('keeps a scoped key to its models, and lists only those', async () => {
    const client = new OpenAI({ apiKey: SCOPED_KEY, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    expect((await client.chat.completions.create(chatBody('mock/allowed-b'))).choices).toHaveLength(1);
    const refused = client.chat.completions.create(chatBody('mock/other'));
    await expect(refused).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    await expect(refused).rejects.toMatchObject({ status: 403, code: 'model_not_allowed' });

    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids.sort()).toEqual(['mock/allowed-a', 'mock/allowed-b']);
    const full = new OpenAI({ apiKey: FULL_KEY, baseURL: `${gw.url}/v1`, maxRetries: 0 });
    const all = [];
    for await (const model of full.models.list()) all.push(model.id);
    expect(all).toContain('mock/other');

    const gemini = await raw(gw, 'GET', '/v1beta/models', { headers: { 'x-goog-api-key': SCOPED_KEY } });
    expect(gemini.json.models.map((m: { name: string }) => m.name).sort()).toEqual(['models/mock/allowed-a', 'models/mock/allowed-b']);
    const anthropic = await raw(gw, 'GET', '/v1/models/mock%2Fother', { headers: { 'x-api-key': SCOPED_KEY, 'anthropic-version': '2023-06-01' } });
    expect(anthropic.status).toBe(404);
  });

  it('limits a key to its requests per minute with 429 and Retry-After', async () => {
    const headers = { authorization: `Bearer ${LIMITED_KEY}` };
    expect((await raw(gw, 'POST', '/v1/chat/completions', { headers, body: chatBody() })).status).toBe(200);
    expect((await raw(gw, 'POST', '/v1/chat/completions', { headers, body: chatBody() })).status).toBe(200);
    const third = await raw(gw, 'POST', '/v1/chat/completions', { headers, body: chatBody() });
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(third.json.error).toMatchObject({ type: 'rate_limit_error', code: 'rate_limited' });
    // Another key is not affected.
    expect((await raw(gw, 'POST', '/v1/chat/completions', { headers: { authorization: `Bearer ${FULL_KEY}` }, body: chatBody() })).status).toBe(200);
  });

  it('returns the stored budget of a config key through the admin API', async () => {
    const { json } = await raw(gw, 'GET', '/api/keys');
    const limited = json.data.find((k: { name: string }) => k.name === 'limited');
    expect(limited).toMatchObject({ rpm: 2, budget: { daily: 1.5, policy: 'reject' }, source: 'config', status: 'active', prefix: 'lim' });
    expect(JSON.stringify(json)).not.toContain(LIMITED_KEY);
    expect(JSON.stringify(json)).not.toMatch(/[0-9a-f]{64}/);
  });

  it('creates (shown once), rotates, rescopes and revokes a key through the admin API', async () => {
    const created = await raw(gw, 'POST', '/api/keys', { body: { name: 'made', models: ['mock/*'], rpm: 100, expiresAt: '2999-01-01T00:00:00Z' } });
    expect(created.status).toBe(201);
    const key: string = created.json.key;
    expect(key).toMatch(/^omr_[A-Za-z0-9_-]{43}$/);
    expect(created.json).toMatchObject({ name: 'made', prefix: key.slice(0, 8), models: ['mock/*'], rpm: 100, status: 'active', admin: false });
    const id: string = created.json.id;
    expect((await raw(gw, 'GET', `/api/keys/${id}`)).json.key).toBeUndefined();
    const use = (secret: string, model = 'mock/allowed-a') => raw(gw, 'POST', '/v1/chat/completions', { headers: { authorization: `Bearer ${secret}` }, body: chatBody(model) });
    expect((await use(key)).status).toBe(200);

    const rotated = await raw(gw, 'POST', `/api/keys/${id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.json).toMatchObject({ id, name: 'made', models: ['mock/*'], rpm: 100 });
    expect(rotated.json.key).not.toBe(key);
    expect((await use(key)).status).toBe(401);
    expect((await use(rotated.json.key)).status).toBe(200);

    const patched = await raw(gw, 'PATCH', `/api/keys/${id}`, { body: { models: ['mock/allowed-b'], rpm: null } });
    expect(patched.json).toMatchObject({ models: ['mock/allowed-b'], rpm: null });
    expect((await use(rotated.json.key)).status).toBe(403);

    const revoked = await raw(gw, 'DELETE', `/api/keys/${id}`);
    expect(revoked.json).toMatchObject({ id, status: 'revoked' });
    const after = await use(rotated.json.key, 'mock/allowed-b');
    expect(after.status).toBe(401);
    expect(after.json.error.message).toContain('revoked');

    expect((await raw(gw, 'POST', '/api/keys', { body: { name: 'made' } })).status).toBe(409);
    expect((await raw(gw, 'POST', '/api/keys', { body: { name: 'x', rpm: 'fast' } })).json.error.param).toBe('rpm');
    expect((await raw(gw, 'POST', `/api/keys/${(await raw(gw, 'GET', '/api/keys')).json.data.find((k: { name: string }) => k.name === 'full').id}/rotate`)).status).toBe(409);
    expect((await raw(gw, 'PATCH', '/api/keys/key_missing', { body: { rpm: 1 } })).status).toBe(404);

    // No key, in any form, anywhere in the data directory (database, WAL, config file).
    await gw.gateway.ctx.requestLog.flush();
    const files = await readdir(gw.dataDir, { recursive: true });
    const contents = await Promise.all(files.map((f) => readFile(join(gw.dataDir, f)).catch(() => Buffer.alloc(0))));
    const all = Buffer.concat(contents);
    for (const secret of [FULL_KEY, SCOPED_KEY, LIMITED_KEY, OLD_KEY, key, rotated.json.key as string]) expect(all.includes(secret)).toBe(false);
    expect(contents.length).toBeGreaterThan(1);
  });

  it('lets the admin-key hook verify only live, admin-scoped keys', async () => {
    const made = await raw(gw, 'POST', '/api/keys', { body: { name: 'ops', admin: true } });
    expect(gw.gateway.ctx.access.verifyAdminKey(made.json.key)).toEqual({ id: made.json.id, name: 'ops' });
    expect(gw.gateway.ctx.access.verifyAdminKey(FULL_KEY)).toBeUndefined();
    await raw(gw, 'DELETE', `/api/keys/${made.json.id}`);
    expect(gw.gateway.ctx.access.verifyAdminKey(made.json.key)).toBeUndefined();
  });
});

describe('config import of keys', () => {
  it('is idempotent across restarts and prunes keys the file no longer lists', async () => {
    const first = await startTestGateway({ config: config(mock.url), env: ENV });
    const dataDir = first.dataDir;
    const before = (await first.gateway.ctx.store.apiKeys.list()).map((k) => ({ id: k.id, name: k.name }));
    await first.gateway.close();
    const trimmed = config(mock.url);
    trimmed.apiKeys = trimmed.apiKeys!.filter((k) => k.name !== 'old');
    const second = await startTestGateway({ config: trimmed, env: ENV, dataDir });
    try {
      const after = (await second.gateway.ctx.store.apiKeys.list()).map((k) => ({ id: k.id, name: k.name }));
      expect(after).toEqual(before.filter((k) => k.name !== 'old'));
    } finally {
      await second.close();
      await first.close().catch(() => undefined);
    }
  });
});
