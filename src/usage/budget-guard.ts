import type { Logger } from 'pino';
import type { BudgetEntry } from '../config/config-file-schema.js';
import type { RequestLogRow } from '../store/repositories/request-log-repository.js';
import type { SpendRepository } from '../store/repositories/spend-repository.js';
import { fixedWindow, type FixedPeriod, type UsageWindow } from './usage-window.js';

export type BudgetPolicy = 'reject' | 'downgrade';

/** Limits in USD per window; the shape of an API key's `budget` field and of a config entry. */
export interface BudgetLimits {
  daily?: number;
  weekly?: number;
  monthly?: number;
  alertAt?: number;
  policy?: BudgetPolicy;
}

/**
 * Where budgets stored on API keys come from (the keys module implements it over its table).
 * Also resolves a config entry's `apiKey: <name>` to the key's id.
 */
export interface BudgetSource {
  apiKeys(): Promise<Array<{ id: string; name: string; budget?: BudgetLimits }>>;
}

export const NO_KEY_BUDGETS: BudgetSource = { apiKeys: () => Promise.resolve([]) };

export type BudgetDecision = { allowed: true } | { allowed: false; policy: BudgetPolicy; resetAt: number; message: string; budgetId: string };

export interface BudgetPeriodStatus {
  period: FixedPeriod;
  limitUsd: number;
  spentUsd: number;
  remainingUsd: number;
  /** Requests to unpriced models in the window: not in `spentUsd`, since their cost is unknown. */
  unpricedRequests: number;
  windowStart: number;
  resetAt: number;
  alertAt: number;
  alerted: boolean;
  exceeded: boolean;
}

export interface BudgetStatus {
  id: string;
  source: 'config' | 'api-key';
  apiKey: string | null;
  provider: string | null;
  policy: BudgetPolicy;
  periods: BudgetPeriodStatus[];
}

export interface BudgetAlert {
  budgetId: string;
  period: FixedPeriod;
  at: number;
  spentUsd: number;
  limitUsd: number;
  resetAt: number;
}

export interface BudgetGuard {
  /** Rebuild the rules from config and the key source and reload spend from the request log. */
  reload(now?: number): Promise<void>;
  /** Key-level budgets (rules without a provider) for a request about to be routed. */
  check(input: { apiKeyId?: string | undefined; provider?: string | undefined }, now?: number): BudgetDecision;
  /** Every rule a request to `provider` would spend against (key×provider, provider tier, key). */
  checkProvider(input: { apiKeyId?: string | undefined; provider: string }, now?: number): BudgetDecision;
  /** Count a finished request (its cost) in every matching budget; called when its log row is built. */
  observe(row: RequestLogRow): void;
  list(now?: number): BudgetStatus[];
  alerts(): BudgetAlert[];
}

interface PeriodState {
  period: FixedPeriod;
  limit: number;
  window: UsageWindow;
  spent: number;
  unpriced: number;
  alerted: boolean;
}

interface Rule {
  id: string;
  source: 'config' | 'api-key';
  /** As written (name or id) for display. */
  apiKeyLabel?: string;
  apiKeyId?: string;
  provider?: string;
  policy: BudgetPolicy;
  alertAt: number;
  periods: PeriodState[];
}

const PERIODS: readonly FixedPeriod[] = ['daily', 'weekly', 'monthly'];
const ALLOWED: BudgetDecision = Object.freeze({ allowed: true });
const MAX_ALERTS = 200;

function usd(value: number): string {
  return `$${value.toFixed(value > 0 && value < 0.01 ? 4 : 2)}`;
}

function describe(rule: Rule): string {
  const key = rule.apiKeyLabel === undefined ? undefined : `API key "${rule.apiKeyLabel}"`;
  const provider = rule.provider === undefined ? undefined : `provider "${rule.provider}"`;
  return [key, provider].filter(Boolean).join(' on ');
}

