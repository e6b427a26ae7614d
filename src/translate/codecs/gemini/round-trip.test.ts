import { describe, expect, it } from 'vitest';
import type { CanonicalRequest, CanonicalResponse, CanonicalStreamEvent } from '../../canonical/index.js';
import { geminiCodec, SKIP_THOUGHT_SIGNATURE_VALIDATOR, toGeminiSchema } from './index.js';
import { fixtureCases, parseSse, readFixtureJson, readFixtureText } from './test-support/load-fixtures.js';
import { validateGemini, validateGeminiError, validateGeminiRequest } from './test-support/spec-validator.js';

type Json = Record<string, any>;

describe('gemini round trips', () => {
  for (const name of fixtureCases('request.json')) {
    it(`request ${name}: decode → encode → decode is stable and spec-valid`, () => {
      const model = fixtureModel(name);
      const first = geminiCodec.decodeRequest(readFixtureJson(`${name}.request.json`));
      const body = geminiCodec.encodeRequest(first, { model });
      expect(validateGeminiRequest(body, model)).toEqual([]);
      const second = geminiCodec.decodeRequest(body);
      // Tool schemas go out in Gemini's subset: they must be equal as Gemini sees them.
      const asGemini = (r: CanonicalRequest) => r.tools?.map((t) => ({ ...t, parameters: toGeminiSchema(t.parameters).schema }));
      expect(asGemini(second)).toEqual(asGemini(first));
      expect({ ...second, tools: undefined }).toEqual({ ...first, tools: undefined });
    });
  }

  for (const name of fixtureCases('response.json').filter((n) => !n.startsWith('error-'))) {
    it(`response ${name}: decode → encode → decode is stable and spec-valid`, () => {
      const first = geminiCodec.decodeResponse(readFixtureJson(`${name}.response.json`));
      const body = geminiCodec.encodeResponse(first);
      expect(validateGemini('GenerateContentResponse', body)).toEqual([]);
      expect(geminiCodec.decodeResponse(body)).toEqual(first);
    });
  }

  for (const name of fixtureCases('stream.sse')) {
    it(`stream ${name}: decode → encode → decode gives the same canonical events`, () => {
      const decoder = geminiCodec.createStreamDecoder();
      const events = parseSse(readFixtureText(`${name}.stream.sse`));
      const first = [...events.flatMap((e) => decoder.push(e)), ...decoder.end()];
      const encoder = geminiCodec.createStreamEncoder({ includeUsage: true, model: 'x' });
      const sse = [...first.flatMap((e) => encoder.push(e)), ...encoder.end(true)];
      for (const event of sse) {
        expect(event.event).toBeUndefined();
        expect(validateGemini('GenerateContentResponse', JSON.parse(event.data))).toEqual([]);
      }
      const again = geminiCodec.createStreamDecoder();
      const second = [...sse.flatMap((e) => again.push(e)), ...again.end()];
      expect(withoutUsageEvents(second)).toEqual(withoutUsageEvents(first));
      expect(lastUsage(second)).toEqual(lastUsage(first));
    });
  }

  it('keeps a signature on a non-empty text part on that part', () => {
    const body = {
      candidates: [{ content: { role: 'model', parts: [{ text: 'Hi', thoughtSignature: 'c2ln' }] }, finishReason: 'STOP' }],
    };
    const decoded = geminiCodec.decodeResponse(body);
    expect(decoded.content).toEqual([
      { type: 'reasoning', text: '', redacted: true, opaque: { origin: 'gemini', thoughtSignature: 'c2ln' } },
      { type: 'text', text: 'Hi' },
    ]);
    const encoded = geminiCodec.encodeResponse(decoded) as Json;
    expect(encoded.candidates[0].content.parts).toEqual([{ text: 'Hi', thoughtSignature: 'c2ln' }]);
  });
});

/** The model as the recorded URL named it (`/v1beta/models/{model}:generateContent`). */
function fixtureModel(name: string): string {
  const meta = readFixtureJson(`${name}.meta.json`) as { http: { path: string } };
  return /models\/([^:/]+):/.exec(meta.http.path)?.[1] ?? '';
}

function withoutUsageEvents(events: CanonicalStreamEvent[]): CanonicalStreamEvent[] {
  return events.filter((e) => e.type !== 'usage').map((e) => (e.type === 'message_start' ? { ...e, usage: undefined, model: '' } : e));
}

