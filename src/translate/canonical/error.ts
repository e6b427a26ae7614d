/**
 * An error as a provider reported it, in format-neutral terms. `kind` is the coarse class the
 * client formats have names for; `status` is the HTTP status that goes with it.
 */
export type CanonicalErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'request_too_large'
  | 'rate_limit'
  | 'quota_exhausted'
  | 'context_length'
  | 'overloaded'
  | 'timeout'
  | 'server_error';

export interface CanonicalError {
  kind: CanonicalErrorKind;
  status: number;
  message: string;
  /** Provider's own code/type string when it gave one (e.g. `model_not_found`, `RESOURCE_EXHAUSTED`). */
  code?: string;
  /** The parameter at fault, when known. */
  param?: string;
}
