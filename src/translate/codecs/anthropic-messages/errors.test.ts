import { describe, expect, it } from 'vitest';
import { anthropicMessagesCodec as codec } from './index.js';

describe('decodeError tolerates any body', () => {
  it('Anthropic overloaded (529) and rate limit', () => {
    expect(codec.decodeError(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })).toEqual({
      kind: 'overloaded',
      status: 529,
      message: 'Overloaded',
      code: 'overloaded_error',
    });
    expect(codec.decodeError(429, { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }).kind).toBe('rate_limit');
    expect(codec.decodeError(413, { type: 'error', error: { type: 'request_too_large', message: 'big' } }).kind).toBe('request_too_large');
  });

  it('OpenAI-shaped bodies', () => {
    expect(
      codec.decodeError(429, { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota', param: null } }),
    ).toEqual({ kind: 'quota_exhausted', status: 429, message: 'You exceeded your current quota', code: 'insufficient_quota' });
    const context = codec.decodeError(400, {
      error: { message: "This model's maximum context length is 128000 tokens", type: 'invalid_request_error', code: 'context_length_exceeded', param: 'messages' },
    });
    expect(context).toMatchObject({ kind: 'context_length', status: 400, code: 'context_length_exceeded', param: 'messages' });
  });

  it('Gemini-shaped bodies (object and streaming array)', () => {
    const invalidKey = {
      error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' },
    };
    expect(codec.decodeError(400, invalidKey)).toMatchObject({ kind: 'authentication', status: 400, code: 'INVALID_ARGUMENT' });
    expect(codec.decodeError(429, [{ error: { code: 429, message: 'Resource exhausted', status: 'RESOURCE_EXHAUSTED' } }])).toMatchObject({
      kind: 'rate_limit',
      message: 'Resource exhausted',
    });
    expect(codec.decodeError(503, { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }).kind).toBe('overloaded');
  });

  it('plain text, null and empty bodies fall back to the status', () => {
    expect(codec.decodeError(502, '<html>Bad gateway</html>')).toEqual({ kind: 'server_error', status: 502, message: '<html>Bad gateway</html>' });
    expect(codec.decodeError(401, null)).toEqual({ kind: 'authentication', status: 401, message: 'HTTP 401' });
    expect(codec.decodeError(404, undefined).kind).toBe('not_found');
    expect(codec.decodeError(529, '').kind).toBe('overloaded');
    expect(codec.decodeError(504, {}).kind).toBe('timeout');
  });

  it('an in-stream error (no HTTP status) gets the status of its kind', () => {
    expect(codec.decodeError(0, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }).status).toBe(529);
    expect(codec.decodeError(200, { type: 'error', error: { type: 'api_error', message: 'Internal' } })).toMatchObject({
      kind: 'server_error',
      status: 500,
    });
  });
});

describe('encodeError', () => {
  it('produces Anthropic error bodies', () => {
    expect(codec.encodeError({ kind: 'context_length', status: 400, message: 'prompt is too long' })).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'prompt is too long' },
      request_id: null,
    });
    expect(codec.encodeError({ kind: 'quota_exhausted', status: 429, message: 'q' }).error).toEqual({ type: 'rate_limit_error', message: 'q' });
  });

  it('decode(encode(error)) keeps the kind for every Anthropic error type', () => {
    for (const kind of ['invalid_request', 'authentication', 'permission', 'not_found', 'request_too_large', 'rate_limit', 'overloaded', 'timeout', 'server_error'] as const) {
      expect(codec.decodeError(0, codec.encodeError({ kind, status: 0, message: 'm' })).kind).toBe(kind);
    }
  });
});
