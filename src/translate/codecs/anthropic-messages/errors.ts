import { kindFromCode } from '../../error-kind-from-code.js';
import { kindFromStatus } from '../../error-kind-from-status.js';
import type { CanonicalError, CanonicalErrorKind } from '../../canonical/index.js';
import type { SseEvent } from '../../codec.js';
import { isObject } from '../../json-guards.js';

const STATUS_BY_KIND: Readonly<Record<CanonicalErrorKind, number>> = {
  invalid_request: 400,
  context_length: 400,
  authentication: 401,
  quota_exhausted: 429,
  permission: 403,
  not_found: 404,
  request_too_large: 413,
  rate_limit: 429,
  timeout: 504,
  server_error: 500,
  overloaded: 529,
};

const TYPE_BY_KIND: Readonly<Record<CanonicalErrorKind, string>> = {
  invalid_request: 'invalid_request_error',
  context_length: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'request_too_large',
  // Anthropic clients treat rate_limit_error as "retry later", the closest to an exhausted quota.
  quota_exhausted: 'rate_limit_error',
  rate_limit: 'rate_limit_error',
  timeout: 'timeout_error',
  server_error: 'api_error',
  overloaded: 'overloaded_error',
};

const CONTEXT_LENGTH_MESSAGE =
  /prompt is too long|context length|context window|maximum context|too many (input )?tokens|input is too long|exceeds the maximum number of tokens/i;

interface ErrorFields {
  type?: string;
  code?: string;
  message?: string;
  param?: string;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Pulls type/code/message out of Anthropic, OpenAI and Gemini error bodies. */
function readErrorFields(body: unknown): ErrorFields {
  // Gemini's streaming endpoint wraps the error in an array.
  const root = Array.isArray(body) && body.length === 1 ? body[0] : body;
  if (!isObject(root)) return {};
  const error = isObject(root.error) ? root.error : root;
  const fields: ErrorFields = {};
  const type = stringField(error.type) ?? stringField(error.status);
  if (type !== undefined) fields.type = type;
  const code = stringField(error.code);
  if (code !== undefined) fields.code = code;
  const message = stringField(error.message) ?? stringField(root.message);
  if (message !== undefined) fields.message = message;
  const param = stringField(error.param);
  if (param !== undefined) fields.param = param;
  return fields;
}

function parseBody(body: unknown): { parsed: unknown; text?: string } {
  if (typeof body !== 'string') return { parsed: body };
  try {
    return { parsed: JSON.parse(body) as unknown, text: body };
  } catch {
    return { parsed: undefined, text: body };
  }
}

/**
 * Any error body (Anthropic, OpenAI, Gemini shape, plain text, null) + HTTP status → canonical.
 * Context-length errors arrive as plain invalid_request errors, so the message decides them.
 * `status` outside 400–599 (e.g. 0 for an in-stream error) falls back to the kind's status.
 */
export function decodeError(status: number, body: unknown): CanonicalError {
  const { parsed, text } = parseBody(body);
  const fields = readErrorFields(parsed);
  const message = fields.message ?? text?.trim().slice(0, 2000) ?? (status > 0 ? `HTTP ${status}` : 'Unknown error');
  const providerKind =
    kindFromCode(fields.code, fields.type);
  const validStatus = status >= 400 && status <= 599;
  let kind = providerKind ?? (validStatus ? kindFromStatus(status) : 'server_error');
  if (/API_KEY_INVALID|api key not valid/i.test(message)) kind = 'authentication';
  if ((kind === 'invalid_request' || kind === 'request_too_large') && CONTEXT_LENGTH_MESSAGE.test(message)) {
    kind = 'context_length';
  }
  const error: CanonicalError = { kind, status: validStatus ? status : STATUS_BY_KIND[kind], message };
  const code = fields.code ?? fields.type;
  if (code !== undefined) error.code = code;
  if (fields.param !== undefined) error.param = fields.param;
  return error;
}

/** Anthropic error `type` for a canonical error kind. */
export function anthropicErrorType(kind: CanonicalErrorKind): string {
  return TYPE_BY_KIND[kind];
}

/** The HTTP status Anthropic uses for a kind (529 for overloaded). */
export function anthropicErrorStatus(kind: CanonicalErrorKind): number {
  return STATUS_BY_KIND[kind];
}

/** Anthropic's error body: `{"type":"error","error":{type,message},"request_id":null}`. */
export function encodeError(error: CanonicalError): Record<string, unknown> {
  return {
    type: 'error',
    error: { type: anthropicErrorType(error.kind), message: error.message },
    request_id: null,
  };
}

/** Anthropic's in-stream error: one `event: error` whose data is the error object. */
export function encodeStreamError(error: CanonicalError): SseEvent[] {
  const data = { type: 'error', error: { type: anthropicErrorType(error.kind), message: error.message } };
  return [{ event: 'error', data: JSON.stringify(data) }];
}
