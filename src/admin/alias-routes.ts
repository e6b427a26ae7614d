import type { FastifyInstance } from 'fastify';
import { aliasInputSchema } from '../config/config-file-schema.js';
import { GatewayError } from '../errors/gateway-error.js';
import { toAliasRecordInput } from '../routing/routing-records.js';
import type { GatewayContext } from '../server/gateway-context.js';
import type { AliasRecord } from '../store/repositories/alias-repository.js';
import { parseAdminBody } from './parse-admin-body.js';
import { assertRoutingChangeValid } from './routing-table-check.js';

function view(record: AliasRecord) {
  return { pattern: record.pattern, target: record.target, position: record.position, source: record.source, createdAt: record.createdAt, updatedAt: record.updatedAt };
}

const targetSchema = aliasInputSchema.pick({ target: true });

/** Aliases: other names for models or combos; wildcards match in `position` order. */
export function registerAliasRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/api/aliases', async () => ({ data: (await ctx.store.aliases.list()).map(view) }));

  app.post('/api/aliases', async (request, reply) => {
    const input = parseAdminBody(aliasInputSchema, request.body);
    if (await ctx.store.aliases.get(input.pattern)) throw new GatewayError('conflict', `An alias '${input.pattern}' already exists; use PUT /api/aliases/{pattern} to change it`, { status: 409 });
    const existing = await ctx.store.aliases.list();
    const record = toAliasRecordInput(input, existing.reduce((max, a) => Math.max(max, a.position + 1), 0), 'admin');
    await assertRoutingChangeValid(ctx, { alias: record });
    const saved = await ctx.store.aliases.upsert(record);
    await ctx.reloadRegistry();
    reply.code(201);
    return view(saved);
  });

  // The pattern travels percent-encoded: it may contain `/` and `*`.
  app.put<{ Params: { pattern: string } }>('/api/aliases/:pattern', async (request) => {
    const { target } = parseAdminBody(targetSchema, request.body);
    const existing = await ctx.store.aliases.get(request.params.pattern);
    if (!existing) throw new GatewayError('not_found', `No alias '${request.params.pattern}'`, { status: 404 });
    const record = toAliasRecordInput({ pattern: existing.pattern, target }, existing.position, 'admin');
    await assertRoutingChangeValid(ctx, { alias: record });
    const saved = await ctx.store.aliases.upsert(record);
    await ctx.reloadRegistry();
    return view(saved);
  });

  app.delete<{ Params: { pattern: string } }>('/api/aliases/:pattern', async (request, reply) => {
    if (!(await ctx.store.aliases.get(request.params.pattern))) throw new GatewayError('not_found', `No alias '${request.params.pattern}'`, { status: 404 });
    await assertRoutingChangeValid(ctx, { removeAlias: request.params.pattern });
    await ctx.store.aliases.delete(request.params.pattern);
    await ctx.reloadRegistry();
    reply.code(204);
  });
}
