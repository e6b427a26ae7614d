import type { GatewayError } from '../errors/gateway-error.js';
import type { CanonicalError, CanonicalErrorKind } from '../translate/canonical/index.js';

const CONTEXT_LENGTH = /context_length|context length|prompt is too long|too many tokens/i;
const QUOTA = /insufficient_quota|quota|credit/i;

function kindOf(error: GatewayError): CanonicalErrorKind {
  const hint = `${error.upstreamCode ?? ''} ${error.message}`;
  switch (error.status) {
    case 400:
    case 422:
      return CONTEXT_LENGTH.test(hint) ? 'context_length' : 'invalid_request';
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
      return QUOTA.test(hint) ? 'quota_exhausted' : 'rate_limit';
    case 503:
    case 529:
      return 'overloaded';
    default:
      return error.status >= 500 ? 'server_error' : 'invalid_request';
  }
}

/** The gateway's error in format-neutral terms, for the client codec to render. */
export function toCanonicalError(error: GatewayError): CanonicalError {
  const passUpstreamCode = error.code === 'upstream_error' || error.code === 'upstream_rate_limited';
  return {
    kind: kindOf(error),
    status: error.status,
    message: error.message,
    code: passUpstreamCode ? (error.upstreamCode ?? error.code) : error.code,
    ...(error.param ? { param: error.param } : {}),
  };
}
