import type { CanonicalMessage, ContentPart } from '../../canonical/index.js';
import {
  encodeFileBlock,
  encodeImageBlock,
  encodeReasoningBlock,
  encodeTextBlock,
  encodeToolResultBlock,
  encodeToolUseBlock,
} from './encode-content.js';
import type { JsonObject } from '../../json-guards.js';

type AnthropicRole = 'user' | 'assistant';

interface AnthropicMessage {
  role: AnthropicRole;
  content: JsonObject[];
}

function encodePart(part: ContentPart): JsonObject | undefined {
  switch (part.type) {
    case 'text':
      // Anthropic rejects empty text blocks.
      return part.text === '' ? undefined : encodeTextBlock(part);
    case 'image':
      return encodeImageBlock(part);
    case 'file':
      return encodeFileBlock(part);
    case 'tool_call':
      return encodeToolUseBlock(part);
    case 'tool_result':
      return encodeToolResultBlock(part);
    case 'reasoning':
      return encodeReasoningBlock(part);
  }
}

/** Anthropic requires a user turn's tool_result blocks to come before any other content. */
function toolResultsFirst(blocks: JsonObject[]): JsonObject[] {
  const results = blocks.filter((block) => block.type === 'tool_result');
  if (results.length === 0) return blocks;
  return [...results, ...blocks.filter((block) => block.type !== 'tool_result')];
}

/**
 * Canonical messages → Anthropic `messages`. Tool messages become user turns of tool_result
 * blocks; messages left empty (e.g. only foreign reasoning) are skipped; consecutive turns of the
 * same role are merged because Anthropic requires user/assistant alternation.
 */
export function encodeMessages(messages: CanonicalMessage[]): AnthropicMessage[] {
  const out: AnthropicMessage[] = [];
  for (const message of messages) {
    const role: AnthropicRole = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = message.content.map(encodePart).filter((block): block is JsonObject => block !== undefined);
    if (blocks.length === 0) continue;
    const previous = out.at(-1);
    if (previous?.role === role) previous.content.push(...blocks);
    else out.push({ role, content: blocks });
  }
  for (const message of out) {
    if (message.role === 'user') message.content = toolResultsFirst(message.content);
  }
  return out;
}
