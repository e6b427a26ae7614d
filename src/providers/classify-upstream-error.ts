import { CONTEXT_LENGTH_HINT, QUOTA_HINT } from '../errors/error-hints.js';
import { GatewayError } from '../errors/gateway-error.js';
import { parseRetryAfterMs } from './parse-retry-after.js';

export interface UpstreamErrorDetails {
  message: string;
  code: string | undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : undefined;
}

/**
 * The message and code of an upstream error body, whatever its format: OpenAI
 * `{error:{message,code,type}}`, Anthropic `{type:'error',error:{type,message}}`, Gemini
 * `{error:{code,message,status}}`, bare `{message}`/`{detail}`, or plain text.
 */
function readUpstreamError(rawBody: string): UpstreamErrorDetails {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    const text = rawBody.trim().slice(0, 500);
    return { message: text || 'no error body', code: undefined };
  }
  // Gemini's streaming endpoint wraps its error in a one-element array.
  const root = asRecord(Array.isArray(parsed) ? parsed[0] : parsed);
  const error = asRecord(root?.error) ?? root;
  const message = str(error?.message) ?? str(root?.message) ?? str(root?.detail) ?? rawBody.slice(0, 500);
  // Prefer a symbolic code (`model_not_found`, `RESOURCE_EXHAUSTED`) over Gemini's numeric one.
  const code = (typeof error?.code === 'string' ? str(error.code) : undefined) ?? str(error?.status) ?? str(error?.type) ?? str(root?.code);
  return { message, code };
}

const MODEL_PROBLEM = /model[^.]*\b(not found|does not exist|not supported|unsupported|not available|no access|invalid model)|\bunknown model|model_not_found|not_found_error/i;

/**
 * One place decides what an upstream HTTP error means for the client and for routing
 * (DESIGN.md §3 "One error taxonomy"). The client sees the upstream's status class and message.
 */
export function classifyUpstreamError(input: {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  providerId: string;
}): GatewayError {
  const { status, headers, providerId } = input;
  const { message, code } = readUpstreamError(input.rawBody);
  const retryAfterMs = parseRetryAfterMs(headers);
  const text = `${code ?? ''} ${message}`;
  const base = { upstreamCode: code, upstreamStatus: status, retryAfterMs };
  const prefixed = `${providerId}: ${message}`;

  if (status === 429) {
    const quota = QUOTA_HINT.test(text);
    return new GatewayError('upstream_rate_limited', prefixed, { ...base, status: 429, fallover: true, cooldownScope: quota ? 'account' : 'model' });
  }
  if (status === 401 || status === 403) {
    return new GatewayError('upstream_auth_failed', prefixed, { ...base, status, fallover: true, cooldownScope: 'account' });
  }
  if (status === 402) {
    return new GatewayError('upstream_rate_limited', prefixed, { ...base, status: 402, type: 'rate_limit_error', fallover: true, cooldownScope: 'account' });
  }
  if (status === 404 || ((status === 400 || status === 422) && MODEL_PROBLEM.test(text))) {
    return new GatewayError('model_not_found', prefixed, { ...base, status: 404, type: 'not_found_error', fallover: true, cooldownScope: 'model' });
  }
  if (status === 408) {
    return new GatewayError('upstream_timeout', prefixed, { ...base, status: 408, type: 'timeout_error', fallover: true, retryable: true });
  }
  if (status >= 500) {
    // A 500 from us would read as our own bug; 502 says "the upstream failed".
    return new GatewayError('upstream_error', prefixed, { ...base, status: status === 500 ? 502 : status, fallover: true, retryable: true, cooldownScope: 'account' });
  }
  if (CONTEXT_LENGTH_HINT.test(text)) {
    // Not a fall-over error as such: routing moves on only to a target with a larger window.
    return new GatewayError('context_length_exceeded', prefixed, { ...base, status: 400, upstreamCode: code ?? 'context_length_exceeded' });
  }
  // Any other 4xx is about the request body: going to another target would fail the same way.
  return new GatewayError('upstream_error', prefixed, { ...base, status: status >= 400 && status < 500 ? status : 502 });
}
