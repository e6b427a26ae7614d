import type { StopReason } from '../../canonical/index.js';

export type CompletionsFinishReason = 'stop' | 'length' | 'content_filter';

/** Completions knows only these; a tool call (a tool the client could not have offered) ended the text. */
export function finishFromStopReason(stopReason: StopReason): CompletionsFinishReason {
  if (stopReason === 'max_tokens') return 'length';
  if (stopReason === 'content_filter') return 'content_filter';
  return 'stop';
}
