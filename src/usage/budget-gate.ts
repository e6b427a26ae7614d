import type { GatewayError } from '../errors/gateway-error.js';
import type { BudgetGuard } from './budget-guard.js';
import { budgetError } from './usage-accounting.js';

/** Asked for each target routing offers: may this request spend there? */
export interface BudgetGate {
  /** The budget error that rules this target out, or undefined when it may be tried. */
  refusal(providerId: string, model: string): GatewayError | undefined;
}

/**
 * Budgets at routing time. A spent key budget with policy `reject` refuses the request at once
 * (402). With policy `downgrade` the request goes on, but only to targets priced below the first
 * target routing offered: the next cheaper tier of the combo (unpriced targets count as unknown
 * cost and are not admitted; price free ones at 0). A spent provider budget rules out that
 * provider's targets, so a combo moves on to the next provider.
 */
export function openBudgetGate(input: { budgets: BudgetGuard; apiKeyId: string | undefined; priceOf(providerId: string, model: string): number | undefined }): BudgetGate {
  const keyDecision = input.budgets.check({ apiKeyId: input.apiKeyId });
  if (!keyDecision.allowed && keyDecision.policy === 'reject') throw budgetError(keyDecision);
  let ceiling: number | undefined;
  return {
    refusal(providerId, model) {
      const providerDecision = input.budgets.checkProvider({ apiKeyId: input.apiKeyId, provider: providerId });
      if (!providerDecision.allowed) return budgetError(providerDecision);
      if (keyDecision.allowed) return undefined;
      const price = input.priceOf(providerId, model);
      if (ceiling === undefined) {
        ceiling = price ?? Number.POSITIVE_INFINITY;
        return budgetError(keyDecision);
      }
      return price !== undefined && price < ceiling ? undefined : budgetError(keyDecision);
    },
  };
}
