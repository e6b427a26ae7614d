import type { CanonicalResponse, CanonicalUsage, ContentPart } from '../../canonical/index.js';
import { anthropicCitations, encodeReasoningBlock, encodeToolUseBlock } from './encode-content.js';
import type { JsonObject } from '../../json-guards.js';
import { encodeStopReason } from './stop-reason.js';
import { encodeUsage } from './usage.js';

/**
 * A response text block. `citations` is always present (null when none), as the published
 * `ResponseTextBlock` schema and the SDK types require.
 */
export function encodeResponseText(text: string, citations: unknown[] | undefined): JsonObject {
  const own = anthropicCitations(citations);
  return { type: 'text', text, citations: own.length > 0 ? own : null };
}

function encodeOutputPart(part: ContentPart): JsonObject | undefined {
  switch (part.type) {
    case 'text':
      return encodeResponseText(part.text, part.citations);
    case 'tool_call':
      return encodeToolUseBlock(part);
    case 'reasoning':
      // Unsigned or foreign reasoning is dropped: a client would send it back in the next turn,
      // and Anthropic rejects thinking blocks without a valid signature.
      return encodeReasoningBlock(part);
    default:
      // Inputs (images, files, tool results) never appear in an assistant response.
      return undefined;
  }
}

/**
 * Usage as a response carries it. Anthropic always reports usage; when the source did not, the
 * counts are 0 and the cache fields null, because the schema (and SDKs) require the object.
 */
export function encodeResponseUsage(usage: CanonicalUsage | undefined): JsonObject {
  const body = usage === undefined
    ? { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: null, cache_read_input_tokens: null }
    : encodeUsage(usage);
  return { ...body, cache_creation: null, server_tool_use: null, service_tier: null };
}

/** Canonical response → Anthropic `Message` body. */
export function encodeResponse(response: CanonicalResponse): Record<string, unknown> {
  return {
    id: response.id,
    type: 'message',
    role: 'assistant',
    model: response.model,
    content: response.content.map(encodeOutputPart).filter((block): block is JsonObject => block !== undefined),
    stop_reason: encodeStopReason(response.stopReason),
    stop_sequence: response.stopSequence ?? null,
    usage: encodeResponseUsage(response.usage),
  };
}
