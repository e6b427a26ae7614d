import type { CanonicalMessage, ContentPart, TextPart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { decodeMessageContent, decodeToolOutput } from './decode-content.js';
import { decodeFunctionCallItem, decodeReasoningItem } from './decode-items.js';
import { expectString, isObject, type JsonObject } from '../../json-guards.js';

export interface DecodedInput {
  system: TextPart[];
  messages: CanonicalMessage[];
}

/**
 * `input` (a string or a list of items) → canonical messages. Consecutive assistant-side items
 * (reasoning, assistant message, function_call) form ONE assistant message in their original
 * order, so a reasoning item stays next to the item it precedes; consecutive function_call_output
 * items form one tool message. system/developer messages become system text. Item types with no
 * canonical meaning (item_reference, built-in tool calls) are skipped.
 */
export function decodeInput(input: unknown, path: string): DecodedInput {
  const result: DecodedInput = { system: [], messages: [] };
  if (input === undefined || input === null) return result;
  if (typeof input === 'string') {
    result.messages.push({ role: 'user', content: [{ type: 'text', text: input }] });
    return result;
  }
  if (!Array.isArray(input)) throw new TranslationError(`${path} must be a string or an array of items`, path);
  input.forEach((raw, i) => decodeItem(raw, `${path}[${i}]`, result));
  return result;
}

function decodeItem(raw: unknown, path: string, into: DecodedInput): void {
  if (!isObject(raw)) throw new TranslationError(`${path} must be an object`, path);
  const type = raw.type ?? (raw.role !== undefined ? 'message' : undefined);
  switch (type) {
    case 'message':
      decodeMessageItem(raw, path, into);
      return;
    case 'reasoning':
      appendTo(into.messages, 'assistant', decodeReasoningItem(raw, path));
      return;
    case 'function_call':
      appendTo(into.messages, 'assistant', [decodeFunctionCallItem(raw, path)]);
      return;
    case 'function_call_output':
      appendTo(into.messages, 'tool', [
        {
          type: 'tool_result',
          toolCallId: expectString(raw.call_id, `${path}.call_id`),
          content: decodeToolOutput(raw.output, `${path}.output`),
        },
      ]);
      return;
    default:
      if (typeof type !== 'string') throw new TranslationError(`${path}.type is required`, `${path}.type`);
  }
}

function decodeMessageItem(item: JsonObject, path: string, into: DecodedInput): void {
  const role = item.role;
  const content = decodeMessageContent(item.content, `${path}.content`);
  switch (role) {
    case 'user':
      into.messages.push({ role: 'user', content });
      return;
    case 'assistant':
      appendTo(into.messages, 'assistant', content);
      return;
    case 'system':
    case 'developer':
      content.forEach((part, i) => {
        if (part.type !== 'text') {
          throw new TranslationError(`${path}.content[${i}]: only text is allowed in ${role} messages`, `${path}.content[${i}]`);
        }
        into.system.push(part);
      });
      return;
    default:
      throw new TranslationError(`${path}.role must be user, assistant, system or developer`, `${path}.role`);
  }
}

function appendTo(messages: CanonicalMessage[], role: 'assistant' | 'tool', parts: ContentPart[]): void {
  const last = messages[messages.length - 1];
  if (last?.role === role) last.content.push(...parts);
  else messages.push({ role, content: parts });
}
