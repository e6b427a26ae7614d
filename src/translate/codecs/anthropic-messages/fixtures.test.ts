import { describe, expect, it } from 'vitest';
import type { CanonicalStreamEvent, CanonicalUsage, ContentPart } from '../../canonical/index.js';
import { anthropicMessagesCodec as codec } from './index.js';
import { listCases, loadCase, parseSse } from './test-support/load-fixtures.js';

const cases = listCases();
const requestCases = cases.filter((name) => loadCase(name).request !== undefined);
const responseCases = cases.filter((name) => loadCase(name).status === 200 && loadCase(name).response !== undefined);
const streamCases = cases.filter((name) => loadCase(name).stream !== undefined);
const errorCases = cases.filter((name) => loadCase(name).status >= 400);

interface Aggregate {
  text: string[];
  reasoning: Array<{ text: string; signature?: string; redactedData?: string }>;
  tools: Array<{ id: string; name: string; input: unknown }>;
  stopReason?: string;
  stopSequence?: string;
  usage?: CanonicalUsage;
}

/** The oracle: what the recording itself says, read straight from the raw SSE payloads. */
function aggregateRecording(body: string): Aggregate & { rawUsage: Record<string, number> } {
  const blocks = new Map<number, { type: string; text: string; signature: string; data?: string; id?: string; name?: string }>();
  const rawUsage: Record<string, number> = {};
  let stopReason: string | undefined;
  let stopSequence: string | undefined;
  for (const event of parseSse(body)) {
    const data = JSON.parse(event.data);
    if (data.type === 'message_start') Object.assign(rawUsage, data.message.usage);
    if (data.type === 'content_block_start') {
      const block = data.content_block;
      blocks.set(data.index, { type: block.type, text: '', signature: '', data: block.data, id: block.id, name: block.name });
    }
    if (data.type === 'content_block_delta') {
      const block = blocks.get(data.index)!;
      const d = data.delta;
      if (d.type === 'text_delta') block.text += d.text;
      if (d.type === 'thinking_delta') block.text += d.thinking;
      if (d.type === 'input_json_delta') block.text += d.partial_json;
      if (d.type === 'signature_delta') block.signature += d.signature;
    }
    if (data.type === 'message_delta') {
      stopReason = data.delta.stop_reason;
      stopSequence = data.delta.stop_sequence ?? undefined;
      Object.assign(rawUsage, data.usage);
    }
  }
  const ordered = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
  return {
    text: ordered.filter((b) => b.type === 'text').map((b) => b.text),
    reasoning: ordered
      .filter((b) => b.type === 'thinking' || b.type === 'redacted_thinking')
      .map((b) => (b.type === 'thinking' ? { text: b.text, signature: b.signature } : { text: '', redactedData: b.data! })),
    tools: ordered
      .filter((b) => b.type === 'tool_use')
      .map((b) => ({ id: b.id!, name: b.name!, input: b.text === '' ? {} : JSON.parse(b.text) })),
    stopReason,
    stopSequence,
    rawUsage,
  };
}

