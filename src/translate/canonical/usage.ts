/**
 * Token usage with OpenAI's arithmetic: `inputTokens` is ALL prompt tokens, cached and
 * cache-written ones included; `outputTokens` is ALL generated tokens, reasoning included.
 * Decoders convert (Anthropic input_tokens excludes cache reads/writes; Gemini candidates
 * excludes thoughts); encoders convert back. Numbers are never invented: a field the provider
 * did not report stays undefined.
 */
export interface CanonicalUsage {
  inputTokens: number;
  outputTokens: number;
  /** Prompt tokens read from cache. */
  cachedInputTokens?: number;
  /** Prompt tokens written to cache (Anthropic cache_creation_input_tokens). */
  cacheWriteTokens?: number;
  /** Reasoning tokens (part of outputTokens). */
  reasoningTokens?: number;
  /**
   * The rest of an OpenAI-format upstream's `prompt_tokens_details` / `completion_tokens_details`
   * (audio, accepted / rejected prediction tokens…: what the fields above do not hold), so an
   * OpenAI-shaped client of that upstream sees them as the provider sent them.
   */
  openaiTokenDetails?: { prompt?: Record<string, unknown>; completion?: Record<string, unknown> };
}
