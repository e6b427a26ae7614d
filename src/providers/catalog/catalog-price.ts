import { z } from 'zod';
import catalogData from './catalog-data.json' with { type: 'json' };

const pricesSchema = z.object({
  providers: z.array(
    z.object({
      id: z.string(),
      pricingUsdPerMillionTokens: z.record(z.string(), z.object({ input: z.number().optional(), output: z.number().optional() })).optional(),
    }),
  ),
});

/**
 * A blended list price (input + output, USD per million tokens) for ranking targets by cost.
 * Undefined for models the catalogue does not price, which rank last.
 */
export function catalogPriceOf(): (providerId: string, model: string) => number | undefined {
  const prices = new Map<string, number>();
  for (const provider of pricesSchema.parse(catalogData).providers) {
    for (const [model, price] of Object.entries(provider.pricingUsdPerMillionTokens ?? {})) {
      if (price.input !== undefined && price.output !== undefined) prices.set(`${provider.id}/${model}`, price.input + price.output);
    }
  }
  return (providerId, model) => prices.get(`${providerId}/${model}`);
}
