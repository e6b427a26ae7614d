import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { connectionInputSchema, connectionQuotaSchema } from '../config/config-file-schema.js';
import { toConnectionRecordInput } from '../config/record-inputs.js';
import { GatewayError, invalidRequest } from '../errors/gateway-error.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { GatewayContext } from '../server/gateway-context.js';
import type { ConnectionRecord } from '../store/repositories/connection-repository.js';
import { maskSecret } from './mask-secret.js';
import { assertUpstreamUrl } from './assert-upstream-url.js';
import { parseAdminBody } from './parse-admin-body.js';

/** The provider a connection names, by id or prefix; unknown is an error naming the field. */
function resolveConnectionProvider(registry: ProviderRegistry, provider: string, field: string): string {
  const found = registry.findByPrefix(provider);
  if (!found) throw invalidRequest(`Unknown provider '${provider}' (see GET /api/providers)`, field);
  return found.id;
}

/** Credentials never leave the gateway in full. */
function view(record: ConnectionRecord) {
  return {
    id: record.id,
    provider: record.providerId,
    name: record.name,
    apiKey: maskSecret(record.apiKey),
    priority: record.priority,
    weight: record.weight,
    costFactor: record.costFactor,
    enabled: record.enabled,
    baseUrl: record.baseUrl ?? null,
    headers: Object.fromEntries(Object.keys(record.headers).map((k) => [k, '••••'])),
    proxyUrl: record.proxyUrl ? maskSecret(record.proxyUrl) : null,
    quota: record.quota ?? null,
    source: record.source,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

const patchSchema = connectionInputSchema
  .omit({ provider: true })
  .partial()
  .extend({ apiKey: z.string().min(1).nullable().optional(), baseUrl: z.url().nullable().optional(), proxyUrl: z.url().nullable().optional(), quota: connectionQuotaSchema.nullable().optional() });

export function registerConnectionRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  app.get<{ Querystring: { provider?: string } }>('/api/connections', async (request) => {
    const provider = request.query.provider ? resolveConnectionProvider(ctx.registry(), request.query.provider, 'provider') : undefined;
    return { data: (await ctx.store.connections.list(provider)).map(view) };
  });

  app.get<{ Params: { id: string } }>('/api/connections/:id', async (request) => {
    const record = await ctx.store.connections.get(request.params.id);
    if (!record) throw new GatewayError('not_found', `No connection '${request.params.id}'`, { status: 404 });
    return view(record);
  });

  app.post('/api/connections', async (request, reply) => {
    const input = parseAdminBody(connectionInputSchema, request.body);
    const providerId = resolveConnectionProvider(ctx.registry(), input.provider, 'provider');
    if (input.baseUrl) await assertUpstreamUrl(ctx, input.baseUrl, ctx.registry().get(providerId)?.isLocal ?? false, 'baseUrl');
    const record = await ctx.store.connections.create(toConnectionRecordInput(input, providerId, 'admin'));
    await ctx.reloadRegistry();
    reply.code(201);
    return view(record);
  });

  app.patch<{ Params: { id: string } }>('/api/connections/:id', async (request) => {
    const patch = parseAdminBody(patchSchema, request.body);
    if (patch.baseUrl) {
      const existing = await ctx.store.connections.get(request.params.id);
      const local = existing ? (ctx.registry().get(existing.providerId)?.isLocal ?? false) : false;
      await assertUpstreamUrl(ctx, patch.baseUrl, local, 'baseUrl');
    }
    const record = await ctx.store.connections.update(request.params.id, { ...patch, source: 'admin' });
    if (!record) throw new GatewayError('not_found', `No connection '${request.params.id}'`, { status: 404 });
    await ctx.reloadRegistry();
    return view(record);
  });

  app.delete<{ Params: { id: string } }>('/api/connections/:id', async (request, reply) => {
    if (!(await ctx.store.connections.delete(request.params.id))) throw new GatewayError('not_found', `No connection '${request.params.id}'`, { status: 404 });
    await ctx.reloadRegistry();
    reply.code(204);
  });
}
