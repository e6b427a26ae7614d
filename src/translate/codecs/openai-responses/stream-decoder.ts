import type { CanonicalStreamEvent, OpaqueState } from '../../canonical/index.js';
import type { SseEvent, StreamDecoder } from '../../codec.js';
import { TranslationError } from '../../translation-error.js';
import { ownItemId } from './decode-items.js';
import { errorFromFields } from './errors.js';
import { isObject, numberOrUndefined, stringOrUndefined, type JsonObject } from '../../json-guards.js';
import { decodeStopReason } from './stop-reason.js';
import { decodeUsage } from './usage.js';

/** One canonical content block being filled from a Responses item. */
interface Block {
  index: number;
  /** Text received so far (to fill in what a `*.done` event has and the deltas did not). */
  text: string;
  open: boolean;
}

interface ItemState {
  type: string;
  itemId: string | undefined;
  /** message: keyed by content_index; reasoning: `s<summary_index>` / `c<content_index>`. */
  blocks: Map<string, Block>;
  /** The reasoning block that receives `encrypted_content` when the item is done. */
  lastReasoning?: Block;
  tool?: { block: Block; toolIndex: number };
  foreign?: boolean;
}

/**
 * Responses SSE → canonical events. Each message content part is a text block; each reasoning
 * summary part (or raw reasoning_text part) is a reasoning block; each function_call is a tool
 * block. A reasoning item's last block stays open until `output_item.done`, because that event
 * brings the final `encrypted_content` (the copy on `output_item.added` may be incomplete), and the
 * opaque state must precede `block_stop`.
 */
export function createStreamDecoder(): StreamDecoder {
  return new ResponsesStreamDecoder();
}

class ResponsesStreamDecoder implements StreamDecoder {
  private started = false;
  private finished = false;
  private nextIndex = 0;
  private nextToolIndex = 0;
  private sawFunctionCall = false;
  private sawRefusal = false;
  private readonly items = new Map<number | string, ItemState>();
  private out: CanonicalStreamEvent[] = [];

  push(event: SseEvent): CanonicalStreamEvent[] {
    if (this.finished) return [];
    const data = parse(event.data);
    if (data === undefined) return [];
    this.out = [];
    this.handle(stringOrUndefined(data.type) ?? event.event ?? '', data);
    return this.out;
  }

  end(): CanonicalStreamEvent[] {
    // Nothing is held back, so there is nothing left to flush; an unfinished stream stays
    // unfinished (no message_stop) so the pipeline can tell it broke.
    return [];
  }

