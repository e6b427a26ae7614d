import type { Logger } from 'pino';
import type { ConfigFile } from '../config/config-file-schema.js';
import { loadTokenCounter } from './token-counter.js';
import type { ConnectionRepository } from '../store/repositories/connection-repository.js';
import type { PriceRepository } from '../store/repositories/price-repository.js';
import type { SpendRepository } from '../store/repositories/spend-repository.js';
import { createBudgetGuard, NO_KEY_BUDGETS, type BudgetSource } from './budget-guard.js';
import { loadCatalogPrices } from './catalog-prices.js';
import { createPricingTable } from './pricing-table.js';
import { createQuotaTracker } from './quota-tracker.js';
import { createUsageAccounting, type UsageAccounting } from './usage-accounting.js';

/**
 * Boot-time assembly of `ctx.usage` (called by cli/start-gateway only): prices from the catalogue,
 * the config file and stored admin edits; budgets and quota counts reloaded from the request log.
 */
export async function createUsageAccountingFromStore(input: {
  config: ConfigFile;
  store: { prices: PriceRepository; spend: SpendRepository; connections: ConnectionRepository };
  logger: Logger;
  /** Budgets stored on API keys (the keys module); none until it is wired. */
  budgetSource?: BudgetSource;
  now?: () => number;
}): Promise<UsageAccounting> {
  const now = input.now ?? Date.now;
  const pricing = await createPricingTable({ catalog: loadCatalogPrices(), config: input.config.pricing ?? [], repository: input.store.prices });
  const budgets = createBudgetGuard({ config: input.config.budgets ?? [], source: input.budgetSource ?? NO_KEY_BUDGETS, spend: input.store.spend, logger: input.logger, now });
  await budgets.reload();
  const quotas = createQuotaTracker({ spend: input.store.spend, now });
  await quotas.configure(await input.store.connections.list());
  return createUsageAccounting({ pricing, budgets, quotas, loadTokenCounter, logger: input.logger });
}
