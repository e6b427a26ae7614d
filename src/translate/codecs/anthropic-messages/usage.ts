import type { CanonicalUsage } from '../../canonical/index.js';
import { isObject, numberOrUndefined } from '../../json-guards.js';

/**
 * Anthropic usage → canonical. Anthropic's `input_tokens` EXCLUDES cache reads and cache writes;
 * canonical input is all prompt tokens, so the three are summed. Returns undefined when neither
 * input nor output count is present (nothing to report; never invent zeros).
 */
export function decodeUsage(value: unknown): CanonicalUsage | undefined {
  if (!isObject(value)) return undefined;
  const input = numberOrUndefined(value.input_tokens);
  const output = numberOrUndefined(value.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const cacheRead = numberOrUndefined(value.cache_read_input_tokens);
  const cacheWrite = numberOrUndefined(value.cache_creation_input_tokens);
  const usage: CanonicalUsage = {
    inputTokens: (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0),
    outputTokens: output ?? 0,
  };
  if (cacheRead !== undefined) usage.cachedInputTokens = cacheRead;
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  const details = value.output_tokens_details;
  const thinking = isObject(details) ? numberOrUndefined(details.thinking_tokens) : undefined;
  if (thinking !== undefined) usage.reasoningTokens = thinking;
  return usage;
}

/** Anthropic usage body fields (the shape of `Usage` / `MessageDeltaUsage` in the spec). */
export interface AnthropicUsageBody {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number | null;
  cache_read_input_tokens: number | null;
  /** Sent by Anthropic on thinking models (seen in recordings, not yet in the published spec). */
  output_tokens_details?: { thinking_tokens: number };
}

/**
 * Canonical → Anthropic usage: subtract cached and cache-written tokens back out of input.
 * Unknown cache counts are `null` (the spec's "not reported"), not 0.
 */
export function encodeUsage(usage: CanonicalUsage): AnthropicUsageBody {
  const cacheRead = usage.cachedInputTokens;
  const cacheWrite = usage.cacheWriteTokens;
  const uncached = usage.inputTokens - (cacheRead ?? 0) - (cacheWrite ?? 0);
  const body: AnthropicUsageBody = {
    input_tokens: Math.max(0, uncached),
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: cacheWrite ?? null,
    cache_read_input_tokens: cacheRead ?? null,
  };
  if (usage.reasoningTokens !== undefined) body.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return body;
}
