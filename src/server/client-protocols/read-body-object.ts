import { invalidRequest } from '../../errors/gateway-error.js';

export function readBodyObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidRequest('The request body must be a JSON object');
  return body as Record<string, unknown>;
}

export function readModelField(body: Record<string, unknown>): string {
  const model = body.model;
  if (typeof model !== 'string' || model.length === 0) throw invalidRequest('model is required and must be a non-empty string', 'model');
  return model;
}

export function readStreamField(body: Record<string, unknown>): boolean {
  const stream = body.stream;
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') throw invalidRequest('stream must be a boolean', 'stream');
  return stream === true;
}

/** OpenAI `stream_options.include_usage` (chat and legacy completions). */
export function readIncludeUsage(body: Record<string, unknown>): boolean {
  const options = body.stream_options;
  if (options === undefined || options === null) return false;
  if (typeof options !== 'object' || Array.isArray(options)) throw invalidRequest('stream_options must be an object', 'stream_options');
  return (options as { include_usage?: unknown }).include_usage === true;
}
