import type { CanonicalMessage, ContentPart, ToolResultPart } from '../../canonical/index.js';
import { urlFromSource } from '../../data-url.js';
import type { JsonObject } from '../../json-guards.js';
import { ReasoningGrouper } from './reasoning-grouper.js';

/**
 * Canonical messages → Responses input items, in order. Assistant text goes out as one
 * `{role:'assistant', content:string}` message per text part (the form the spec accepts without
 * output-item ids, which we must not invent). Reasoning is re-emitted only when it came from a
 * Responses upstream; foreign reasoning is dropped because Responses only accepts its own
 * (encrypted) reasoning items.
 */
export function encodeInput(messages: CanonicalMessage[]): JsonObject[] {
  const items: JsonObject[] = [];
  for (const message of messages) {
    if (message.role === 'assistant') encodeAssistant(message.content, items);
    else encodeUserOrTool(message.content, items);
  }
  return items;
}

function encodeUserOrTool(parts: ContentPart[], items: JsonObject[]): void {
  let pending: JsonObject[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const only = pending[0];
    const content = pending.length === 1 && only?.type === 'input_text' ? only.text : pending;
    items.push({ type: 'message', role: 'user', content });
    pending = [];
  };
  for (const part of parts) {
    if (part.type === 'tool_result') {
      flush();
      items.push(encodeToolResult(part));
    } else {
      const encoded = encodeInputPart(part);
      if (encoded) pending.push(encoded);
    }
  }
  flush();
}

function encodeAssistant(parts: ContentPart[], items: JsonObject[]): void {
  // Requests drop foreign reasoning and never invent reasoning item ids.
  const reasoning = new ReasoningGrouper(false, () => undefined);
  for (const part of parts) {
    if (part.type !== 'reasoning') reasoning.reset();
    switch (part.type) {
      case 'text':
        items.push({ type: 'message', role: 'assistant', content: part.text });
        break;
      case 'tool_call': {
        const item: JsonObject = { type: 'function_call', call_id: part.id, name: part.name, arguments: part.arguments };
        if (part.opaque?.origin === 'openai-responses' && part.opaque.itemId !== undefined) item.id = part.opaque.itemId;
        items.push(item);
        break;
      }
      case 'reasoning': {
        const opened = reasoning.add(part);
        if (opened) items.push(opened);
        break;
      }
      case 'tool_result':
        items.push(encodeToolResult(part));
        break;
      default:
        // Images and files have no place in assistant input items.
        break;
    }
  }
}

function encodeToolResult(part: ToolResultPart): JsonObject {
  const only = part.content[0];
  let output: string | JsonObject[];
  if (part.content.length === 0) output = '';
  else if (part.content.length === 1 && only?.type === 'text') output = only.text;
  else output = part.content.map((p) => encodeInputPart(p)).filter((p): p is JsonObject => p !== undefined);
  return { type: 'function_call_output', call_id: part.toolCallId, output };
}

function encodeInputPart(part: ContentPart): JsonObject | undefined {
  switch (part.type) {
    case 'text':
      return { type: 'input_text', text: part.text };
    case 'image':
      return { type: 'input_image', image_url: urlFromSource(part.source), detail: part.detail ?? 'auto' };
    case 'file': {
      const file: JsonObject = { type: 'input_file' };
      if (part.source.kind === 'url') file.file_url = part.source.url;
      else file.file_data = urlFromSource(part.source);
      if (part.filename !== undefined) file.filename = part.filename;
      return file;
    }
    default:
      return undefined;
  }
}
