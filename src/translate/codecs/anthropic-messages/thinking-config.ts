import type { CanonicalReasoningConfig, ReasoningEffort } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { expectObject, expectString, isObject, optionalNumber, type JsonObject } from '../../json-guards.js';

/**
 * `max_tokens` is required by Anthropic; when the source format had no limit we ask for 4096,
 * enough for a normal answer and accepted by every current Claude model.
 */
export const DEFAULT_MAX_TOKENS = 4096;

/** Anthropic's documented minimum `budget_tokens`. */
export const MIN_THINKING_BUDGET = 1024;

/**
 * OpenAI-style effort → Anthropic thinking budget. Chosen to span Anthropic's range: the minimum
 * (1024) for the cheap end, and 32000 (the largest budget Anthropic recommends without batching)
 * for `xhigh`. `none` means no thinking block at all.
 */
export const EFFORT_BUDGETS: Readonly<Record<Exclude<ReasoningEffort, 'none'>, number>> = {
  minimal: 1024,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 32000,
};

const KNOWN_THINKING_KEYS = new Set(['type', 'budget_tokens']);

export interface DecodedThinking {
  reasoning: CanonicalReasoningConfig;
  /** The raw object, when it holds something canonical cannot express (adaptive, display…). */
  extra?: JsonObject;
}

/** Anthropic `thinking` → canonical reasoning config. */
export function decodeThinking(value: unknown, path: string): DecodedThinking | undefined {
  if (value === undefined || value === null) return undefined;
  const thinking = expectObject(value, path);
  const type = expectString(thinking.type, `${path}.type`);
  const hasUnknownKeys = Object.keys(thinking).some((key) => !KNOWN_THINKING_KEYS.has(key));
  let reasoning: CanonicalReasoningConfig;
  if (type === 'enabled') {
    const budget = optionalNumber(thinking.budget_tokens, `${path}.budget_tokens`);
    if (budget === undefined) throw new TranslationError(`${path}.budget_tokens is required`, `${path}.budget_tokens`);
    // With `display: "omitted"` the client does not want thinking text back.
    reasoning = { budgetTokens: budget, includeThoughts: thinking.display !== 'omitted' };
  } else if (type === 'disabled') {
    reasoning = { disabled: true };
  } else if (type === 'adaptive') {
    reasoning = { includeThoughts: thinking.display !== 'omitted' };
  } else {
    throw new TranslationError(`${path}.type '${type}' is not a thinking mode`, `${path}.type`);
  }
  const decoded: DecodedThinking = { reasoning };
  if (type === 'adaptive' || hasUnknownKeys) decoded.extra = thinking;
  return decoded;
}

export interface EncodedThinking {
  thinking?: JsonObject;
  /** True when the request will think, which forbids `temperature`, `top_k` and forced tools. */
  enabled: boolean;
  budget?: number;
}

/**
 * Canonical reasoning → Anthropic `thinking`. `extra` is the raw object a same-format decode
 * kept; its extra keys (e.g. `display`) are restored when the mode still matches.
 */
export function encodeThinking(reasoning: CanonicalReasoningConfig | undefined, extra: unknown): EncodedThinking {
  if (reasoning === undefined) return { enabled: false };
  if (reasoning.disabled === true) return { thinking: { type: 'disabled' }, enabled: false };
  const raw = isObject(extra) ? extra : undefined;
  let budget = reasoning.budgetTokens;
  if (budget === undefined && reasoning.effort !== undefined && reasoning.effort !== 'none') {
    budget = EFFORT_BUDGETS[reasoning.effort];
  }
  if (budget === undefined) {
    if (raw?.type === 'adaptive') return { thinking: { ...raw }, enabled: true };
    if (reasoning.effort === 'none') return { thinking: { type: 'disabled' }, enabled: false };
    return { enabled: false };
  }
  budget = Math.max(MIN_THINKING_BUDGET, Math.floor(budget));
  const extraKeys = raw?.type === 'enabled' ? Object.entries(raw).filter(([key]) => !KNOWN_THINKING_KEYS.has(key)) : [];
  return {
    thinking: { type: 'enabled', budget_tokens: budget, ...Object.fromEntries(extraKeys) },
    enabled: true,
    budget,
  };
}
