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
  const { cached_tokens: _cached, cache_write_tokens: _cacheWrite, ...otherPromptDetails } = promptDetails;
  const { reasoning_tokens: _reasoning, ...otherCompletionDetails } = completionDetails;
  const details: NonNullable<CanonicalUsage['openaiTokenDetails']> = {};
  if (Object.keys(otherPromptDetails).length > 0) details.prompt = otherPromptDetails;
  if (Object.keys(otherCompletionDetails).length > 0) details.completion = otherCompletionDetails;
  if (details.prompt !== undefined || details.completion !== undefined) usage.openaiTokenDetails = details;
  return usage;
}

/**
 * Canonical → OpenAI usage. Cache-write tokens are dropped: strict OpenAI clients do not know them.
 * An OpenAI upstream's own detail objects come back as it sent them.
 */
export function encodeUsage(usage: CanonicalUsage): Record<string, unknown> {
  const encoded: Record<string, unknown> = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  const promptDetails = { ...usage.openaiTokenDetails?.prompt };
  if (usage.cachedInputTokens !== undefined) promptDetails.cached_tokens = usage.cachedInputTokens;
  if (Object.keys(promptDetails).length > 0) encoded.prompt_tokens_details = promptDetails;
  const completionDetails = { ...usage.openaiTokenDetails?.completion };
  if (usage.reasoningTokens !== undefined) completionDetails.reasoning_tokens = usage.reasoningTokens;
  if (Object.keys(completionDetails).length > 0) encoded.completion_tokens_details = completionDetails;
  return encoded;
}
