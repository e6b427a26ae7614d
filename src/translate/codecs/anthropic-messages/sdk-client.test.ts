import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalStreamEvent } from '../../canonical/index.js';
import { anthropicMessagesCodec as codec } from './index.js';
import { formatSse, loadCase, parseSse } from './test-support/load-fixtures.js';

/**
 * The official Anthropic SDK parses what this codec's encoders produce: a 127.0.0.1 server plays
 * encoded bodies back, and the SDK's own accumulator must rebuild the recorded message.
 */
let server: Server;
let client: Anthropic;
let reply: { status: number; contentType: string; body: string } = { status: 200, contentType: 'application/json', body: '{}' };

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(reply.status, { 'content-type': reply.contentType });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new Anthropic({ apiKey: 'test', baseURL: `http://127.0.0.1:${port}`, maxRetries: 0 });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function encodeRecordedStream(name: string): string {
  const decoder = codec.createStreamDecoder();
  const canonical: CanonicalStreamEvent[] = parseSse(loadCase(name).stream!).flatMap((event) => decoder.push(event));
  const encoder = codec.createStreamEncoder({ includeUsage: true, model: 'claude-test' });
  return formatSse([...canonical.flatMap((event) => encoder.push(event)), ...encoder.end(true)]);
}

describe('the Anthropic SDK reads our output', () => {
  it('a translated non-streaming response', async () => {
    const recorded = loadCase('thinking').response as any;
    reply = { status: 200, contentType: 'application/json', body: JSON.stringify(codec.encodeResponse(codec.decodeResponse(recorded))) };
    const message = await client.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] });
    expect(message.content).toEqual([
      { type: 'thinking', thinking: recorded.content[0].thinking, signature: recorded.content[0].signature },
      { type: 'text', text: recorded.content[1].text, citations: null },
    ]);
    expect(message.usage.input_tokens).toBe(43);
  });

  it.each(['thinking-tool-use-stream', 'parallel-tool-calls-stream', 'redacted-thinking-stream'])('stream %s', async (name) => {
    reply = { status: 200, contentType: 'text/event-stream', body: encodeRecordedStream(name) };
    const stream = client.messages.stream({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] });
    const message = await stream.finalMessage();
    const recordedStops = parseSse(loadCase(name).stream!)
      .map((event) => JSON.parse(event.data))
      .filter((data) => data.type === 'message_delta');
    expect(message.stop_reason).toBe(recordedStops[0].delta.stop_reason);
    expect(message.usage.output_tokens).toBe(recordedStops[0].usage.output_tokens);
    const recordedTypes = parseSse(loadCase(name).stream!)
      .map((event) => JSON.parse(event.data))
      .filter((data) => data.type === 'content_block_start')
      .map((data) => data.content_block.type);
    expect(message.content.map((block) => block.type)).toEqual(recordedTypes);
    for (const block of message.content) {
      if (block.type === 'tool_use') expect(typeof block.input).toBe('object');
      if (block.type === 'thinking') expect(block.signature.length).toBeGreaterThan(100);
    }
  });

  it('an error body becomes the SDK\'s typed error', async () => {
    const body = codec.encodeError({ kind: 'overloaded', status: 529, message: 'Overloaded' });
    reply = { status: 529, contentType: 'application/json', body: JSON.stringify(body) };
    await expect(client.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status: 529,
      error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
  });

  it('an in-stream error event makes the SDK stream fail', async () => {
    const encoder = codec.createStreamEncoder({ includeUsage: true, model: 'claude-test' });
    const events = [
      ...encoder.push({ type: 'message_start', id: 'msg_1', model: 'x', created: 0 }),
      ...encoder.push({ type: 'text_delta', index: 0, text: 'partial' }),
      ...encoder.push({ type: 'error', error: { kind: 'overloaded', status: 529, message: 'Overloaded' } }),
    ];
    reply = { status: 200, contentType: 'text/event-stream', body: formatSse(events) };
    const stream = client.messages.stream({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] });
    await expect(stream.finalMessage()).rejects.toThrow(/Overloaded/);
  });
});
