import type { CanonicalError, CanonicalStreamEvent, CanonicalUsage, OpaqueState, StopReason } from '../../canonical/index.js';
import type { SseEvent, StreamEncoder } from '../../codec.js';
import { encodeStreamError } from './errors.js';
import { randomId, type IdGenerator } from './ids.js';
import type { JsonObject } from '../../json-guards.js';
import { outputTextPart } from './encode-output.js';
import { buildResponseObject } from './response-object.js';
import { encodeStopReason } from './stop-reason.js';

export interface ResponsesStreamEncoderOptions {
  includeUsage: boolean;
  model: string;
  /** Defaults to random hex ids; tests inject a counter. */
  newId?: IdGenerator;
}

/** One output item being streamed. Events are serialised when emitted, so later mutation is safe. */
interface OpenItem {
  kind: 'text' | 'reasoning' | 'tool';
  outputIndex: number;
  item: JsonObject;
  open: boolean;
  /** Reasoning items of Responses origin: their id, to merge the blocks of one item. */
  ownItemId?: string | undefined;
}

interface BlockState {
  kind: 'text' | 'reasoning' | 'tool';
  item?: OpenItem;
  text: string;
  /** Reasoning: summary part (true) or raw reasoning_text content part (false). */
  summary: boolean;
  /** Reasoning: the `summary` flag as given (undefined: unknown, e.g. bare encrypted reasoning). */
  summaryFlag?: boolean | undefined;
  /** Reasoning: index of this block's part inside its item, once the part is opened. */
  partIndex?: number;
  opaque?: OpaqueState | undefined;
  open: boolean;
}

/**
 * Canonical events → Responses SSE, each emitted as soon as it is known. Every event carries a
 * `sequence_number` counting from 0. `response.completed` (or `response.incomplete`) is sent on
 * `message_stop` only; a stream that ends without it gets no terminator. The `includeUsage`
 * option does not apply: Responses always reports usage in the final Response object.
 */
export function createStreamEncoder(options: ResponsesStreamEncoderOptions): StreamEncoder {
  return new ResponsesStreamEncoder(options);
}

class ResponsesStreamEncoder implements StreamEncoder {
  private sequence = 0;
  private started = false;
  private terminated = false;
  private responseId = '';
  private createdAt = 0;
  private model: string;
  private usage: CanonicalUsage | undefined;
  private readonly output: JsonObject[] = [];
  private readonly blocks = new Map<number, BlockState>();
  /** The reasoning item a following block of the same Responses item may continue. */
  private reasoningItem: OpenItem | undefined;
  private readonly openItems = new Set<OpenItem>();
  private readonly newId: IdGenerator;
  private out: SseEvent[] = [];

  constructor(options: ResponsesStreamEncoderOptions) {
    this.model = options.model;
    this.newId = options.newId ?? randomId;
  }

  push(event: CanonicalStreamEvent): SseEvent[] {
    if (this.terminated) return [];
    this.out = [];
    if (event.type === 'message_start') this.start(event.id, event.model, event.created, event.usage);
    else this.start('', '', 0, undefined);
    switch (event.type) {
      case 'text_start':
        this.textBlock(event.index);
        break;
      case 'text_delta':
        this.textDelta(event.index, event.text);
        break;
      case 'reasoning_start':
        this.reasoningStart(event.index, event.summary, event.opaque);
        break;
      case 'reasoning_delta':
        this.reasoningDelta(event.index, event.text);
        break;
      case 'reasoning_opaque':
        this.reasoningOpaque(event.index, event.opaque);
        break;
      case 'tool_call_start':
        this.toolStart(event.index, event.id, event.name, event.opaque);
        break;
      case 'tool_call_delta':
        this.toolDelta(event.index, event.argumentsDelta);
        break;
      case 'block_stop':
        this.blockStop(event.index);
        break;
      case 'usage':
        this.usage = event.usage;
        break;
      case 'message_stop':
        this.finish(event.stopReason, event.usage);
        break;
      case 'error':
        this.fail(event.error);
        break;
      default:
        break;
    }
    return this.out;
  }

  end(complete: boolean): SseEvent[] {
    this.out = [];
    if (complete && !this.terminated) {
      this.start('', '', 0, undefined);
      this.finish('end_turn', undefined);
    }
    this.terminated = true;
    return this.out;
  }

  private emit(type: string, fields: JsonObject): void {
    this.out.push({ event: type, data: JSON.stringify({ type, sequence_number: this.sequence++, ...fields }) });
  }

  private response(status: 'in_progress' | 'completed' | 'incomplete', extra: Partial<JsonObject> = {}): JsonObject {
    return buildResponseObject({
      id: this.responseId,
      createdAt: this.createdAt,
      model: this.model,
      status,
      output: this.output,
      usage: this.usage,
      incompleteDetails: (extra.incomplete_details as JsonObject | null | undefined) ?? null,
    });
  }

