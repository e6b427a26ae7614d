import type { CanonicalUsage } from '../../canonical/index.js';
import { isObject, numberOrUndefined } from '../../json-guards.js';

/**
 * OpenAI usage → canonical. The arithmetic is already OpenAI's, so numbers copy across; cached
 * tokens come from `prompt_tokens_details.cached_tokens`, DeepSeek's `prompt_cache_hit_tokens`
 * or Together's top-level `cached_tokens`, in that order of preference.
 */
export function decodeUsage(raw: unknown): CanonicalUsage | undefined {
  if (!isObject(raw)) return undefined;
  const inputTokens = numberOrUndefined(raw.prompt_tokens);
  const outputTokens = numberOrUndefined(raw.completion_tokens);
  // Without both totals there is no usage to report; zero-filling would invent numbers.
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  const promptDetails = isObject(raw.prompt_tokens_details) ? raw.prompt_tokens_details : {};
  const completionDetails = isObject(raw.completion_tokens_details) ? raw.completion_tokens_details : {};
  const usage: CanonicalUsage = { inputTokens, outputTokens };
  const cached =
    numberOrUndefined(promptDetails.cached_tokens) ??
    numberOrUndefined(raw.prompt_cache_hit_tokens) ??
    numberOrUndefined(raw.cached_tokens);
  if (cached !== undefined) usage.cachedInputTokens = cached;
  const cacheWrite = numberOrUndefined(promptDetails.cache_write_tokens);
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  const reasoning = numberOrUndefined(completionDetails.reasoning_tokens);
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}

/** Canonical → OpenAI usage. Cache-write tokens are dropped: strict OpenAI clients do not know them. */
export function encodeUsage(usage: CanonicalUsage): Record<string, unknown> {
  const encoded: Record<string, unknown> = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  if (usage.cachedInputTokens !== undefined) {
    encoded.prompt_tokens_details = { cached_tokens: usage.cachedInputTokens };
  }
  if (usage.reasoningTokens !== undefined) {
    encoded.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  }
  return encoded;
}
