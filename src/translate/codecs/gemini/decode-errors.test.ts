import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../translation-error.js';
import { geminiCodec, geminiRetryDelaySeconds } from './index.js';
import { readFixtureJson } from './test-support/load-fixtures.js';
import { validateGeminiError } from './test-support/spec-validator.js';

describe('gemini decodeError', () => {
  it('tolerates other formats, plain text, arrays and null', () => {
    expect(geminiCodec.decodeError(401, { type: 'error', error: { type: 'authentication_error', message: 'bad key' } })).toMatchObject({
      kind: 'authentication',
      message: 'bad key',
      code: 'authentication_error',
    });
    expect(geminiCodec.decodeError(429, { error: { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota' } }).kind).toBe('quota_exhausted');
    expect(geminiCodec.decodeError(502, 'Bad Gateway')).toEqual({ kind: 'server_error', status: 502, message: 'Bad Gateway' });
    expect(geminiCodec.decodeError(503, null)).toMatchObject({ kind: 'overloaded', status: 503 });
    expect(geminiCodec.decodeError(500, [{ error: { code: 503, message: 'busy', status: 'UNAVAILABLE' } }])).toMatchObject({
      kind: 'overloaded',
      message: 'busy',
    });
    expect(geminiCodec.decodeError(504, { error: { code: 504, message: 't', status: 'DEADLINE_EXCEEDED' } }).kind).toBe('timeout');
    expect(geminiCodec.decodeError(400, { error: { code: 400, message: 'The input token count (2000000) exceeds the maximum number of tokens allowed (1048576).', status: 'INVALID_ARGUMENT' } }).kind).toBe('context_length');
  });

  it('separates per-day quota exhaustion from a per-minute rate limit, and reads RetryInfo', () => {
    const body = readFixtureJson('error-429-resource-exhausted.response.json') as any;
    expect(geminiRetryDelaySeconds(body)).toBe(48);
    const daily = structuredClone(body);
    daily.error.details[1].violations[0].quotaId = 'GenerateRequestsPerDayPerProjectPerModel-FreeTier';
    expect(geminiCodec.decodeError(429, daily).kind).toBe('quota_exhausted');
  });

  it('encodes every kind as a spec-valid Google error with the REST status name', () => {
    const kinds = ['invalid_request', 'authentication', 'permission', 'not_found', 'request_too_large', 'rate_limit', 'quota_exhausted', 'context_length', 'overloaded', 'timeout', 'server_error'] as const;
    for (const kind of kinds) {
      const body = geminiCodec.encodeError({ kind, status: 418, message: kind });
      expect(validateGeminiError(body)).toEqual([]);
      const back = geminiCodec.decodeError(418, body);
      // Kinds sharing a Google status collapse onto it; the rest survive the trip.
      if (!['request_too_large', 'context_length', 'quota_exhausted'].includes(kind)) expect(back.kind).toBe(kind);
    }
    const notFound = geminiCodec.decodeError(404, readFixtureJson('error-404-model-not-found.response.json'));
    expect(geminiCodec.encodeError(notFound)).toEqual(readFixtureJson('error-404-model-not-found.response.json'));
  });
});

describe('gemini decoders reject malformed input with a TranslationError naming the field', () => {
  const cases: Array<[string, unknown, string]> = [
    ['non-object body', 'hello', ''],
    ['contents missing', {}, 'contents'],
    ['bad role', { contents: [{ role: 'assistant', parts: [] }] }, 'contents[0].role'],
    ['text not a string', { contents: [{ role: 'user', parts: [{ text: 5 }] }] }, 'contents[0].parts[0].text'],
    ['args not an object', { contents: [{ role: 'model', parts: [{ functionCall: { name: 'f', args: [] } }] }] }, 'contents[0].parts[0].functionCall.args'],
    ['nameless function response', { contents: [{ role: 'user', parts: [{ functionResponse: { response: {} } }] }] }, 'contents[0].parts[0].functionResponse.name'],
    ['bad temperature', { contents: [], generationConfig: { temperature: 'hot' } }, 'generationConfig.temperature'],
    ['bad tool mode', { contents: [], toolConfig: { functionCallingConfig: { mode: 'SOMETIMES' } } }, 'toolConfig.functionCallingConfig.mode'],
  ];
  for (const [label, body, field] of cases) {
    it(label, () => {
      let caught: unknown;
      try {
        geminiCodec.decodeRequest(body);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TranslationError);
      expect((caught as TranslationError).field).toBe(field);
    });
  }

  it('response and stream decoders too', () => {
    expect(() => geminiCodec.decodeResponse({ candidates: [{ content: { parts: [{ functionCall: {} }] } }] })).toThrow(TranslationError);
    expect(() => geminiCodec.createStreamDecoder().push({ data: 'not json' })).toThrow(TranslationError);
  });

  it('accepts snake_case parts, missing roles, string system instructions and the legacy function role', () => {
    const request = geminiCodec.decodeRequest({
      system_instruction: 'Be nice',
      contents: [
        { parts: [{ inline_data: { mime_type: 'application/pdf', data: 'QUJD' } }] },
        { role: 'model', parts: [{ function_call: { name: 'f', args: { x: 1 } }, thought_signature: 'c2ln' }, { function_call: { name: 'f', args: { x: 2 } } }] },
        { role: 'function', parts: [{ function_response: { name: 'f', response: { result: 'one' } } }, { function_response: { name: 'f', response: { result: 'two' } } }] },
      ],
      tools: [{ function_declarations: [{ name: 'f', description: 'F', parameters: { type: 'OBJECT', properties: { x: { type: 'INTEGER' } } } }] }],
      tool_config: { function_calling_config: { mode: 'ANY', allowed_function_names: ['f', 'g'] } },
    });
    expect(request.system).toEqual([{ type: 'text', text: 'Be nice' }]);
    expect(request.messages[0]?.content[0]).toEqual({ type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'QUJD' } });
    const calls = request.messages[1]!.content.filter((p) => p.type === 'tool_call');
    const results = request.messages[2]!.content.filter((p) => p.type === 'tool_result');
    expect(results.map((r) => r.toolCallId)).toEqual(calls.map((c) => c.id));
    expect(results.map((r) => r.content)).toEqual([[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two' }]]);
    expect(calls[0]?.opaque).toEqual({ origin: 'gemini', thoughtSignature: 'c2ln' });
    // Two allowed names have no exact canonical form: required + the original config in extras.
    expect(request.toolChoice).toBe('required');
    expect(request.extras?.toolConfig).toBeDefined();
    const body = geminiCodec.encodeRequest(request, { model: 'gemini-2.5-flash' }) as any;
    expect(body.toolConfig).toEqual({ function_calling_config: { mode: 'ANY', allowed_function_names: ['f', 'g'] } });
    expect(body.contents[1].parts[0]).toEqual({ functionCall: { name: 'f', args: { x: 1 } }, thoughtSignature: 'c2ln' });
  });
});
