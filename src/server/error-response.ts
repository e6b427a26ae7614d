import type { FastifyReply } from 'fastify';
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import { StoreError } from '../store/store-error.js';
import { TranslationError } from '../translate/translation-error.js';
import { clientCodecFor } from '../translate/codec-registry.js';
import type { ClientFormat } from '../translate/wire-format.js';
import { toCanonicalError } from './to-canonical-error.js';

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Everything thrown anywhere becomes a GatewayError here, and only here. */
export function toGatewayError(error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  if (error instanceof TranslationError) {
    return new GatewayError('invalid_request', error.message, { status: 400, ...(error.field ? { param: error.field } : {}) });
  }
  if (error instanceof StoreError) {
    if (error.code === 'conflict') return new GatewayError('conflict', error.message, { status: 409 });
    if (error.code === 'not_found') return new GatewayError('not_found', error.message, { status: 404 });
    if (error.code === 'invalid_value') return new GatewayError('invalid_request', error.message, { status: 400 });
    // The rest describe a broken data directory or database, not a bad request.
    return new GatewayError('internal_error', error.message, { status: 500, cause: error });
  }
  const e = (error ?? {}) as FastifyLikeError;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new GatewayError('payload_too_large', 'Request body is too large', { status: 413 });
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new GatewayError('unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json"', { status: 415 });
  }
  if (error instanceof SyntaxError || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new GatewayError('invalid_json', `The request body is not valid JSON: ${e.message ?? 'empty body'}`, { status: 400 });
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new GatewayError('invalid_request', e.message ?? 'Bad request', { status: e.statusCode });
  }
  return new GatewayError('internal_error', 'Internal error in the gateway', { status: 500, cause: error });
}

/** The error body in the client's own format (OpenAI error object, Anthropic error, Gemini status). */
export function errorBody(error: GatewayError, format: ClientFormat): Record<string, unknown> {
  return clientCodecFor(format).encodeError(toCanonicalError(error));
}

export function sendError(reply: FastifyReply, error: GatewayError, format: ClientFormat): void {
  if (error.retryAfterMs !== undefined && (error.status === 429 || error.status === 503)) {
    reply.header('retry-after', String(Math.ceil(error.retryAfterMs / 1000)));
  }
  void reply.code(error.status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(errorBody(error, format)));
}
