import type { FastifyInstance } from 'fastify';
import { modelPriceSchema } from '../config/config-file-schema.js';
import { GatewayError, invalidRequest } from '../errors/gateway-error.js';
import type { GatewayContext } from '../server/gateway-context.js';
import type { PricingRow } from '../usage/pricing-table.js';
import { parseAdminBody } from './parse-admin-body.js';

function priceView(row: PricingRow) {
  return {
    provider: row.provider,
    model: row.model,
    input: row.price.input,
    output: row.price.output,
    cachedInput: row.price.cachedInput ?? null,
    cacheWrite: row.price.cacheWrite ?? null,
    reasoning: row.price.reasoning ?? null,
    source: row.source,
    default: row.defaultPrice ?? null,
  };
}

type PriceParams = { provider: string; '*': string };

/** Pricing, budgets and quotas (issue #6 part 1). Model ids may contain `/`, hence the wildcard. */
export function registerUsageRoutes(app: FastifyInstance, ctx: GatewayContext): void {
  const providerIdOf = (reference: string): string => {
    const provider = ctx.registry().get(reference) ?? ctx.registry().findByPrefix(reference);
    if (!provider) throw invalidRequest(`Unknown provider '${reference}' (see GET /api/providers)`, 'provider');
    return provider.id;
  };
  const modelOf = (params: PriceParams): string => {
    const model = params['*'];
    if (!model) throw invalidRequest('Name the model: /api/pricing/<provider>/<model>', 'model');
    return model;
  };

  app.get<{ Querystring: { provider?: string; model?: string } }>('/api/pricing', async (request) => {
    const { provider, model } = request.query;
    const rows = ctx.usage.pricing.list().filter((row) => (provider === undefined || row.provider === provider) && (model === undefined || row.model === model));
    return { unit: 'USD per 1M tokens', data: rows.map(priceView) };
  });

  app.put<{ Params: PriceParams }>('/api/pricing/:provider/*', async (request) => {
    const price = parseAdminBody(modelPriceSchema, request.body);
    const row = await ctx.usage.pricing.set(providerIdOf(request.params.provider), modelOf(request.params), price);
    return priceView(row);
  });

  app.delete<{ Params: PriceParams }>('/api/pricing/:provider/*', async (request) => {
    const provider = providerIdOf(request.params.provider);
    const model = modelOf(request.params);
    const { removed, row } = await ctx.usage.pricing.reset(provider, model);
    if (!removed) throw new GatewayError('not_found', `No admin price for ${provider}/${model} to reset`, { status: 404 });
    // The price in force now: the config file's or the catalogue's, or none (unpriced).
    return row ? priceView(row) : { provider, model, source: null, unpriced: true };
  });

  app.get('/api/budgets', async () => ({ data: ctx.usage.budgets.list(), alerts: ctx.usage.budgets.alerts() }));

  app.get('/api/quotas', async () => ({ data: ctx.usage.quotas.list() }));
}
