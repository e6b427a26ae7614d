import { describe, expect, it } from 'vitest';
import type { CanonicalStreamEvent } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { openaiResponsesCodec as codec } from './index.js';
import { loadChunks } from './test-support/load-fixtures.js';
import { specErrors } from './test-support/spec-validator.js';

describe('decodeError tolerates any body', () => {
  it.each([
    [502, 'Bad Gateway from nginx', 'server_error', 'Bad Gateway from nginx'],
    [503, null, 'overloaded', 'HTTP 503'],
    [429, '{"error":{"message":"slow","type":"requests","code":"rate_limit_exceeded"}}', 'rate_limit', 'slow'],
    [529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'overloaded', 'Overloaded'],
    [429, [{ error: { code: 429, message: 'quota', status: 'RESOURCE_EXHAUSTED' } }], 'rate_limit', 'quota'],
    [404, { error: { message: 'The model `x` does not exist', type: 'invalid_request_error', code: 'model_not_found' } }, 'not_found', 'The model `x` does not exist'],
    [400, { error: { message: "This model's maximum context length is 8192 tokens", type: 'invalid_request_error' } }, 'context_length', "This model's maximum context length is 8192 tokens"],
  ])('%i %j', (status, body, kind, message) => {
    expect(codec.decodeError(status, body)).toMatchObject({ kind, status, message });
  });
});

describe('encodeError', () => {
  it('produces the OpenAI error body with the codes clients act on', () => {
    const quota = codec.encodeError({ kind: 'quota_exhausted', status: 429, message: 'out', code: 'RESOURCE_EXHAUSTED' });
    expect(quota).toEqual({ error: { message: 'out', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } });
    const context = codec.encodeError({ kind: 'context_length', status: 400, message: 'too long', param: 'input' });
    expect(context).toEqual({ error: { message: 'too long', type: 'invalid_request_error', param: 'input', code: 'context_length_exceeded' } });
    expect(specErrors('ErrorResponse', quota)).toEqual([]);
    expect(specErrors('ErrorResponse', context)).toEqual([]);
    expect(codec.decodeError(429, quota)).toMatchObject({ kind: 'quota_exhausted', code: 'insufficient_quota' });
  });

  it('encodeStreamError matches what OpenAI sends and decodes back', () => {
    const recorded = loadChunks('error-in-stream-insufficient-quota.chunks.jsonl').slice(2);
    const events = codec.encodeStreamError({ kind: 'quota_exhausted', status: 429, message: 'You exceeded your current quota' });
    expect(events.map((e) => e.event)).toEqual(recorded.map((e) => e.event));
    const [error, failed] = events.map((e) => JSON.parse(e.data));
    expect(error).toMatchObject({ type: 'error', code: 'insufficient_quota', error: { type: 'insufficient_quota', code: 'insufficient_quota' } });
    expect(failed.response).toMatchObject({ status: 'failed', error: { code: 'insufficient_quota' } });
    expect(specErrors('ResponseErrorEvent', error)).toEqual([]);
    const decoder = codec.createStreamDecoder();
    const decoded: CanonicalStreamEvent[] = events.flatMap((e) => decoder.push(e));
    expect(decoded.filter((e) => e.type === 'error')).toEqual([
      { type: 'error', error: { kind: 'quota_exhausted', status: 429, message: 'You exceeded your current quota', code: 'insufficient_quota' } },
    ]);
  });
});

describe('malformed requests name the field at fault', () => {
  const base = { model: 'gpt-5', input: [{ role: 'user', content: 'hi' }] };
  it.each([
    [{ input: 'x' }, 'model'],
    [{ ...base, input: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }, { role: 'user', content: 42 }] }, 'input[2].content'],
    [{ ...base, input: [{ role: 'robot', content: 'a' }] }, 'input[0].role'],
    [{ ...base, input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file-1', detail: 'auto' }] }] }, 'input[0].content[0].image_url'],
    [{ ...base, input: [{ type: 'function_call', name: 'f', arguments: '{}' }] }, 'input[0].call_id'],
    [{ ...base, tools: [{ type: 'function', parameters: {} }] }, 'tools[0].name'],
    [{ ...base, temperature: 'hot' }, 'temperature'],
    [{ ...base, text: { format: { type: 'json_schema', name: 'x' } } }, 'text.format.schema'],
    [null, '$'],
  ])('%j → %s', (body, field) => {
    let thrown: unknown;
    try {
      codec.decodeRequest(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TranslationError);
    expect((thrown as TranslationError).field).toBe(field);
  });

  it('accepts the tolerant shapes real clients send', () => {
    const request = codec.decodeRequest({
      model: 'gpt-5',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'see' }, { type: 'input_image', image_url: 'data:image/png;base64,ab-_', detail: 'low' }] },
        { type: 'item_reference', id: 'msg_1' },
        { type: 'message', role: 'assistant', content: [{ type: 'refusal', refusal: 'no' }] },
      ],
      tools: [{ type: 'web_search' }, { type: 'function', function: { name: 'nested', parameters: { type: 'object' } } }],
      tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [] },
    });
    expect(request.messages[0]?.content[1]).toEqual({ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'ab+/' }, detail: 'low' });
    expect(request.messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'no' }] });
    expect(request.tools).toEqual([{ name: 'nested', parameters: { type: 'object' } }]);
    expect(request.extras).toEqual({ 'openai-responses': { tools: [{ type: 'web_search' }], tool_choice: { type: 'allowed_tools', mode: 'auto', tools: [] } } });
    const body = codec.encodeRequest(request, { model: 'gpt-5' });
    expect(body.tools).toEqual([{ type: 'function', name: 'nested', parameters: { type: 'object' }, strict: false }, { type: 'web_search' }]);
  });
});

describe('stream encoder keeps an explicitly empty summary part', () => {
  it('own reasoning with an empty summary round-trips', () => {
    const events: CanonicalStreamEvent[] = [
      { type: 'message_start', id: 'resp_1', model: 'm', created: 1 },
      { type: 'reasoning_start', index: 0, summary: true, opaque: { origin: 'openai-responses', itemId: 'rs_1' } },
      { type: 'block_stop', index: 0 },
      { type: 'message_stop', stopReason: 'end_turn' },
    ];
    const encoder = codec.createStreamEncoder({ includeUsage: false, model: '' });
    const sse = [...events.flatMap((e) => encoder.push(e)), ...encoder.end(true)];
    expect(sse.map((e) => e.event)).toContain('response.reasoning_summary_part.done');
    const decoder = codec.createStreamDecoder();
    expect(sse.flatMap((e) => decoder.push(e))).toEqual(events);
  });
});
