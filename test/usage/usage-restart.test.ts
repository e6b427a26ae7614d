import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigFile } from '../../src/config/config-file-schema.js';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway.js';
import { sseFromChatDeltas } from '../support/mock-builders.js';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream.js';

/** Budgets, quotas and admin prices outlive a restart: spend and counts come back from the request log. */

let mock: MockUpstream;
let dataDir: string;

function config(mockUrl: string): ConfigFile {
  return {
    providers: [{ id: 'pay', format: 'openai-chat', baseUrl: `${mockUrl}/v1` }],
    connections: [{ provider: 'pay', name: 'pay-key', apiKey: 'sk-pay', quota: { window: 'monthly', requests: 100 } }],
    budgets: [{ provider: 'pay', monthly: 0.5 }],
  };
}

beforeAll(async () => {
  mock = await startMockUpstream();
  dataDir = await mkdtemp(join(tmpdir(), 'omniroute-usage-restart-'));
});
afterAll(async () => {
  await mock?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function withGateway<T>(run: (gateway: TestGateway, client: OpenAI) => Promise<T>): Promise<T> {
  const gateway = await startTestGateway({ config: config(mock.url), dataDir });
  try {
    return await run(gateway, new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 }));
  } finally {
    await gateway.close();
  }
}

describe('usage state across a restart', () => {
  it('reloads budget spend, quota counts and admin prices', async () => {
    await withGateway(async (gateway, client) => {
      const put = await gateway.adminFetch('/api/pricing/pay/metered', { method: 'PUT', body: JSON.stringify({ input: 1, output: 1 }) });
      expect(put.status).toBe(200);
      mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['ok'], { usage: { prompt_tokens: 500_000, completion_tokens: 0 } }) });
      const stream = await client.chat.completions.create({ model: 'pay/metered', messages: [{ role: 'user', content: 'Hi' }], stream: true });
      for await (const chunk of stream) void chunk;
    });

    await withGateway(async (gateway, client) => {
      const pricing = (await (await gateway.adminFetch('/api/pricing?provider=pay')).json()) as { data: Array<{ model: string; source: string }> };
      expect(pricing.data).toEqual([expect.objectContaining({ model: 'metered', input: 1, output: 1, source: 'admin' })]);
      const budgets = (await (await gateway.adminFetch('/api/budgets')).json()) as { data: Array<{ periods: Array<{ spentUsd: number; exceeded: boolean }> }> };
      expect(budgets.data[0]?.periods[0]).toMatchObject({ spentUsd: 0.5, exceeded: true });
      const quotas = (await (await gateway.adminFetch('/api/quotas')).json()) as { data: Array<{ requests: { used: number } }> };
      expect(quotas.data[0]?.requests.used).toBe(1);
      const error = await client.chat.completions.create({ model: 'pay/metered', messages: [{ role: 'user', content: 'Hi' }] }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(402);
    });
  });
});
