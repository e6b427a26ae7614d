import type { CanonicalErrorKind } from '../../canonical/index.js';

/** Provider code/type strings (OpenAI first, then Anthropic and Google spellings) → kind. */
const BY_CODE: Record<string, CanonicalErrorKind> = {
  context_length_exceeded: 'context_length',
  string_above_max_length: 'context_length',
  insufficient_quota: 'quota_exhausted',
  billing_hard_limit_reached: 'quota_exhausted',
  usage_not_included: 'quota_exhausted',
  invalid_api_key: 'authentication',
  authentication_error: 'authentication',
  unauthenticated: 'authentication',
  permission_error: 'permission',
  permission_denied: 'permission',
  model_not_found: 'not_found',
  not_found_error: 'not_found',
  not_found: 'not_found',
  rate_limit_exceeded: 'rate_limit',
  rate_limit_error: 'rate_limit',
  resource_exhausted: 'rate_limit',
  request_too_large: 'request_too_large',
  overloaded_error: 'overloaded',
  server_is_overloaded: 'overloaded',
  slow_down: 'overloaded',
  unavailable: 'overloaded',
  timeout: 'timeout',
  deadline_exceeded: 'timeout',
  server_error: 'server_error',
  api_error: 'server_error',
  internal: 'server_error',
};

export function kindFromCode(...codes: Array<string | undefined>): CanonicalErrorKind | undefined {
  for (const code of codes) {
    const kind = code === undefined ? undefined : BY_CODE[code.toLowerCase()];
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/** For in-stream errors, which carry no HTTP status. */
export function statusForKind(kind: CanonicalErrorKind): number {
  const statuses: Record<CanonicalErrorKind, number> = {
    invalid_request: 400,
    authentication: 401,
    permission: 403,
    not_found: 404,
    request_too_large: 413,
    rate_limit: 429,
    quota_exhausted: 429,
    context_length: 400,
    overloaded: 503,
    timeout: 504,
    server_error: 500,
  };
  return statuses[kind];
}
