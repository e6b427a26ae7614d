import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { useMockedGateway } from '../helpers/mocked-gateway.js';
import { mockProviderConfig } from '../helpers/start-test-gateway.js';

const env = useMockedGateway((mockUrl) => mockProviderConfig(mockUrl));
let client: OpenAI;

beforeAll(() => {
  client = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 });
});

describe('request-log ids', () => {
  it('records every request when a client reuses its x-request-id, and finds them by that id', async () => {
    const ask = (headers: Record<string, string>) => client.chat.completions.create({ model: 'mock/text', messages: [{ role: 'user', content: 'hi' }] }, { headers }).withResponse();
    const first = await ask({ 'x-request-id': 'client-reused-1' });
    const second = await ask({ 'x-request-id': 'client-reused-1' });
    const own = await ask({});
    expect(first.response.headers.get('x-request-id')).toBe('client-reused-1');
    expect(second.response.headers.get('x-request-id')).toBe('client-reused-1');
    await env.gateway.gateway.ctx.requestLog.flush();

    const rows = await env.gateway.gateway.ctx.store.requestLogs.list({ limit: 10 });
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((row) => row.id)).size).toBe(3);
    // The gateway's own id is what a client without one sees in x-request-id.
    expect(rows.map((row) => row.id)).toContain(own.response.headers.get('x-request-id'));
    const reused = rows.filter((row) => row.clientRequestId === 'client-reused-1');
    expect(reused).toHaveLength(2);

    const search = await env.gateway.adminFetch('/api/logs?requestId=client-reused-1');
    expect(search.status).toBe(200);
    const found = (await search.json()) as { data: Array<{ id: string }> };
    expect(found.data.map((item) => item.id).sort()).toEqual(reused.map((row) => row.id).sort());
  });
});
