import type { CanonicalStreamEvent, CanonicalUsage } from '../../canonical/index.js';
import type { SseEvent, StreamDecoder } from '../../codec.js';
import { TranslationError } from '../../translation-error.js';
import { nowSeconds } from './decode-response.js';
import { decodeError } from './errors.js';
import { ANTHROPIC_FORMAT } from './format.js';
import { expectObject, isObject, numberOrUndefined, type JsonObject } from '../../json-guards.js';
import { decodeStopReason } from './stop-reason.js';
import { decodeUsage } from './usage.js';

type BlockKind = 'text' | 'reasoning' | 'tool' | 'ignored';

interface OpenBlock {
  kind: BlockKind;
  /** Canonical index: blocks are renumbered because server-tool blocks are skipped. */
  index: number;
  toolIndex?: number;
}

const USAGE_FIELDS = ['input_tokens', 'output_tokens', 'cache_read_input_tokens', 'cache_creation_input_tokens'] as const;

function parseData(event: SseEvent): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.data);
  } catch {
    throw new TranslationError(`stream event '${event.event ?? 'message'}' data is not JSON`, 'data');
  }
  return expectObject(parsed, 'data');
}

/**
 * Anthropic SSE → canonical stream events, one upstream event at a time (nothing is held back).
 * `message_delta.usage` repeats cumulative counts, sometimes without the input side, so raw
 * counts are merged over `message_start`'s before converting.
 */
class AnthropicStreamDecoder implements StreamDecoder {
  private readonly blocks = new Map<number, OpenBlock>();
  private nextIndex = 0;
  private nextToolIndex = 0;
  private readonly rawUsage: JsonObject = {};
  private stopReason: unknown = undefined;
  private stopSequence: string | undefined;

  push(event: SseEvent): CanonicalStreamEvent[] {
    if (event.data.trim() === '') return [];
    const data = parseData(event);
    const type = typeof data.type === 'string' ? data.type : event.event;
    switch (type) {
      case 'message_start':
        return this.messageStart(data);
      case 'content_block_start':
        return this.blockStart(data);
      case 'content_block_delta':
        return this.blockDelta(data);
      case 'content_block_stop':
        return this.blockStop(data);
      case 'message_delta':
        return this.messageDelta(data);
      case 'message_stop':
        return this.messageStop();
      case 'error':
        return [{ type: 'error', error: decodeError(0, data) }];
      default:
        // `ping` and event types added later carry nothing canonical.
        return [];
    }
  }

  end(): CanonicalStreamEvent[] {
    return [];
  }

  private mergeUsage(value: unknown): CanonicalUsage | undefined {
    if (!isObject(value)) return undefined;
    for (const field of USAGE_FIELDS) {
      if (numberOrUndefined(value[field]) !== undefined) this.rawUsage[field] = value[field];
    }
    if (isObject(value.output_tokens_details)) this.rawUsage.output_tokens_details = value.output_tokens_details;
    return decodeUsage(this.rawUsage);
  }

  private messageStart(data: JsonObject): CanonicalStreamEvent[] {
    const message = expectObject(data.message, 'data.message');
    const event: CanonicalStreamEvent = {
      type: 'message_start',
      id: typeof message.id === 'string' ? message.id : '',
      model: typeof message.model === 'string' ? message.model : '',
      created: nowSeconds(),
    };
    const usage = this.mergeUsage(message.usage);
    if (usage !== undefined) event.usage = usage;
    return [event];
  }

  private blockIndex(data: JsonObject): number {
    const index = data.index;
    if (typeof index !== 'number') throw new TranslationError('data.index must be a number', 'data.index');
    return index;
  }

  private open(upstreamIndex: number, kind: BlockKind): OpenBlock {
    const block: OpenBlock = { kind, index: kind === 'ignored' ? -1 : this.nextIndex++ };
    if (kind === 'tool') block.toolIndex = this.nextToolIndex++;
    this.blocks.set(upstreamIndex, block);
    return block;
  }

  private blockStart(data: JsonObject): CanonicalStreamEvent[] {
    const upstreamIndex = this.blockIndex(data);
    const content = expectObject(data.content_block, 'data.content_block');
    switch (content.type) {
      case 'text': {
        const { index } = this.open(upstreamIndex, 'text');
        const out: CanonicalStreamEvent[] = [{ type: 'text_start', index }];
        if (typeof content.text === 'string' && content.text !== '') out.push({ type: 'text_delta', index, text: content.text });
        return out;
      }
      case 'thinking': {
        const { index } = this.open(upstreamIndex, 'reasoning');
        // The origin marks the block as Anthropic's from the start; the signature follows later.
        const out: CanonicalStreamEvent[] = [{ type: 'reasoning_start', index, opaque: { origin: ANTHROPIC_FORMAT } }];
        if (typeof content.thinking === 'string' && content.thinking !== '') {
          out.push({ type: 'reasoning_delta', index, text: content.thinking });
        }
        if (typeof content.signature === 'string' && content.signature !== '') {
          out.push({ type: 'reasoning_opaque', index, opaque: { origin: ANTHROPIC_FORMAT, signature: content.signature } });
        }
        return out;
      }
      case 'redacted_thinking': {
        const { index } = this.open(upstreamIndex, 'reasoning');
        const redactedData = typeof content.data === 'string' ? content.data : '';
        return [{ type: 'reasoning_start', index, redacted: true, opaque: { origin: ANTHROPIC_FORMAT, redactedData } }];
      }
      case 'tool_use': {
        if (typeof content.id !== 'string' || typeof content.name !== 'string') {
          throw new TranslationError('tool_use block needs a string id and name', 'data.content_block');
        }
        const block = this.open(upstreamIndex, 'tool');
        const toolIndex = block.toolIndex ?? 0;
        const out: CanonicalStreamEvent[] = [
          { type: 'tool_call_start', index: block.index, toolIndex, id: content.id, name: content.name },
        ];
        // Input normally streams as input_json_delta; a non-empty start input is its first part.
        if (isObject(content.input) && Object.keys(content.input).length > 0) {
          out.push({ type: 'tool_call_delta', index: block.index, toolIndex, argumentsDelta: JSON.stringify(content.input) });
        }
        return out;
      }
      default:
        // server_tool_use, web_search_tool_result…: run by Anthropic, nothing for other formats.
        this.open(upstreamIndex, 'ignored');
        return [];
    }
  }

