import type { OpaqueState, ReasoningPart, ToolCallPart } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { isSyntheticId } from './ids.js';
import { expectString, isObject, optionalString, type JsonObject } from '../../json-guards.js';

/**
 * A `reasoning` item → one canonical reasoning part per summary part (then one per raw
 * `reasoning_text` part), so the item can be rebuilt exactly. Every part carries the item id; only
 * the last one carries `encrypted_content`, which is where the stream decoder puts it too (it
 * arrives with `output_item.done`, after the text).
 */
export function decodeReasoningItem(item: JsonObject, path: string): ReasoningPart[] {
  const itemId = ownItemId(optionalString(item.id, `${path}.id`));
  const encrypted = optionalString(item.encrypted_content, `${path}.encrypted_content`);
  const parts: ReasoningPart[] = [];
  // An item the gateway itself made up (shown to a Responses client from another provider's
  // reasoning) carries nothing OpenAI could use: it is plain reasoning, not opaque state.
  const foreign = itemId === undefined && encrypted === undefined && item.id !== undefined;
  const base = (): OpaqueState | undefined =>
    foreign ? undefined : itemId === undefined ? { origin: 'openai-responses' } : { origin: 'openai-responses', itemId };
  const part = (text: string, summary: boolean | undefined): ReasoningPart => {
    const result: ReasoningPart = { type: 'reasoning', text };
    if (summary !== undefined) result.summary = summary;
    const opaque = base();
    if (opaque !== undefined) result.opaque = opaque;
    return result;
  };

  readTextParts(item.summary, `${path}.summary`).forEach((text) => parts.push(part(text, true)));
  readTextParts(item.content, `${path}.content`).forEach((text) => parts.push(part(text, false)));
  if (parts.length === 0) parts.push(part('', undefined));
  const last = parts[parts.length - 1];
  if (encrypted !== undefined && last?.opaque) last.opaque.encryptedContent = encrypted;
  return parts;
}

function readTextParts(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new TranslationError(`${path} must be an array`, path);
  return value.map((part, i) => {
    if (!isObject(part)) throw new TranslationError(`${path}[${i}] must be an object`, `${path}[${i}]`);
    return expectString(part.text, `${path}[${i}].text`);
  });
}

/** A `function_call` item → a tool call whose id is the `call_id`; the `fc_` item id is opaque state. */
export function decodeFunctionCallItem(item: JsonObject, path: string): ToolCallPart {
  const part: ToolCallPart = {
    type: 'tool_call',
    id: expectString(item.call_id, `${path}.call_id`),
    name: expectString(item.name, `${path}.name`),
    arguments: optionalString(item.arguments, `${path}.arguments`) ?? '',
  };
  const itemId = ownItemId(optionalString(item.id, `${path}.id`));
  if (itemId !== undefined) part.opaque = { origin: 'openai-responses', itemId };
  return part;
}

/** OpenAI's item id, or undefined for none and for ids the gateway generated. */
export function ownItemId(id: string | undefined): string | undefined {
  return id === undefined || isSyntheticId(id) ? undefined : id;
}
