import type { CanonicalErrorKind } from '../../canonical/index.js';

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
