import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, CanonicalResponse, CanonicalStreamEvent } from '../../canonical/index.js';
import type { SseEvent } from '../../codec.js';
import { anthropicMessagesCodec as codec } from './index.js';
import { formatSse, listCases, loadCase, parseSse } from './test-support/load-fixtures.js';

const OWN = 'anthropic-messages' as const;

function richRequest(): CanonicalRequest {
  return {
    model: 'claude-sonnet-4-5',
    system: [
      { type: 'text', text: 'You are terse.', cacheControl: { type: 'ephemeral' } },
      { type: 'text', text: 'Answer in English.' },
    ],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look at these.' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
          { type: 'image', source: { kind: 'url', url: 'https://example.com/a.jpg' } },
          { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' }, filename: 'a.pdf' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Let me think.', opaque: { origin: OWN, signature: 'sig-abc==' } },
          { type: 'reasoning', text: '', redacted: true, opaque: { origin: OWN, redactedData: 'EqkECkYIBxgC' } },
          { type: 'text', text: 'Checking.' },
          { type: 'tool_call', id: 'toolu_1', name: 'lookup', arguments: '{"q":"a","n":2}' },
          { type: 'tool_call', id: 'toolu_2', name: 'lookup', arguments: '{"q":"b"}' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool_result', toolCallId: 'toolu_1', content: [{ type: 'text', text: 'found a' }] },
          {
            type: 'tool_result',
            toolCallId: 'toolu_2',
            isError: true,
            content: [
              { type: 'text', text: 'failed' },
              { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQ' } },
            ],
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'And now?' }] },
    ],
    tools: [
      {
        name: 'lookup',
        description: 'Look something up',
        parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
      },
    ],
    toolChoice: { name: 'lookup' },
    parallelToolCalls: false,
    maxOutputTokens: 2048,
    temperature: 0.2,
    topP: 0.9,
    topK: 40,
    stopSequences: ['END'],
    stream: true,
    user: 'user-42',
    responseFormat: { type: 'json_schema', schema: { type: 'object', properties: { a: { type: 'string' } } } },
  };
}

describe('request round trip', () => {
  it('canonical → encode → decode is identity for everything Anthropic can carry', () => {
    const request = richRequest();
    const body = codec.encodeRequest(request, { model: request.model });
    expect(codec.decodeRequest(JSON.parse(JSON.stringify(body)))).toEqual(request);
  });

  it('fixture requests survive decode → encode → decode', () => {
    for (const name of listCases()) {
      const raw = loadCase(name).request;
      if (raw === undefined) continue;
      const first = codec.decodeRequest(raw);
      const second = codec.decodeRequest(codec.encodeRequest(first, { model: first.model }));
      // Temperature is the one field dropped on purpose: Anthropic forbids it with thinking.
      if (first.reasoning?.budgetTokens !== undefined) delete first.temperature;
      expect(second, name).toEqual(first);
    }
  });

  it('thinking: budget kept, temperature/top_k omitted, max_tokens raised above the budget', () => {
    const request: CanonicalRequest = {
      ...richRequest(),
      reasoning: { budgetTokens: 4000 },
      maxOutputTokens: 1000,
      toolChoice: 'auto',
    };
    const body = codec.encodeRequest(request, { model: 'm' });
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 4000 });
    expect(body.temperature).toBeUndefined();
    expect(body.top_k).toBeUndefined();
    expect(body.top_p).toBeUndefined();
    expect(body.max_tokens).toBe(5000);
  });

  it('effort maps to a documented thinking budget; no limit means the default max_tokens', () => {
    const base: CanonicalRequest = { model: 'm', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream: false };
    expect(codec.encodeRequest(base, { model: 'm' }).max_tokens).toBe(4096);
    const high = codec.encodeRequest({ ...base, reasoning: { effort: 'high' } }, { model: 'm' });
    expect(high.thinking).toEqual({ type: 'enabled', budget_tokens: 24576 });
    expect(high.max_tokens).toBe(4096 + 24576);
    const low = codec.encodeRequest({ ...base, reasoning: { effort: 'low' }, maxOutputTokens: 8000 }, { model: 'm' });
    expect(low.thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
    expect(low.max_tokens).toBe(8000);
    expect(codec.encodeRequest({ ...base, reasoning: { disabled: true } }, { model: 'm' }).thinking).toEqual({ type: 'disabled' });
  });

  it('drops foreign opaque reasoning, merges the turns that become adjacent, never forges', () => {
    const request: CanonicalRequest = {
      model: 'm',
      system: [],
      stream: false,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'one' }] },
        {
          role: 'assistant',
          content: [{ type: 'reasoning', text: 'secret', opaque: { origin: 'openai-responses', encryptedContent: 'gAAAA', itemId: 'rs_1' } }],
        },
        { role: 'user', content: [{ type: 'text', text: 'two' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'gemini thought', opaque: { origin: 'gemini', thoughtSignature: 'CiQB' } },
            { type: 'reasoning', text: 'plain thought' },
            { type: 'text', text: 'answer' },
            { type: 'tool_call', id: 'c1', name: 'f', arguments: '{not json', opaque: { origin: 'gemini', thoughtSignature: 'x' } },
          ],
        },
        { role: 'tool', content: [{ type: 'tool_result', toolCallId: 'c1', content: [{ type: 'text', text: 'ok' }] }] },
        { role: 'user', content: [{ type: 'text', text: 'three' }] },
      ],
    };
    const body = codec.encodeRequest(request, { model: 'm' });
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'answer' },
          { type: 'tool_use', id: 'c1', name: 'f', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'c1', content: 'ok' },
          { type: 'text', text: 'three' },
        ],
      },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/gAAAA|CiQB|thoughtSignature|signature/);
  });

  it('other formats\' extras are not sent; Anthropic-only extras are restored', () => {
    const request: CanonicalRequest = {
      model: 'm',
      system: [],
      stream: false,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
      extras: { logprobs: true, service_tier: 'flex', store: true, container: 'cont_1', output_config: { effort: 'low' } },
    };
    const body = codec.encodeRequest(request, { model: 'm' });
    expect(body).not.toHaveProperty('logprobs');
    expect(body).not.toHaveProperty('store');
    expect(body).not.toHaveProperty('service_tier');
    expect(body.container).toBe('cont_1');
    expect(body.output_config).toEqual({ effort: 'low' });
  });

  it('server tools stay in extras and come back only for a same-format encode', () => {
    const raw = {
      model: 'm',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'search' }],
      tools: [
        { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
        { name: 'local', input_schema: { type: 'object' } },
      ],
    };
    const request = codec.decodeRequest(raw);
    expect(request.tools).toEqual([{ name: 'local', parameters: { type: 'object' } }]);
    expect(request.extras?.tools).toEqual([raw.tools[0]]);
    expect(codec.encodeRequest(request, { model: 'm' }).tools).toEqual([
      { name: 'local', input_schema: { type: 'object' } },
      raw.tools[0],
    ]);
  });
});

