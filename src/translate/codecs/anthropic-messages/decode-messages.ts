import type { CanonicalMessage, ContentPart, TextPart, ToolResultPart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import {
  decodeDocumentBlock,
  decodeImageBlock,
  decodeRedactedThinkingBlock,
  decodeTextBlock,
  decodeThinkingBlock,
  decodeToolResultBlock,
  decodeToolUseBlock,
} from './decode-content.js';
import { expectArray, expectObject, expectString } from '../../json-guards.js';

export interface DecodedMessages {
  messages: CanonicalMessage[];
  /** Text of `system`-role entries found inside `messages` (Claude Code clones send them). */
  system: TextPart[];
}

/** Content that may be a string (shorthand for one text block) or an array of blocks. */
function decodeBlocks(value: unknown, path: string): ContentPart[] {
  if (typeof value === 'string') return value === '' ? [] : [{ type: 'text', text: value }];
  const blocks = expectArray(value, path);
  const parts: ContentPart[] = [];
  blocks.forEach((item, i) => {
    const blockPath = `${path}[${i}]`;
    const block = expectObject(item, blockPath);
    const type = expectString(block.type, `${blockPath}.type`);
    switch (type) {
      case 'text':
        parts.push(decodeTextBlock(block, blockPath));
        break;
      case 'image':
        parts.push(decodeImageBlock(block, blockPath));
        break;
      case 'document':
        parts.push(...decodeDocumentBlock(block, blockPath));
        break;
      case 'tool_use':
        parts.push(decodeToolUseBlock(block, blockPath));
        break;
      case 'tool_result':
        parts.push(decodeToolResultBlock(block, blockPath));
        break;
      case 'thinking':
        parts.push(decodeThinkingBlock(block, blockPath));
        break;
      case 'redacted_thinking':
        parts.push(decodeRedactedThinkingBlock(block, blockPath));
        break;
      default:
        // Server-tool blocks (server_tool_use, web_search_tool_result, mcp_*, container_upload,
        // search_result…) have no canonical form. Same-format traffic is passed through as bytes,
        // so they only reach here when translating, where they are dropped.
        break;
    }
  });
  return parts;
}

function textOnly(parts: ContentPart[], path: string): TextPart[] {
  return parts.map((part) => {
    if (part.type !== 'text') throw new TranslationError(`${path} may only hold text in a system message`, path);
    return part;
  });
}

/**
 * Anthropic `messages` → canonical messages. `tool_result` blocks of a user message become a
 * canonical `tool` message placed BEFORE the rest of that user message, which is the order the
 * other formats need (results answer the previous assistant turn; the new text follows).
 */
export function decodeMessages(value: unknown, path: string): DecodedMessages {
  const items = expectArray(value, path);
  const messages: CanonicalMessage[] = [];
  const system: TextPart[] = [];
  items.forEach((item, i) => {
    const messagePath = `${path}[${i}]`;
    const message = expectObject(item, messagePath);
    const role = expectString(message.role, `${messagePath}.role`);
    const parts = decodeBlocks(message.content, `${messagePath}.content`);
    if (role === 'system') {
      system.push(...textOnly(parts, `${messagePath}.content`));
      return;
    }
    if (role === 'assistant') {
      messages.push({ role: 'assistant', content: parts });
      return;
    }
    if (role !== 'user') {
      throw new TranslationError(`${messagePath}.role must be 'user', 'assistant' or 'system'`, `${messagePath}.role`);
    }
    const results = parts.filter((part): part is ToolResultPart => part.type === 'tool_result');
    const rest = parts.filter((part) => part.type !== 'tool_result');
    if (results.length > 0) messages.push({ role: 'tool', content: results });
    if (rest.length > 0 || results.length === 0) messages.push({ role: 'user', content: rest });
  });
  return { messages, system };
}