function lastUsage(events: CanonicalStreamEvent[]) {
  const stop = events.find((e) => e.type === 'message_stop');
  return stop?.type === 'message_stop' ? stop.usage : undefined;
}

const foreignHistory: CanonicalRequest = {
  model: '',
  system: [{ type: 'text', text: 'Be brief.' }],
  stream: false,
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Need the tool.', opaque: { origin: 'anthropic-messages', signature: 'ant-sig' } },
        { type: 'reasoning', text: '', redacted: true, opaque: { origin: 'anthropic-messages', redactedData: 'blob' } },
        { type: 'tool_call', id: 'toolu_01', name: 'weather', arguments: '{"city":"Paris"}' },
        { type: 'tool_call', id: 'toolu_02', name: 'time', arguments: '' },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool_result', toolCallId: 'toolu_01', content: [{ type: 'text', text: '{"temp":15}' }] },
        { type: 'tool_result', toolCallId: 'toolu_02', content: [{ type: 'text', text: 'noon' }], isError: true },
      ],
    },
  ],
  tools: [
    { name: 'weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
    { name: 'time', parameters: { type: 'object', properties: {} } },
  ],
  toolChoice: { name: 'weather' },
  reasoning: { effort: 'high', includeThoughts: true },
};

describe('gemini encodeRequest from another format', () => {
  it('drops foreign opaque state, names tool results and wraps non-object results', () => {
    const body = geminiCodec.encodeRequest(foreignHistory, { model: 'gemini-2.5-pro' }) as Json;
    expect(validateGeminiRequest(body, 'gemini-2.5-pro')).toEqual([]);
    const model = body.contents[1];
    expect(model.role).toBe('model');
    expect(model.parts[0]).toEqual({ text: 'Need the tool.', thought: true });
    expect(JSON.stringify(body)).not.toContain('ant-sig');
    expect(JSON.stringify(body)).not.toContain('blob');
    expect(model.parts[1]).toEqual({ functionCall: { name: 'weather', args: { city: 'Paris' }, id: 'toolu_01' } });
    expect(model.parts[2].functionCall.args).toEqual({});
    expect(body.contents[2].parts).toEqual([
      { functionResponse: { name: 'weather', response: { temp: 15 }, id: 'toolu_01' } },
      { functionResponse: { name: 'time', response: { error: 'noon' }, id: 'toolu_02' } },
    ]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['weather'] } });
    expect(body.generationConfig.thinkingConfig).toEqual({ thinkingBudget: 24576, includeThoughts: true });
    expect(body.tools[0].functionDeclarations[1]).toEqual({ name: 'time', description: '' });
  });

  it('adds the documented skip-validator signature only for Gemini 3 current-turn calls', () => {
    const gemini3 = geminiCodec.encodeRequest(foreignHistory, { model: 'gemini-3-pro-preview' }) as Json;
    const parts = gemini3.contents[1].parts;
    expect(parts[1].thoughtSignature).toBe(SKIP_THOUGHT_SIGNATURE_VALIDATOR);
    expect(parts[2].thoughtSignature).toBeUndefined();
    expect(gemini3.generationConfig.thinkingConfig).toEqual({ thinkingLevel: 'HIGH', includeThoughts: true });
    const older = geminiCodec.encodeRequest(foreignHistory, { model: 'gemini-2.5-flash' }) as Json;
    expect(JSON.stringify(older)).not.toContain(SKIP_THOUGHT_SIGNATURE_VALIDATOR);
    // A finished earlier turn (followed by a new user prompt) is not the current turn.
    const later: CanonicalRequest = { ...foreignHistory, messages: [...foreignHistory.messages, { role: 'user', content: [{ type: 'text', text: 'thanks' }] }] };
    expect(JSON.stringify(geminiCodec.encodeRequest(later, { model: 'gemini-3-pro-preview' }))).not.toContain(SKIP_THOUGHT_SIGNATURE_VALIDATOR);
  });

  it('keeps a real Gemini signature instead of the skip value', () => {
    const request: CanonicalRequest = {
      ...foreignHistory,
      messages: [
        foreignHistory.messages[0]!,
        { role: 'assistant', content: [{ type: 'tool_call', id: 'gcall_0', name: 'weather', arguments: '{}', opaque: { origin: 'gemini', thoughtSignature: 'real' } }] },
      ],
    };
    const body = geminiCodec.encodeRequest(request, { model: 'gemini-3-pro-preview' }) as Json;
    expect(body.contents[1].parts[0]).toEqual({ functionCall: { name: 'weather', args: {} }, thoughtSignature: 'real' });
  });

  it('rejects a tool result whose call is unknown, naming the field', () => {
    const request: CanonicalRequest = {
      model: '',
      system: [],
      stream: false,
      messages: [{ role: 'tool', content: [{ type: 'tool_result', toolCallId: 'nope', content: [] }] }],
    };
    expect(() => geminiCodec.encodeRequest(request, { model: 'gemini-2.5-flash' })).toThrow(
      expect.objectContaining({ name: 'TranslationError', field: 'messages[0].content[0].toolCallId' }),
    );
  });
});

