import type { StopReason } from '../../canonical/index.js';

/** OpenAI `finish_reason` → canonical. Compatible providers add their own values; those become `other`. */
export function stopReasonFromFinish(finishReason: unknown, hasToolCalls: boolean): StopReason {
  switch (finishReason) {
    case 'stop':
    case 'eos':
      // Several compatible providers report "stop" although the turn ended in tool calls; the
      // client must still run the tools, so the tool calls decide.
      return hasToolCalls ? 'tool_use' : 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'content_filter';
    case 'error':
      return 'error';
    default:
      return hasToolCalls ? 'tool_use' : 'other';
  }
}

export type OpenAiFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** Canonical → the spec's `finish_reason` enum (no other values are allowed by strict clients). */
export function finishFromStopReason(stopReason: StopReason, hasToolCalls: boolean): OpenAiFinishReason {
  switch (stopReason) {
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return hasToolCalls ? 'tool_calls' : 'stop';
  }
}
