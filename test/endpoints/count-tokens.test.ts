import Anthropic from '@anthropic-ai/sdk';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConfigFile } from '../../src/config/config-file-schema.js';
import { anthropicError } from '../support/mock-builders.js';
import { useMockedGateway } from '../helpers/mocked-gateway.js';

let client: Anthropic;

function config(mockUrl: string): ConfigFile {
  return {
    providers: [
      { id: 'anth', format: 'anthropic-messages', baseUrl: `${mockUrl}/v1` },
      { id: 'chat', format: 'openai-chat', baseUrl: `${mockUrl}/v1` },
    ],
    connections: [
      { provider: 'anth', name: 'a1', apiKey: 'sk-ant-1', priority: 1 },
      { provider: 'anth', name: 'a2', apiKey: 'sk-ant-2', priority: 2 },
      { provider: 'chat', name: 'c1', apiKey: 'sk-chat' },
    ],
  };
}

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city, in degrees Celsius.',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string', description: 'City name' } }, required: ['city'] },
};

const env = useMockedGateway(config);
beforeAll(() => {
  client = new Anthropic({ baseURL: env.gateway.url, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 });
});

describe('POST /v1/messages/count_tokens to an Anthropic-format provider', () => {
  it('forwards the body with only the model changed and returns the provider count unmarked', async () => {
    const params = { model: 'anth/claude-x', system: 'Be terse.', messages: [{ role: 'user' as const, content: 'How warm is Paris?' }], tools: [weatherTool] };
    const { data, response } = await client.messages.countTokens(params, { headers: { 'anthropic-beta': 'token-counting-2024-11-01' } }).withResponse();
    const sent = env.mock.requests[0]!;
    expect(sent.path).toBe('/v1/messages/count_tokens');
    expect(sent.headers['x-api-key']).toBe('sk-ant-1');
    expect(sent.headers['anthropic-beta']).toBe('token-counting-2024-11-01');
    expect(sent.json).toEqual({ ...params, model: 'claude-x' });
    // The mock counts ceil(body length / 4): the gateway must hand that number back untouched.
    expect(data.input_tokens).toBe(Math.ceil(sent.body.length / 4));
    expect(response.headers.get('x-omniroute-token-estimate')).toBeNull();
    expect(response.headers.get('x-omniroute-provider')).toBe('anth');
    expect(response.headers.get('x-omniroute-model')).toBe('claude-x');
  });

  it.each([404, 405])('estimates, marked as such, when the upstream answers %i', async (status) => {
    env.mock.enqueue({ kind: 'status', status, body: { type: 'error', error: { type: 'not_found_error', message: 'Not found' } } });
    const { data, response } = await client.messages.countTokens({ model: 'anth/claude-x', messages: [{ role: 'user', content: 'hello there, how are you today?' }] }).withResponse();
    expect(response.headers.get('x-omniroute-token-estimate')).toBe('true');
    expect(data.input_tokens).toBeGreaterThanOrEqual(countTokens('hello there, how are you today?'));
    expect(env.mock.requests).toHaveLength(1);
  });

  it('tries the next account when the first is rate limited', async () => {
    env.mock.enqueue(anthropicError(429, 'slow down'));
    const data = await client.messages.countTokens({ model: 'anth/claude-x', messages: [{ role: 'user', content: 'hi' }] });
    expect(env.mock.requests.map((r) => r.headers['x-api-key'])).toEqual(['sk-ant-1', 'sk-ant-2']);
    expect(data.input_tokens).toBe(Math.ceil(env.mock.requests[1]!.body.length / 4));
  });

  it('returns an upstream request error in Anthropic format instead of estimating', async () => {
    env.mock.enqueue(anthropicError(400, 'messages: bad block'));
    const error = await client.messages.countTokens({ model: 'anth/claude-x', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(String((error as Error).message)).toContain('messages: bad block');
  });
});

describe('POST /v1/messages/count_tokens estimated for other providers', () => {
  const count = async (body: Record<string, unknown>) => {
    const response = await fetch(`${env.gateway.url}/v1/messages/count_tokens`, { method: 'POST', headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: JSON.stringify({ model: 'chat/gpt-x', ...body }) });
    return { status: response.status, estimate: response.headers.get('x-omniroute-token-estimate'), json: (await response.json()) as Record<string, any> };
  };

  it('answers through the SDK with a marked estimate and never calls the upstream', async () => {
    const { data, response } = await client.messages.countTokens({ model: 'chat/gpt-x', messages: [{ role: 'user', content: 'What is the capital of France?' }] }).withResponse();
    expect(response.headers.get('x-omniroute-token-estimate')).toBe('true');
    expect(data.input_tokens).toBeGreaterThanOrEqual(countTokens('What is the capital of France?'));
    expect(env.mock.requests).toHaveLength(0);
  });

  it('counts the system prompt, tool definitions, tool calls and tool results', async () => {
    const messages = [{ role: 'user', content: 'Weather in Paris?' }];
    const base = (await count({ messages })).json.input_tokens as number;
    const system = 'You are a meteorologist who answers in exactly one sentence with the temperature.';
    const withSystem = (await count({ messages, system })).json.input_tokens as number;
    expect(withSystem - base).toBeGreaterThanOrEqual(countTokens(system));

    const withTools = (await count({ messages, tools: [weatherTool] })).json.input_tokens as number;
    expect(withTools - base).toBeGreaterThanOrEqual(countTokens(JSON.stringify(weatherTool.input_schema)) + countTokens(weatherTool.description));

    const args = { city: 'Paris', units: 'celsius', detail: 'hourly forecast for the next three days' };
    const result = 'Sunny, 21 degrees, light wind from the south-west, humidity 40 percent.';
    const turn = [
      ...messages,
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: args }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: result }] },
    ];
    const withTurn = (await count({ messages: turn })).json.input_tokens as number;
    expect(withTurn - base).toBeGreaterThanOrEqual(countTokens(JSON.stringify(args)) + countTokens(result));
  });

  it('accepts system-role entries inside messages and counts them', async () => {
    const messages = [{ role: 'user', content: 'Hi' }];
    const note = 'Always answer in French, and never mention the weather in your replies.';
    const plain = await count({ messages });
    const withSystemEntry = await count({ messages: [{ role: 'system', content: note }, ...messages] });
    expect(withSystemEntry.status).toBe(200);
    expect((withSystemEntry.json.input_tokens as number) - (plain.json.input_tokens as number)).toBeGreaterThanOrEqual(countTokens(note));
  });

  it('counts text that contains tokenizer special-token markers as plain text', async () => {
    const { status, json } = await count({ messages: [{ role: 'user', content: 'literal <|endoftext|> marker' }] });
    expect(status).toBe(200);
    expect(json.input_tokens).toBeGreaterThan(0);
  });
});

describe('POST /v1/messages/count_tokens errors', () => {
  it('answers a malformed body with an Anthropic error naming the field', async () => {
    const response = await fetch(`${env.gateway.url}/v1/messages/count_tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'chat/x', messages: 'nope' }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, any>;
    expect(body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(body.error.message).toContain('messages');
  });

  it('answers an unknown model with a 404 in Anthropic format', async () => {
    const error = await client.messages.countTokens({ model: 'nobody/model', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect((error as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });
});
