import type { CanonicalUsage } from '../../canonical/index.js';
import { isObject, numberOrUndefined, type JsonObject } from '../../json-guards.js';

/** Responses usage already uses the canonical (OpenAI) arithmetic: copy, never estimate. */
export function decodeUsage(value: unknown): CanonicalUsage | undefined {
  if (!isObject(value)) return undefined;
  const inputTokens = numberOrUndefined(value.input_tokens);
  const outputTokens = numberOrUndefined(value.output_tokens);
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  const usage: CanonicalUsage = { inputTokens, outputTokens };
  const inputDetails = isObject(value.input_tokens_details) ? value.input_tokens_details : {};
  const outputDetails = isObject(value.output_tokens_details) ? value.output_tokens_details : {};
  const cached = numberOrUndefined(inputDetails.cached_tokens);
  if (cached !== undefined) usage.cachedInputTokens = cached;
  const cacheWrite = numberOrUndefined(inputDetails.cache_write_tokens);
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  const reasoning = numberOrUndefined(outputDetails.reasoning_tokens);
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}

/**
 * Detail counts the upstream did not report are left out rather than written as 0: an absent
 * number is honest, a zero would be an invented one.
 */
export function encodeUsage(usage: CanonicalUsage): JsonObject {
  const inputDetails: JsonObject = {};
  if (usage.cachedInputTokens !== undefined) inputDetails.cached_tokens = usage.cachedInputTokens;
  if (usage.cacheWriteTokens !== undefined) inputDetails.cache_write_tokens = usage.cacheWriteTokens;
  const outputDetails: JsonObject = {};
  if (usage.reasoningTokens !== undefined) outputDetails.reasoning_tokens = usage.reasoningTokens;
  const encoded: JsonObject = { input_tokens: usage.inputTokens };
  if (Object.keys(inputDetails).length > 0) encoded.input_tokens_details = inputDetails;
  encoded.output_tokens = usage.outputTokens;
  if (Object.keys(outputDetails).length > 0) encoded.output_tokens_details = outputDetails;
  encoded.total_tokens = usage.inputTokens + usage.outputTokens;
  return encoded;
}
