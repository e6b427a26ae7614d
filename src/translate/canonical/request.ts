import type { ContentPart, TextPart } from './content.js';

/**
 * Roles after normalisation: `developer` becomes `system` content; tool results travel in `tool`
 * messages (one message may hold several results, as Anthropic and Gemini group them).
 */
export type CanonicalRole = 'user' | 'assistant' | 'tool';

export interface CanonicalMessage {
  role: CanonicalRole;
  content: ContentPart[];
  /** OpenAI `name` on a message, when given. */
  name?: string;
}

export interface CanonicalTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments (object schema). Codecs for Gemini convert it to their subset. */
  parameters: Record<string, unknown>;
  strict?: boolean;
}

export type CanonicalToolChoice = 'auto' | 'none' | 'required' | { name: string };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

export interface CanonicalReasoningConfig {
  /** OpenAI-style effort. */
  effort?: ReasoningEffort;
  /** Anthropic `thinking.budget_tokens` / Gemini `thinkingBudget`. */
  budgetTokens?: number;
  /** Explicitly disabled (Anthropic `thinking.type: disabled`, Gemini budget 0). */
  disabled?: boolean;
  /** Ask for reasoning text/summaries back (Gemini `includeThoughts`, Responses `summary`). */
  includeThoughts?: boolean;
  /** Responses `reasoning.summary` value when given (auto/concise/detailed). */
  summary?: string;
}

export type CanonicalResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name?: string; description?: string; schema: Record<string, unknown>; strict?: boolean };

export interface CanonicalRequest {
  model: string;
  /** System / developer instructions, in order. */
  system: TextPart[];
  messages: CanonicalMessage[];
  tools?: CanonicalTool[];
  toolChoice?: CanonicalToolChoice;
  parallelToolCalls?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  stream: boolean;
  /** The client asked for usage in the stream (OpenAI `stream_options.include_usage`). */
  streamIncludeUsage?: boolean;
  reasoning?: CanonicalReasoningConfig;
  responseFormat?: CanonicalResponseFormat;
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  /** End-user id (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  /**
   * Fields of the source format that have no canonical meaning. Kept so a same-format encode can
   * restore them; encoders for other formats drop them (documented in docs/translation.md).
   */
  extras?: Record<string, unknown>;
}