  private start(id: string, model: string, created: number, usage: CanonicalUsage | undefined): void {
    if (this.started) return;
    this.started = true;
    this.responseId = id.startsWith('resp_') ? id : this.newId('resp');
    this.createdAt = created > 0 ? created : Math.floor(Date.now() / 1000);
    if (this.model === '') this.model = model;
    this.usage = usage;
    this.emit('response.created', { response: this.response('in_progress') });
    this.emit('response.in_progress', { response: this.response('in_progress') });
  }

  private openItem(kind: OpenItem['kind'], item: JsonObject, ownItemId?: string): OpenItem {
    if (kind !== 'reasoning') this.closeReasoningItem();
    const open: OpenItem = { kind, outputIndex: this.output.length, item, open: true, ownItemId };
    this.output.push(item);
    this.openItems.add(open);
    this.emit('response.output_item.added', { output_index: open.outputIndex, item });
    return open;
  }

  private closeItem(open: OpenItem | undefined): void {
    if (open === undefined || !open.open) return;
    open.open = false;
    open.item.status = 'completed';
    this.openItems.delete(open);
    if (this.reasoningItem === open) this.reasoningItem = undefined;
    this.emit('response.output_item.done', { output_index: open.outputIndex, item: open.item });
  }

  private closeReasoningItem(): void {
    this.closeItem(this.reasoningItem);
  }

  private textBlock(index: number): BlockState {
    const existing = this.blocks.get(index);
    if (existing !== undefined) return existing;
    const item = this.openItem('text', {
      id: this.newId('msg'),
      type: 'message',
      status: 'in_progress',
      content: [],
      role: 'assistant',
    });
    const block: BlockState = { kind: 'text', item, text: '', summary: false, open: true };
    this.blocks.set(index, block);
    this.emit('response.content_part.added', {
      item_id: item.item.id,
      output_index: item.outputIndex,
      content_index: 0,
      part: outputTextPart('', []),
    });
    return block;
  }

  private textDelta(index: number, text: string): void {
    const block = this.textBlock(index);
    if (!block.open || block.item === undefined || text === '') return;
    block.text += text;
    const { item } = block;
    this.emit('response.output_text.delta', {
      item_id: item.item.id,
      output_index: item.outputIndex,
      content_index: 0,
      delta: text,
      logprobs: [],
    });
  }

  private reasoningStart(index: number, summary: boolean | undefined, opaque: OpaqueState | undefined): void {
    const own = opaque?.origin === 'openai-responses' ? opaque : undefined;
    this.blocks.set(index, { kind: 'reasoning', text: '', summary: summary !== false, summaryFlag: summary, opaque: own, open: true });
    // Our own item opens at once (its id and encrypted content must reach the client even without
    // text). Foreign reasoning opens at its first text: a redacted or empty block is of no use.
    if (own !== undefined) this.reasoningItemFor(index);
  }

  /** Opens the reasoning item for a block, or continues the current item of the same id. */
  private reasoningItemFor(index: number): BlockState | undefined {
    const block = this.blocks.get(index);
    if (block === undefined || block.kind !== 'reasoning') return undefined;
    if (block.item !== undefined) return block;
    if (!block.open) return undefined;
    const ownId = block.opaque?.itemId;
    const current = this.reasoningItem;
    const continues = current?.open === true && ownId !== undefined && current.ownItemId === ownId && current.item.encrypted_content === undefined;
    if (!continues) this.closeReasoningItem();
    const item = continues && current ? current : this.openItem('reasoning', { id: ownId ?? this.newId('rs'), type: 'reasoning', summary: [] }, ownId);
    this.reasoningItem = item;
    block.item = item;
    return block;
  }

  /** Opens this block's summary (or raw reasoning_text) part inside its item. */
  private reasoningPart(index: number): BlockState | undefined {
    const block = this.reasoningItemFor(index);
    if (block?.item === undefined || block.partIndex !== undefined) return block;
    const item = block.item;
    const list = block.summary ? 'summary' : 'content';
    const parts = Array.isArray(item.item[list]) ? (item.item[list] as unknown[]) : [];
    block.partIndex = parts.length;
    parts.push(block.summary ? { type: 'summary_text', text: '' } : { type: 'reasoning_text', text: '' });
    item.item[list] = parts;
    if (block.summary) {
      this.emit('response.reasoning_summary_part.added', {
        item_id: item.item.id,
        output_index: item.outputIndex,
        summary_index: block.partIndex,
        part: { type: 'summary_text', text: '' },
      });
    } else {
      this.emit('response.content_part.added', {
        item_id: item.item.id,
        output_index: item.outputIndex,
        content_index: block.partIndex,
        part: { type: 'reasoning_text', text: '' },
      });
    }
    return block;
  }

  private reasoningDelta(index: number, text: string): void {
    if (text === '') return;
    if (!this.blocks.has(index)) this.reasoningStart(index, undefined, undefined);
    const block = this.reasoningPart(index);
    if (block?.item === undefined) return;
    block.text += text;
    const where = block.summary ? { summary_index: block.partIndex } : { content_index: block.partIndex };
    const type = block.summary ? 'response.reasoning_summary_text.delta' : 'response.reasoning_text.delta';
    this.emit(type, { item_id: block.item.item.id, output_index: block.item.outputIndex, ...where, delta: text });
  }