function aggregateCanonical(events: CanonicalStreamEvent[]): Aggregate {
  const blocks = new Map<number, { kind: string; text: string; signature?: string; redactedData?: string; id?: string; name?: string }>();
  const result: Aggregate = { text: [], reasoning: [], tools: [] };
  for (const event of events) {
    if (event.type === 'text_start') blocks.set(event.index, { kind: 'text', text: '' });
    if (event.type === 'text_delta') blocks.get(event.index)!.text += event.text;
    if (event.type === 'reasoning_start') {
      const block: { kind: string; text: string; redactedData?: string } = { kind: 'reasoning', text: '' };
      if (event.opaque?.redactedData !== undefined) block.redactedData = event.opaque.redactedData;
      blocks.set(event.index, block);
    }
    if (event.type === 'reasoning_delta') blocks.get(event.index)!.text += event.text;
    if (event.type === 'reasoning_opaque') {
      const block = blocks.get(event.index)!;
      expect(event.opaque.origin).toBe('anthropic-messages');
      block.signature = (block.signature ?? '') + (event.opaque.signature ?? '');
    }
    if (event.type === 'tool_call_start') blocks.set(event.index, { kind: 'tool', text: '', id: event.id, name: event.name });
    if (event.type === 'tool_call_delta') blocks.get(event.index)!.text += event.argumentsDelta;
    if (event.type === 'message_stop') {
      result.stopReason = event.stopReason;
      if (event.stopSequence !== undefined) result.stopSequence = event.stopSequence;
      if (event.usage !== undefined) result.usage = event.usage;
    }
  }
  for (const [, block] of [...blocks.entries()].sort(([a], [b]) => a - b)) {
    if (block.kind === 'text') result.text.push(block.text);
    if (block.kind === 'reasoning') {
      result.reasoning.push(
        block.redactedData !== undefined ? { text: '', redactedData: block.redactedData } : { text: block.text, signature: block.signature ?? '' },
      );
    }
    if (block.kind === 'tool') {
      result.tools.push({ id: block.id!, name: block.name!, input: block.text === '' ? {} : JSON.parse(block.text) });
    }
  }
  return result;
}

function replay(body: string): CanonicalStreamEvent[] {
  const decoder = codec.createStreamDecoder();
  return [...parseSse(body).flatMap((event) => decoder.push(event)), ...decoder.end()];
}

function expectedUsage(raw: Record<string, unknown>): CanonicalUsage {
  const n = (key: string): number => (typeof raw[key] === 'number' ? (raw[key] as number) : 0);
  return {
    inputTokens: n('input_tokens') + n('cache_read_input_tokens') + n('cache_creation_input_tokens'),
    outputTokens: n('output_tokens'),
    cachedInputTokens: n('cache_read_input_tokens'),
    cacheWriteTokens: n('cache_creation_input_tokens'),
  };
}

