import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { generateApiKey } from '../access/api-key-secret.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { apiKeyBudgetSchema } from '../store/repositories/api-key-budget.js';
import type { ApiKeyRecord } from '../store/repositories/api-key-repository.js';
import { parseAdminBody } from './parse-admin-body.js';

/** Everything about a key except the key: the hash stays inside too. */
function view(record: ApiKeyRecord, now: number) {
  const status = record.revokedAt !== undefined ? 'revoked' : record.expiresAt !== undefined && record.expiresAt <= now ? 'expired' : 'active';
  return {
    id: record.id,
    name: record.name,
    prefix: record.keyPrefix,
    models: record.models,
    admin: record.admin,
    rpm: record.rpm ?? null,
    budget: record.budget ?? null,
    expiresAt: record.expiresAt ?? null,
    revokedAt: record.revokedAt ?? null,
    status,
    source: record.source,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

const expiresAtSchema = z.union([z.iso.datetime({ offset: true }).transform((text) => Date.parse(text)), z.number().int().positive()]);

const createSchema = z.strictObject({
  name: z.string().min(1).max(200),
  models: z.array(z.string().min(1)).optional(),
  admin: z.boolean().optional(),
  rpm: z.number().int().positive().optional(),
  budget: apiKeyBudgetSchema.optional(),
  expiresAt: expiresAtSchema.optional(),
});

const patchSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  models: z.array(z.string().min(1)).optional(),
  admin: z.boolean().optional(),
  rpm: z.number().int().positive().nullable().optional(),
  budget: apiKeyBudgetSchema.nullable().optional(),
  expiresAt: expiresAtSchema.nullable().optional(),
});

function notFound(id: string): GatewayError {
  return new GatewayError('not_found', `No API key '${id}'`, { status: 404 });
}

/**
 * Client API keys. The plaintext exists only in the answer to create and rotate; afterwards the
 * gateway itself cannot show it again.
 */
export function registerApiKeyRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  // The hot-path key index and the budgets read from keys both follow every change.
  const keysChanged = async () => {
    await ctx.access.keys.refresh();
    await ctx.usage.budgets.reload();
  };

  const keys = ctx.store.apiKeys;

  app.get('/api/keys', async () => ({ data: (await keys.list()).map((record) => view(record, Date.now())) }));

  app.get<{ Params: { id: string } }>('/api/keys/:id', async (request) => {
    const record = await keys.get(request.params.id);
    if (!record) throw notFound(request.params.id);
    return view(record, Date.now());
  });

  app.post('/api/keys', async (request, reply) => {
    const input = parseAdminBody(createSchema, request.body);
    const secret = generateApiKey();
    const record = await keys.create({
      name: input.name,
      keyHash: secret.hash,
      keyPrefix: secret.prefix,
      models: input.models ?? [],
      admin: input.admin ?? false,
      ...(input.rpm === undefined ? {} : { rpm: input.rpm }),
      ...(input.budget === undefined ? {} : { budget: input.budget }),
      ...(input.expiresAt === undefined ? {} : { expiresAt: input.expiresAt }),
      source: 'admin',
    });
    await keysChanged();
    reply.code(201);
    return { ...view(record, Date.now()), key: secret.plaintext };
  });

  app.patch<{ Params: { id: string } }>('/api/keys/:id', async (request) => {
    const patch = parseAdminBody(patchSchema, request.body);
    const record = await keys.update(request.params.id, patch);
    if (!record) throw notFound(request.params.id);
    await keysChanged();
    return view(record, Date.now());
  });

  app.post<{ Params: { id: string } }>('/api/keys/:id/rotate', async (request) => {
    const existing = await keys.get(request.params.id);
    if (!existing) throw notFound(request.params.id);
    if (existing.source === 'config') {
      throw new GatewayError('conflict', `The key '${existing.name}' comes from the config file; change its "key" there instead`, { status: 409 });
    }
    const secret = generateApiKey();
    // Same id, name, scopes and limits; the old secret stops working at once. Rotating a revoked
    // key does not bring it back.
    const record = await keys.update(existing.id, { keyHash: secret.hash, keyPrefix: secret.prefix });
    if (!record) throw notFound(request.params.id);
    await keysChanged();
    return { ...view(record, Date.now()), key: secret.plaintext };
  });

  app.delete<{ Params: { id: string } }>('/api/keys/:id', async (request) => {
    const existing = await keys.get(request.params.id);
    if (!existing) throw notFound(request.params.id);
    // Revoked, not deleted: request logs keep naming the key.
    const record = existing.revokedAt === undefined ? await keys.update(existing.id, { revokedAt: Date.now() }) : existing;
    await keysChanged();
    return view(record ?? existing, Date.now());
  });
}