  /** A delta for a block whose start was never seen opens it implicitly (tolerance). */
  private blockFor(upstreamIndex: number, kind: BlockKind): { block: OpenBlock; opened: CanonicalStreamEvent[] } {
    const known = this.blocks.get(upstreamIndex);
    if (known !== undefined) return { block: known, opened: [] };
    const block = this.open(upstreamIndex, kind);
    if (kind === 'text') return { block, opened: [{ type: 'text_start', index: block.index }] };
    if (kind === 'reasoning') {
      return { block, opened: [{ type: 'reasoning_start', index: block.index, opaque: { origin: ANTHROPIC_FORMAT } }] };
    }
    return { block, opened: [] };
  }

  private blockDelta(data: JsonObject): CanonicalStreamEvent[] {
    const upstreamIndex = this.blockIndex(data);
    const delta = expectObject(data.delta, 'data.delta');
    switch (delta.type) {
      case 'text_delta': {
        if (typeof delta.text !== 'string') throw new TranslationError('text_delta needs text', 'data.delta.text');
        const { block, opened } = this.blockFor(upstreamIndex, 'text');
        if (block.kind !== 'text' || delta.text === '') return opened;
        return [...opened, { type: 'text_delta', index: block.index, text: delta.text }];
      }
      case 'thinking_delta': {
        if (typeof delta.thinking !== 'string') {
          throw new TranslationError('thinking_delta needs thinking', 'data.delta.thinking');
        }
        const { block, opened } = this.blockFor(upstreamIndex, 'reasoning');
        if (block.kind !== 'reasoning' || delta.thinking === '') return opened;
        return [...opened, { type: 'reasoning_delta', index: block.index, text: delta.thinking }];
      }
      case 'signature_delta': {
        if (typeof delta.signature !== 'string') {
          throw new TranslationError('signature_delta needs signature', 'data.delta.signature');
        }
        const { block, opened } = this.blockFor(upstreamIndex, 'reasoning');
        if (block.kind !== 'reasoning') return opened;
        const opaque = { origin: ANTHROPIC_FORMAT, signature: delta.signature };
        return [...opened, { type: 'reasoning_opaque', index: block.index, opaque }];
      }
      case 'input_json_delta': {
        if (typeof delta.partial_json !== 'string') {
          throw new TranslationError('input_json_delta needs partial_json', 'data.delta.partial_json');
        }
        const block = this.blocks.get(upstreamIndex);
        if (block?.kind !== 'tool' || delta.partial_json === '') return [];
        const toolIndex = block.toolIndex ?? 0;
        return [{ type: 'tool_call_delta', index: block.index, toolIndex, argumentsDelta: delta.partial_json }];
      }
      default:
        // citations_delta has no canonical stream event; the text it annotates still flows.
        return [];
    }
  }

  private blockStop(data: JsonObject): CanonicalStreamEvent[] {
    const block = this.blocks.get(this.blockIndex(data));
    if (block === undefined || block.kind === 'ignored') return [];
    return [{ type: 'block_stop', index: block.index }];
  }

  private messageDelta(data: JsonObject): CanonicalStreamEvent[] {
    if (isObject(data.delta)) {
      if (data.delta.stop_reason !== undefined && data.delta.stop_reason !== null) this.stopReason = data.delta.stop_reason;
      if (typeof data.delta.stop_sequence === 'string') this.stopSequence = data.delta.stop_sequence;
    }
    const usage = this.mergeUsage(data.usage);
    return usage === undefined ? [] : [{ type: 'usage', usage }];
  }

  private messageStop(): CanonicalStreamEvent[] {
    const event: CanonicalStreamEvent = { type: 'message_stop', stopReason: decodeStopReason(this.stopReason) };
    if (this.stopSequence !== undefined) event.stopSequence = this.stopSequence;
    const usage = decodeUsage(this.rawUsage);
    if (usage !== undefined) event.usage = usage;
    return [event];
  }
}

export function createStreamDecoder(): StreamDecoder {
  return new AnthropicStreamDecoder();
}
