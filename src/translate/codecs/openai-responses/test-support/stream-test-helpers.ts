// Test helper: folds canonical stream events into output content, as a pipeline would.
import type { CanonicalStreamEvent, ContentPart } from '../../../canonical/index.js';

export function assembleContent(events: CanonicalStreamEvent[]): ContentPart[] {
  const blocks = new Map<number, ContentPart>();
  for (const event of events) {
    switch (event.type) {
      case 'text_start':
        blocks.set(event.index, { type: 'text', text: '' });
        break;
      case 'text_delta': {
        const block = blocks.get(event.index) ?? { type: 'text', text: '' };
        if (block.type === 'text') block.text += event.text;
        blocks.set(event.index, block);
        break;
      }
      case 'reasoning_start': {
        const part: ContentPart = { type: 'reasoning', text: '' };
        if (event.summary !== undefined) part.summary = event.summary;
        if (event.opaque !== undefined) part.opaque = { ...event.opaque };
        blocks.set(event.index, part);
        break;
      }
      case 'reasoning_delta': {
        const block = blocks.get(event.index);
        if (block?.type === 'reasoning') block.text += event.text;
        break;
      }
      case 'reasoning_opaque': {
        const block = blocks.get(event.index);
        if (block?.type === 'reasoning') block.opaque = { ...block.opaque, ...event.opaque };
        break;
      }
      case 'tool_call_start': {
        const part: ContentPart = { type: 'tool_call', id: event.id, name: event.name, arguments: '' };
        if (event.opaque !== undefined) part.opaque = event.opaque;
        blocks.set(event.index, part);
        break;
      }
      case 'tool_call_delta': {
        const block = blocks.get(event.index);
        if (block?.type === 'tool_call') block.arguments += event.argumentsDelta;
        break;
      }
      default:
        break;
    }
  }
  return [...blocks.entries()].sort(([a], [b]) => a - b).map(([, part]) => part);
}
