import type { ContentPart, TextPart, ToolCallPart } from '../../canonical/index.js';
import { syntheticId } from './ids.js';
import type { JsonObject } from '../../json-guards.js';
import { isObject } from '../../json-guards.js';
import { ReasoningGrouper } from './reasoning-grouper.js';

/** Responses annotation types; citations from other formats have other shapes and are not echoed. */
const ANNOTATION_TYPES = new Set(['url_citation', 'file_citation', 'container_file_citation', 'file_path']);

export function encodeAnnotations(part: TextPart): unknown[] {
  return (part.citations ?? []).filter((c) => isObject(c) && typeof c.type === 'string' && ANNOTATION_TYPES.has(c.type));
}

export function outputTextPart(text: string, annotations: unknown[]): JsonObject {
  return { type: 'output_text', annotations, logprobs: [], text };
}

export function functionCallItem(part: ToolCallPart, fallbackId: string, status: string): JsonObject {
  return {
    id: ownItemId(part) ?? fallbackId,
    type: 'function_call',
    status,
    arguments: part.arguments,
    call_id: part.id,
    name: part.name,
  };
}

export function ownItemId(part: { opaque?: { origin: string; itemId?: string } | undefined }): string | undefined {
  return part.opaque?.origin === 'openai-responses' ? part.opaque.itemId : undefined;
}

/**
 * Canonical output → Responses output items: consecutive text parts share one message item,
 * reasoning of any origin is shown (foreign reasoning without opaque state), tool calls become
 * function_call items. `idBase` makes item ids unique and stable within one response.
 */
export function encodeOutput(content: ContentPart[], idBase: string): JsonObject[] {
  const items: JsonObject[] = [];
  let n = 0;
  const nextId = (prefix: string): string => syntheticId(prefix, `${idBase}_${n++}`);
  const reasoning = new ReasoningGrouper(true, () => nextId('rs'));
  let message: JsonObject[] | undefined;

  for (const part of content) {
    if (part.type !== 'reasoning') reasoning.reset();
    if (part.type !== 'text') message = undefined;
    switch (part.type) {
      case 'text':
        if (message === undefined) {
          message = [];
          items.push({ id: nextId('msg'), type: 'message', status: 'completed', role: 'assistant', content: message });
        }
        message.push(outputTextPart(part.text, encodeAnnotations(part)));
        break;
      case 'reasoning': {
        const opened = reasoning.add(part);
        if (opened) items.push(opened);
        break;
      }
      case 'tool_call':
        items.push(functionCallItem(part, nextId('fc'), 'completed'));
        break;
      default:
        break;
    }
  }
  return items;
}
