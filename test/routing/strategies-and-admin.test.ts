import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { useMockedGateway } from '../helpers/mocked-gateway.js';

let client: OpenAI;

const env = useMockedGateway((mockUrl) => ({
  settings: { routing: { accountStrategy: 'round-robin', providers: { solo: { accountStrategy: 'fill-first' } } } },
  providers: [
    { id: 'rr', format: 'openai-chat', baseUrl: `${mockUrl}/rr/v1` },
    { id: 'anth', format: 'anthropic-messages', baseUrl: `${mockUrl}/anth/v1` },
  ],
  connections: [
    { provider: 'rr', name: 'one', apiKey: 'k1', priority: 1 },
    { provider: 'rr', name: 'two', apiKey: 'k2', priority: 2 },
    { provider: 'rr', name: 'three', apiKey: 'k3', priority: 3 },
    { provider: 'anth', name: 'one', apiKey: 'ak1' },
    { provider: 'anth', name: 'two', apiKey: 'ak2' },
  ],
  combos: [
    { name: 'no-affinity', models: ['rr/m'], sessionAffinity: false },
    { name: 'weighted', strategy: 'weighted', models: [{ model: 'rr/heavy', weight: 3 }, { model: 'rr/light', weight: 1 }] },
  ],
  aliases: [
    { pattern: 'sonnet', target: 'anth/claude-sonnet-4-5' },
    { pattern: 'rr-*', target: 'rr/*' },
  ],
}));
beforeAll(() => {
  client = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'x', maxRetries: 0 });
});

const keys = () => env.mock.requests.map((r) => String(r.headers.authorization ?? r.headers['x-api-key']).replace('Bearer ', ''));
const tally = (list: string[]) => list.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});

describe('account strategies end to end', () => {
  it('round-robin, sticky limit 3: nine one-shot requests → 3/3/3 across the three accounts', async () => {
    for (let i = 0; i < 9; i += 1) await client.chat.completions.create({ model: 'no-affinity', messages: [{ role: 'user', content: `question ${i}` }] });
    expect(keys()).toEqual(['k1', 'k1', 'k1', 'k2', 'k2', 'k2', 'k3', 'k3', 'k3']);
  });

  it('session affinity: each turn of a conversation stays on its account while others rotate', async () => {
    const history: OpenAI.ChatCompletionMessageParam[] = [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: 'first question of conversation A' }];
    const first = await client.chat.completions.create({ model: 'rr/m', messages: history });
    const conversationKey = keys()[0];
    for (let turn = 0; turn < 5; turn += 1) {
      history.push(first.choices[0]!.message as OpenAI.ChatCompletionMessageParam, { role: 'user', content: `follow-up ${turn}` });
      await client.chat.completions.create({ model: 'rr/m', messages: history });
      // Unrelated one-shot requests in between keep the rotation going.
      await client.chat.completions.create({ model: 'rr/m', messages: [{ role: 'user', content: `other ${turn}` }] });
    }
    const all = keys();
    const conversationTurns = [all[0], ...all.slice(1).filter((_, i) => i % 2 === 0)];
    expect(new Set(conversationTurns)).toEqual(new Set([conversationKey]));
    expect(new Set(all).size).toBeGreaterThan(1);
  });

  it('an explicit session header pins the account too', async () => {
    for (let i = 0; i < 6; i += 1) await client.chat.completions.create({ model: 'rr/m', messages: [{ role: 'user', content: `q${i}` }] }, { headers: { 'x-session-id': 'pinned-session' } });
    expect(new Set(keys()).size).toBe(1);
  });

  it('weighted combo: the first pick follows the weights', async () => {
    for (let i = 0; i < 120; i += 1) await client.chat.completions.create({ model: 'weighted', messages: [{ role: 'user', content: `w${i}` }] });
    const models = tally(env.mock.requests.map((r) => String((r.json as { model: string }).model)));
    expect(models.heavy! / 120).toBeGreaterThan(0.6);
    expect(models.heavy! / 120).toBeLessThan(0.9);
  });
});

