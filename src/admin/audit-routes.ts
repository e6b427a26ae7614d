import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { GatewayContext } from '../server/gateway-context.js';
import { parseAdminBody } from './parse-admin-body.js';

/** Epoch milliseconds or an ISO 8601 date/time. */
const instant = z.union([
  z.string().regex(/^\d{1,15}$/).transform(Number),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
  z.iso.date().transform((s) => Date.parse(s)),
]);

const querySchema = z.strictObject({
  since: instant.optional(),
  until: instant.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export function registerAuditRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/api/audit', async (request) => {
    const query = parseAdminBody(querySchema, request.query);
    return { data: await ctx.auth.audit.list(query) };
  });
}
