import { kindFromCode } from '../../error-kind-from-code.js';
import type { CanonicalError, CanonicalErrorKind } from '../../canonical/index.js';
import type { SseEvent } from '../../codec.js';
import { isObject, tryParseJson, type JsonObject } from './json-access.js';

/** google.rpc.Code names as the REST API spells them in `error.status`. */
const STATUS_TO_KIND: Record<string, CanonicalErrorKind> = {
  INVALID_ARGUMENT: 'invalid_request',
  FAILED_PRECONDITION: 'invalid_request',
  OUT_OF_RANGE: 'invalid_request',
  UNIMPLEMENTED: 'invalid_request',
  UNAUTHENTICATED: 'authentication',
  PERMISSION_DENIED: 'permission',
  NOT_FOUND: 'not_found',
  RESOURCE_EXHAUSTED: 'rate_limit',
  INTERNAL: 'server_error',
  UNKNOWN: 'server_error',
  DATA_LOSS: 'server_error',
  ABORTED: 'server_error',
  CANCELLED: 'server_error',
  UNAVAILABLE: 'overloaded',
  DEADLINE_EXCEEDED: 'timeout',
};

const KIND_TO_STATUS: Record<CanonicalErrorKind, { status: string; http: number }> = {
  invalid_request: { status: 'INVALID_ARGUMENT', http: 400 },
  authentication: { status: 'UNAUTHENTICATED', http: 401 },
  permission: { status: 'PERMISSION_DENIED', http: 403 },
  not_found: { status: 'NOT_FOUND', http: 404 },
  request_too_large: { status: 'INVALID_ARGUMENT', http: 413 },
  rate_limit: { status: 'RESOURCE_EXHAUSTED', http: 429 },
  quota_exhausted: { status: 'RESOURCE_EXHAUSTED', http: 429 },
  context_length: { status: 'INVALID_ARGUMENT', http: 400 },
  overloaded: { status: 'UNAVAILABLE', http: 503 },
  timeout: { status: 'DEADLINE_EXCEEDED', http: 504 },
  server_error: { status: 'INTERNAL', http: 500 },
};

/**
 * Any error body → canonical. Google's `{"error":{code,message,status,details}}` first (also
 * inside the one-element array the JSON-array stream sends), then other formats' shapes, then
 * plain text; the HTTP status decides when nothing else does.
 */
export function decodeError(status: number, body: unknown): CanonicalError {
  const parsed = typeof body === 'string' ? (tryParseJson(body) ?? body) : body;
  const root = Array.isArray(parsed) ? parsed[0] : parsed;
  const inner = isObject(root) && isObject(root.error) ? root.error : isObject(root) ? root : undefined;

  const message = messageOf(inner, parsed, status);
  const googleStatus = typeof inner?.status === 'string' ? inner.status.toUpperCase() : undefined;
  const reason = errorInfoReason(inner);
  const foreignType = [inner?.type, inner?.code].find((value): value is string => typeof value === 'string');
  const httpStatus = status > 0 ? status : typeof inner?.code === 'number' ? inner.code : 0;

  let kind = kindFrom(googleStatus, foreignType, httpStatus);
  if (reason === 'API_KEY_INVALID' || reason === 'API_KEY_EXPIRED') kind = 'authentication';
  else if (kind === 'rate_limit' && isDailyQuota(inner)) kind = 'quota_exhausted';
  else if (kind === 'invalid_request' && /input token count.*exceeds|exceeds the maximum number of tokens/i.test(message)) {
    kind = 'context_length';
  }

  const error: CanonicalError = { kind, status: httpStatus > 0 ? httpStatus : KIND_TO_STATUS[kind].http, message };
  const code = reason ?? googleStatus ?? foreignType;
  if (code !== undefined) error.code = code;
  if (typeof inner?.param === 'string') error.param = inner.param;
  return error;
}

function messageOf(inner: JsonObject | undefined, parsed: unknown, status: number): string {
  if (typeof inner?.message === 'string' && inner.message !== '') return inner.message;
  if (typeof parsed === 'string' && parsed.trim() !== '') return parsed.trim();
  return `upstream error (HTTP ${status})`;
}

function kindFrom(googleStatus: string | undefined, foreignType: string | undefined, status: number): CanonicalErrorKind {
  const fromGoogle = googleStatus !== undefined && Object.hasOwn(STATUS_TO_KIND, googleStatus) ? STATUS_TO_KIND[googleStatus] : undefined;
  if (fromGoogle !== undefined) return fromGoogle;
  const fromForeign = kindFromCode(foreignType);
  if (fromForeign !== undefined) return fromForeign;
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit';
  if (status === 503 || status === 529) return 'overloaded';
  if (status >= 400 && status < 500) return 'invalid_request';
  return 'server_error';
}

function details(inner: JsonObject | undefined): JsonObject[] {
  return Array.isArray(inner?.details) ? inner.details.filter(isObject) : [];
}

function errorInfoReason(inner: JsonObject | undefined): string | undefined {
  for (const detail of details(inner)) {
    if (String(detail['@type']).endsWith('google.rpc.ErrorInfo') && typeof detail.reason === 'string') return detail.reason;
  }
  return undefined;
}

/** A per-day quota will not recover by retrying soon: it is quota exhaustion, not a rate limit. */
function isDailyQuota(inner: JsonObject | undefined): boolean {
  for (const detail of details(inner)) {
    if (!Array.isArray(detail.violations)) continue;
    for (const violation of detail.violations) {
      if (isObject(violation) && typeof violation.quotaId === 'string' && /PerDay/i.test(violation.quotaId)) return true;
    }
  }
  return false;
}

/**
 * Gemini puts the retry hint in a google.rpc.RetryInfo detail (`"retryDelay": "48s"`), not in a
 * Retry-After header; the provider adapter uses this to honour it.
 */
export function geminiRetryDelaySeconds(body: unknown): number | undefined {
  const parsed = typeof body === 'string' ? tryParseJson(body) : body;
  const root = Array.isArray(parsed) ? parsed[0] : parsed;
  const inner = isObject(root) && isObject(root.error) ? root.error : undefined;
  for (const detail of details(inner)) {
    if (!String(detail['@type']).endsWith('google.rpc.RetryInfo')) continue;
    const match = typeof detail.retryDelay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay) : null;
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return undefined;
}

/** Canonical → Google's error body (`{"error": Status}` with the REST `status` name). */
export function encodeError(error: CanonicalError): Record<string, unknown> {
  const status = error.code !== undefined && Object.hasOwn(STATUS_TO_KIND, error.code) ? error.code : KIND_TO_STATUS[error.kind].status;
  return { error: { code: error.status, message: error.message, status } };
}

/** Gemini has no error event type: an error mid-stream is a data event holding the error body. */
export function encodeStreamError(error: CanonicalError): SseEvent[] {
  return [{ data: JSON.stringify(encodeError(error)) }];
}
