import type { WireFormat } from '../wire-format.js';

/**
 * Provider state that must travel byte-exact and may only go back to the kind of upstream that
 * produced it (DESIGN.md §6 "Opaque provider state"). Encoders for another format drop it; they
 * never forge or re-stamp it.
 */
export interface OpaqueState {
  /** Wire format of the upstream that produced the state. */
  origin: WireFormat;
  /** Anthropic `thinking.signature`. */
  signature?: string;
  /** Anthropic `redacted_thinking.data`. */
  redactedData?: string;
  /** OpenAI Responses reasoning item `encrypted_content`. */
  encryptedContent?: string;
  /** OpenAI Responses item id (`rs_…`, `fc_…`, `msg_…`) kept so a same-format round trip is exact. */
  itemId?: string;
  /** Gemini part `thoughtSignature`. */
  thoughtSignature?: string;
}
