import type { CanonicalErrorKind } from './canonical/index.js';

/**
 * Provider error `code` / `type` / `status` strings → kind, for every format's spelling (OpenAI
 * codes and types, Anthropic types, google.rpc status names), since any upstream's error may have
 * to be read by any codec. Keys are lower case; lookups ignore case.
 */
const KIND_BY_CODE: Readonly<Record<string, CanonicalErrorKind>> = {
  context_length_exceeded: 'context_length',
  string_above_max_length: 'context_length',
  insufficient_quota: 'quota_exhausted',
  billing_hard_limit_reached: 'quota_exhausted',
  usage_not_included: 'quota_exhausted',
  billing_error: 'quota_exhausted',
  invalid_api_key: 'authentication',
  authentication_error: 'authentication',
  unauthenticated: 'authentication',
  permission_error: 'permission',
  permission_denied: 'permission',
  model_not_found: 'not_found',
  not_found_error: 'not_found',
  not_found: 'not_found',
  request_too_large: 'request_too_large',
  rate_limit_exceeded: 'rate_limit',
  rate_limit_error: 'rate_limit',
  resource_exhausted: 'rate_limit',
  overloaded_error: 'overloaded',
  engine_overloaded: 'overloaded',
  server_is_overloaded: 'overloaded',
  slow_down: 'overloaded',
  unavailable: 'overloaded',
  timeout: 'timeout',
  timeout_error: 'timeout',
  deadline_exceeded: 'timeout',
  invalid_request_error: 'invalid_request',
  invalid_argument: 'invalid_request',
  failed_precondition: 'invalid_request',
  out_of_range: 'invalid_request',
  unimplemented: 'invalid_request',
  server_error: 'server_error',
  api_error: 'server_error',
  internal: 'server_error',
  unknown: 'server_error',
  data_loss: 'server_error',
  aborted: 'server_error',
  cancelled: 'server_error',
};

/** The kind named by the first of `codes` that is a known provider code, if any. */
export function kindFromCode(...codes: Array<string | undefined>): CanonicalErrorKind | undefined {
  for (const code of codes) {
    if (code === undefined) continue;
    const key = code.toLowerCase();
    if (Object.hasOwn(KIND_BY_CODE, key)) return KIND_BY_CODE[key];
  }
  return undefined;
}
