/**
 * The one error type of the gateway. Everything that can go wrong on a request becomes a
 * GatewayError; `server/error-response.ts` is the only place that turns it into HTTP, in the
 * client's wire format. The flags drive routing (issue: fallback) and are decided once, where the
 * failure is understood, instead of being re-derived from status codes downstream.
 */
export type GatewayErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'model_not_found'
  | 'provider_not_configured'
  | 'provider_unsupported'
  | 'no_target_available'
  | 'context_length_exceeded'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'invalid_api_key'
  | 'model_not_allowed'
  | 'ip_not_allowed'
  | 'rate_limited'
  | 'prompt_rejected'
  | 'upstream_blocked'
  | 'conflict'
  | 'upstream_error'
  | 'upstream_rate_limited'
  | 'upstream_auth_failed'
  | 'upstream_unreachable'
  | 'upstream_timeout'
  | 'upstream_protocol_error'
  | 'shutting_down'
  /** A spending budget (usage/budget-guard) is used up for this key or provider. */
  | 'budget_exceeded'
  | 'internal_error';

/** Which client-facing error family a code belongs to (OpenAI `type` names; other formats map them). */
export type GatewayErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error'
  | 'timeout_error';

/** Where a failure's cooldown applies; consumed by routing. */
export type CooldownScope = 'none' | 'model' | 'account' | 'provider';

export interface GatewayErrorOptions {
  status: number;
  type?: GatewayErrorType;
  /** The request field at fault (JSON path), for invalid input. */
  param?: string;
  /** Try the next target (fall over)? */
  fallover?: boolean;
  /** Retry the same target once? */
  retryable?: boolean;
  cooldownScope?: CooldownScope;
  /** From `Retry-After` / `x-ratelimit-reset*` when the upstream said. */
  retryAfterMs?: number;
  /** The upstream's own error code/type string, for logs. */
  upstreamCode?: string;
  upstreamStatus?: number;
  cause?: unknown;
}

const DEFAULT_TYPE_BY_STATUS: ReadonlyArray<[number, GatewayErrorType]> = [
  [401, 'authentication_error'],
  [403, 'permission_error'],
  [404, 'not_found_error'],
  [429, 'rate_limit_error'],
  [503, 'overloaded_error'],
  [504, 'timeout_error'],
];

function defaultType(status: number): GatewayErrorType {
  for (const [code, type] of DEFAULT_TYPE_BY_STATUS) if (code === status) return type;
  return status >= 500 ? 'api_error' : 'invalid_request_error';
}

export class GatewayError extends Error {
  readonly code: GatewayErrorCode;
  readonly status: number;
  readonly type: GatewayErrorType;
  readonly param: string | undefined;
  readonly fallover: boolean;
  readonly retryable: boolean;
  readonly cooldownScope: CooldownScope;
  readonly retryAfterMs: number | undefined;
  readonly upstreamCode: string | undefined;
  readonly upstreamStatus: number | undefined;

  constructor(code: GatewayErrorCode, message: string, options: GatewayErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.status = options.status;
    this.type = options.type ?? defaultType(options.status);
    this.param = options.param;
    this.fallover = options.fallover ?? false;
    this.retryable = options.retryable ?? false;
    this.cooldownScope = options.cooldownScope ?? 'none';
    this.retryAfterMs = options.retryAfterMs;
    this.upstreamCode = options.upstreamCode;
    this.upstreamStatus = options.upstreamStatus;
  }
}

export function invalidRequest(message: string, param?: string): GatewayError {
  return new GatewayError('invalid_request', message, { status: 400, ...(param ? { param } : {}) });
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}
