import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream.js';
import { mockProviderConfig, startTestGateway, type TestGateway } from '../helpers/start-test-gateway.js';

let mock: MockUpstream;
let on: TestGateway;
let off: TestGateway;

beforeAll(async () => {
  mock = await startMockUpstream();
  on = await startTestGateway({ config: mockProviderConfig(mock.url) });
  off = await startTestGateway({ config: { ...mockProviderConfig(mock.url), settings: { logging: { requestLogs: false } } } });
});
afterAll(async () => {
  await on?.close();
  await off?.close();
  await mock?.close();
});

describe('settings.logging.requestLogs', () => {
  it('on (default): every request leaves a row; off: none, and answers are unchanged', async () => {
    for (const gw of [on, off]) {
      const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'x', maxRetries: 0 });
      const answer = await client.chat.completions.create({ model: 'mock/anything', messages: [{ role: 'user', content: 'count me' }] });
      expect(answer.choices[0]!.message.content).toBe('echo: count me');
      await gw.gateway.ctx.requestLog.flush();
    }
    expect(await on.gateway.ctx.store.requestLogs.count()).toBe(1);
    expect(await off.gateway.ctx.store.requestLogs.count()).toBe(0);
  });
});
