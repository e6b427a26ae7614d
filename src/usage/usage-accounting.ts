import type { Logger } from 'pino';
import { GatewayError } from '../errors/gateway-error.js';
import type { TokenCounter } from './token-counter.js';
import type { RequestLogRow } from '../store/repositories/request-log-repository.js';
import type { CanonicalUsage } from '../translate/canonical/index.js';
import type { ClientFormat } from '../translate/wire-format.js';
import type { BudgetDecision, BudgetGuard } from './budget-guard.js';
import { costOf } from './cost-of.js';
import { needsEstimate, settleUsage, type UsageEvidence } from './estimate-usage.js';
import type { PricingTable } from './pricing-table.js';
import type { QuotaTracker } from './quota-tracker.js';

/** The part of a request's outcome accounting reads and completes. */
export interface AccountedOutcome {
  clientFormat: ClientFormat;
  provider?: string;
  modelUsed?: string;
  status: number;
  usage?: CanonicalUsage;
  usageEvidence?: UsageEvidence;
  /** Filled here: whether `usage` is (partly) our estimate, the cost, and the unpriced flag. */
  usageEstimated?: boolean;
  costUsd?: number | null;
  unpriced?: boolean;
}

/** `ctx.usage`: token accounting, pricing, budgets and quotas (issue #6 part 1). */
export interface UsageAccounting {
  pricing: PricingTable;
  budgets: BudgetGuard;
  quotas: QuotaTracker;
  /**
   * After a request: estimate missing usage, price it, build the log row, count it in budgets and
   * quotas, record it. Synchronous unless an estimate needs the tokenizer loaded (first time only).
   */
  account<O extends AccountedOutcome>(outcome: O, buildRow: (outcome: O) => RequestLogRow, record: (row: RequestLogRow) => void): void;
  /** Waits for accounting still waiting on the tokenizer (shutdown, tests). */
  drain(): Promise<void>;
}

export function budgetError(decision: Exclude<BudgetDecision, { allowed: true }>): GatewayError {
  // 402, not 429: SDKs retry 429s with backoff, which cannot help before the window resets.
  return new GatewayError('budget_exceeded', decision.message, { status: 402, type: 'rate_limit_error', fallover: false });
}

export function createUsageAccounting(input: {
  pricing: PricingTable;
  budgets: BudgetGuard;
  quotas: QuotaTracker;
  loadTokenCounter: () => Promise<TokenCounter>;
  logger: Logger;
}): UsageAccounting {
  const pending = new Set<Promise<void>>();

  const price = (outcome: AccountedOutcome) => {
    const known = outcome.provider !== undefined && outcome.modelUsed !== undefined ? input.pricing.priceOf(outcome.provider, outcome.modelUsed) : undefined;
    outcome.unpriced = outcome.provider !== undefined && outcome.modelUsed !== undefined && known === undefined;
    outcome.costUsd = known && outcome.usage ? costOf(outcome.usage, known) : null;
  };

  const finish = <O extends AccountedOutcome>(outcome: O, buildRow: (outcome: O) => RequestLogRow, record: (row: RequestLogRow) => void) => {
    price(outcome);
    const row = buildRow(outcome);
    try {
      input.budgets.observe(row);
      input.quotas.observe(row);
    } catch (error) {
      input.logger.error({ err: error }, 'usage accounting failed for a request; its row is still logged');
    }
    record(row);
  };

  return {
    pricing: input.pricing,
    budgets: input.budgets,
    quotas: input.quotas,

    account(outcome, buildRow, record) {
      const completed = outcome.status >= 200 && outcome.status < 300;
      outcome.usageEstimated = false;
      if (!needsEstimate({ usage: outcome.usage, completed, evidence: outcome.usageEvidence })) {
        finish(outcome, buildRow, record);
        return;
      }
      const work = input
        .loadTokenCounter()
        .then((count) => {
          const settled = settleUsage({ clientFormat: outcome.clientFormat, usage: outcome.usage, completed, evidence: outcome.usageEvidence, count });
          if (settled.usage) outcome.usage = settled.usage;
          outcome.usageEstimated = settled.estimated;
        })
        .catch((error: unknown) => input.logger.warn({ err: error }, 'estimating usage failed; logging the request without an estimate'))
        .then(() => finish(outcome, buildRow, record))
        .finally(() => pending.delete(work));
      pending.add(work);
    },

    async drain() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
