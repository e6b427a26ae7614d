import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockedGateway } from '../helpers/mocked-gateway.js';
import { mockProviderConfig } from '../helpers/start-test-gateway.js';

const on = useMockedGateway(mockProviderConfig);
const off = useMockedGateway((mockUrl) => ({ ...mockProviderConfig(mockUrl), settings: { logging: { requestLogs: false } } }));

describe('settings.logging.requestLogs', () => {
  it('on (default): every request leaves a row; off: none, and answers are unchanged', async () => {
    for (const { gateway: gw } of [on, off]) {
      const client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'x', maxRetries: 0 });
      const answer = await client.chat.completions.create({ model: 'mock/anything', messages: [{ role: 'user', content: 'count me' }] });
      expect(answer.choices[0]!.message.content).toBe('echo: count me');
      await gw.gateway.ctx.requestLog.flush();
    }
    expect(await on.gateway.gateway.ctx.store.requestLogs.count()).toBe(1);
    expect(await off.gateway.gateway.ctx.store.requestLogs.count()).toBe(0);
  });
});
