import type { OpaqueState } from './opaque-state.js';

export interface TextPart {
  type: 'text';
  text: string;
  /** Anthropic `cache_control`, carried when the target format understands it. */
  cacheControl?: unknown;
  /** Citations/annotations as the source format gave them (format-specific, informational). */
  citations?: unknown[];
}

export type ImageSource =
  | { kind: 'url'; url: string }
  /** Standard base64 (URL-safe input is normalised by decoders). */
  | { kind: 'base64'; mediaType: string; data: string };

export interface ImagePart {
  type: 'image';
  source: ImageSource;
  /** OpenAI `detail` (auto/low/high). */
  detail?: string;
}

/** A document/file input (PDF etc.). */
export interface FilePart {
  type: 'file';
  source: ImageSource;
  filename?: string;
}

export interface ToolCallPart {
  type: 'tool_call';
  id: string;
  name: string;
  /** The arguments as JSON text, exactly as produced (never re-serialised when passing through). */
  arguments: string;
  opaque?: OpaqueState;
}

export interface ToolResultPart {
  type: 'tool_result';
  toolCallId: string;
  /** Tool name when the source format carries it (Gemini needs it; Anthropic/OpenAI do not). */
  name?: string;
  content: Array<TextPart | ImagePart>;
  isError?: boolean;
}

/**
 * Reasoning ("thinking"). `text` may be empty when the provider only returned opaque state
 * (redacted thinking, encrypted reasoning without summary).
 */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  /** True when `text` is a summary (OpenAI Responses `summary_text`) rather than the raw thought. */
  summary?: boolean;
  redacted?: boolean;
  opaque?: OpaqueState;
}

export type ContentPart = TextPart | ImagePart | FilePart | ToolCallPart | ToolResultPart | ReasoningPart;