  private reasoningOpaque(index: number, opaque: OpaqueState): void {
    // Only our own encrypted reasoning can go back to a Responses client; other state is dropped.
    if (opaque.origin !== 'openai-responses' || opaque.encryptedContent === undefined) return;
    const block = this.blocks.get(index);
    if (block === undefined) return;
    block.opaque = { ...block.opaque, ...opaque };
    const withItem = this.reasoningItemFor(index);
    if (withItem?.item !== undefined) withItem.item.item.encrypted_content = opaque.encryptedContent;
  }

  private toolStart(index: number, id: string, name: string, opaque: OpaqueState | undefined): void {
    const ownId = opaque?.origin === 'openai-responses' ? opaque.itemId : undefined;
    const item = this.openItem('tool', {
      id: ownId ?? this.newId('fc'),
      type: 'function_call',
      status: 'in_progress',
      arguments: '',
      call_id: id,
      name,
    });
    this.blocks.set(index, { kind: 'tool', item, text: '', summary: false, open: true });
  }

  private toolDelta(index: number, delta: string): void {
    const block = this.blocks.get(index);
    if (block?.kind !== 'tool' || block.item === undefined || !block.open || delta === '') return;
    block.text += delta;
    this.emit('response.function_call_arguments.delta', {
      item_id: block.item.item.id,
      output_index: block.item.outputIndex,
      delta,
    });
  }

  private blockStop(index: number): void {
    const block = this.blocks.get(index);
    if (block === undefined || !block.open) return;
    block.open = false;
    const open = block.item;
    if (open === undefined) return;
    const base = { item_id: open.item.id, output_index: open.outputIndex };
    if (block.kind === 'text') {
      const part = outputTextPart(block.text, []);
      this.emit('response.output_text.done', { ...base, content_index: 0, text: block.text, logprobs: [] });
      this.emit('response.content_part.done', { ...base, content_index: 0, part });
      open.item.content = [part];
      this.closeItem(open);
    } else if (block.kind === 'tool') {
      open.item.arguments = block.text;
      this.emit('response.function_call_arguments.done', { ...base, name: open.item.name, arguments: block.text });
      this.closeItem(open);
    } else {
      // An explicitly empty summary part is kept; an unflagged empty block adds no part.
      if (block.partIndex === undefined && block.summaryFlag !== undefined) this.reasoningPart(index);
      this.reasoningPartDone(block, open);
    }
  }

  private reasoningPartDone(block: BlockState, open: OpenItem): void {
    if (block.partIndex !== undefined) this.emitPartDone(block, open);
    // A later block may continue the same Responses item, unless the item is already sealed by
    // its encrypted content or is not ours to merge.
    if (open.ownItemId === undefined || open.item.encrypted_content !== undefined) this.closeItem(open);
  }

  private emitPartDone(block: BlockState, open: OpenItem): void {
    const base = { item_id: open.item.id, output_index: open.outputIndex };
    const list = block.summary ? 'summary' : 'content';
    const parts = open.item[list];
    const part = { type: block.summary ? 'summary_text' : 'reasoning_text', text: block.text };
    if (Array.isArray(parts) && block.partIndex !== undefined) parts[block.partIndex] = part;
    if (block.summary) {
      this.emit('response.reasoning_summary_text.done', { ...base, summary_index: block.partIndex, text: block.text });
      this.emit('response.reasoning_summary_part.done', { ...base, summary_index: block.partIndex, part });
    } else {
      this.emit('response.reasoning_text.done', { ...base, content_index: block.partIndex, text: block.text });
      this.emit('response.content_part.done', { ...base, content_index: block.partIndex, part });
    }
  }

  private closeAll(): void {
    for (const [index, block] of this.blocks) if (block.open) this.blockStop(index);
    for (const open of [...this.openItems]) this.closeItem(open);
  }

  private finish(stopReason: StopReason, usage: CanonicalUsage | undefined): void {
    this.closeAll();
    if (usage !== undefined) this.usage = usage;
    const { status, incompleteDetails } = encodeStopReason(stopReason);
    this.terminated = true;
    if (status === 'failed') {
      this.fail({ kind: 'server_error', status: 500, message: 'The upstream reported an error.' });
      return;
    }
    const type = status === 'completed' ? 'response.completed' : 'response.incomplete';
    this.emit(type, { response: this.response(status, { incomplete_details: incompleteDetails }) });
  }

  private fail(error: CanonicalError): void {
    this.terminated = true;
    this.out.push(
      ...encodeStreamError(error, {
        responseId: this.responseId,
        createdAt: this.createdAt,
        model: this.model,
        output: this.output,
        nextSequence: () => this.sequence++,
      }),
    );
  }
}
