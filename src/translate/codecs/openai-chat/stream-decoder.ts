import type { CanonicalStreamEvent, CanonicalUsage } from '../../canonical/index.js';
import type { SseEvent, StreamDecoder } from '../../codec.js';
import { TranslationError } from '../../translation-error.js';
import { decodeError, statusOfStreamError } from './errors.js';
import { isObject, numberOrUndefined, stringOrUndefined, type JsonObject } from '../../json-guards.js';
import { readReasoningText } from './reasoning-fields.js';
import { stopReasonFromFinish } from './stop-reason.js';
import { ThinkTagSplitter } from './think-tag-splitter.js';
import { decodeUsage } from './usage.js';

interface ToolState {
  /** Canonical block index, assigned when the call's name is known. */
  blockIndex?: number;
  toolIndex?: number;
  id?: string;
  name?: string;
  /** Argument text that arrived before the name (held until the call can be started). */
  pendingArguments: string;
}

/**
 * `chat.completion.chunk` events → canonical stream events. Only choice 0 is followed. Content
 * blocks open lazily and close when another kind of block starts or at `finish_reason`;
 * `message_stop` waits for `[DONE]` (or the end of the stream after a finish) because the usage
 * chunk comes after the finish chunk.
 */
export class OpenAiChatStreamDecoder implements StreamDecoder {
  private started = false;
  private finished = false;
  private nextBlockIndex = 0;
  private nextToolIndex = 0;
  private openBlock: { kind: 'text' | 'reasoning' | 'tool'; index: number } | undefined;
  private readonly tools = new Map<number, ToolState>();
  private readonly thinkSplitter = new ThinkTagSplitter();
  private finishReason: unknown;
  private usage: CanonicalUsage | undefined;

  push(event: SseEvent): CanonicalStreamEvent[] {
    if (this.finished) return [];
    const data = event.data.trim();
    if (data === '') return [];
    if (data === '[DONE]') return this.finish();
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      throw new TranslationError('stream chunk is not JSON', 'data');
    }
    if (!isObject(chunk)) throw new TranslationError('stream chunk must be an object', 'data');
    if (chunk.error !== undefined && chunk.error !== null) {
      this.finished = true;
      return [{ type: 'error', error: decodeError(statusOfStreamError(chunk), chunk) }];
    }

