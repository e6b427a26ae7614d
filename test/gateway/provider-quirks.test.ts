import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockedGateway } from '../helpers/mocked-gateway.js';

// A built-in provider, reached through a per-account base URL override (here: the mock).
const env = useMockedGateway((mockUrl) => ({ connections: [{ provider: 'openai', name: 'a', apiKey: 'sk-a', baseUrl: `${mockUrl}/v1` }] }));

describe('catalogue quirks', () => {
  it('leaves out parameters the catalogue says the model rejects, and only for that model', async () => {
    const client = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'x', maxRetries: 0 });
    await client.chat.completions.create({ model: 'openai/o3', messages: [{ role: 'user', content: 'hi' }], temperature: 0.2, presence_penalty: 0.5, seed: 7 });
    expect(env.mock.requests[0]!.json).toMatchObject({ model: 'o3', seed: 7 });
    expect(env.mock.requests[0]!.json).not.toHaveProperty('temperature');
    expect(env.mock.requests[0]!.json).not.toHaveProperty('presence_penalty');

    await client.chat.completions.create({ model: 'openai/gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }], temperature: 0.2 });
    expect(env.mock.requests[1]!.json).toMatchObject({ model: 'gpt-4.1-mini', temperature: 0.2 });
  });

  it('uses the account base URL and key for a built-in provider', async () => {
    const client = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'x', maxRetries: 0 });
    await client.chat.completions.create({ model: 'openai/gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }] });
    expect(env.mock.requests[0]!.path).toBe('/v1/chat/completions');
    expect(env.mock.requests[0]!.headers.authorization).toBe('Bearer sk-a');
  });
});