describe('gemini encodeResponse / stream encoder from another format', () => {
  const response: CanonicalResponse = {
    id: 'msg_1',
    model: 'claude-x',
    created: 1,
    content: [
      { type: 'reasoning', text: 'hmm', opaque: { origin: 'anthropic-messages', signature: 'sig' } },
      { type: 'text', text: 'Calling.' },
      { type: 'tool_call', id: 'toolu_9', name: 'weather', arguments: '{"city":"Oslo"}' },
    ],
    stopReason: 'tool_use',
    usage: { inputTokens: 100, outputTokens: 40, reasoningTokens: 10, cachedInputTokens: 30 },
  };

  it('encodes a foreign response without its opaque state and with Gemini usage arithmetic', () => {
    const body = geminiCodec.encodeResponse(response) as Json;
    expect(validateGemini('GenerateContentResponse', body)).toEqual([]);
    expect(JSON.stringify(body)).not.toContain('"sig"');
    expect(body.usageMetadata).toEqual({
      promptTokenCount: 100,
      candidatesTokenCount: 30,
      thoughtsTokenCount: 10,
      cachedContentTokenCount: 30,
      totalTokenCount: 140,
    });
    const back = geminiCodec.decodeResponse(body);
    expect(back.usage).toEqual(response.usage);
    expect(back.stopReason).toBe('tool_use');
    expect(back.content[0]).toEqual({ type: 'reasoning', text: 'hmm' });
  });

  it('streams text at once, buffers a call until its block closes, and ends with finishReason', () => {
    const encoder = geminiCodec.createStreamEncoder({ includeUsage: false, model: 'm' });
    const push = (event: CanonicalStreamEvent) => encoder.push(event).map((e) => JSON.parse(e.data) as Json);
    expect(push({ type: 'message_start', id: 'r1', model: 'm', created: 0 })).toEqual([]);
    expect(push({ type: 'text_start', index: 0 })).toEqual([]);
    expect(push({ type: 'text_delta', index: 0, text: 'Hel' })[0]?.candidates[0].content.parts).toEqual([{ text: 'Hel' }]);
    expect(push({ type: 'block_stop', index: 0 })).toEqual([]);
    expect(push({ type: 'tool_call_start', index: 1, toolIndex: 0, id: 'gcall_r1_0', name: 'f' })).toEqual([]);
    expect(push({ type: 'tool_call_delta', index: 1, toolIndex: 0, argumentsDelta: '{"a":' })).toEqual([]);
    expect(push({ type: 'tool_call_delta', index: 1, toolIndex: 0, argumentsDelta: '1}' })).toEqual([]);
    const call = push({ type: 'block_stop', index: 1 });
    expect(call[0]?.candidates[0].content.parts).toEqual([{ functionCall: { name: 'f', args: { a: 1 } } }]);
    const final = push({ type: 'message_stop', stopReason: 'tool_use', usage: { inputTokens: 5, outputTokens: 3 } });
    expect(final[0]?.candidates[0].finishReason).toBe('STOP');
    expect(final[0]?.usageMetadata).toEqual({ promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 8 });
    expect(encoder.end(true)).toEqual([]);
  });

  it('never emits a finishReason chunk for a broken stream, and encodes stream errors as Google errors', () => {
    const encoder = geminiCodec.createStreamEncoder({ includeUsage: true, model: 'm' });
    encoder.push({ type: 'message_start', id: 'r', model: 'm', created: 0 });
    const text = encoder.push({ type: 'text_delta', index: 0, text: 'partial' });
    const tail = encoder.end(false);
    expect([...text, ...tail].some((e) => e.data.includes('finishReason'))).toBe(false);
    const [event] = geminiCodec.encodeStreamError({ kind: 'rate_limit', status: 429, message: 'slow down' });
    const body = JSON.parse(event!.data);
    expect(body).toEqual({ error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' } });
    expect(validateGeminiError(body)).toEqual([]);
  });
});
