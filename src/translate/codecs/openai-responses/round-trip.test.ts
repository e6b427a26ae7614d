import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, CanonicalResponse, CanonicalStreamEvent } from '../../canonical/index.js';
import type { SseEvent } from '../../codec.js';
import { openaiResponsesCodec as codec } from './index.js';
import { createStreamEncoder } from './stream-encoder.js';
import { fixtureCases, loadJson, loadSse } from './test-support/load-fixtures.js';
import { specErrors } from './test-support/spec-validator.js';
import { assembleContent } from './test-support/stream-test-helpers.js';

const counterIds = () => {
  let n = 0;
  return (prefix: string) => `${prefix}_omr${n++}`;
};

function decodeAll(events: SseEvent[]): CanonicalStreamEvent[] {
  const decoder = codec.createStreamDecoder();
  return [...events.flatMap((e) => decoder.push(e)), ...decoder.end()];
}

function encodeAll(events: CanonicalStreamEvent[], complete = true): SseEvent[] {
  const encoder = createStreamEncoder({ includeUsage: true, model: '', newId: counterIds() });
  return [...events.flatMap((e) => encoder.push(e)), ...encoder.end(complete)];
}

function expectValidStream(events: SseEvent[]): void {
  events.forEach((event, i) => {
    const payload = JSON.parse(event.data) as Record<string, unknown>;
    expect(payload.type).toBe(event.event);
    expect(payload.sequence_number).toBe(i);
    expect(specErrors('ResponseStreamEvent', payload), `${event.event} #${i}`).toEqual([]);
  });
}

const anthropicSigned = { origin: 'anthropic-messages', signature: 'sig-abc' } as const;

describe('requests', () => {
  it.each(fixtureCases('.request.json'))('%s: decode → encode → decode is stable and the body is spec-valid', (name) => {
    const original = codec.decodeRequest(loadJson(`${name}.request.json`));
    const body = codec.encodeRequest(original, { model: original.model });
    const errors = specErrors('CreateResponse', body) as Array<{ instancePath: string }>;
    // That recording is the request OpenAI rejected for temperature -1; it must stay rejected.
    if (name === 'error-400-invalid-request') expect(errors[0]?.instancePath).toBe('/temperature');
    else expect(errors).toEqual([]);
    // Responses treats an absent `strict` as true; the encoder states false, as other formats mean.
    const tools = original.tools?.map((tool) => ({ ...tool, strict: tool.strict ?? false }));
    expect(codec.decodeRequest(body)).toEqual(tools === undefined ? original : { ...original, tools });
  });

  it('re-emits own reasoning items exactly and drops foreign reasoning', () => {
    const fixture = loadJson('reasoning-tool-call-roundtrip.request.json') as { input: Array<Record<string, unknown>> };
    const body = codec.encodeRequest(codec.decodeRequest(fixture), { model: 'gpt-5.5' }) as { input: unknown[] };
    expect(body.input.filter((i) => (i as { type?: string }).type === 'reasoning')).toEqual(
      fixture.input.filter((i) => i.type === 'reasoning'),
    );

    const foreign: CanonicalRequest = {
      model: 'x',
      system: [],
      stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'thinking', opaque: anthropicSigned },
            { type: 'tool_call', id: 'toolu_1', name: 'f', arguments: '{}', opaque: { origin: 'gemini', thoughtSignature: 'ts' } },
          ],
        },
        { role: 'tool', content: [{ type: 'tool_result', toolCallId: 'toolu_1', content: [{ type: 'text', text: 'ok' }] }] },
      ],
    };
    const encoded = codec.encodeRequest(foreign, { model: 'gpt-5' });
    expect(specErrors('CreateResponse', encoded)).toEqual([]);
    expect(encoded.input).toEqual([
      { type: 'message', role: 'user', content: 'hi' },
      { type: 'function_call', call_id: 'toolu_1', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'toolu_1', output: 'ok' },
    ]);
  });

  it('asks for encrypted reasoning only when store is false and reasoning is on', () => {
    const base: CanonicalRequest = { model: 'm', system: [{ type: 'text', text: 'sys' }], messages: [], stream: true, reasoning: { effort: 'low' } };
    expect(codec.encodeRequest(base, { model: 'm' })).not.toHaveProperty('store');
    expect(codec.encodeRequest(base, { model: 'm' })).not.toHaveProperty('include');
    const stateless = codec.encodeRequest({ ...base, extras: { 'openai-responses': { store: false } } }, { model: 'm' });
    expect(stateless).toMatchObject({ store: false, include: ['reasoning.encrypted_content'], instructions: 'sys', reasoning: { effort: 'low' } });
    // Another format's extras never reach a Responses body.
    const other = codec.encodeRequest({ ...base, extras: { 'anthropic-messages': { service_tier: 'standard_only' } } }, { model: 'm' });
    expect(other).not.toHaveProperty('service_tier');
  });

  it('keeps several system parts apart and maps tools, choice and formats', () => {
    const request: CanonicalRequest = {
      model: 'm',
      system: [
        { type: 'text', text: 'one' },
        { type: 'text', text: 'two' },
      ],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } }] }],
      tools: [{ name: 'f', parameters: { type: 'object', properties: {} } }],
      toolChoice: { name: 'f' },
      responseFormat: { type: 'json_schema', schema: { type: 'object' } },
      stream: false,
      stopSequences: ['x'],
    };
    const body = codec.encodeRequest(request, { model: 'm2' });
    expect(specErrors('CreateResponse', body)).toEqual([]);
    expect(body).toMatchObject({
      model: 'm2',
      instructions: 'one',
      tools: [{ type: 'function', name: 'f', strict: false }],
      tool_choice: { type: 'function', name: 'f' },
      text: { format: { type: 'json_schema', name: 'response' } },
    });
    expect(body).not.toHaveProperty('stop');
    const back = codec.decodeRequest(body);
    expect(back.system).toEqual(request.system);
    // `detail` is required on input_image, so the encoder states OpenAI's default.
    const image = { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' }, detail: 'auto' };
    expect(back.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'q' }, image] }]);
  });
});

