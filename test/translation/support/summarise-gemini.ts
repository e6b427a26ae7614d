import type { StopReason } from '../../../src/translate/canonical/index.js';
import { emptySummary, type SemanticSummary, type UsageSummary } from './semantic-summary.js';

/** Gemini's candidatesTokenCount leaves out thoughts; the canonical output counts them. */
export function geminiUsage(raw: any): UsageSummary | undefined {
  if (!raw || typeof raw.promptTokenCount !== 'number') return undefined;
  const thoughts = raw.thoughtsTokenCount;
  const usage: UsageSummary = {
    inputTokens: raw.promptTokenCount + (raw.toolUsePromptTokenCount ?? 0),
    outputTokens: (raw.candidatesTokenCount ?? 0) + (thoughts ?? 0),
  };
  if (typeof raw.cachedContentTokenCount === 'number') usage.cachedInputTokens = raw.cachedContentTokenCount;
  if (typeof thoughts === 'number') usage.reasoningTokens = thoughts;
  return usage;
}

/** Gemini ends a tool-calling turn with STOP; the function calls say it wants tools run. */
export function stopFromFinishReason(finishReason: unknown, hasToolCalls: boolean): StopReason {
  switch (finishReason) {
    case 'MAX_TOKENS':
      return 'max_tokens';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
      return 'content_filter';
    default:
      return hasToolCalls ? 'tool_use' : 'end_turn';
  }
}

/**
 * Chunks (or one response) in order. Consecutive thought parts are one reasoning block, as a
 * streamed thought arrives spread over chunks.
 */
export function summariseGeminiChunks(chunks: any[]): SemanticSummary {
  const summary: SemanticSummary = emptySummary();
  let finishReason: unknown;
  let usage: unknown;
  let lastWasThought = false;
  for (const chunk of chunks) {
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.thought === true && typeof part.text === 'string') {
        if (lastWasThought) summary.reasoning[summary.reasoning.length - 1] += part.text;
        else summary.reasoning.push(part.text);
        lastWasThought = true;
        continue;
      }
      if (typeof part.text === 'string') summary.text += part.text;
      if (part.functionCall) summary.toolCalls.push({ name: part.functionCall.name, args: part.functionCall.args ?? {} });
      // A signature-only empty part says nothing and does not end a thought.
      if (part.text !== '' || part.functionCall) lastWasThought = false;
    }
    if (candidate?.finishReason) finishReason = candidate.finishReason;
    if (chunk.usageMetadata) usage = chunk.usageMetadata;
  }
  summary.stopReason = stopFromFinishReason(finishReason, summary.toolCalls.length > 0);
  const total = geminiUsage(usage);
  if (total) summary.usage = total;
  return summary;
}
