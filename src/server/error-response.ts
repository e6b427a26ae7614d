import type { FastifyReply } from 'fastify';
import { GatewayError, isGatewayError } from '../errors/gateway-error.js';
import { StoreError } from '../store/store-error.js';
import { TranslationError } from '../translate/translation-error.js';
import type { WireFormat } from '../translate/wire-format.js';

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
    const status = error.code === 'conflict' ? 409 : error.code === 'not_found' ? 404 : 400;
    return new GatewayError(error.code === 'conflict' ? 'conflict' : error.code === 'not_found' ? 'not_found' : 'invalid_request', error.message, { status });
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

/** The OpenAI error object; the other client formats are produced by their codecs. */
export function openAiErrorBody(error: GatewayError): Record<string, unknown> {
  return {
    error: {
      message: error.message,
      type: error.type,
      param: error.param ?? null,
      code: error.code === 'upstream_error' || error.code === 'upstream_rate_limited' ? (error.upstreamCode ?? error.code) : error.code,
    },
  };
}

export function errorBody(error: GatewayError, _format: WireFormat): Record<string, unknown> {
  return openAiErrorBody(error);
}

export function sendError(reply: FastifyReply, error: GatewayError, format: WireFormat): void {
  if (error.retryAfterMs !== undefined && (error.status === 429 || error.status === 503)) {
    reply.header('retry-after', String(Math.ceil(error.retryAfterMs / 1000)));
  }
  void reply.code(error.status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(errorBody(error, format)));
}
