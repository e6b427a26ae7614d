import type { CanonicalResponse, ContentPart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import {
  decodeRedactedThinkingBlock,
  decodeTextBlock,
  decodeThinkingBlock,
  decodeToolUseBlock,
} from './decode-content.js';
import { expectArray, expectObject, expectString, optionalString } from '../../json-guards.js';
import { decodeStopReason } from './stop-reason.js';
import { decodeUsage } from './usage.js';

/** Anthropic responses carry no timestamp; the canonical `created` is the time of decoding. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function decodeOutputBlocks(value: unknown, path: string): ContentPart[] {
  const parts: ContentPart[] = [];
  expectArray(value, path).forEach((item, i) => {
    const blockPath = `${path}[${i}]`;
    const block = expectObject(item, blockPath);
    const type = expectString(block.type, `${blockPath}.type`);
    if (type === 'text') parts.push(decodeTextBlock(block, blockPath));
    else if (type === 'thinking') parts.push(decodeThinkingBlock(block, blockPath));
    else if (type === 'redacted_thinking') parts.push(decodeRedactedThinkingBlock(block, blockPath));
    else if (type === 'tool_use') parts.push(decodeToolUseBlock(block, blockPath));
    // server_tool_use / web_search_tool_result etc. ran on Anthropic's side; no canonical form.
  });
  return parts;
}

/** Anthropic `Message` body → canonical response. */
export function decodeResponse(body: unknown): CanonicalResponse {
  const root = expectObject(body, 'body');
  if (root.type === 'error') throw new TranslationError('body is an error, not a message', 'type');
  const response: CanonicalResponse = {
    id: optionalString(root.id, 'id') ?? '',
    model: optionalString(root.model, 'model') ?? '',
    created: nowSeconds(),
    content: decodeOutputBlocks(root.content, 'content'),
    stopReason: decodeStopReason(root.stop_reason),
  };
  const stopSequence = optionalString(root.stop_sequence, 'stop_sequence');
  if (stopSequence !== undefined) response.stopSequence = stopSequence;
  const usage = decodeUsage(root.usage);
  if (usage !== undefined) response.usage = usage;
  return response;
}
