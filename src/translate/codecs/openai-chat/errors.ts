import { kindFromCode } from '../../error-kind-from-code.js';
import { kindFromStatus } from '../../error-kind-from-status.js';
import type { CanonicalError, CanonicalErrorKind } from '../../canonical/index.js';
import type { SseEvent } from '../../codec.js';
import { isObject, numberOrUndefined, stringOrUndefined, type JsonObject } from '../../json-guards.js';

interface ErrorFields {
  message?: string;
  type?: string;
  code?: string;
  param?: string;
}

/**
 * Pulls message/type/code/param out of any error body: OpenAI `{error:{…}}`, Anthropic
 * `{type:"error",error:{type,message}}`, Gemini `{error:{code,status,message}}` (also wrapped in
 * an array), `{error:"text"}`, `{message}`, JSON text, or plain text.
 */
function readErrorFields(body: unknown): ErrorFields {
  if (body instanceof Uint8Array) return readErrorFields(new TextDecoder().decode(body));
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return readErrorFields(JSON.parse(trimmed) as unknown);
      } catch {
        // Not JSON after all: the text itself is the message.
      }
    }
    return trimmed ? { message: trimmed } : {};
  }
  if (Array.isArray(body)) return readErrorFields(body[0]);
  if (!isObject(body)) return {};
  if (typeof body.error === 'string') return { message: body.error, code: stringOrUndefined(body.code) };
  const inner: JsonObject = isObject(body.error) ? body.error : body;
  const fields: ErrorFields = {};
  const message = stringOrUndefined(inner.message) ?? stringOrUndefined(body.message);
  if (message !== undefined) fields.message = message;
  // Gemini puts its symbolic code in `status` and the HTTP number in `code`.
  const type = stringOrUndefined(inner.type) ?? stringOrUndefined(inner.status);
  if (type !== undefined) fields.type = type;
  const code = stringOrUndefined(inner.code);
  if (code !== undefined) fields.code = code;
  const param = stringOrUndefined(inner.param);
  if (param !== undefined) fields.param = param;
  return fields;
}

const CONTEXT_MESSAGE = /context length|context window|maximum context|prompt is too long|too many tokens in the prompt/i;

function classify(status: number, fields: ErrorFields): CanonicalErrorKind {
  const byCode = kindFromCode(fields.code);
  // Specific codes first: a 400 `context_length_exceeded` or a 429 `insufficient_quota` must not
  // read as a generic bad request or rate limit (they decide fallback vs. retry).
  if (byCode === 'context_length' || byCode === 'quota_exhausted') return byCode;
  if (fields.message !== undefined && CONTEXT_MESSAGE.test(fields.message) && status < 500) return 'context_length';
  const byType = kindFromCode(fields.type);
  if (byType === 'quota_exhausted') return byType;
  if (status >= 400 && status !== 400 && status !== 422) return kindFromStatus(status);
  return byCode ?? byType ?? kindFromStatus(status);
}

/** Any upstream error body + HTTP status → canonical error. */
export function decodeError(status: number, body: unknown): CanonicalError {
  const fields = readErrorFields(body);
  const error: CanonicalError = {
    kind: classify(status, fields),
    status,
    message: fields.message ?? `Upstream error (HTTP ${status})`,
  };
  const code = fields.code ?? fields.type;
  if (code !== undefined) error.code = code;
  if (fields.param !== undefined) error.param = fields.param;
  return error;
}

const TYPE_BY_KIND: Record<CanonicalErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  quota_exhausted: 'insufficient_quota',
  context_length: 'invalid_request_error',
  overloaded: 'server_error',
  timeout: 'server_error',
  server_error: 'server_error',
};

/** Codes OpenAI clients branch on; they replace a foreign provider's code for these kinds. */
const FIXED_CODE_BY_KIND: Partial<Record<CanonicalErrorKind, string>> = {
  quota_exhausted: 'insufficient_quota',
  context_length: 'context_length_exceeded',
};

/** The `{error:{message,type,param,code}}` object shared by error bodies and in-stream errors. */
function errorObject(error: CanonicalError): Record<string, unknown> {
  return {
    message: error.message,
    type: TYPE_BY_KIND[error.kind],
    param: error.param ?? null,
    code: FIXED_CODE_BY_KIND[error.kind] ?? error.code ?? null,
  };
}

/** Canonical error → OpenAI error body (status travels separately as `error.status`). */
export function encodeError(error: CanonicalError): Record<string, unknown> {
  return { error: errorObject(error) };
}

/** The OpenAI SDK raises a data chunk `{"error":{…}}` as an APIError mid-stream; no `[DONE]` follows. */
export function encodeStreamError(error: CanonicalError): SseEvent[] {
  return [{ data: JSON.stringify({ error: errorObject(error) }) }];
}

/** HTTP status to assume for an error that arrived inside a 200 stream. */
export function statusOfStreamError(body: JsonObject): number {
  const inner = isObject(body.error) ? body.error : body;
  const code = numberOrUndefined(inner.code) ?? numberOrUndefined(inner.status);
  return code !== undefined && code >= 400 && code < 600 ? code : 500;
}
