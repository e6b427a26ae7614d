import type { StopReason } from '../../canonical/index.js';

const FILTERED = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

const FAILED = new Set(['MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS', 'MISSING_THOUGHT_SIGNATURE']);

/**
 * Gemini says STOP both for a natural end and after function calls (and after a stop sequence,
 * which it does not distinguish), so a candidate holding a function call maps to tool_use.
 */
export function decodeFinishReason(finishReason: string, hasToolCall: boolean): StopReason {
  if (finishReason === 'STOP') return hasToolCall ? 'tool_use' : 'end_turn';
  if (finishReason === 'MAX_TOKENS') return 'max_tokens';
  if (FILTERED.has(finishReason)) return 'content_filter';
  if (FAILED.has(finishReason)) return 'error';
  return 'other';
}

export function encodeFinishReason(stopReason: StopReason): string {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
    case 'tool_use':
    case 'pause_turn':
      return 'STOP';
    case 'max_tokens':
      return 'MAX_TOKENS';
    case 'content_filter':
    case 'refusal':
      return 'SAFETY';
    case 'error':
    case 'other':
      return 'OTHER';
  }
}
