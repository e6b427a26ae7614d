import { randomUUID } from 'node:crypto';
import type { CanonicalStreamEvent, CanonicalUsage, OpaqueState, StopReason } from '../../canonical/index.js';
import type { SseEvent, StreamEncoder } from '../../codec.js';
import { encodeResponseText, encodeResponseUsage } from './encode-response.js';
import { encodeStreamError } from './errors.js';
import { ANTHROPIC_FORMAT } from './format.js';
import type { JsonObject } from '../../json-guards.js';
import { encodeStopReason } from './stop-reason.js';
import { encodeUsage } from './usage.js';

interface BlockState {
  /** Index on the Anthropic wire (renumbered: dropped reasoning blocks take no index). */
  wireIndex: number;
  kind: 'text' | 'thinking' | 'redacted' | 'tool' | 'dropped';
  open: boolean;
}

function sse(type: string, payload: JsonObject): SseEvent {
  return { event: type, data: JSON.stringify({ type, ...payload }) };
}

function isOwn(opaque: OpaqueState | undefined): boolean {
  return opaque?.origin === ANTHROPIC_FORMAT;
}

/**
 * `message_delta.usage`: output_tokens is required; unknown counts are null, never invented
 * (0 output only when the source reported no usage at all, as the field may not be absent).
 */
function deltaUsage(usage: CanonicalUsage | undefined): JsonObject {
  if (usage === undefined) {
    return { input_tokens: null, output_tokens: 0, cache_creation_input_tokens: null, cache_read_input_tokens: null, server_tool_use: null };
  }
  return { ...encodeUsage(usage), server_tool_use: null };
}

/**
 * Canonical events → Anthropic SSE, each emitted as soon as it arrives. Reasoning reaches the
 * client only when it is Anthropic's own (signed or redacted): an Anthropic client sends thinking
 * blocks back, and unsigned ones would break the next turn at Anthropic.
 */
class AnthropicStreamEncoder implements StreamEncoder {
  private readonly blocks = new Map<number, BlockState>();
  private nextWireIndex = 0;
  private started = false;
  private finished = false;
  private usage: CanonicalUsage | undefined;

  constructor(private readonly model: string) {}

  push(event: CanonicalStreamEvent): SseEvent[] {
    if (this.finished) return [];
    if (event.type === 'error') {
      this.finished = true;
      return encodeStreamError(event.error);
    }
    const out = event.type === 'message_start' ? [] : this.ensureStarted();
    switch (event.type) {
      case 'message_start':
        return this.start(event.id, event.model, event.usage);
      case 'text_start':
        return [...out, ...this.openText(event.index)];
      case 'text_delta':
        return [...out, ...this.openText(event.index), ...this.delta(event.index, 'text', { type: 'text_delta', text: event.text })];
      case 'reasoning_start':
        return [...out, ...this.openReasoning(event.index, event.redacted === true, event.opaque)];
      case 'reasoning_delta':
        return [
          ...out,
          ...this.openReasoning(event.index, false, undefined),
          ...this.delta(event.index, 'thinking', { type: 'thinking_delta', thinking: event.text }),
        ];
      case 'reasoning_opaque':
        if (!isOwn(event.opaque) || event.opaque.signature === undefined) return out;
        return [...out, ...this.delta(event.index, 'thinking', { type: 'signature_delta', signature: event.opaque.signature })];
      case 'tool_call_start':
        return [...out, ...this.openTool(event.index, event.id, event.name)];
      case 'tool_call_delta':
        return [...out, ...this.delta(event.index, 'tool', { type: 'input_json_delta', partial_json: event.argumentsDelta })];
      case 'block_stop':
        return [...out, ...this.stopBlock(event.index)];
      case 'usage':
        this.usage = event.usage;
        return out;
      case 'message_stop':
        return [...out, ...this.finish(event.stopReason, event.stopSequence, event.usage ?? this.usage)];
    }
  }

  end(complete: boolean): SseEvent[] {
    if (this.finished || !complete) return [];
    return [...this.ensureStarted(), ...this.finish('end_turn', undefined, this.usage)];
  }

  private start(id: string, model: string, usage: CanonicalUsage | undefined): SseEvent[] {
    if (this.started) return [];
    this.started = true;
    if (usage !== undefined) this.usage = usage;
    const message = {
      id: id !== '' ? id : `msg_${randomUUID().replaceAll('-', '')}`,
      type: 'message',
      role: 'assistant',
      content: [],
      model: this.model !== '' ? this.model : model,
      stop_reason: null,
      stop_sequence: null,
      usage: encodeResponseUsage(usage),
    };
    return [sse('message_start', { message })];
  }

  /** Anthropic clients need message_start first, even if the source stream skipped it. */
  private ensureStarted(): SseEvent[] {
    return this.started ? [] : this.start('', '', undefined);
  }

  private register(index: number, kind: BlockState['kind']): BlockState {
    const state: BlockState = { wireIndex: kind === 'dropped' ? -1 : this.nextWireIndex++, kind, open: kind !== 'dropped' };
    this.blocks.set(index, state);
    return state;
  }

  private openText(index: number): SseEvent[] {
    if (this.blocks.has(index)) return [];
    const state = this.register(index, 'text');
    return [sse('content_block_start', { index: state.wireIndex, content_block: encodeResponseText('', undefined) })];
  }

  private openReasoning(index: number, redacted: boolean, opaque: OpaqueState | undefined): SseEvent[] {
    if (this.blocks.has(index)) return [];
    if (!isOwn(opaque)) {
      this.register(index, 'dropped');
      return [];
    }
    if (redacted || opaque?.redactedData !== undefined) {
      // A redacted block is complete in its start event; no delta kind matches it.
      const state = this.register(index, 'redacted');
      const content_block = { type: 'redacted_thinking', data: opaque?.redactedData ?? '' };
      return [sse('content_block_start', { index: state.wireIndex, content_block })];
    }
    const state = this.register(index, 'thinking');
    const content_block = { type: 'thinking', thinking: '', signature: opaque?.signature ?? '' };
    return [sse('content_block_start', { index: state.wireIndex, content_block })];
  }

  private openTool(index: number, id: string, name: string): SseEvent[] {
    if (this.blocks.has(index)) return [];
    const state = this.register(index, 'tool');
    return [sse('content_block_start', { index: state.wireIndex, content_block: { type: 'tool_use', id, name, input: {} } })];
  }

  private delta(index: number, kind: BlockState['kind'], delta: JsonObject): SseEvent[] {
    const state = this.blocks.get(index);
    if (state?.kind !== kind || !state.open) return [];
    return [sse('content_block_delta', { index: state.wireIndex, delta })];
  }

  private stopBlock(index: number): SseEvent[] {
    const state = this.blocks.get(index);
    if (state === undefined || !state.open) return [];
    state.open = false;
    return [sse('content_block_stop', { index: state.wireIndex })];
  }

  private finish(stopReason: StopReason, stopSequence: string | undefined, usage: CanonicalUsage | undefined): SseEvent[] {
    this.finished = true;
    const out: SseEvent[] = [];
    for (const index of this.blocks.keys()) out.push(...this.stopBlock(index));
    const delta = { stop_reason: encodeStopReason(stopReason), stop_sequence: stopSequence ?? null };
    out.push(sse('message_delta', { delta, usage: deltaUsage(usage) }));
    out.push(sse('message_stop', {}));
    return out;
  }
}

export function createStreamEncoder(options: { includeUsage: boolean; model: string }): StreamEncoder {
  return new AnthropicStreamEncoder(options.model);
}
