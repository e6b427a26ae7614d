// Test helper: folds canonical stream events into what a client would end up with, checking
// the block-structure invariants of canonical/stream-event.ts on the way.
import type { CanonicalStreamEvent, CanonicalUsage, StopReason } from '../../../canonical/index.js';

export interface AssembledStream {
  id?: string;
  model?: string;
  text: string;
  reasoning: string;
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  stopReason?: StopReason;
  usage?: CanonicalUsage;
  errorMessage?: string;
}

export function assembleStream(events: CanonicalStreamEvent[]): AssembledStream {
  const result: AssembledStream = { text: '', reasoning: '', toolCalls: [] };
  const open = new Map<number, 'text' | 'reasoning' | 'tool'>();
  const seen = new Set<number>();
  let expectedIndex = 0;
  const openBlock = (index: number, kind: 'text' | 'reasoning' | 'tool'): void => {
    if (seen.has(index)) throw new Error(`block ${index} opened twice`);
    if (index !== expectedIndex) throw new Error(`block ${index} opened, expected ${expectedIndex}`);
    expectedIndex += 1;
    seen.add(index);
    open.set(index, kind);
  };
  const requireOpen = (index: number, kind: 'text' | 'reasoning' | 'tool'): void => {
    if (open.get(index) !== kind) throw new Error(`delta for block ${index} that is not an open ${kind} block`);
  };
  events.forEach((event, position) => {
    if (position === 0 && event.type !== 'message_start') throw new Error('stream must begin with message_start');
    if (result.stopReason !== undefined) throw new Error(`${event.type} after message_stop`);
    switch (event.type) {
      case 'message_start':
        result.id = event.id;
        result.model = event.model;
        return;
      case 'text_start':
        return openBlock(event.index, 'text');
      case 'reasoning_start':
        return openBlock(event.index, 'reasoning');
      case 'tool_call_start':
        if (event.toolIndex !== result.toolCalls.length) throw new Error(`toolIndex ${event.toolIndex} out of order`);
        openBlock(event.index, 'tool');
        result.toolCalls.push({ id: event.id, name: event.name, arguments: '' });
        return;
      case 'text_delta':
        requireOpen(event.index, 'text');
        result.text += event.text;
        return;
      case 'reasoning_delta':
        requireOpen(event.index, 'reasoning');
        result.reasoning += event.text;
        return;
      case 'tool_call_delta': {
        requireOpen(event.index, 'tool');
        const call = result.toolCalls[event.toolIndex];
        if (call === undefined) throw new Error(`delta for unknown tool ${event.toolIndex}`);
        call.arguments += event.argumentsDelta;
        return;
      }
      case 'block_stop':
        if (!open.delete(event.index)) throw new Error(`block_stop for block ${event.index} that is not open`);
        return;
      case 'usage':
        result.usage = event.usage;
        return;
      case 'message_stop':
        if (open.size > 0) throw new Error('message_stop with blocks still open');
        result.stopReason = event.stopReason;
        if (event.usage !== undefined) result.usage = event.usage;
        return;
      case 'error':
        result.errorMessage = event.error.message;
        return;
      default:
        return;
    }
  });
  return result;
}