describe('anthropic-messages fixtures: requests', () => {
  it('found the recorded cases', () => {
    expect(requestCases.length).toBeGreaterThanOrEqual(19);
    expect(streamCases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(requestCases)('%s: decodes the recorded request', (name) => {
    const raw = loadCase(name).request as Record<string, any>;
    const request = codec.decodeRequest(raw);
    expect(request.model).toBe(raw.model);
    expect(request.stream).toBe(raw.stream === true);
    expect(request.maxOutputTokens).toBe(raw.max_tokens);
    expect(request.temperature).toBe(raw.temperature);
    // Every user text in the recording is present, in order, as canonical user text.
    const recordedUserText = (raw.messages as any[])
      .filter((m) => m.role === 'user')
      .flatMap((m) => (typeof m.content === 'string' ? [m.content] : m.content.filter((b: any) => b.type === 'text').map((b: any) => b.text)));
    const decodedUserText = request.messages
      .filter((m) => m.role === 'user')
      .flatMap((m) => m.content.filter((p): p is Extract<ContentPart, { type: 'text' }> => p.type === 'text').map((p) => p.text));
    expect(decodedUserText).toEqual(recordedUserText);
    expect(request.tools?.map((t) => t.name)).toEqual(raw.tools?.map((t: any) => t.name));
    expect(request.tools?.map((t) => t.parameters)).toEqual(raw.tools?.map((t: any) => t.input_schema));
  });

  it('system as string and as cached blocks', () => {
    const plain = codec.decodeRequest(loadCase('parallel-tool-calls').request);
    expect(plain.system).toHaveLength(1);
    expect(plain.system[0]?.text).toContain('retrieve_entity_info');
    expect(plain.toolChoice).toBe('auto');
    const cached = codec.decodeRequest(loadCase('parallel-tool-calls-stream').request);
    expect(cached.system).toEqual([{ type: 'text', text: 'Use parallel tool calling.', cacheControl: { type: 'ephemeral' } }]);
  });

  it('tool-result-followup-stream: assistant tool_use and user tool_result', () => {
    const request = codec.decodeRequest(loadCase('tool-result-followup-stream').request);
    expect(request.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    const calls = request.messages[1]!.content.filter((p) => p.type === 'tool_call');
    expect(calls).toEqual([
      { type: 'tool_call', id: 'toolu_01LtHJmixrs9NcWQkK8hu8hj', name: 'pelican_name_generator', arguments: '{}' },
      { type: 'tool_call', id: 'toolu_01N8a4jWyf116qKTMqKKmjyt', name: 'pelican_name_generator', arguments: '{}' },
    ]);
    expect(request.messages[2]!.content).toEqual([
      { type: 'tool_result', toolCallId: 'toolu_01LtHJmixrs9NcWQkK8hu8hj', content: [{ type: 'text', text: 'Charles' }] },
      { type: 'tool_result', toolCallId: 'toolu_01N8a4jWyf116qKTMqKKmjyt', content: [{ type: 'text', text: 'Sammy' }] },
    ]);
  });

  it('images: base64 and url sources', () => {
    const b64 = codec.decodeRequest(loadCase('vision-base64-stream').request);
    const image = b64.messages[0]!.content[0];
    expect(image).toMatchObject({ type: 'image', source: { kind: 'base64', mediaType: 'image/png' } });
    const raw = loadCase('vision-base64-stream').request as any;
    expect(image?.type === 'image' && image.source.kind === 'base64' && image.source.data).toBe(raw.messages[0].content[0].source.data);
    const url = codec.decodeRequest(loadCase('vision-url').request);
    expect(url.messages[0]!.content[1]).toEqual({
      type: 'image',
      source: { kind: 'url', url: (loadCase('vision-url').request as any).messages[0].content[1].source.url },
    });
  });

  it('thinking, stop sequences and structured output settings', () => {
    expect(codec.decodeRequest(loadCase('thinking').request).reasoning).toEqual({ budgetTokens: 1024, includeThoughts: true });
    const display = codec.decodeRequest(loadCase('thinking-tool-use-stream').request);
    expect(display.reasoning?.budgetTokens).toBe(1024);
    expect(display.extras?.thinking).toEqual({ type: 'enabled', budget_tokens: 1024, display: 'summarized' });
    expect(codec.decodeRequest(loadCase('text-stream-prefill-stop-sequence').request).stopSequences).toEqual(['```']);
    const structured = codec.decodeRequest(loadCase('structured-output-stream').request);
    const schema = (loadCase('structured-output-stream').request as any).output_config.format.schema;
    expect(structured.responseFormat).toEqual({ type: 'json_schema', schema });
    expect(structured.extras).toBeUndefined();
  });
});

describe('anthropic-messages fixtures: responses', () => {
  it.each(responseCases)('%s: decodes the recorded response', (name) => {
    const raw = loadCase(name).response as Record<string, any>;
    const response = codec.decodeResponse(raw);
    expect(response.id).toBe(raw.id);
    expect(response.model).toBe(raw.model);
    expect(response.stopReason).toBe(raw.stop_reason);
    expect(response.usage).toEqual(expectedUsage(raw.usage));
    const recorded = (raw.content as any[]).map((block) => {
      if (block.type === 'text') return { type: 'text', text: block.text };
      if (block.type === 'thinking') {
        return { type: 'reasoning', text: block.thinking, opaque: { origin: 'anthropic-messages', signature: block.signature } };
      }
      return { type: 'tool_call', id: block.id, name: block.name, arguments: JSON.stringify(block.input) };
    });
    expect(response.content).toEqual(recorded);
  });

  it('usage-prompt-cache: cache reads are added to input tokens', () => {
    const response = codec.decodeResponse(loadCase('usage-prompt-cache').response);
    expect(response.usage).toEqual({ inputTokens: 7361, outputTokens: 4, cachedInputTokens: 7351, cacheWriteTokens: 0 });
  });

  it('tool-call: arguments parse back to the recorded input', () => {
    const response = codec.decodeResponse(loadCase('tool-call').response);
    const call = response.content[0];
    expect(call?.type).toBe('tool_call');
    expect(call?.type === 'tool_call' && JSON.parse(call.arguments)).toEqual({ latitude: '52.5200', longitude: '13.4050' });
  });
});

describe('anthropic-messages fixtures: streams', () => {
  it.each(streamCases)('%s: replays to the recorded content', (name) => {
    const body = loadCase(name).stream!;
    const events = replay(body);
    const recorded = aggregateRecording(body);
    const decoded = aggregateCanonical(events);
    expect(decoded.text).toEqual(recorded.text);
    expect(decoded.reasoning).toEqual(recorded.reasoning);
    expect(decoded.tools).toEqual(recorded.tools);
    expect(decoded.stopReason).toBe(recorded.stopReason);
    expect(decoded.stopSequence).toBe(recorded.stopSequence);
    expect(decoded.usage).toMatchObject(expectedUsage(recorded.rawUsage));
    expect(events[0]?.type).toBe('message_start');
    expect(events.at(-1)?.type).toBe('message_stop');
    // Tool indexes count tool calls only, in order.
    const toolIndexes = events.filter((e) => e.type === 'tool_call_start').map((e) => e.type === 'tool_call_start' && e.toolIndex);
    expect(toolIndexes).toEqual(recorded.tools.map((_, i) => i));
  });

  it('text-stream says hello; prefill stream stops on the sequence', () => {
    expect(aggregateCanonical(replay(loadCase('text-stream').stream!)).text).toEqual(['Hello']);
    const prefill = aggregateCanonical(replay(loadCase('text-stream-prefill-stop-sequence').stream!));
    expect(prefill.stopReason).toBe('stop_sequence');
    expect(prefill.stopSequence).toBe('```');
    expect(prefill.usage).toMatchObject({ inputTokens: 16, outputTokens: 28 });
  });

  it('thinking-stream: signature arrives whole and byte-exact', () => {
    const body = loadCase('thinking-stream').stream!;
    const signature = /"signature":"(E[^"]+)"/.exec(body)?.[1];
    expect(signature).toBeDefined();
    const reasoning = aggregateCanonical(replay(body)).reasoning;
    expect(reasoning).toHaveLength(1);
    expect(reasoning[0]?.signature).toBe(signature);
    expect(reasoning[0]?.text.startsWith('The user wants two names')).toBe(true);
  });

  it('thinking-tool-use-stream: thinking tokens become reasoning tokens', () => {
    const events = replay(loadCase('thinking-tool-use-stream').stream!);
    const stop = events.at(-1);
    expect(stop?.type === 'message_stop' && stop.usage).toEqual({
      inputTokens: 598,
      outputTokens: 92,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 53,
    });
  });

  it('redacted-thinking-stream: two redacted blocks carried as opaque data', () => {
    const events = replay(loadCase('redacted-thinking-stream').stream!);
    const starts = events.filter((e) => e.type === 'reasoning_start');
    expect(starts).toHaveLength(2);
    for (const start of starts) {
      expect(start.type === 'reasoning_start' && start.redacted).toBe(true);
      expect(start.type === 'reasoning_start' && start.opaque?.redactedData?.startsWith('E')).toBe(true);
    }
  });

  it('ping events produce nothing', () => {
    expect(codec.createStreamDecoder().push({ event: 'ping', data: '{"type": "ping"}' })).toEqual([]);
  });
});

describe('anthropic-messages fixtures: errors', () => {
  const expected: Record<string, { kind: string; status: number; code: string }> = {
    'error-400-invalid-request': { kind: 'context_length', status: 400, code: 'invalid_request_error' },
    'error-401-authentication': { kind: 'authentication', status: 401, code: 'authentication_error' },
    'error-404-not-found': { kind: 'not_found', status: 404, code: 'not_found_error' },
  };

  it.each(errorCases)('%s: decodeError reads kind, status and message', (name) => {
    const fixture = loadCase(name);
    const raw = fixture.response as any;
    const want = expected[name];
    expect(want).toBeDefined();
    const fromObject = codec.decodeError(fixture.status, raw);
    expect(fromObject).toEqual({ ...want, message: raw.error.message });
    // The same body as raw text (as the upstream layer may hand it over).
    expect(codec.decodeError(fixture.status, fixture.responseText)).toEqual(fromObject);
  });
});
