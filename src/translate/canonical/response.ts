import type { ContentPart } from './content.js';
import type { CanonicalUsage } from './usage.js';

export type StopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'content_filter'
  | 'refusal'
  | 'pause_turn'
  | 'error'
  | 'other';

export interface CanonicalResponse {
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
  /** Output in order: reasoning, text and tool calls as the provider produced them. */
  content: ContentPart[];
  stopReason: StopReason;
  /** The stop sequence that matched, when the provider says. */
  stopSequence?: string;
  usage?: CanonicalUsage;
}