describe('responses', () => {
  it.each(fixtureCases('.response.json').filter((n) => !n.startsWith('error')))('%s: decode → encode → decode is stable and spec-valid', (name) => {
    const original = codec.decodeResponse(loadJson(`${name}.response.json`));
    const body = codec.encodeResponse(original);
    expect(specErrors('Response', body)).toEqual([]);
    expect(codec.decodeResponse(body)).toEqual(original);
  });

  it('shows foreign reasoning without its opaque state, and does not mistake it for OpenAI state later', () => {
    const response: CanonicalResponse = {
      id: 'msg_01',
      model: 'claude',
      created: 1,
      content: [
        { type: 'reasoning', text: 'hmm', opaque: anthropicSigned },
        { type: 'reasoning', text: '', redacted: true, opaque: { origin: 'anthropic-messages', redactedData: 'xyz' } },
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
        { type: 'tool_call', id: 'toolu_1', name: 'f', arguments: '{"x":1}' },
      ],
      stopReason: 'tool_use',
      usage: { inputTokens: 10, outputTokens: 5, cachedInputTokens: 2, cacheWriteTokens: 3, reasoningTokens: 1 },
    };
    const body = codec.encodeResponse(response);
    expect(specErrors('Response', body)).toEqual([]);
    expect(JSON.stringify(body)).not.toContain('sig-abc');
    expect(JSON.stringify(body)).not.toContain('xyz');
    expect(body.usage).toEqual({
      input_tokens: 10,
      input_tokens_details: { cached_tokens: 2, cache_write_tokens: 3 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 1 },
      total_tokens: 15,
    });
    const back = codec.decodeResponse(body);
    expect(back.content).toEqual([
      { type: 'reasoning', text: 'hmm', summary: true },
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
      { type: 'tool_call', id: 'toolu_1', name: 'f', arguments: '{"x":1}' },
    ]);
    expect(back.usage).toEqual(response.usage);
    // The client sends the shown items back next turn: they must not pass for OpenAI's own.
    const next = codec.encodeRequest(
      { model: 'm', system: [], stream: false, messages: [{ role: 'assistant', content: back.content }] },
      { model: 'm' },
    );
    expect(next.input).toEqual([
      { type: 'message', role: 'assistant', content: 'a' },
      { type: 'message', role: 'assistant', content: 'b' },
      { type: 'function_call', call_id: 'toolu_1', name: 'f', arguments: '{"x":1}' },
    ]);
  });

  it('maps stop reasons both ways and leaves unknown usage out', () => {
    for (const [stopReason, status, reason] of [
      ['max_tokens', 'incomplete', 'max_output_tokens'],
      ['content_filter', 'incomplete', 'content_filter'],
      ['end_turn', 'completed', undefined],
    ] as const) {
      const body = codec.encodeResponse({ id: 'resp_1', model: 'm', created: 1, content: [{ type: 'text', text: 'x' }], stopReason, usage: { inputTokens: 1, outputTokens: 2 } });
      expect(body.status).toBe(status);
      expect((body.incomplete_details as { reason?: string } | null)?.reason).toBe(reason);
      expect(body.usage).toEqual({ input_tokens: 1, output_tokens: 2, total_tokens: 3 });
      expect(codec.decodeResponse(body).stopReason).toBe(stopReason);
    }
  });
});