    const out: CanonicalStreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      out.push({
        type: 'message_start',
        id: stringOrUndefined(chunk.id) ?? '',
        model: stringOrUndefined(chunk.model) ?? '',
        created: numberOrUndefined(chunk.created) ?? 0,
      });
    }
    const choice = Array.isArray(chunk.choices)
      ? chunk.choices.find((item): item is JsonObject => isObject(item) && (item.index ?? 0) === 0)
      : undefined;
    if (choice !== undefined) this.pushChoice(choice, out);
    // Usage may ride on the usage-only chunk (`choices: []`) or on the last chunk with choices.
    const usage = decodeUsage(chunk.usage);
    if (usage !== undefined) {
      this.usage = usage;
      out.push({ type: 'usage', usage });
    }
    return out;
  }

  end(): CanonicalStreamEvent[] {
    if (this.finished) return [];
    // A stream that reached its finish_reason but lost `[DONE]` is complete; one that did not is
    // left without message_stop so the pipeline reports it as broken.
    if (this.finishReason !== undefined && this.finishReason !== null) return this.finish();
    const out: CanonicalStreamEvent[] = [];
    this.flushThink(out);
    this.closeOpenBlock(out);
    this.finished = true;
    return out;
  }

  private pushChoice(choice: JsonObject, out: CanonicalStreamEvent[]): void {
    const delta = isObject(choice.delta) ? choice.delta : {};
    const reasoning = readReasoningText(delta);
    if (reasoning) this.appendText('reasoning', reasoning, out);
    if (typeof delta.content === 'string' && delta.content.length > 0) {
      for (const segment of this.thinkSplitter.push(delta.content)) this.appendText(segment.kind, segment.text, out);
    }
    if (Array.isArray(delta.tool_calls)) {
      delta.tool_calls.forEach((call, position) => {
        if (isObject(call)) this.pushToolFragment(numberOrUndefined(call.index) ?? position, call, out);
      });
    } else if (isObject(delta.function_call)) {
      this.pushToolFragment(0, { function: delta.function_call }, out);
    }
    if (choice.finish_reason !== undefined && choice.finish_reason !== null) {
      this.finishReason = choice.finish_reason;
      this.flushThink(out);
      this.closeOpenBlock(out);
    }
  }

  private appendText(kind: 'text' | 'reasoning', text: string, out: CanonicalStreamEvent[]): void {
    if (this.openBlock?.kind !== kind) {
      this.closeOpenBlock(out);
      const index = this.nextBlockIndex++;
      this.openBlock = { kind, index };
      out.push(kind === 'text' ? { type: 'text_start', index } : { type: 'reasoning_start', index });
    }
    const index = this.openBlock.index;
    out.push(kind === 'text' ? { type: 'text_delta', index, text } : { type: 'reasoning_delta', index, text });
  }

  private pushToolFragment(wireIndex: number, call: JsonObject, out: CanonicalStreamEvent[]): void {
    let tool = this.tools.get(wireIndex);
    if (tool === undefined) {
      tool = { pendingArguments: '' };
      this.tools.set(wireIndex, tool);
    }
    const fn = isObject(call.function) ? call.function : {};
    // Only the first fragment should carry id/name; some providers repeat them on every fragment.
    if (tool.id === undefined && typeof call.id === 'string' && call.id !== '') tool.id = call.id;
    if (tool.name === undefined && typeof fn.name === 'string' && fn.name !== '') tool.name = fn.name;
    const argumentsDelta = typeof fn.arguments === 'string' ? fn.arguments : '';

    if (tool.blockIndex === undefined || tool.toolIndex === undefined) {
      if (tool.name === undefined) {
        tool.pendingArguments += argumentsDelta;
        return;
      }
      this.flushThink(out);
      this.closeOpenBlock(out);
      const index = this.nextBlockIndex++;
      const toolIndex = this.nextToolIndex++;
      tool.blockIndex = index;
      tool.toolIndex = toolIndex;
      this.openBlock = { kind: 'tool', index };
      out.push({ type: 'tool_call_start', index, toolIndex, id: tool.id ?? `call_${toolIndex}`, name: tool.name });
      const buffered = tool.pendingArguments + argumentsDelta;
      tool.pendingArguments = '';
      if (buffered) out.push({ type: 'tool_call_delta', index, toolIndex, argumentsDelta: buffered });
      return;
    }
    if (argumentsDelta) {
      out.push({ type: 'tool_call_delta', index: tool.blockIndex, toolIndex: tool.toolIndex, argumentsDelta });
    }
  }

  private flushThink(out: CanonicalStreamEvent[]): void {
    for (const segment of this.thinkSplitter.end()) this.appendText(segment.kind, segment.text, out);
  }

  private closeOpenBlock(out: CanonicalStreamEvent[]): void {
    if (this.openBlock === undefined) return;
    out.push({ type: 'block_stop', index: this.openBlock.index });
    this.openBlock = undefined;
  }

  private finish(): CanonicalStreamEvent[] {
    const out: CanonicalStreamEvent[] = [];
    this.flushThink(out);
    this.closeOpenBlock(out);
    this.finished = true;
    const stop: CanonicalStreamEvent = {
      type: 'message_stop',
      stopReason: stopReasonFromFinish(this.finishReason, this.nextToolIndex > 0),
    };
    if (this.usage !== undefined) stop.usage = this.usage;
    out.push(stop);
    return out;
  }
}

export function createStreamDecoder(): StreamDecoder {
  return new OpenAiChatStreamDecoder();
}