describe('aliases, combos and /v1/models', () => {
  it('an alias serves an Anthropic client; a wildcard alias carries the model over', async () => {
    const anthropic = new Anthropic({ baseURL: env.gateway.url, apiKey: 'x', maxRetries: 0 });
    const message = await anthropic.messages.create({ model: 'sonnet', max_tokens: 50, messages: [{ role: 'user', content: 'hello' }] });
    expect(message.content[0]).toMatchObject({ type: 'text' });
    expect((env.mock.requests[0]!.json as { model: string }).model).toBe('claude-sonnet-4-5');
    await client.chat.completions.create({ model: 'rr-some-model', messages: [{ role: 'user', content: 'x' }] });
    expect((env.mock.requests[1]!.json as { model: string }).model).toBe('some-model');
  });

  it('combos and exact aliases are listed as models', async () => {
    const ids = (await client.models.list()).data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['no-affinity', 'weighted', 'sonnet']));
    expect(ids).not.toContain('rr-*');
  });
});

describe('admin API for routing', () => {
  const api = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) => {
    const response = await env.gateway.adminFetch(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as any) : undefined };
  };

  it('creates, changes and deletes a combo; the strategy stored is the one that runs', async () => {
    expect((await api('POST', '/api/combos', { name: 'admin-made', strategy: 'round-robin', models: ['rr/a', 'rr/b'], sessionAffinity: false })).status).toBe(201);
    expect((await api('POST', '/api/combos', { name: 'admin-made', models: ['rr/a'] })).status).toBe(409);
    for (let i = 0; i < 2; i += 1) await client.chat.completions.create({ model: 'admin-made', messages: [{ role: 'user', content: `x${i}` }] });
    expect(env.mock.requests.map((r) => (r.json as { model: string }).model)).toEqual(['a', 'b']);
    const patched = await api('PATCH', '/api/combos/admin-made', { strategy: 'priority' });
    expect(patched.json).toMatchObject({ strategy: 'priority', models: [{ model: 'rr/a' }, { model: 'rr/b' }] });
    expect((await api('GET', '/api/combos')).json.data.map((c: { name: string }) => c.name)).toContain('admin-made');
    expect((await api('DELETE', '/api/combos/admin-made')).status).toBe(204);
    expect((await api('GET', '/api/combos/admin-made')).status).toBe(404);
  });

  it('refuses a combo that would form a cycle or names nothing, with the reason', async () => {
    await api('POST', '/api/combos', { name: 'loop-a', models: ['rr/x'] });
    await api('POST', '/api/combos', { name: 'loop-b', models: ['loop-a'] });
    const cycle = await api('PUT', '/api/combos/loop-a', { models: ['loop-b'] });
    expect(cycle.status).toBe(400);
    expect(cycle.json.error.message).toContain('cycle');
    const unknown = await api('POST', '/api/combos', { name: 'nowhere', models: ['nosuch/model'] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain('nosuch/model');
    const badStrategy = await api('POST', '/api/combos', { name: 'bad', strategy: 'fastest', models: ['rr/x'] });
    expect(badStrategy.status).toBe(400);
    expect(badStrategy.json.error.param).toBe('strategy');
  });

  it('aliases: create, retarget, delete', async () => {
    expect((await api('POST', '/api/aliases', { pattern: 'quick-*', target: 'rr/*' })).status).toBe(201);
    await client.chat.completions.create({ model: 'quick-thing', messages: [{ role: 'user', content: 'x' }] });
    expect((env.mock.requests[0]!.json as { model: string }).model).toBe('thing');
    expect((await api('PUT', `/api/aliases/${encodeURIComponent('quick-*')}`, { target: 'rr/fixed' })).status).toBe(200);
    await client.chat.completions.create({ model: 'quick-thing', messages: [{ role: 'user', content: 'x' }] });
    expect((env.mock.requests[1]!.json as { model: string }).model).toBe('fixed');
    expect((await api('DELETE', `/api/aliases/${encodeURIComponent('quick-*')}`)).status).toBe(204);
  });

  it('routing settings apply at once', async () => {
    // The config file sets accountStrategy (it wins, and the answer says so); stickyLimit is free.
    const put = await api('PUT', '/api/routing/settings', { accountStrategy: 'fill-first', stickyLimit: 1, sessionAffinity: false });
    expect(put.json).toMatchObject({ accountStrategy: 'round-robin', stickyLimit: 1, sessionAffinity: false, overriddenByConfigFile: ['accountStrategy', 'providers'] });
    for (let i = 0; i < 3; i += 1) await client.chat.completions.create({ model: 'rr/m', messages: [{ role: 'user', content: `s${i}` }] });
    expect(new Set(keys()).size).toBe(3);
    expect((await api('PUT', '/api/routing/settings', { accountStrategy: 'fastest' })).status).toBe(400);
  });
});
