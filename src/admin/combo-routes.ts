import type { FastifyInstance } from 'fastify';
import { comboInputSchema } from '../config/config-file-schema.js';
import { GatewayError } from '../errors/gateway-error.js';
import { toComboRecordInput } from '../routing/routing-records.js';
import type { GatewayContext } from '../server/gateway-context.js';
import type { ComboRecord } from '../store/repositories/combo-repository.js';
import { parseAdminBody } from './parse-admin-body.js';
import { assertRoutingChangeValid } from './routing-table-check.js';

function view(record: ComboRecord) {
  return {
    name: record.name,
    strategy: record.strategy,
    models: record.models,
    enabled: record.enabled,
    sessionAffinity: record.sessionAffinity ?? null,
    retries: record.retries ?? 0,
    timeoutMs: record.timeoutMs ?? null,
    maxAttempts: record.maxAttempts ?? null,
    source: record.source,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

const notFound = (name: string) => new GatewayError('not_found', `No combo '${name}'`, { status: 404 });
const replaceSchema = comboInputSchema.omit({ name: true });
const patchSchema = replaceSchema.partial();

/** Combos: named fallback chains with a strategy. The strategy stored here is the one that runs. */
export function registerComboRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/api/combos', async () => ({ data: (await ctx.store.combos.list()).map(view) }));

  app.get<{ Params: { name: string } }>('/api/combos/:name', async (request) => {
    const record = await ctx.store.combos.get(request.params.name);
    if (!record) throw notFound(request.params.name);
    return view(record);
  });

  app.post('/api/combos', async (request, reply) => {
    const input = toComboRecordInput(parseAdminBody(comboInputSchema, request.body), 'admin');
    if (await ctx.store.combos.get(input.name)) throw new GatewayError('conflict', `A combo '${input.name}' already exists; use PUT or PATCH to change it`, { status: 409 });
    await assertRoutingChangeValid(ctx, { combo: input });
    const record = await ctx.store.combos.upsert(input);
    await ctx.reloadRegistry();
    reply.code(201);
    return view(record);
  });

  app.put<{ Params: { name: string } }>('/api/combos/:name', async (request) => {
    const body = parseAdminBody(replaceSchema, request.body);
    const input = toComboRecordInput({ ...body, name: request.params.name }, 'admin');
    await assertRoutingChangeValid(ctx, { combo: input });
    const record = await ctx.store.combos.upsert(input);
    await ctx.reloadRegistry();
    return view(record);
  });

  app.patch<{ Params: { name: string } }>('/api/combos/:name', async (request) => {
    const patch = parseAdminBody(patchSchema, request.body);
    const existing = await ctx.store.combos.get(request.params.name);
    if (!existing) throw notFound(request.params.name);
    const { source: _source, createdAt: _created, updatedAt: _updated, ...current } = existing;
    // Re-validated as a whole, so a patch cannot produce a combo the schema would refuse.
    const merged = toComboRecordInput(parseAdminBody(comboInputSchema, { ...current, ...patch }), 'admin');
    await assertRoutingChangeValid(ctx, { combo: merged });
    const record = await ctx.store.combos.upsert(merged);
    await ctx.reloadRegistry();
    return view(record);
  });

  app.delete<{ Params: { name: string } }>('/api/combos/:name', async (request, reply) => {
    if (!(await ctx.store.combos.get(request.params.name))) throw notFound(request.params.name);
    await assertRoutingChangeValid(ctx, { removeCombo: request.params.name });
    await ctx.store.combos.delete(request.params.name);
    await ctx.reloadRegistry();
    reply.code(204);
  });
}