describe('streams', () => {
  it.each(fixtureCases('.stream.sse'))('%s: decode → encode → decode gives the same events; every event is spec-valid', (name) => {
    const canonical = decodeAll(loadSse(`${name}.stream.sse`));
    const encoded = encodeAll(canonical);
    expectValidStream(encoded);
    expect(decodeAll(encoded)).toEqual(canonical);
    const completed = JSON.parse(encoded.at(-1)!.data) as { type: string; response: { output: unknown[]; status: string } };
    expect(completed.type).toBe('response.completed');
    expect(codec.decodeResponse(completed.response).content).toEqual(assembleContent(canonical));
  });

  const foreignStream: CanonicalStreamEvent[] = [
    { type: 'message_start', id: 'msg_01', model: 'claude', created: 5 },
    { type: 'reasoning_start', index: 0 },
    { type: 'reasoning_delta', index: 0, text: 'think' },
    { type: 'reasoning_opaque', index: 0, opaque: anthropicSigned },
    { type: 'block_stop', index: 0 },
    { type: 'reasoning_start', index: 1, redacted: true, opaque: { origin: 'anthropic-messages', redactedData: 'xyz' } },
    { type: 'block_stop', index: 1 },
    { type: 'text_delta', index: 2, text: 'Hel' },
    { type: 'text_delta', index: 2, text: 'lo' },
    { type: 'block_stop', index: 2 },
    { type: 'tool_call_start', index: 3, toolIndex: 0, id: 'toolu_1', name: 'f' },
    { type: 'tool_call_delta', index: 3, toolIndex: 0, argumentsDelta: '{"a"' },
    { type: 'tool_call_delta', index: 3, toolIndex: 0, argumentsDelta: ':1}' },
    { type: 'block_stop', index: 3 },
    { type: 'usage', usage: { inputTokens: 3, outputTokens: 4 } },
    { type: 'message_stop', stopReason: 'tool_use' },
  ];

  it('translates a foreign stream as it arrives, dropping foreign opaque state', () => {
    const encoder = createStreamEncoder({ includeUsage: false, model: 'gpt-alias', newId: counterIds() });
    const first = encoder.push(foreignStream[0]!);
    expect(first.map((e) => e.event)).toEqual(['response.created', 'response.in_progress']);
    const delta = encoder.push(foreignStream[2]!);
    expect(delta.map((e) => e.event)).toEqual(['response.output_item.added', 'response.reasoning_summary_part.added', 'response.reasoning_summary_text.delta']);
    const all = [...first, ...delta, ...foreignStream.slice(3).flatMap((e) => encoder.push(e)), ...encoder.end(true)];
    expect(all.filter((e) => e.event === 'response.function_call_arguments.delta').map((e) => JSON.parse(e.data).delta)).toEqual(['{"a"', ':1}']);
    expect(all.map((e) => e.data).join('')).not.toMatch(/sig-abc|xyz/);
    expect(all.filter((e) => e.event === 'response.completed')).toHaveLength(1);
    expect(JSON.parse(all.at(-1)!.data).response).toMatchObject({ model: 'gpt-alias', status: 'completed', usage: { input_tokens: 3, output_tokens: 4 } });
    const events = [...first, ...delta, ...all.slice(first.length + delta.length)];
    expectValidStream(events);
    const back = decodeAll(events);
    expect(assembleContent(back)).toEqual([
      { type: 'reasoning', text: 'think', summary: true },
      { type: 'text', text: 'Hello' },
      { type: 'tool_call', id: 'toolu_1', name: 'f', arguments: '{"a":1}' },
    ]);
  });

  it('an unfinished stream gets no response.completed', () => {
    const cut = encodeAll(foreignStream.slice(0, 9), false);
    expect(cut.map((e) => e.event)).not.toContain('response.completed');
    expect(cut.at(-1)?.event).toBe('response.output_text.delta');
  });

  it('max_tokens ends with response.incomplete', () => {
    const events = encodeAll([foreignStream[0]!, { type: 'text_delta', index: 0, text: 'x' }, { type: 'message_stop', stopReason: 'max_tokens' }]);
    expectValidStream(events);
    const last = JSON.parse(events.at(-1)!.data);
    expect(last).toMatchObject({ type: 'response.incomplete', response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } } });
    expect(decodeAll(events).at(-1)).toEqual({ type: 'message_stop', stopReason: 'max_tokens' });
  });

  it('a mid-stream error becomes error + response.failed, continuing the sequence', () => {
    const events = encodeAll([
      foreignStream[0]!,
      { type: 'text_delta', index: 0, text: 'partial' },
      { type: 'error', error: { kind: 'server_error', status: 500, message: 'upstream reset' } },
    ]);
    expect(events.slice(-2).map((e) => e.event)).toEqual(['error', 'response.failed']);
    expectValidStream(events);
    const failed = JSON.parse(events.at(-1)!.data);
    expect(failed.response).toMatchObject({ status: 'failed', error: { code: 'server_error', message: 'upstream reset' } });
    expect(failed.response.id).toBe(JSON.parse(events[0]!.data).response.id);
    expect(decodeAll(events).at(-1)).toMatchObject({ type: 'error', error: { kind: 'server_error', message: 'upstream reset' } });
  });
});