  private handle(type: string, data: JsonObject): void {
    switch (type) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued':
        this.start(isObject(data.response) ? data.response : {});
        return;
      case 'response.output_item.added':
        return this.itemAdded(data);
      case 'response.content_part.added':
        return this.contentPartAdded(data);
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        return this.textDelta(data, type === 'response.refusal.delta');
      case 'response.output_text.done':
      case 'response.refusal.done':
        return this.textDone(data, stringOrUndefined(data.text) ?? stringOrUndefined(data.refusal));
      case 'response.content_part.done':
        return this.closeBlock(this.item(data)?.blocks.get(String(data.content_index)));
      case 'response.reasoning_summary_part.added':
        return void this.reasoningBlock(data, `s${String(data.summary_index)}`, true);
      case 'response.reasoning_summary_text.delta':
        return this.reasoningDelta(data, `s${String(data.summary_index)}`, true);
      case 'response.reasoning_summary_text.done':
        return this.reasoningDone(data, `s${String(data.summary_index)}`, true);
      case 'response.reasoning_text.delta':
        return this.reasoningDelta(data, `c${String(data.content_index)}`, false);
      case 'response.reasoning_text.done':
        return this.reasoningDone(data, `c${String(data.content_index)}`, false);
      case 'response.function_call_arguments.delta':
        return this.argumentsDelta(data);
      case 'response.function_call_arguments.done':
        return this.argumentsDone(this.item(data), stringOrUndefined(data.arguments));
      case 'response.output_item.done':
        return this.itemDone(data);
      case 'response.completed':
      case 'response.incomplete':
        return this.complete(isObject(data.response) ? data.response : {});
      case 'response.failed':
        return this.fail(isObject(data.response) && isObject(data.response.error) ? data.response.error : {});
      case 'error':
        return this.fail(isObject(data.error) ? data.error : data);
      default:
        // Annotations, built-in tool progress, keep-alives: nothing canonical to say.
        return;
    }
  }

  private start(response: JsonObject): void {
    if (this.started) return;
    this.started = true;
    this.out.push({
      type: 'message_start',
      id: stringOrUndefined(response.id) ?? '',
      model: stringOrUndefined(response.model) ?? '',
      created: numberOrUndefined(response.created_at) ?? 0,
    });
  }

  private item(data: JsonObject): ItemState | undefined {
    const byIndex = numberOrUndefined(data.output_index);
    const found = byIndex === undefined ? undefined : this.items.get(byIndex);
    if (found !== undefined) return found;
    const itemId = stringOrUndefined(data.item_id);
    return itemId === undefined ? undefined : this.items.get(itemId);
  }

  private itemAdded(data: JsonObject): void {
    this.start({});
    const item = isObject(data.item) ? data.item : {};
    const state = this.register(data, item);
    if (state.type === 'function_call') this.openTool(state, item);
  }

  private register(data: JsonObject, item: JsonObject): ItemState {
    const rawId = stringOrUndefined(item.id);
    const state: ItemState = { type: stringOrUndefined(item.type) ?? '', itemId: ownItemId(rawId), blocks: new Map() };
    // Reasoning the gateway showed from another provider comes back with a made-up id: not ours.
    if (rawId !== undefined && state.itemId === undefined) state.foreign = true;
    const outputIndex = numberOrUndefined(data.output_index);
    if (outputIndex !== undefined) this.items.set(outputIndex, state);
    if (state.itemId !== undefined) this.items.set(state.itemId, state);
    return state;
  }

  private openTool(state: ItemState, item: JsonObject): void {
    if (state.tool !== undefined) return;
    this.sawFunctionCall = true;
    const block: Block = { index: this.nextIndex++, text: '', open: true };
    state.tool = { block, toolIndex: this.nextToolIndex++ };
    this.out.push({
      type: 'tool_call_start',
      index: block.index,
      toolIndex: state.tool.toolIndex,
      id: stringOrUndefined(item.call_id) ?? '',
      name: stringOrUndefined(item.name) ?? '',
      ...(state.itemId === undefined ? {} : { opaque: { origin: 'openai-responses', itemId: state.itemId } }),
    });
    this.argumentsDone(state, stringOrUndefined(item.arguments));
  }

  private argumentsDelta(data: JsonObject): void {
    const tool = this.item(data)?.tool;
    const delta = stringOrUndefined(data.delta);
    if (tool === undefined || !delta) return;
    tool.block.text += delta;
    this.out.push({ type: 'tool_call_delta', index: tool.block.index, toolIndex: tool.toolIndex, argumentsDelta: delta });
  }

  /** Some upstreams send only the final arguments; emit whatever the deltas did not cover. */
  private argumentsDone(state: ItemState | undefined, full: string | undefined): void {
    const tool = state?.tool;
    if (tool === undefined || full === undefined) return;
    const missing = missingSuffix(tool.block.text, full);
    if (missing === '') return;
    tool.block.text += missing;
    this.out.push({ type: 'tool_call_delta', index: tool.block.index, toolIndex: tool.toolIndex, argumentsDelta: missing });
  }

  private contentPartAdded(data: JsonObject): void {
    const state = this.item(data);
    const part = isObject(data.part) ? data.part : {};
    if (state?.type === 'reasoning') {
      this.reasoningBlock(data, `c${String(data.content_index)}`, false);
      return;
    }
    const block = this.textBlock(state, data);
    if (part.type === 'refusal') this.sawRefusal = true;
    const initial = stringOrUndefined(part.text) ?? stringOrUndefined(part.refusal);
    if (block && initial) this.appendText(block, initial);
  }

  private textBlock(state: ItemState | undefined, data: JsonObject): Block | undefined {
    if (state === undefined) return undefined;
    const key = String(data.content_index ?? 0);
    let block = state.blocks.get(key);
    if (block === undefined) {
      block = { index: this.nextIndex++, text: '', open: true };
      state.blocks.set(key, block);
      this.out.push({ type: 'text_start', index: block.index });
    }
    return block;
  }

  private textDelta(data: JsonObject, refusal: boolean): void {
    if (refusal) this.sawRefusal = true;
    const block = this.textBlock(this.item(data), data);
    const delta = stringOrUndefined(data.delta);
    if (block && delta) this.appendText(block, delta);
  }

  private textDone(data: JsonObject, full: string | undefined): void {
    const block = this.textBlock(this.item(data), data);
    if (block === undefined || full === undefined || !block.open) return;
    const missing = missingSuffix(block.text, full);
    if (missing !== '') this.appendText(block, missing);
  }

  private appendText(block: Block, text: string): void {
    block.text += text;
    this.out.push({ type: 'text_delta', index: block.index, text });
  }

  /** Opens (or finds) the reasoning block for one summary/content part, closing the previous one. */
  private reasoningBlock(data: JsonObject, key: string, summary: boolean): Block | undefined {
    const state = this.item(data);
    if (state === undefined) return undefined;
    const existing = state.blocks.get(key);
    if (existing !== undefined) return existing;
    this.closeBlock(state.lastReasoning);
    const block: Block = { index: this.nextIndex++, text: '', open: true };
    state.blocks.set(key, block);
    state.lastReasoning = block;
    this.out.push({ type: 'reasoning_start', index: block.index, summary, ...this.opaqueFor(state) });
    return block;
  }

  private opaqueFor(state: ItemState): { opaque?: OpaqueState } {
    if (state.foreign) return {};
    return { opaque: state.itemId === undefined ? { origin: 'openai-responses' } : { origin: 'openai-responses', itemId: state.itemId } };
  }

  private reasoningDelta(data: JsonObject, key: string, summary: boolean): void {
    const block = this.reasoningBlock(data, key, summary);
    const delta = stringOrUndefined(data.delta);
    if (block === undefined || !delta) return;
    block.text += delta;
    this.out.push({ type: 'reasoning_delta', index: block.index, text: delta });
  }

  private reasoningDone(data: JsonObject, key: string, summary: boolean): void {
    const block = this.reasoningBlock(data, key, summary);
    const full = stringOrUndefined(data.text);
    if (block === undefined || full === undefined || !block.open) return;
    const missing = missingSuffix(block.text, full);
    if (missing === '') return;
    block.text += missing;
    this.out.push({ type: 'reasoning_delta', index: block.index, text: missing });
  }

  private itemDone(data: JsonObject): void {
    const item = isObject(data.item) ? data.item : {};
    const state = this.item(data) ?? this.register(data, item);
    if (state.type === 'function_call') {
      this.openTool(state, item);
      this.argumentsDone(state, stringOrUndefined(item.arguments));
      this.closeBlock(state.tool?.block);
    } else if (state.type === 'reasoning') {
      this.reasoningItemDone(state, item, data);
    } else if (state.type === 'message') {
      this.messageItemDone(state, item, data);
    }
  }

  private messageItemDone(state: ItemState, item: JsonObject, data: JsonObject): void {
    const content = Array.isArray(item.content) ? item.content : [];
    content.forEach((part, i) => {
      if (!isObject(part)) return;
      if (part.type === 'refusal') this.sawRefusal = true;
      this.textDone({ ...data, content_index: i }, stringOrUndefined(part.text) ?? stringOrUndefined(part.refusal));
    });
    for (const block of state.blocks.values()) this.closeBlock(block);
  }

  private reasoningItemDone(state: ItemState, item: JsonObject, data: JsonObject): void {
    if (state.blocks.size === 0) {
      // No part events (e.g. only encrypted content): take the text from the finished item.
      const summary = Array.isArray(item.summary) ? item.summary : [];
      summary.forEach((part, i) => {
        if (isObject(part)) this.reasoningDone({ ...data, text: part.text }, `s${i}`, true);
      });
      const content = Array.isArray(item.content) ? item.content : [];
      content.forEach((part, i) => {
        if (isObject(part)) this.reasoningDone({ ...data, text: part.text }, `c${i}`, false);
      });
    }
    let last = state.lastReasoning;
    if (last === undefined) {
      last = { index: this.nextIndex++, text: '', open: true };
      state.lastReasoning = last;
      this.out.push({ type: 'reasoning_start', index: last.index, ...this.opaqueFor(state) });
    }
    const encrypted = stringOrUndefined(item.encrypted_content);
    if (encrypted !== undefined && last.open) {
      const opaque: OpaqueState = { origin: 'openai-responses', encryptedContent: encrypted };
      if (state.itemId !== undefined) opaque.itemId = state.itemId;
      this.out.push({ type: 'reasoning_opaque', index: last.index, opaque });
    }
    for (const block of state.blocks.values()) this.closeBlock(block);
    this.closeBlock(last);
  }

  private closeBlock(block: Block | undefined): void {
    if (block === undefined || !block.open) return;
    block.open = false;
    this.out.push({ type: 'block_stop', index: block.index });
  }

  private closeAll(): void {
    for (const state of this.items.values()) {
      for (const block of state.blocks.values()) this.closeBlock(block);
      this.closeBlock(state.lastReasoning);
      this.closeBlock(state.tool?.block);
    }
  }

  private complete(response: JsonObject): void {
    this.start(response);
    this.closeAll();
    const output = Array.isArray(response.output) ? response.output : [];
    const stopReason = decodeStopReason({
      status: response.status,
      incompleteDetails: response.incomplete_details,
      hasFunctionCall: this.sawFunctionCall || output.some((item) => isObject(item) && item.type === 'function_call'),
      hasRefusal: this.sawRefusal,
    });
    const usage = decodeUsage(response.usage);
    this.out.push(usage === undefined ? { type: 'message_stop', stopReason } : { type: 'message_stop', stopReason, usage });
    this.finished = true;
  }

  private fail(error: JsonObject): void {
    this.out.push({ type: 'error', error: errorFromFields(undefined, error) });
    this.finished = true;
  }
}

function parse(data: string): JsonObject | undefined {
  if (data.trim() === '' || data.trim() === '[DONE]') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new TranslationError('stream event data is not valid JSON', 'data');
  }
  if (!isObject(value)) throw new TranslationError('stream event data must be a JSON object', 'data');
  return value;
}

/** The part of `full` not yet received, when what was received is a prefix of it. */
function missingSuffix(received: string, full: string): string {
  return full.length > received.length && full.startsWith(received) ? full.slice(received.length) : '';
}
