import type { CanonicalErrorKind } from './canonical/index.js';

/** The error class an HTTP status implies when the body says nothing more specific. */
export function kindFromStatus(status: number): CanonicalErrorKind {
  switch (status) {
    case 401:
      return 'authentication';
    case 402:
      return 'quota_exhausted';
    case 403:
      return 'permission';
    case 404:
      return 'not_found';
    case 408:
    case 504:
      return 'timeout';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit';
    case 503:
    case 529:
      return 'overloaded';
    default:
      return status >= 500 ? 'server_error' : 'invalid_request';
  }
}