export function createBudgetGuard(input: {
  config: ReadonlyArray<BudgetEntry>;
  source: BudgetSource;
  spend: SpendRepository;
  logger: Logger;
  now?: () => number;
}): BudgetGuard {
  const clock = input.now ?? Date.now;
  let rules: Rule[] = [];
  const alerts: BudgetAlert[] = [];

  const roll = (state: PeriodState, at: number) => {
    if (at >= state.window.end || at < state.window.start) {
      state.window = fixedWindow(state.period, at);
      state.spent = 0;
      state.unpriced = 0;
      state.alerted = false;
    }
  };

  const periodsOf = (limits: BudgetLimits, now: number): PeriodState[] =>
    PERIODS.flatMap((period) => {
      const limit = limits[period];
      return limit === undefined ? [] : [{ period, limit, window: fixedWindow(period, now), spent: 0, unpriced: 0, alerted: false }];
    });

  const matches = (rule: Rule, apiKeyId: string | undefined, provider: string | undefined) =>
    (rule.apiKeyId === undefined || rule.apiKeyId === apiKeyId) && (rule.provider === undefined || rule.provider === provider);

  const decide = (candidates: Rule[], now: number): BudgetDecision => {
    if (candidates.length === 0) return ALLOWED;
    for (const rule of candidates) {
      for (const state of rule.periods) {
        roll(state, now);
        if (state.spent >= state.limit) {
          const message = `Budget reached: the ${state.period} budget of ${usd(state.limit)} for ${describe(rule)} is used up (${usd(state.spent)} spent). It resets at ${new Date(state.window.end).toISOString()}.`;
          return { allowed: false, policy: rule.policy, resetAt: state.window.end, message, budgetId: rule.id };
        }
      }
    }
    return ALLOWED;
  };

  return {
    async reload(now = clock()) {
      const keys = await input.source.apiKeys();
      const idOf = (ref: string) => keys.find((key) => key.id === ref)?.id ?? keys.find((key) => key.name === ref)?.id ?? ref;
      const next: Rule[] = [];
      input.config.forEach((entry, index) => {
        next.push({
          id: `config:${index}`,
          source: 'config',
          ...(entry.apiKey === undefined ? {} : { apiKeyLabel: entry.apiKey, apiKeyId: idOf(entry.apiKey) }),
          ...(entry.provider === undefined ? {} : { provider: entry.provider }),
          policy: entry.policy ?? 'reject',
          alertAt: entry.alertAt ?? 0.8,
          periods: periodsOf(entry, now),
        });
      });
      for (const key of keys) {
        if (!key.budget) continue;
        const periods = periodsOf(key.budget, now);
        if (periods.length === 0) continue;
        next.push({ id: `api-key:${key.id}`, source: 'api-key', apiKeyLabel: key.name, apiKeyId: key.id, policy: key.budget.policy ?? 'reject', alertAt: key.budget.alertAt ?? 0.8, periods });
      }
      for (const rule of next) {
        for (const state of rule.periods) {
          const spent = await input.spend.spend({ since: state.window.start, ...(rule.apiKeyId === undefined ? {} : { apiKeyId: rule.apiKeyId }), ...(rule.provider === undefined ? {} : { provider: rule.provider }) });
          state.spent = spent.costUsd;
          state.unpriced = spent.unpricedRequests;
          // A limit already past its alert level at start has been alerted on before: not again.
          state.alerted = state.spent >= state.limit * rule.alertAt;
        }
      }
      rules = next;
    },

    check({ apiKeyId, provider }, now = clock()) {
      if (rules.length === 0) return ALLOWED;
      return decide(
        rules.filter((rule) => rule.provider === undefined && matches(rule, apiKeyId, provider)),
        now,
      );
    },

    checkProvider({ apiKeyId, provider }, now = clock()) {
      if (rules.length === 0) return ALLOWED;
      return decide(
        rules.filter((rule) => rule.provider !== undefined && matches(rule, apiKeyId, provider)),
        now,
      );
    },

    observe(row) {
      if (rules.length === 0) return;
      const apiKeyId = row.apiKeyId ?? undefined;
      const provider = row.provider ?? undefined;
      if (row.costUsd === null && !row.unpriced) return;
      for (const rule of rules) {
        if (!matches(rule, apiKeyId, provider)) continue;
        if (rule.provider === undefined && rule.apiKeyId === undefined) continue;
        for (const state of rule.periods) {
          roll(state, row.createdAt);
          if (row.createdAt < state.window.start) continue;
          if (row.costUsd === null) {
            if (row.inputTokens !== null) state.unpriced += 1;
            continue;
          }
          state.spent += row.costUsd;
          if (!state.alerted && state.spent >= state.limit * rule.alertAt) {
            state.alerted = true;
            const alert: BudgetAlert = { budgetId: rule.id, period: state.period, at: row.createdAt, spentUsd: state.spent, limitUsd: state.limit, resetAt: state.window.end };
            alerts.push(alert);
            if (alerts.length > MAX_ALERTS) alerts.shift();
            input.logger.warn({ budget: rule.id, period: state.period, spentUsd: state.spent, limitUsd: state.limit, resetAt: new Date(state.window.end).toISOString() }, `budget alert: ${Math.round(rule.alertAt * 100)}% of the ${state.period} budget for ${describe(rule)} is spent`);
          }
        }
      }
    },

    list(now = clock()) {
      return rules.map((rule) => ({
        id: rule.id,
        source: rule.source,
        apiKey: rule.apiKeyLabel ?? null,
        provider: rule.provider ?? null,
        policy: rule.policy,
        periods: rule.periods.map((state) => {
          roll(state, now);
          return {
            period: state.period,
            limitUsd: state.limit,
            spentUsd: Math.round(state.spent * 1e9) / 1e9,
            remainingUsd: Math.max(0, Math.round((state.limit - state.spent) * 1e9) / 1e9),
            unpricedRequests: state.unpriced,
            windowStart: state.window.start,
            resetAt: state.window.end,
            alertAt: rule.alertAt,
            alerted: state.alerted,
            exceeded: state.spent >= state.limit,
          };
        }),
      }));
    },

    alerts: () => [...alerts],
  };
}