function richResponse(): CanonicalResponse {
  return {
    id: 'msg_1',
    model: 'claude-sonnet-4-5',
    created: 0,
    content: [
      { type: 'reasoning', text: 'hmm', opaque: { origin: OWN, signature: 'sig==' } },
      { type: 'reasoning', text: '', redacted: true, opaque: { origin: OWN, redactedData: 'RED' } },
      { type: 'text', text: 'Hello' },
      { type: 'tool_call', id: 'toolu_9', name: 'f', arguments: '{"a":[1,2]}' },
    ],
    stopReason: 'tool_use',
    usage: { inputTokens: 150, outputTokens: 20, cachedInputTokens: 100, cacheWriteTokens: 30, reasoningTokens: 5 },
  };
}

describe('response round trip', () => {
  it('canonical → encode → decode is identity (own opaque state kept)', () => {
    const response = richResponse();
    const body = codec.encodeResponse(response);
    expect((body.usage as Record<string, unknown>).input_tokens).toBe(20);
    expect({ ...codec.decodeResponse(JSON.parse(JSON.stringify(body))), created: 0 }).toEqual(response);
  });

  it('foreign reasoning is dropped from responses; stop sequence is kept', () => {
    const response: CanonicalResponse = {
      id: 'chatcmpl-1',
      model: 'gpt',
      created: 1,
      content: [
        { type: 'reasoning', text: 'r', opaque: { origin: 'openai-responses', encryptedContent: 'enc' } },
        { type: 'reasoning', text: 'plain' },
        { type: 'text', text: 'x' },
      ],
      stopReason: 'stop_sequence',
      stopSequence: '###',
    };
    const body = codec.encodeResponse(response);
    expect(body.content).toEqual([{ type: 'text', text: 'x', citations: null }]);
    expect(body.stop_sequence).toBe('###');
    const decoded = codec.decodeResponse(body);
    expect(decoded.stopSequence).toBe('###');
    expect(decoded.stopReason).toBe('stop_sequence');
  });

  it('stop reasons map both ways', () => {
    for (const reason of ['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal'] as const) {
      const body = codec.encodeResponse({ ...richResponse(), stopReason: reason });
      expect(body.stop_reason).toBe(reason);
      expect(codec.decodeResponse(body).stopReason).toBe(reason);
    }
    expect(codec.encodeResponse({ ...richResponse(), stopReason: 'content_filter' }).stop_reason).toBe('refusal');
  });
});

function encodeAll(events: CanonicalStreamEvent[], complete = true): SseEvent[] {
  const encoder = codec.createStreamEncoder({ includeUsage: true, model: 'claude-x' });
  return [...events.flatMap((event) => encoder.push(event)), ...encoder.end(complete)];
}

function decodeAll(events: SseEvent[]): CanonicalStreamEvent[] {
  const decoder = codec.createStreamDecoder();
  return [...parseSse(formatSse(events)).flatMap((event) => decoder.push(event)), ...decoder.end()];
}

function withoutCreated(events: CanonicalStreamEvent[]): CanonicalStreamEvent[] {
  return events.map((event) => (event.type === 'message_start' ? { ...event, created: 0 } : event));
}

