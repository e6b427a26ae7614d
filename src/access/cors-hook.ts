import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../errors/gateway-error.js';

const EXPOSED_HEADERS = 'x-request-id, x-omniroute-provider, x-omniroute-model, x-omniroute-token-estimate, retry-after';
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const HEADER_LIST = /^[\w-]+(\s*,\s*[\w-]+)*$/;

export type CorsHandler = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;

/**
 * CORS for the client API (the caller keeps /api out: it is always closed). No credentials are
 * ever allowed: browsers send no cookies to /v1, an allowed page brings its own API key. Headers
 * go on the raw response so they survive the streaming paths' `reply.hijack()`. Returns the reply
 * when it answered a preflight itself.
 */
export function createCorsHandler(origins: readonly string[]): CorsHandler {
  const any = origins.includes('*');
  const allowed = new Set(origins.map((o) => o.toLowerCase()));

  return (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined) return undefined;
    const ok = any || allowed.has(origin.toLowerCase());
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (!ok) {
      if (preflight) throw new GatewayError('forbidden', `Cross-origin requests from ${origin.slice(0, 200)} are not allowed (settings.cors.origins)`, { status: 403 });
      // A plain request still runs (non-browser clients send Origin too); without the header the browser keeps the answer from the page.
      return undefined;
    }
    reply.raw.setHeader('access-control-allow-origin', any ? '*' : origin);
    if (!any) reply.raw.setHeader('vary', 'Origin');
    if (!preflight) {
      reply.raw.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
      return undefined;
    }
    const requested = request.headers['access-control-request-headers'];
    reply.raw.setHeader('access-control-allow-methods', ALLOWED_METHODS);
    if (typeof requested === 'string' && HEADER_LIST.test(requested)) reply.raw.setHeader('access-control-allow-headers', requested);
    reply.raw.setHeader('access-control-max-age', '600');
    // Answered here: there is no OPTIONS route behind it.
    return reply.code(204).send();
  };
}
