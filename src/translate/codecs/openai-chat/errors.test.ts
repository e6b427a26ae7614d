import { describe, expect, it } from 'vitest';
import type { CanonicalError, CanonicalErrorKind } from '../../canonical/index.js';
import { decodeError, encodeError, encodeStreamError } from './errors.js';
import { openAiSchemaErrors } from './test-support/openai-schema.js';

describe('decodeError', () => {
  it('tolerates any body shape', () => {
    expect(decodeError(502, null)).toEqual({ kind: 'server_error', status: 502, message: 'Upstream error (HTTP 502)' });
    expect(decodeError(500, 'Bad gateway from nginx')).toMatchObject({ kind: 'server_error', message: 'Bad gateway from nginx' });
    expect(decodeError(400, '{"error":{"message":"too long","code":"context_length_exceeded"}}')).toMatchObject({
      kind: 'context_length',
      message: 'too long',
    });
    expect(decodeError(429, new TextEncoder().encode('{"error":{"message":"m","type":"insufficient_quota","code":"insufficient_quota"}}'))).toMatchObject({
      kind: 'quota_exhausted',
      code: 'insufficient_quota',
    });
    expect(decodeError(403, { error: 'forbidden here' })).toMatchObject({ kind: 'permission', message: 'forbidden here' });
    expect(decodeError(422, { message: 'bad field', param: 'x' })).toMatchObject({ kind: 'invalid_request', message: 'bad field' });
  });

  it('reads Anthropic and Gemini shaped bodies', () => {
    expect(decodeError(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })).toEqual({
      kind: 'overloaded',
      status: 529,
      message: 'Overloaded',
      code: 'overloaded_error',
    });
    expect(decodeError(429, [{ error: { code: 429, message: 'Quota', status: 'RESOURCE_EXHAUSTED' } }])).toEqual({
      kind: 'rate_limit',
      status: 429,
      message: 'Quota',
      code: 'RESOURCE_EXHAUSTED',
    });
  });

  it('recognises context-length errors by message when the code is missing', () => {
    expect(decodeError(400, { error: { message: "This model's maximum context length is 8192 tokens" } }).kind).toBe('context_length');
  });
});

describe('encodeError / encodeStreamError', () => {
  const statusOf: Record<CanonicalErrorKind, number> = {
    invalid_request: 400,
    authentication: 401,
    permission: 403,
    not_found: 404,
    request_too_large: 413,
    rate_limit: 429,
    quota_exhausted: 429,
    context_length: 400,
    overloaded: 529,
    timeout: 504,
    server_error: 500,
  };

  it('builds spec-valid bodies that decode back to the same kind', () => {
    for (const [kind, status] of Object.entries(statusOf) as Array<[CanonicalErrorKind, number]>) {
      const error: CanonicalError = { kind, status, message: `failure ${kind}` };
      const body = encodeError(error);
      expect(openAiSchemaErrors('ErrorResponse', body)).toEqual([]);
      expect(decodeError(status, body)).toMatchObject({ kind, message: error.message });
    }
  });

  it('uses the OpenAI codes clients branch on, replacing a foreign code', () => {
    expect(encodeError({ kind: 'quota_exhausted', status: 429, message: 'm', code: 'RESOURCE_EXHAUSTED' })).toEqual({
      error: { message: 'm', type: 'insufficient_quota', param: null, code: 'insufficient_quota' },
    });
    expect(encodeError({ kind: 'context_length', status: 400, message: 'm', param: 'messages' })).toEqual({
      error: { message: 'm', type: 'invalid_request_error', param: 'messages', code: 'context_length_exceeded' },
    });
  });

  it('emits one data-only error chunk', () => {
    const events = encodeStreamError({ kind: 'rate_limit', status: 429, message: 'slow down', code: 'rate_limit_exceeded' });
    expect(events).toHaveLength(1);
    expect(events[0]?.event).toBeUndefined();
    expect(JSON.parse(events[0]?.data ?? '')).toEqual({
      error: { message: 'slow down', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' },
    });
  });
});
