import type { CanonicalUsage } from '../../canonical/index.js';
import { isObject, optionalNumber, type JsonObject } from './json-access.js';

/**
 * Gemini usageMetadata → canonical (OpenAI arithmetic). `candidatesTokenCount` excludes thoughts
 * and `promptTokenCount` excludes tool-use prompts, so output = candidates + thoughts and
 * input = prompt + toolUsePrompt. Absent counts are not invented: a missing candidates count on
 * an early stream chunk means nothing generated yet (0); absent details stay undefined.
 */
export function decodeUsage(value: unknown, path = 'usageMetadata'): CanonicalUsage | undefined {
  if (!isObject(value)) return undefined;
  const prompt = optionalNumber(value, 'promptTokenCount', path);
  const candidates = optionalNumber(value, 'candidatesTokenCount', path);
  const thoughts = optionalNumber(value, 'thoughtsTokenCount', path);
  const cached = optionalNumber(value, 'cachedContentTokenCount', path);
  const toolUsePrompt = optionalNumber(value, 'toolUsePromptTokenCount', path);
  if (prompt === undefined && candidates === undefined && thoughts === undefined) return undefined;
  const usage: CanonicalUsage = {
    inputTokens: (prompt ?? 0) + (toolUsePrompt ?? 0),
    outputTokens: (candidates ?? 0) + (thoughts ?? 0),
  };
  if (cached !== undefined) usage.cachedInputTokens = cached;
  if (thoughts !== undefined) usage.reasoningTokens = thoughts;
  return usage;
}

/** Canonical → usageMetadata (tool-use prompt tokens are not separable once summed: they stay in the prompt). */
export function encodeUsage(usage: CanonicalUsage): JsonObject {
  const reasoning = usage.reasoningTokens;
  const metadata: JsonObject = {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: usage.outputTokens - (reasoning ?? 0),
    totalTokenCount: usage.inputTokens + usage.outputTokens,
  };
  if (usage.cachedInputTokens !== undefined) metadata.cachedContentTokenCount = usage.cachedInputTokens;
  if (reasoning !== undefined) metadata.thoughtsTokenCount = reasoning;
  return metadata;
}
