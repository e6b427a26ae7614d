import type { FastifyRequest } from 'fastify';

function single(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The key as each client family sends it: OpenAI SDKs `Authorization: Bearer`, Anthropic SDKs
 * `x-api-key`, Gemini SDKs `x-goog-api-key` or `?key=`.
 */
export function presentedKeyOf(request: Pick<FastifyRequest, 'headers' | 'query'>): string | undefined {
  const authorization = single(request.headers.authorization);
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (match) return match[1];
  }
  const header = single(request.headers['x-api-key']) ?? single(request.headers['x-goog-api-key']);
  if (header) return header;
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query && typeof query === 'object' ? query.key : undefined;
  return typeof fromQuery === 'string' && fromQuery !== '' ? fromQuery : undefined;
}
