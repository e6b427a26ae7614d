import type { ModelPrice } from '../config/config-file-schema.js';
import type { CanonicalUsage } from '../translate/canonical/index.js';

const PER_TOKEN = 1 / 1_000_000;

/**
 * The cost in USD of one request's usage at a price per 1M tokens. Usage is canonical (OpenAI
 * arithmetic, docs/usage.md): cached and cache-written tokens are PART of `inputTokens` and
 * reasoning is PART of `outputTokens`, so each is taken out of its total once and billed at its
 * own rate — never twice. Without a separate rate, cache reads and writes cost the input price and
 * reasoning the output price (what providers that do not break them out charge).
 */
export function costOf(usage: CanonicalUsage, price: ModelPrice): number {
  const cached = Math.max(0, usage.cachedInputTokens ?? 0);
  const written = Math.max(0, usage.cacheWriteTokens ?? 0);
  const uncached = Math.max(0, usage.inputTokens - cached - written);
  const reasoning = Math.min(Math.max(0, usage.reasoningTokens ?? 0), Math.max(0, usage.outputTokens));
  const visible = Math.max(0, usage.outputTokens - reasoning);
  const micro =
    uncached * price.input +
    cached * (price.cachedInput ?? price.input) +
    written * (price.cacheWrite ?? price.input) +
    visible * price.output +
    reasoning * (price.reasoning ?? price.output);
  // Rounded to a billionth of a dollar so sums of many requests do not drift in float noise.
  return Math.round(micro * PER_TOKEN * 1e9) / 1e9;
}