describe('stream round trip', () => {
  const usage = { inputTokens: 50, outputTokens: 7, cachedInputTokens: 10, cacheWriteTokens: 0 };
  const canonical: CanonicalStreamEvent[] = [
    { type: 'message_start', id: 'msg_s', model: 'claude-x', created: 0, usage: { inputTokens: 50, outputTokens: 1, cachedInputTokens: 10, cacheWriteTokens: 0 } },
    { type: 'reasoning_start', index: 0, opaque: { origin: OWN } },
    { type: 'reasoning_delta', index: 0, text: 'think' },
    { type: 'reasoning_opaque', index: 0, opaque: { origin: OWN, signature: 'SIG/+=' } },
    { type: 'block_stop', index: 0 },
    { type: 'reasoning_start', index: 1, redacted: true, opaque: { origin: OWN, redactedData: 'REDACTED' } },
    { type: 'block_stop', index: 1 },
    { type: 'text_start', index: 2 },
    { type: 'text_delta', index: 2, text: 'Hel' },
    { type: 'text_delta', index: 2, text: 'lo' },
    { type: 'block_stop', index: 2 },
    { type: 'tool_call_start', index: 3, toolIndex: 0, id: 'toolu_a', name: 'f' },
    { type: 'tool_call_delta', index: 3, toolIndex: 0, argumentsDelta: '{"x":' },
    { type: 'tool_call_delta', index: 3, toolIndex: 0, argumentsDelta: '1}' },
    { type: 'block_stop', index: 3 },
    { type: 'usage', usage },
    { type: 'message_stop', stopReason: 'tool_use', usage },
  ];

  it('canonical → SSE → canonical is identity', () => {
    expect(withoutCreated(decodeAll(encodeAll(canonical)))).toEqual(canonical);
  });

  it('tool argument deltas stream through one for one', () => {
    const deltas = encodeAll(canonical).filter((e) => e.data.includes('input_json_delta'));
    expect(deltas.map((e) => JSON.parse(e.data).delta.partial_json)).toEqual(['{"x":', '1}']);
  });

  it('foreign reasoning is dropped and later blocks are renumbered', () => {
    const events: CanonicalStreamEvent[] = [
      { type: 'message_start', id: 'r1', model: 'o', created: 0 },
      { type: 'reasoning_start', index: 0, summary: true },
      { type: 'reasoning_delta', index: 0, text: 'summary' },
      { type: 'reasoning_opaque', index: 0, opaque: { origin: 'openai-responses', encryptedContent: 'ENC_BLOB', itemId: 'rs_1' } },
      { type: 'block_stop', index: 0 },
      { type: 'text_delta', index: 1, text: 'hi' },
      { type: 'block_stop', index: 1 },
      { type: 'message_stop', stopReason: 'end_turn' },
    ];
    const sse = encodeAll(events);
    expect(sse.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(JSON.parse(sse[1]!.data)).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: null } });
    expect(sse.map((e) => e.data).join('')).not.toMatch(/ENC_BLOB|rs_1|summary|thinking/);
  });

  it('a block opened by its first delta still gets content_block_start; message_start is synthesised', () => {
    const sse = encodeAll([{ type: 'text_delta', index: 0, text: 'x' }, { type: 'message_stop', stopReason: 'end_turn' }]);
    expect(sse.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(JSON.parse(sse[0]!.data).message.model).toBe('claude-x');
  });

  it('an incomplete stream ends without message_stop; a complete one without message_stop event gets one', () => {
    const partial: CanonicalStreamEvent[] = [
      { type: 'message_start', id: 'm', model: 'x', created: 0 },
      { type: 'text_delta', index: 0, text: 'cut' },
    ];
    const broken = encodeAll(partial, false);
    expect(broken.map((e) => e.event)).not.toContain('message_stop');
    expect(broken.map((e) => e.event)).not.toContain('message_delta');
    expect(encodeAll(partial, true).at(-1)?.event).toBe('message_stop');
  });

  it('an error event ends the stream with event: error and nothing after', () => {
    const encoder = codec.createStreamEncoder({ includeUsage: false, model: 'm' });
    encoder.push({ type: 'message_start', id: 'm', model: 'x', created: 0 });
    const error = encoder.push({ type: 'error', error: { kind: 'overloaded', status: 529, message: 'Overloaded' } });
    expect(error).toEqual([{ event: 'error', data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' }]);
    expect(encoder.push({ type: 'text_delta', index: 0, text: 'late' })).toEqual([]);
    expect(encoder.end(true)).toEqual([]);
    expect(decodeAll(error)).toEqual([{ type: 'error', error: { kind: 'overloaded', status: 529, message: 'Overloaded', code: 'overloaded_error' } }]);
  });

  it('every recorded stream survives decode → encode → decode', () => {
    for (const name of listCases()) {
      const body = loadCase(name).stream;
      if (body === undefined) continue;
      const first = decodeAll(parseSse(body));
      expect(withoutCreated(decodeAll(encodeAll(first))), name).toEqual(withoutCreated(first).map((event) =>
        // The encoder reports the model the client asked for.
        event.type === 'message_start' ? { ...event, model: 'claude-x' } : event,
      ));
    }
  });
});
