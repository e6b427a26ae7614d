import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockUpstream, type MockUpstream } from '../support/mock-upstream.js';
import { send, sseData } from './http-client.js';

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(async () => {
  await mock.close();
});

// Real SDKs parse the synthetic answers: if the mock's format were off they would throw or return nothing.
const openai = (): OpenAI => new OpenAI({ apiKey: 'test-key', baseURL: `${mock.url}/v1`, maxRetries: 0 });
const anthropic = (): Anthropic => new Anthropic({ apiKey: 'test-key', baseURL: mock.url, maxRetries: 0 });
const gemini = (): GoogleGenAI => new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: mock.url } });

describe('echo fallback for unknown models', () => {
  it('openai-chat, non-streaming', async () => {
    const completion = await openai().chat.completions.create({
      model: 'gpt-unknown',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: 'ping pong' }] },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe('echo: ping pong');
    expect(completion.model).toBe('gpt-unknown');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('openai-chat, streaming with include_usage', async () => {
    const stream = await openai().chat.completions.create({
      model: 'gpt-unknown',
      messages: [{ role: 'user', content: 'one two three four five' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let deltas = 0;
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      const content = chunk.choices[0]?.delta.content;
      if (content) {
        text += content;
        deltas += 1;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('echo: one two three four five');
    expect(deltas).toBeGreaterThan(1);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('openai-chat streaming sends usage only when asked, as OpenAI does', async () => {
    const response = await send(`${mock.url}/v1/chat/completions`, {
      body: { model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] },
    });
    const payloads = sseData(response.body);
    expect(payloads.at(-1)).toBe('[DONE]');
    expect(payloads.slice(0, -1).some((p) => 'usage' in (JSON.parse(p) as object))).toBe(false);
  });

  it('openai-responses, non-streaming and streaming', async () => {
    const client = openai();
    const response = await client.responses.create({ model: 'gpt-unknown', input: 'hello responses' });
    expect(response.output_text).toBe('echo: hello responses');
    expect(response.usage?.output_tokens).toBeGreaterThan(0);

    const stream = await client.responses.create({
      model: 'gpt-unknown',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'streamed input' }] }],
      stream: true,
    });
    let text = '';
    let completedUsage: number | undefined;
    const sequence: number[] = [];
    for await (const event of stream) {
      sequence.push(event.sequence_number);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') completedUsage = event.response.usage?.total_tokens;
    }
    expect(text).toBe('echo: streamed input');
    expect(completedUsage).toBeGreaterThan(0);
    expect(sequence).toEqual(sequence.map((_, i) => i));
  });

  it('anthropic-messages, non-streaming and streaming', async () => {
    const client = anthropic();
    const message = await client.messages.create({
      model: 'claude-unknown',
      max_tokens: 64,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hello claude' }] }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'echo: hello claude' }]);
    expect(message.usage.output_tokens).toBeGreaterThan(0);

    const streamed = await client.messages
      .stream({ model: 'claude-unknown', max_tokens: 64, messages: [{ role: 'user', content: 'stream me please' }] })
      .finalMessage();
    expect(streamed.content).toEqual([{ type: 'text', text: 'echo: stream me please' }]);
    expect(streamed.stop_reason).toBe('end_turn');
    expect(streamed.usage.output_tokens).toBeGreaterThan(0);
  });

  it('gemini, generateContent and streamGenerateContent (alt=sse)', async () => {
    const client = gemini();
    const response = await client.models.generateContent({ model: 'gemini-unknown', contents: 'hello gemini' });
    expect(response.text).toBe('echo: hello gemini');
    expect(response.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);

    let text = '';
    let finish: string | undefined;
    for await (const chunk of await client.models.generateContentStream({ model: 'gemini-unknown', contents: 'streamed gemini text' })) {
      text += chunk.text ?? '';
      finish = chunk.candidates?.[0]?.finishReason ?? finish;
    }
    expect(text).toBe('echo: streamed gemini text');
    expect(finish).toBe('STOP');
    expect(mock.requests.at(-1)?.path).toBe('/v1beta/models/gemini-unknown:streamGenerateContent?alt=sse');
  });

  it('gemini streamGenerateContent without alt=sse answers a JSON array', async () => {
    const response = await send(`${mock.url}/v1beta/models/gemini-unknown:streamGenerateContent`, {
      body: { contents: [{ role: 'user', parts: [{ text: 'array please' }] }] },
    });
    expect(response.headers['content-type']).toBe('application/json');
    const elements = JSON.parse(response.body.toString()) as Array<{ candidates: Array<{ content: { parts: Array<{ text: string }> } }> }>;
    expect(elements.length).toBeGreaterThan(1);
    expect(elements.map((e) => e.candidates[0]?.content.parts[0]?.text).join('')).toBe('echo: array please');
  });

  it('answers a case name in the wrong mode with an echo in the mode asked for', async () => {
    const streamedText = await send(`${mock.url}/v1/chat/completions`, {
      body: { model: 'text', stream: true, messages: [{ role: 'user', content: 'mode' }] },
    });
    expect(streamedText.headers['content-type']).toBe('text/event-stream');
    expect(sseData(streamedText.body).at(-1)).toBe('[DONE]');

    const plainStream = await send(`${mock.url}/v1/messages`, {
      body: { model: 'text-stream', messages: [{ role: 'user', content: 'mode' }] },
    });
    expect((JSON.parse(plainStream.body.toString()) as { content: unknown }).content).toEqual([{ type: 'text', text: 'echo: mode' }]);
  });
});
