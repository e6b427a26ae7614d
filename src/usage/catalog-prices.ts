import { z } from 'zod';
import type { ModelPrice } from '../config/config-file-schema.js';
import catalogData from '../providers/catalog/catalog-data.json' with { type: 'json' };

const catalogPricesSchema = z.object({
  providers: z.array(
    z.object({
      id: z.string(),
      pricingUsdPerMillionTokens: z
        .record(
          z.string(),
          z.object({
            input: z.number().min(0),
            output: z.number().min(0),
            cached: z.number().min(0).optional(),
            reasoning: z.number().min(0).optional(),
            cache_creation: z.number().min(0).optional(),
          }),
        )
        .optional(),
    }),
  ),
});

/** Default list prices per built-in provider and model, USD per 1M tokens (from providers.json). */
export function loadCatalogPrices(data: unknown = catalogData): Array<{ provider: string; model: string; price: ModelPrice }> {
  const parsed = catalogPricesSchema.parse(data);
  return parsed.providers.flatMap((provider) =>
    Object.entries(provider.pricingUsdPerMillionTokens ?? {}).map(([model, entry]) => {
      const price: ModelPrice = { input: entry.input, output: entry.output };
      if (entry.cached !== undefined) price.cachedInput = entry.cached;
      if (entry.cache_creation !== undefined) price.cacheWrite = entry.cache_creation;
      if (entry.reasoning !== undefined) price.reasoning = entry.reasoning;
      return { provider: provider.id, model, price };
    }),
  );
}
