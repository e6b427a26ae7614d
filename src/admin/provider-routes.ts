import type { FastifyInstance } from 'fastify';
import { providerInputSchema, type ProviderInput } from '../config/config-file-schema.js';
import { toProviderRecordInput } from '../config/record-inputs.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { assertUpstreamUrl } from './assert-upstream-url.js';
import { parseAdminBody } from './parse-admin-body.js';

function view(ctx: GatewayContext, provider: ProviderDefinition) {
  return {
    id: provider.id,
    prefix: provider.prefix,
    aliases: provider.aliases,
    name: provider.name,
    format: provider.format ?? null,
    nativeFormat: provider.nativeFormat,
    baseUrl: provider.baseUrl,
    authType: provider.authType,
    authHeader: provider.authHeader,
    tier: provider.tier,
    isLocal: provider.isLocal,
    builtin: provider.builtin,
    supported: provider.format !== undefined,
    models: provider.models.map((m) => m.id),
    connectionCount: ctx.registry().connectionsOf(provider.id).length,
  };
}

const patchSchema = providerInputSchema.omit({ id: true }).partial();

export function registerProviderRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/api/providers', async () => ({ data: ctx.registry().list().map((p) => view(ctx, p)) }));

  app.get<{ Params: { id: string } }>('/api/providers/:id', async (request) => {
    const provider = ctx.registry().get(request.params.id);
    if (!provider) throw new GatewayError('not_found', `No provider '${request.params.id}'`, { status: 404 });
    return view(ctx, provider);
  });

  app.post('/api/providers', async (request, reply) => {
    const input = parseAdminBody(providerInputSchema, request.body);
    if (await ctx.store.providers.get(input.id)) throw new GatewayError('conflict', `A custom provider '${input.id}' already exists; use PATCH to change it`, { status: 409 });
    await assertUpstreamUrl(ctx, input.baseUrl, input.local ?? false, 'baseUrl');
    const record = await ctx.store.providers.upsert(toProviderRecordInput(input, 'admin'));
    await ctx.reloadRegistry();
    reply.code(201);
    return view(ctx, ctx.registry().get(record.id)!);
  });

  app.patch<{ Params: { id: string } }>('/api/providers/:id', async (request) => {
    const patch = parseAdminBody(patchSchema, request.body);
    const existing = await ctx.store.providers.get(request.params.id);
    if (!existing) {
      const builtin = ctx.registry().get(request.params.id);
      const hint = builtin ? ' Built-in providers are read-only; create a custom provider with the same id to override one.' : '';
      throw new GatewayError('not_found', `No custom provider '${request.params.id}'.${hint}`, { status: 404 });
    }
    const merged = toProviderRecordInput(
      {
        id: existing.id,
        prefix: patch.prefix ?? existing.prefix,
        name: patch.name ?? existing.name,
        format: patch.format ?? (existing.format as ProviderInput['format']),
        baseUrl: patch.baseUrl ?? existing.baseUrl,
        authType: patch.authType ?? existing.authType,
        authHeader: patch.authHeader ?? existing.authHeader,
        headers: patch.headers ?? existing.headers,
        models: patch.models ?? existing.models,
        local: patch.local ?? existing.isLocal,
      },
      'admin',
    );
    await assertUpstreamUrl(ctx, merged.baseUrl, merged.isLocal ?? false, 'baseUrl');
    await ctx.store.providers.update(existing.id, merged);
    await ctx.reloadRegistry();
    return view(ctx, ctx.registry().get(existing.id)!);
  });

  app.delete<{ Params: { id: string } }>('/api/providers/:id', async (request, reply) => {
    const id = request.params.id;
    const connections = await ctx.store.connections.list(id);
    if (connections.length > 0) {
      throw new GatewayError('conflict', `Provider '${id}' still has connections (${connections.map((c) => c.name).join(', ')}); delete them first`, { status: 409 });
    }
    if (!(await ctx.store.providers.delete(id))) throw new GatewayError('not_found', `No custom provider '${id}'`, { status: 404 });
    await ctx.reloadRegistry();
    reply.code(204);
  });
}
