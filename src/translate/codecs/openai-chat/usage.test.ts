import { describe, expect, it } from 'vitest';
import { decodeUsage, encodeUsage } from './usage.js';

describe('OpenAI usage details', () => {
  it('keeps the detail fields canonical usage has no name for, and gives them back', () => {
    const raw = {
      prompt_tokens: 14,
      completion_tokens: 7,
      total_tokens: 21,
      prompt_tokens_details: { cached_tokens: 2, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 3, audio_tokens: 0, accepted_prediction_tokens: 1, rejected_prediction_tokens: 0 },
    };
    const usage = decodeUsage(raw)!;
    expect(usage).toEqual({
      inputTokens: 14,
      outputTokens: 7,
      cachedInputTokens: 2,
      reasoningTokens: 3,
      openaiTokenDetails: { prompt: { audio_tokens: 0 }, completion: { audio_tokens: 0, accepted_prediction_tokens: 1, rejected_prediction_tokens: 0 } },
    });
    expect(encodeUsage(usage)).toEqual(raw);
  });

  it('adds nothing when the details hold only what canonical fields carry; cache writes stay dropped', () => {
    const usage = decodeUsage({ prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 1, cache_write_tokens: 4 } })!;
    expect(usage).toEqual({ inputTokens: 5, outputTokens: 1, cachedInputTokens: 1, cacheWriteTokens: 4 });
    expect(encodeUsage(usage)).toEqual({ prompt_tokens: 5, completion_tokens: 1, total_tokens: 6, prompt_tokens_details: { cached_tokens: 1 } });
  });
});
