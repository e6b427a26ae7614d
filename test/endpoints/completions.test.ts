import OpenAI from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFixture } from '../support/fixture-library.js';
import { openAiError, sseFromChatDeltas } from '../support/mock-builders.js';
import { streamPayloads, summariseFixture } from '../translation/support/summarise-fixture.js';
import { chatStreamUsage } from '../translation/support/summarise-openai-chat.js';
import { useMockedGateway } from '../helpers/mocked-gateway.js';

let client: OpenAI;

const env = useMockedGateway((mockUrl) => ({
  providers: [
    { id: 'mock', format: 'openai-chat', baseUrl: `${mockUrl}/v1` },
    { id: 'anth', format: 'anthropic-messages', baseUrl: `${mockUrl}/v1` },
  ],
  connections: [
    { provider: 'mock', name: 'm1', apiKey: 'sk-m' },
    { provider: 'anth', name: 'a1', apiKey: 'sk-a' },
  ],
}));
beforeAll(() => {
  client = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'x', maxRetries: 0, timeout: 10_000 });
});

async function collect(stream: AsyncIterable<OpenAI.Completions.Completion>) {
  let text = '';
  const finishes: string[] = [];
  const usages: unknown[] = [];
  const objects = new Set<string>();
  for await (const chunk of stream) {
    objects.add(chunk.object);
    for (const choice of chunk.choices) {
      text += choice.text;
      if (choice.finish_reason) finishes.push(choice.finish_reason);
    }
    if (chunk.usage) usages.push(chunk.usage);
  }
  return { text, finishes, usages, objects };
}

describe('POST /v1/completions through the official openai client', () => {
  it('turns the prompt into one user message for a chat upstream and answers text_completion', async () => {
    const { data, response } = await client.completions.create({ model: 'mock/anything', prompt: 'Say hi', max_tokens: 20, temperature: 0.5, stop: ['\n\n'] }).withResponse();
    const sent = env.mock.requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.json).toMatchObject({ model: 'anything', messages: [{ role: 'user', content: 'Say hi' }], max_tokens: 20, temperature: 0.5, stop: ['\n\n'] });
    expect(sent.json).not.toHaveProperty('prompt');
    expect(data.object).toBe('text_completion');
    expect(data.choices).toEqual([{ text: 'echo: Say hi', index: 0, logprobs: null, finish_reason: 'stop' }]);
    expect(data.usage?.completion_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-omniroute-provider')).toBe('mock');
  });

  it('joins an array of prompts into one message', async () => {
    const data = await client.completions.create({ model: 'mock/anything', prompt: ['first line', 'second line'] });
    expect((env.mock.requests[0]!.json as any).messages).toEqual([{ role: 'user', content: 'first line\nsecond line' }]);
    expect(data.choices[0]!.text).toBe('echo: first line\nsecond line');
  });

  it('streams a recorded chat stream as completion chunks, with usage only when asked', async () => {
    const recording = loadFixture('openai-chat', 'text-stream-usage');
    const expected = summariseFixture(recording);
    const plain = await collect(await client.completions.create({ model: 'mock/text-stream-usage', prompt: 'hi', stream: true }));
    expect(plain.text).toBe(expected.text);
    expect(plain.finishes).toEqual(['stop']);
    expect(plain.usages).toEqual([]);
    expect([...plain.objects]).toEqual(['text_completion']);

    const withUsage = await collect(await client.completions.create({ model: 'mock/text-stream-usage', prompt: 'hi', stream: true, stream_options: { include_usage: true } }));
    expect(withUsage.text).toBe(expected.text);
    expect(withUsage.usages).toEqual([expect.objectContaining(chatStreamUsage(streamPayloads(recording)))]);
  });

  it('works against an Anthropic upstream, translated both ways, streaming and not', async () => {
    const data = await client.completions.create({ model: 'anth/claude-x', prompt: 'Translate me', max_tokens: 50 });
    expect(env.mock.requests[0]!.path).toBe('/v1/messages');
    expect(env.mock.requests[0]!.json).toMatchObject({ model: 'claude-x', max_tokens: 50, messages: [{ role: 'user', content: [{ type: 'text', text: 'Translate me' }] }] });
    expect(data.object).toBe('text_completion');
    expect(data.choices[0]).toMatchObject({ text: 'echo: Translate me', finish_reason: 'stop' });

    const streamed = await collect(await client.completions.create({ model: 'anth/claude-x', prompt: 'Stream me', stream: true }));
    expect(streamed.text).toBe('echo: Stream me');
    expect(streamed.finishes).toEqual(['stop']);
  });

  it('maps a length stop and keeps text split across many chunks in order', async () => {
    env.mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['Hel', 'lo ', 'wor', 'ld'], { finishReason: 'length' }) });
    const streamed = await collect(await client.completions.create({ model: 'mock/anything', prompt: 'x', stream: true }));
    expect(streamed.text).toBe('Hello world');
    expect(streamed.finishes).toEqual(['length']);
  });

  it('ends a stream that breaks after the first byte with the error event and no [DONE]', async () => {
    env.mock.enqueue({ kind: 'sse', events: sseFromChatDeltas(['partial ', 'answer'], { done: false }).slice(0, 3), then: 'cut' });
    const response = await fetch(`${env.gateway.url}/v1/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'mock/anything', prompt: 'x', stream: true }) });
    const events = (await response.text()).split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
    expect(events).not.toContain('[DONE]');
    const parsed = events.map((e) => JSON.parse(e) as Record<string, any>);
    expect(parsed.filter((e) => e.object === 'text_completion').map((e) => e.choices[0].text).join('')).toBe('partial answer');
    expect(parsed.at(-1)).toHaveProperty('error');
  });

  it('passes upstream errors through in OpenAI format', async () => {
    env.mock.enqueue(openAiError(429, 'slow down', 'requests', 'rate_limit_exceeded'));
    const error = await client.completions.create({ model: 'mock/anything', prompt: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('is logged as its own client format, with the upstream usage and fields chat understands passed on', async () => {
    const data = await client.completions.create({ model: 'mock/anything', prompt: 'log me', logit_bias: { '50256': -100 }, user: 'u-1' });
    expect(env.mock.requests[0]!.json).toMatchObject({ logit_bias: { '50256': -100 }, user: 'u-1' });
    await env.gateway.gateway.ctx.requestLog.flush();
    const rows = await env.gateway.gateway.ctx.store.requestLogs.list({ limit: 20 });
    expect(data._request_id).toBeTruthy();
    const row = rows.find((r) => r.id === data._request_id);
    expect(row).toMatchObject({ clientFormat: 'openai-completions', endpoint: '/v1/completions', provider: 'mock', status: 200, outputTokens: data.usage?.completion_tokens });
  });

  it('refuses fields chat models cannot honour, naming them', async () => {
    for (const [field, value] of [['suffix', 'tail'], ['echo', true], ['best_of', 3], ['logprobs', 2]] as const) {
      const error = await client.completions.create({ model: 'mock/anything', prompt: 'x', [field]: value }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({ param: field });
    }
    const missing = await client.completions.create({ model: 'mock/anything' } as any).catch((e: unknown) => e);
    expect((missing as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({ param: 'prompt' });
    expect(env.mock.requests).toHaveLength(0);
  });
});
