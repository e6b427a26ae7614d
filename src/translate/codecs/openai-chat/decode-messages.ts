import type { CanonicalMessage, ContentPart, TextPart, ToolCallPart, ToolResultPart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { decodeTextContent, decodeUserContent } from './decode-content.js';
import { expectArray, expectObject, expectString, isObject, joinPath, optionalString, type JsonObject } from '../../json-guards.js';

export interface DecodedMessages {
  system: TextPart[];
  messages: CanonicalMessage[];
}

/** Tool-call ids for legacy `function_call`s, which have none; `function` results refer back by name. */
function legacyCallId(messageIndex: number): string {
  return `call_legacy_${messageIndex}`;
}

/** Decodes `messages`: system/developer lift into `system`, consecutive tool results group into one message. */
export function decodeMessages(raw: unknown, path = 'messages'): DecodedMessages {
  const items = expectArray(raw, path);
  const system: TextPart[] = [];
  const messages: CanonicalMessage[] = [];
  const legacyIdsByName = new Map<string, string>();

  const pushToolResult = (result: ToolResultPart): void => {
    const last = messages[messages.length - 1];
    if (last?.role === 'tool') last.content.push(result);
    else messages.push({ role: 'tool', content: [result] });
  };

  items.forEach((item, index) => {
    const messagePath = joinPath(path, index);
    const message = expectObject(item, messagePath);
    const role = message.role;
    const contentPath = joinPath(messagePath, 'content');
    switch (role) {
      case 'system':
      case 'developer':
        system.push(...decodeTextContent(message.content, contentPath));
        return;
      case 'user': {
        const user: CanonicalMessage = { role: 'user', content: decodeUserContent(message.content, contentPath) };
        const name = optionalString(message.name, joinPath(messagePath, 'name'));
        if (name !== undefined) user.name = name;
        messages.push(user);
        return;
      }
      case 'assistant':
        messages.push(decodeAssistantMessage(message, messagePath, index, legacyIdsByName));
        return;
      case 'tool':
        pushToolResult({
          type: 'tool_result',
          toolCallId: expectString(message.tool_call_id, joinPath(messagePath, 'tool_call_id')),
          content: decodeTextContent(message.content, contentPath),
        });
        return;
      case 'function': {
        const name = expectString(message.name, joinPath(messagePath, 'name'));
        pushToolResult({
          type: 'tool_result',
          toolCallId: legacyIdsByName.get(name) ?? legacyCallId(index),
          name,
          content: decodeTextContent(message.content, contentPath),
        });
        return;
      }
      default:
        throw new TranslationError(`${messagePath}.role ${JSON.stringify(role)} is not supported`, joinPath(messagePath, 'role'));
    }
  });
  return { system, messages };
}

function decodeAssistantMessage(
  message: JsonObject,
  path: string,
  index: number,
  legacyIdsByName: Map<string, string>,
): CanonicalMessage {
  const content: ContentPart[] = [];
  // Clients such as Cline/Roo echo reasoning back under the field they received it in.
  const reasoning =
    optionalString(message.reasoning_content, joinPath(path, 'reasoning_content')) ??
    (typeof message.reasoning === 'string' ? message.reasoning : undefined);
  if (reasoning) content.push({ type: 'reasoning', text: reasoning });

  content.push(...decodeAssistantContent(message.content, joinPath(path, 'content')));
  const refusal = optionalString(message.refusal, joinPath(path, 'refusal'));
  if (refusal) content.push({ type: 'text', text: refusal });

  if (message.tool_calls !== undefined && message.tool_calls !== null) {
    const callsPath = joinPath(path, 'tool_calls');
    expectArray(message.tool_calls, callsPath).forEach((call, callIndex) => {
      content.push(decodeToolCall(call, joinPath(callsPath, callIndex)));
    });
  }
  if (isObject(message.function_call)) {
    const functionPath = joinPath(path, 'function_call');
    const name = expectString(message.function_call.name, joinPath(functionPath, 'name'));
    const id = legacyCallId(index);
    legacyIdsByName.set(name, id);
    content.push({ type: 'tool_call', id, name, arguments: decodeArguments(message.function_call.arguments, functionPath) });
  }

  const assistant: CanonicalMessage = { role: 'assistant', content };
  const name = optionalString(message.name, joinPath(path, 'name'));
  if (name !== undefined) assistant.name = name;
  return assistant;
}

function decodeAssistantContent(content: unknown, path: string): TextPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content.length > 0 ? [{ type: 'text', text: content }] : [];
  return expectArray(content, path).flatMap((item, index): TextPart[] => {
    const partPath = joinPath(path, index);
    const part = expectObject(item, partPath);
    if (part.type === 'text') return [{ type: 'text', text: expectString(part.text, joinPath(partPath, 'text')) }];
    if (part.type === 'refusal') return [{ type: 'text', text: expectString(part.refusal, joinPath(partPath, 'refusal')) }];
    throw new TranslationError(`${partPath}.type ${JSON.stringify(part.type)} is not supported`, joinPath(partPath, 'type'));
  });
}

function decodeToolCall(raw: unknown, path: string): ToolCallPart {
  const call = expectObject(raw, path);
  if (call.type !== undefined && call.type !== 'function') {
    throw new TranslationError(`${path}.type ${JSON.stringify(call.type)} is not supported`, joinPath(path, 'type'));
  }
  const functionPath = joinPath(path, 'function');
  const fn = expectObject(call.function, functionPath);
  return {
    type: 'tool_call',
    id: expectString(call.id, joinPath(path, 'id')),
    name: expectString(fn.name, joinPath(functionPath, 'name')),
    arguments: decodeArguments(fn.arguments, functionPath),
  };
}

/** Arguments are JSON text; a few clients send the object itself, which we serialise once. */
function decodeArguments(raw: unknown, functionPath: string): string {
  if (typeof raw === 'string') return raw;
  if (raw === undefined || raw === null) return '{}';
  if (isObject(raw)) return JSON.stringify(raw);
  throw new TranslationError(`${functionPath}.arguments must be a JSON string`, joinPath(functionPath, 'arguments'));
}
