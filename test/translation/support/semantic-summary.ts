import type { StopReason } from '../../../src/translate/canonical/index.js';

/** A tool call as a user of any SDK sees it: the function name and its parsed arguments. */
export interface ToolCallSummary {
  name: string;
  args: unknown;
}

/**
 * Usage in the canonical arithmetic (OpenAI's): input counts every prompt token, cached and
 * cache-written ones included; output counts every generated token, reasoning included.
 */
export interface UsageSummary {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

/** What an answer says, independent of the wire format that said it. */
export interface SemanticSummary {
  text: string;
  /** One entry per reasoning block, in order; an opaque-only (redacted/encrypted) block is ''. */
  reasoning: string[];
  toolCalls: ToolCallSummary[];
  stopReason: StopReason;
  /** False when the recording never said why it stopped (the reason above is then inferred). */
  stopRecorded: boolean;
  usage?: UsageSummary;
}

/** What a client SDK handed back, read in that client's own terms. */
export interface ClientReading {
  text: string;
  reasoning: string[];
  toolCalls: ToolCallSummary[];
  /** The client format's own stop value (`stop`, `end_turn`, `STOP`, `completed`…). */
  stop: string | null;
  usage?: UsageSummary;
}

/** The error a recording holds: the status the provider answered and its message. */
export interface RecordedError {
  status: number;
  message: string;
}

/** Arguments as the provider wrote them, parsed; an empty string means "no arguments". */
export function parseArguments(text: string): unknown {
  return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
}

export function emptySummary(): SemanticSummary {
  return { text: '', reasoning: [], toolCalls: [], stopReason: 'end_turn', stopRecorded: true };
}
