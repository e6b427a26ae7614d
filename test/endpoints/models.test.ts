import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.js';

interface CatalogModel {
  id: string;
  name?: string;
  contextLength?: number;
  maxOutputTokens?: number;
}
// Read, not hard-coded: the expected names and limits are whatever the shipped catalogue says.
const catalog = JSON.parse(readFileSync(new URL('../../src/providers/catalog/catalog-data.json', import.meta.url), 'utf8')) as { providers: Array<{ id: string; models: CatalogModel[] }> };
const claudeModels = catalog.providers.find((p) => p.id === 'anthropic')!.models;
const CUSTOM = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'].map((m) => `mock/${m}`);

let gw: TestGateway;
let expectedIds: string[];

beforeAll(async () => {
  gw = await startTestGateway({
    config: {
      providers: [{ id: 'mock', format: 'openai-chat', baseUrl: 'http://127.0.0.1:9/v1', models: CUSTOM.map((id) => id.slice('mock/'.length)) }],
      connections: [
        { provider: 'mock', name: 'm1', apiKey: 'sk-m' },
        { provider: 'anthropic', name: 'a1', apiKey: 'sk-ant' },
      ],
    },
  });
  const response = await fetch(`${gw.url}/v1/models`);
  expectedIds = ((await response.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id);
});
afterAll(async () => {
  await gw?.close();
});

describe('model lists in each client shape', () => {
  it('serves the OpenAI list to the openai SDK, and retrieves one model', async () => {
    const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining([...CUSTOM, `anthropic/${claudeModels[0]!.id}`]));
    expect(ids).toHaveLength(CUSTOM.length + claudeModels.length);
    const one = await client.models.retrieve('mock/beta');
    expect(one).toMatchObject({ id: 'mock/beta', object: 'model', owned_by: 'mock' });
  });

  it('answers an unknown model id with a 404 in OpenAI shape', async () => {
    const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const error = await client.models.retrieve('mock/nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).error).toMatchObject({ type: 'not_found_error', param: 'model' });
  });

  it('serves the Anthropic shape when the request carries anthropic-version', async () => {
    const client = new Anthropic({ baseURL: gw.url, apiKey: 'x', maxRetries: 0 });
    const page = await client.models.list();
    expect(page.has_more).toBe(false);
    expect(page.data.map((m) => m.id)).toEqual(expectedIds);
    expect(page.first_id).toBe(expectedIds[0]);
    expect(page.last_id).toBe(expectedIds.at(-1));
    const named = claudeModels.find((m) => m.name)!;
    expect(page.data.find((m) => m.id === `anthropic/${named.id}`)).toEqual({ id: `anthropic/${named.id}`, type: 'model', display_name: named.name, created_at: '1970-01-01T00:00:00Z' });
  });

  it('pages the Anthropic list with limit / after_id, which the SDK follows to the end', async () => {
    const client = new Anthropic({ baseURL: gw.url, apiKey: 'x', maxRetries: 0 });
    const first = await client.models.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const ids: string[] = [];
    for await (const model of client.models.list({ limit: 2 })) ids.push(model.id);
    expect(ids).toEqual(expectedIds);
    const before = await client.models.list({ limit: 2, before_id: expectedIds[3]! });
    expect(before.data.map((m) => m.id)).toEqual(expectedIds.slice(1, 3));
  });

  it('retrieves one model in Anthropic shape, and 404s in Anthropic format', async () => {
    const client = new Anthropic({ baseURL: gw.url, apiKey: 'x', maxRetries: 0 });
    expect(await client.models.retrieve('mock/gamma')).toMatchObject({ id: 'mock/gamma', type: 'model', display_name: 'mock/gamma' });
    const error = await client.models.retrieve('mock/nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect((error as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it('rejects an out-of-range Anthropic limit in Anthropic format', async () => {
    const response = await fetch(`${gw.url}/v1/models?limit=0`, { headers: { 'anthropic-version': '2023-06-01' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('serves the Gemini list to @google/genai, following page tokens', async () => {
    const ai = new GoogleGenAI({ apiKey: 'x', httpOptions: { baseUrl: gw.url } });
    const names: string[] = [];
    const pager = await ai.models.list({ config: { pageSize: 2 } });
    for await (const model of pager) names.push(model.name!);
    expect(names).toEqual(expectedIds.map((id) => `models/${id}`));

    const withLimits = claudeModels.find((m) => m.contextLength !== undefined)!;
    const all = (await (await fetch(`${gw.url}/v1beta/models`)).json()) as { models: Array<Record<string, unknown>>; nextPageToken?: string };
    expect(all.nextPageToken).toBeUndefined();
    const listed = all.models.find((m) => m.name === `models/anthropic/${withLimits.id}`)!;
    expect(listed).toMatchObject({ inputTokenLimit: withLimits.contextLength, supportedGenerationMethods: ['generateContent', 'streamGenerateContent'] });
    if (withLimits.maxOutputTokens === undefined) expect(listed).not.toHaveProperty('outputTokenLimit');
    expect(all.models.find((m) => m.name === 'models/mock/alpha')).toEqual({ name: 'models/mock/alpha', displayName: 'mock/alpha', supportedGenerationMethods: ['generateContent', 'streamGenerateContent'] });
  });

  it('gets one Gemini model, and 404s in Gemini format', async () => {
    const ai = new GoogleGenAI({ apiKey: 'x', httpOptions: { baseUrl: gw.url } });
    expect(await ai.models.get({ model: 'mock/delta' })).toMatchObject({ name: 'models/mock/delta', displayName: 'mock/delta' });
    const ok = await fetch(`${gw.url}/v1beta/models/mock/delta`);
    expect(await ok.json()).toMatchObject({ name: 'models/mock/delta', displayName: 'mock/delta' });
    const missing = await fetch(`${gw.url}/v1beta/models/mock/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });
});
