import type { StopReason } from '../../canonical/index.js';

const DECODE: Readonly<Record<string, StopReason>> = {
  end_turn: 'end_turn',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  tool_use: 'tool_use',
  pause_turn: 'pause_turn',
  refusal: 'refusal',
  // Newer models report hitting the context window separately; to a client it is a length stop.
  model_context_window_exceeded: 'max_tokens',
};

/** Anthropic `stop_reason` → canonical. Unknown or missing values become `other` / `end_turn`. */
export function decodeStopReason(value: unknown): StopReason {
  if (value === null || value === undefined) return 'end_turn';
  return (typeof value === 'string' ? DECODE[value] : undefined) ?? 'other';
}

export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'pause_turn' | 'refusal';

/**
 * Canonical → Anthropic `stop_reason`. Anthropic has no name for a content filter or an error
 * stop; `refusal` is the closest documented value for a filter, and `end_turn` for the rest.
 */
export function encodeStopReason(reason: StopReason): AnthropicStopReason {
  switch (reason) {
    case 'end_turn':
    case 'max_tokens':
    case 'stop_sequence':
    case 'tool_use':
    case 'pause_turn':
    case 'refusal':
      return reason;
    case 'content_filter':
      return 'refusal';
    case 'error':
    case 'other':
      return 'end_turn';
  }
}
