import { CONTEXT_LENGTH_HINT, QUOTA_HINT } from '../errors/error-hints.js';
import type { GatewayError } from '../errors/gateway-error.js';
import type { CanonicalError, CanonicalErrorKind } from '../translate/canonical/index.js';
import { kindFromStatus } from '../translate/error-kind-from-status.js';


function kindOf(error: GatewayError): CanonicalErrorKind {
  const hint = `${error.upstreamCode ?? ''} ${error.message}`;
  if ((error.status === 400 || error.status === 422) && CONTEXT_LENGTH_HINT.test(hint)) return 'context_length';
  if (error.status === 429 && QUOTA_HINT.test(hint)) return 'quota_exhausted';
  return kindFromStatus(error.status);
}

/** The gateway's error in format-neutral terms, for the client codec to render. */
export function toCanonicalError(error: GatewayError): CanonicalError {
  const passUpstreamCode = error.code === 'upstream_error' || error.code === 'upstream_rate_limited' || error.code === 'context_length_exceeded';
  return {
    kind: kindOf(error),
    status: error.status,
    message: error.message,
    code: passUpstreamCode ? (error.upstreamCode ?? error.code) : error.code,
    ...(error.param ? { param: error.param } : {}),
  };
}
