import type { CanonicalError, CanonicalErrorKind } from '../../canonical/index.js';
import type { SseEvent } from '../../codec.js';
import { kindFromStatus } from '../../error-kind-from-status.js';
import { kindFromCode } from '../../error-kind-from-code.js';
import { statusForKind } from './error-kind.js';
import { randomId } from './ids.js';
import { isObject, stringOrUndefined, type JsonObject } from '../../json-guards.js';
import { buildResponseObject } from './response-object.js';

/**
 * Any error body → canonical. Understands OpenAI `{error:{message,type,param,code}}`, Anthropic
 * `{type:'error',error:{type,message}}`, Google `{error:{code,status,message}}` (also array-wrapped),
 * JSON text, and falls back to the raw text.
 */
export function decodeError(status: number, body: unknown): CanonicalError {
  const parsed = typeof body === 'string' ? parseJson(body) : body;
  const unwrapped = Array.isArray(parsed) ? parsed[0] : parsed;
  const error = isObject(unwrapped) && isObject(unwrapped.error) ? unwrapped.error : isObject(unwrapped) ? unwrapped : {};
  return errorFromFields(status, error, typeof body === 'string' ? body : undefined);
}

/** Also used for the in-stream `error` event and `response.failed`'s `response.error`. */
export function errorFromFields(status: number | undefined, error: JsonObject, rawText?: string): CanonicalError {
  const code = stringOrUndefined(error.code);
  const type = stringOrUndefined(error.type);
  const googleStatus = stringOrUndefined(error.status);
  const message =
    stringOrUndefined(error.message) ?? (rawText !== undefined && rawText.trim() !== '' ? rawText : undefined) ?? `HTTP ${status ?? 'error'}`;
  const named = kindFromCode(code, type, googleStatus);
  // A generic "invalid request" name must not hide what the message says more precisely.
  const kind: CanonicalErrorKind =
    (named === 'invalid_request' ? undefined : named) ??
    (/context (window|length)|maximum context/i.test(message) ? 'context_length' : undefined) ??
    named ??
    (status === undefined ? 'server_error' : kindFromStatus(status));
  const result: CanonicalError = { kind, status: status ?? statusForKind(kind), message };
  const providerCode = code ?? googleStatus ?? type;
  if (providerCode !== undefined) result.code = providerCode;
  const param = stringOrUndefined(error.param);
  if (param !== undefined) result.param = param;
  return result;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** OpenAI's `type` for each kind, as its API reports them. */
const TYPES: Record<CanonicalErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'invalid_request_error',
  permission: 'invalid_request_error',
  not_found: 'invalid_request_error',
  request_too_large: 'invalid_request_error',
  context_length: 'invalid_request_error',
  rate_limit: 'requests',
  quota_exhausted: 'insufficient_quota',
  overloaded: 'server_error',
  timeout: 'server_error',
  server_error: 'server_error',
};

/**
 * Codes clients act on (Codex matches context_length_exceeded / insufficient_quota /
 * rate_limit_exceeded): these kinds always carry OpenAI's code, whatever the upstream called it.
 */
const FIXED_CODES: Partial<Record<CanonicalErrorKind, string>> = {
  context_length: 'context_length_exceeded',
  quota_exhausted: 'insufficient_quota',
  rate_limit: 'rate_limit_exceeded',
  overloaded: 'server_is_overloaded',
};

export function errorCode(error: CanonicalError): string | null {
  return FIXED_CODES[error.kind] ?? error.code ?? null;
}

export function encodeError(error: CanonicalError): JsonObject {
  return {
    error: { message: error.message, type: TYPES[error.kind], param: error.param ?? null, code: errorCode(error) },
  };
}

/** Continuation of a stream the encoder already started; absent for a stand-alone error. */
export interface StreamErrorContext {
  responseId: string;
  createdAt: number;
  model: string;
  output: JsonObject[];
  nextSequence: () => number;
}

/**
 * What OpenAI sends when a response fails mid-stream: an `error` event, then `response.failed`.
 * The error event carries its fields at the top level (spec) and nested under `error` (what the
 * API actually sends, see fixture error-in-stream-insufficient-quota) so either parser finds them.
 */
export function encodeStreamError(error: CanonicalError, context?: StreamErrorContext): SseEvent[] {
  let sequence = 0;
  const ctx: StreamErrorContext = context ?? {
    responseId: randomId('resp'),
    createdAt: Math.floor(Date.now() / 1000),
    model: '',
    output: [],
    nextSequence: () => sequence++,
  };
  const code = errorCode(error);
  const errorEvent = {
    type: 'error',
    sequence_number: ctx.nextSequence(),
    code,
    message: error.message,
    param: error.param ?? null,
    error: { type: TYPES[error.kind], code, message: error.message, param: error.param ?? null },
  };
  const failed = {
    type: 'response.failed',
    sequence_number: ctx.nextSequence(),
    response: buildResponseObject({
      id: ctx.responseId,
      createdAt: ctx.createdAt,
      model: ctx.model,
      status: 'failed',
      output: ctx.output,
      error: { code: code ?? 'server_error', message: error.message },
    }),
  };
  return [
    { event: 'error', data: JSON.stringify(errorEvent) },
    { event: 'response.failed', data: JSON.stringify(failed) },
  ];
}
