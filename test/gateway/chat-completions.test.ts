import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../support/fixture-library.js';
import { streamPayloads, summariseFixture } from '../translation/support/summarise-fixture.js';
import { chatStreamUsage } from '../translation/support/summarise-openai-chat.js';
import { mockProviderConfig, startTestGateway } from '../helpers/start-test-gateway.js';
import { useMockedGateway } from '../helpers/mocked-gateway.js';

let client: OpenAI;

const env = useMockedGateway(mockProviderConfig);
beforeAll(() => {
  client = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'unused-locally', maxRetries: 0, timeout: 10_000 });
});

describe('POST /v1/chat/completions through the official openai client', () => {
  it('returns the recorded non-streaming answer unchanged', async () => {
    const fixture = loadFixture('openai-chat', 'text');
    const { data, response } = await client.chat.completions.create({ model: 'mock/text', messages: [{ role: 'user', content: 'What is 2 + 2?' }] }).withResponse();
    const recorded = fixture.response as any;
    expect(data.choices[0]!.message.content).toBe(recorded.choices[0].message.content);
    expect(data.usage).toEqual(recorded.usage);
    expect(response.headers.get('x-omniroute-provider')).toBe('mock');
    expect(response.headers.get('x-omniroute-model')).toBe('text');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends the model without its prefix, the account key, and the body fields untouched', async () => {
    await client.chat.completions.create({ model: 'mock/text', messages: [{ role: 'user', content: 'hi' }], temperature: 0.25, user: 'u-1', metadata: { a: 'b' } } as any);
    const sent = env.mock.requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-up-a');
    expect(sent.json).toMatchObject({ model: 'text', temperature: 0.25, user: 'u-1', metadata: { a: 'b' }, messages: [{ role: 'user', content: 'hi' }] });
  });

  it('keeps the client x-request-id', async () => {
    const { response } = await client.chat.completions.create({ model: 'mock/text', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-request-id': 'client-req-42' } }).withResponse();
    expect(response.headers.get('x-request-id')).toBe('client-req-42');
  });

  it('streams the recorded text, and hides the usage chunk the client did not ask for', async () => {
    const expected = summariseFixture(loadFixture('openai-chat', 'text-stream-usage'));
    const stream = await client.chat.completions.create({ model: 'mock/text-stream-usage', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let content = '';
    let finish: string | null = null;
    const usageSeen: unknown[] = [];
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta?.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usageSeen.push(chunk.usage);
    }
    expect(content).toBe(expected.text);
    expect(finish).toBe('stop');
    expect(usageSeen).toEqual([]);
    // The gateway asked the upstream for usage anyway, for its own accounting.
    expect((env.mock.requests[0]!.json as any).stream_options).toEqual({ include_usage: true });
  });

  it('streams usage exactly once when the client asks for it', async () => {
    const recordedUsage = chatStreamUsage(streamPayloads(loadFixture('openai-chat', 'text-stream-usage')));
    const stream = await client.chat.completions.create({ model: 'mock/text-stream-usage', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] });
    const usageSeen: unknown[] = [];
    for await (const chunk of stream) if (chunk.usage) usageSeen.push(chunk.usage);
    expect(usageSeen).toHaveLength(1);
    expect(usageSeen[0]).toMatchObject(recordedUsage!);
  });

  it('streams parallel tool calls with their indices and complete arguments', async () => {
    const expected = summariseFixture(loadFixture('openai-chat', 'parallel-tool-calls-stream'));
    expect(expected.toolCalls.length).toBeGreaterThan(1);
    const stream = await client.chat.completions.create({ model: 'mock/parallel-tool-calls-stream', stream: true, messages: [{ role: 'user', content: 'weather?' }] });
    const calls: Array<{ id?: string; name: string; arguments: string }> = [];
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta?.tool_calls ?? []) {
        expect(typeof call.index).toBe('number');
        const slot = (calls[call.index] ??= { name: '', arguments: '' });
        slot.id ??= call.id;
        slot.name += call.function?.name ?? '';
        slot.arguments += call.function?.arguments ?? '';
      }
    }
    expect(calls.map((c) => ({ name: c.name, args: JSON.parse(c.arguments) }))).toEqual(expected.toolCalls);
  });

  it('passes non-streaming tool calls through', async () => {
    const recorded = loadFixture('openai-chat', 'tool-call').response as any;
    const result = await client.chat.completions.create({ model: 'mock/tool-call', messages: [{ role: 'user', content: 'weather?' }] });
    const call = result.choices[0]!.message.tool_calls![0]! as any;
    expect(call.function.name).toBe(recorded.choices[0].message.tool_calls[0].function.name);
    expect(JSON.parse(call.function.arguments)).toEqual(JSON.parse(recorded.choices[0].message.tool_calls[0].function.arguments));
    expect(result.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('forwards upstream SSE comment lines and reasoning fields of OpenAI-compatible providers', async () => {
    const expected = summariseFixture(loadFixture('openai-chat', 'reasoning-content-stream-deepseek'));
    const stream = await client.chat.completions.create({ model: 'mock/reasoning-content-stream-deepseek', stream: true, messages: [{ role: 'user', content: 'think' }] });
    let reasoning = '';
    let content = '';
    for await (const chunk of stream) {
      reasoning += (chunk.choices[0]?.delta as any)?.reasoning_content ?? '';
      content += chunk.choices[0]?.delta?.content ?? '';
    }
    expect([reasoning]).toEqual(expected.reasoning);
    expect(content).toBe(expected.text);
  });
});

describe('fields strict OpenAI clients do not know', () => {
  const raw = async (body: Record<string, unknown>) => {
    const response = await fetch(`${env.gateway.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], ...body }) });
    return response.text();
  };

  it('are removed from pass-through streams (obfuscation; OpenRouter provider, native_finish_reason, cost)', async () => {
    expect(loadFixture('openai-chat', 'text-stream-usage').streamRaw!.toString()).toContain('"obfuscation"');
    const openai = await raw({ model: 'mock/text-stream-usage', stream: true });
    expect(openai).toContain('[DONE]');
    expect(openai).not.toContain('obfuscation');
    const recorded = loadFixture('openai-chat', 'compat-openrouter-tool-call-stream').streamRaw!.toString();
    expect(recorded).toMatch(/"provider"|"native_finish_reason"/);
    const openrouter = await raw({ model: 'mock/compat-openrouter-tool-call-stream', stream: true });
    expect(openrouter).not.toMatch(/"provider"\s*:|"native_finish_reason"\s*:|"cost"\s*:/);
    expect(openrouter).toContain('tool_calls');
  });

  it('are removed from pass-through JSON answers (Groq x_groq), the rest kept as sent', async () => {
    const recorded = loadFixture('openai-chat', 'think-tags').response as any;
    expect(recorded.x_groq).toBeDefined();
    const answer = JSON.parse(await raw({ model: 'mock/think-tags' }));
    expect(answer.x_groq).toBeUndefined();
    expect(answer.choices[0].message.content).toBe(recorded.choices[0].message.content);
    expect(answer.usage).toEqual(recorded.usage);
  });
});

describe('local runtimes', () => {
  it('serve without any connection and without sending a key', async () => {
    const local = await startTestGateway({ config: { providers: [{ id: 'ollama', format: 'openai-chat', baseUrl: `${env.mock.url}/v1`, local: true }] } });
    try {
      const localClient = new OpenAI({ baseURL: `${local.url}/v1`, apiKey: 'unused', maxRetries: 0 });
      const result = await localClient.chat.completions.create({ model: 'ollama/text', messages: [{ role: 'user', content: 'hi' }] });
      expect(result.choices[0]!.message.content).toBe((loadFixture('openai-chat', 'text').response as any).choices[0].message.content);
      expect(env.mock.requests[0]!.headers.authorization).toBeUndefined();
    } finally {
      await local.close();
    }
  });
});

describe('GET /v1/models', () => {
  it('lists the models of configured providers as <prefix>/<model>', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    const ids = models.map((m) => m.id);
    // The mock declares no models in config, so they were discovered from its /models.
    expect(ids).toContain('mock/text-stream');
    expect(ids.every((id) => id.startsWith('mock/'))).toBe(true);
    expect(models[0]).toMatchObject({ object: 'model', owned_by: 'mock' });
  });
});
