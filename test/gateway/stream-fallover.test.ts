import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockedGateway } from '../helpers/mocked-gateway.js';

const env = useMockedGateway((mockUrl) => ({
  providers: [
    { id: 'resp', format: 'openai-responses', baseUrl: `${mockUrl}/v1` },
    { id: 'anth', format: 'anthropic-messages', baseUrl: `${mockUrl}/v1` },
  ],
  connections: ['resp', 'anth'].flatMap((provider) => [
    { provider, name: 'first', apiKey: `${provider}-key-1`, priority: 1 },
    { provider, name: 'second', apiKey: `${provider}-key-2`, priority: 2 },
  ]),
}));

const anthropicOpening = (id: string) =>
  `event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { id, type: 'message', role: 'assistant', content: [], model: 'm', stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 1 } } })}\n\n`;

describe('an error right after the stream opened still falls over to the next account', () => {
  it('Responses upstream: response.created then an insufficient_quota error (recorded)', async () => {
    env.mock.enqueue({ kind: 'fixture', format: 'openai-responses', name: 'error-in-stream-insufficient-quota' }, { kind: 'fixture', format: 'openai-responses', name: 'text-stream' });
    const client = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const stream = await client.responses.create({ model: 'resp/any', input: 'hi', stream: true });
    let text = '';
    for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text.length).toBeGreaterThan(0);
    expect(env.mock.requests.map((r) => r.headers.authorization)).toEqual(['Bearer resp-key-1', 'Bearer resp-key-2']);
  });

  it('Anthropic upstream: message_start then an overloaded error, translated to an OpenAI chat client', async () => {
    env.mock.enqueue(
      { kind: 'sse', events: [anthropicOpening('msg_1'), `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })}\n\n`] },
      { kind: 'fixture', format: 'anthropic-messages', name: 'text-stream' },
    );
    const client = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'anth/any', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(env.mock.requests.map((r) => r.headers['x-api-key'])).toEqual(['anth-key-1', 'anth-key-2']);
  });

  it('Anthropic upstream to an Anthropic client (pass-through): the same', async () => {
    env.mock.enqueue(
      { kind: 'sse', events: [anthropicOpening('msg_2'), `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })}\n\n`] },
      { kind: 'fixture', format: 'anthropic-messages', name: 'text-stream' },
    );
    const client = new Anthropic({ baseURL: env.gateway.url, apiKey: 'x', maxRetries: 0 });
    const stream = client.messages.stream({ model: 'anth/any', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    const message = await stream.finalMessage();
    expect(message.content.some((block) => block.type === 'text' && block.text.length > 0)).toBe(true);
    expect(env.mock.requests).toHaveLength(2);
  });
});

describe('previous_response_id', () => {
  it('is refused with a clear error when the provider does not speak the Responses API', async () => {
    const client = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const error = await client.responses.create({ model: 'anth/any', input: 'and then?', previous_response_id: 'resp_123' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('previous_response_id');
    expect(env.mock.requests).toHaveLength(0);
  });

  it('passes through to a Responses upstream, which stores responses itself', async () => {
    const client = new OpenAI({ baseURL: `${env.gateway.url}/v1`, apiKey: 'x', maxRetries: 0 });
    await client.responses.create({ model: 'resp/text', input: 'and then?', previous_response_id: 'resp_123' });
    expect((env.mock.requests[0]!.json as any).previous_response_id).toBe('resp_123');
  });
});
