import type { OpaqueState } from './opaque-state.js';
import type { StopReason } from './response.js';
import type { CanonicalUsage } from './usage.js';
import type { CanonicalError } from './error.js';

/**
 * The canonical stream. Content arrives in blocks with a stable `index` (0,1,2… in order of
 * first appearance, as Anthropic numbers them). A block is opened by `*_start` (text/reasoning
 * blocks may also be opened implicitly by their first delta), receives deltas, and is closed by
 * `block_stop`. `toolIndex` numbers tool calls 0,1,2… among tool calls only (what OpenAI chat
 * puts in `tool_calls[].index`).
 */
export type CanonicalStreamEvent =
  | { type: 'message_start'; id: string; model: string; created: number; usage?: CanonicalUsage }
  | { type: 'text_start'; index: number }
  | { type: 'text_delta'; index: number; text: string }
  | { type: 'reasoning_start'; index: number; redacted?: boolean; summary?: boolean; opaque?: OpaqueState }
  | { type: 'reasoning_delta'; index: number; text: string }
  /** Opaque state that completes a reasoning block (Anthropic signature_delta, Responses encrypted_content). */
  | { type: 'reasoning_opaque'; index: number; opaque: OpaqueState }
  | { type: 'tool_call_start'; index: number; toolIndex: number; id: string; name: string; opaque?: OpaqueState }
  | { type: 'tool_call_delta'; index: number; toolIndex: number; argumentsDelta: string }
  | { type: 'block_stop'; index: number }
  /** Usage known so far (cumulative, not incremental). */
  | { type: 'usage'; usage: CanonicalUsage }
  | { type: 'message_stop'; stopReason: StopReason; stopSequence?: string; usage?: CanonicalUsage }
  /** The upstream reported an error inside the stream. Nothing follows it. */
  | { type: 'error'; error: CanonicalError };
