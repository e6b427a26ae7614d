import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../errors/gateway-error.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { STATUS_CLASSES, type RequestLogCursor } from '../store/repositories/request-log-repository.js';
import { intParam, timeParam } from './admin-query.js';
import { parseAdminBody } from './parse-admin-body.js';

const cursorParam = z.string().transform((value, ctx): RequestLogCursor => {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'number' && typeof id === 'string') return { createdAt, id };
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'not a cursor returned by this API' });
  return z.NEVER;
});

export function encodeCursor(cursor: RequestLogCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

const listQuery = z.strictObject({
  since: timeParam.optional(),
  until: timeParam.optional(),
  apiKeyId: z.string().min(1).optional(),
  provider: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  status: z.union([z.enum(STATUS_CLASSES), intParam(100, 999)]).optional(),
  combo: z.string().min(1).optional(),
  requestId: z.string().min(1).max(200).optional(),
  q: z.string().min(1).max(200).optional(),
  limit: intParam(1, 500).optional(),
  offset: intParam(0, 1_000_000).optional(),
  cursor: cursorParam.optional(),
});

/** Request-log search and per-request detail for the dashboard. */
export function registerRequestLogRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/api/logs', async (request) => {
    const { cursor, limit = 50, ...filter } = parseAdminBody(listQuery, request.query);
    // One extra row tells whether another page exists without a COUNT over the whole range.
    const rows = await ctx.store.requestLogs.list({ ...filter, limit: limit + 1, ...(cursor ? { before: cursor } : {}) });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { data: page, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  });

  app.get<{ Params: { id: string } }>('/api/logs/:id', async (request) => {
    const row = await ctx.store.requestLogs.get(request.params.id);
    if (!row) throw new GatewayError('not_found', `No request log '${request.params.id}'`, { status: 404 });
    const captured = await ctx.observability.bodies.get(row.id);
    return {
      ...row,
      bodies: captured
        ? { request: captured.request, response: captured.response, requestTruncated: captured.requestTruncated, responseTruncated: captured.responseTruncated }
        : null,
    };
  });
}
