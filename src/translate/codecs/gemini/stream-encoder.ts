import type { CanonicalStreamEvent, CanonicalUsage, OpaqueState, StopReason } from '../../canonical/index.js';
import type { SseEvent, StreamEncoder } from '../../codec.js';
import { encodeStreamError } from './errors.js';
import { encodeFinishReason } from './finish-reason.js';
import { isObject, tryParseJson, type JsonObject } from './json-access.js';
import { ownSignature } from './thought-signature.js';
import { isSyntheticCallId } from './tool-call-ids.js';
import { encodeUsage } from './usage.js';

type Block =
  | { kind: 'text' }
  | { kind: 'reasoning'; signature?: string; carrier: boolean; dropped: boolean }
  | { kind: 'tool'; id: string; name: string; opaque?: OpaqueState; args: string };

export interface GeminiStreamEncoderOptions {
  /** Kept for the Codec signature: Gemini streams always carry usageMetadata when it is known. */
  includeUsage: boolean;
  model: string;
}

/**
 * Canonical events → `streamGenerateContent?alt=sse` data events, each a GenerateContentResponse
 * holding only the new parts (what @google/genai's generateContentStream parses). Text and
 * thoughts go out at once; a function call goes out whole when its block closes, because Gemini
 * clients expect complete `args` objects. finishReason and the final usage ride on the last chunk.
 */
export function createStreamEncoder(options: GeminiStreamEncoderOptions): StreamEncoder {
  return new GeminiStreamEncoder(options);
}

export class GeminiStreamEncoder implements StreamEncoder {
  private readonly blocks = new Map<number, Block>();
  private responseId = '';
  private modelVersion: string;
  private usage: CanonicalUsage | undefined;
  /** A signature from a carrier block, re-attached to the next text part (see thought-signature.ts). */
  private carriedSignature: string | undefined;
  private done = false;

  constructor(options: GeminiStreamEncoderOptions) {
    this.modelVersion = options.model;
  }

  push(event: CanonicalStreamEvent): SseEvent[] {
    if (this.done) return [];
    switch (event.type) {
      case 'message_start':
        this.responseId = event.id;
        if (event.model !== '') this.modelVersion = event.model;
        if (event.usage !== undefined) this.usage = event.usage;
        return [];
      case 'text_start':
        this.blocks.set(event.index, { kind: 'text' });
        return [];
      case 'text_delta':
        return event.text === '' ? [] : this.emitParts([this.withCarried({ text: event.text })]);
      case 'reasoning_start': {
        const signature = ownSignature(event.opaque);
        const carrier = event.redacted === true && signature !== undefined;
        // Redacted reasoning from another provider has no text and no state Gemini could take.
        const dropped = event.redacted === true && signature === undefined;
        this.blocks.set(event.index, { kind: 'reasoning', carrier, dropped, ...(signature !== undefined ? { signature } : {}) });
        return [];
      }
      case 'reasoning_delta':
        return this.reasoningDelta(event.index, event.text);
      case 'reasoning_opaque': {
        const signature = ownSignature(event.opaque);
        if (signature === undefined) return [];
        return this.emitParts([...this.flushCarried(), { text: '', thought: true, thoughtSignature: signature }]);
      }
      case 'tool_call_start':
        this.blocks.set(event.index, {
          kind: 'tool',
          id: event.id,
          name: event.name,
          args: '',
          ...(event.opaque !== undefined ? { opaque: event.opaque } : {}),
        });
        return [];
      case 'tool_call_delta': {
        const block = this.blocks.get(event.index);
        if (block?.kind === 'tool') block.args += event.argumentsDelta;
        return [];
      }
      case 'block_stop':
        return this.blockStop(event.index);
      case 'usage':
        this.usage = event.usage;
        return [];
      case 'message_stop':
        return this.finish(event.stopReason, event.usage);
      case 'error':
        this.done = true;
        return encodeStreamError(event.error);
    }
  }

  end(_complete: boolean): SseEvent[] {
    // Gemini's success terminator is the finishReason chunk sent on message_stop; a broken stream
    // simply stops, so there is nothing to add either way.
    this.done = true;
    return [];
  }

  private reasoningDelta(index: number, text: string): SseEvent[] {
    const block = this.blocks.get(index);
    if (text === '' || block?.kind !== 'reasoning' || block.dropped) return [];
    const part: JsonObject = { text, thought: true };
    if (block.signature !== undefined && !block.carrier) {
      part.thoughtSignature = block.signature;
      delete block.signature;
    }
    return this.emitParts([...this.flushCarried(), part]);
  }

  private blockStop(index: number): SseEvent[] {
    const block = this.blocks.get(index);
    this.blocks.delete(index);
    if (block === undefined || block.kind === 'text') return [];
    if (block.kind === 'reasoning') {
      if (block.carrier) {
        const previous = this.carriedSignature;
        this.carriedSignature = block.signature;
        return previous === undefined ? [] : this.emitParts([{ text: '', thoughtSignature: previous }]);
      }
      // A signed thought that streamed no text still owes its signature.
      if (block.signature !== undefined) {
        return this.emitParts([...this.flushCarried(), { text: '', thought: true, thoughtSignature: block.signature }]);
      }
      return [];
    }
    const parsed = block.args.trim() === '' ? {} : tryParseJson(block.args);
    const functionCall: JsonObject = { name: block.name, args: isObject(parsed) ? parsed : {} };
    if (!isSyntheticCallId(block.id)) functionCall.id = block.id;
    const part: JsonObject = { functionCall };
    const signature = ownSignature(block.opaque);
    if (signature !== undefined) part.thoughtSignature = signature;
    return this.emitParts([...this.flushCarried(), part]);
  }

  private finish(stopReason: StopReason, usage: CanonicalUsage | undefined): SseEvent[] {
    this.done = true;
    if (usage !== undefined) this.usage = usage;
    const candidate: JsonObject = {
      content: { role: 'model', parts: this.flushCarried() },
      finishReason: encodeFinishReason(stopReason),
      index: 0,
    };
    return [this.chunk(candidate)];
  }

  private withCarried(part: JsonObject): JsonObject {
    if (this.carriedSignature === undefined) return part;
    part.thoughtSignature = this.carriedSignature;
    this.carriedSignature = undefined;
    return part;
  }

  private flushCarried(): JsonObject[] {
    if (this.carriedSignature === undefined) return [];
    const part = { text: '', thoughtSignature: this.carriedSignature };
    this.carriedSignature = undefined;
    return [part];
  }

  private emitParts(parts: JsonObject[]): SseEvent[] {
    return [this.chunk({ content: { role: 'model', parts }, index: 0 })];
  }

  private chunk(candidate: JsonObject): SseEvent {
    const body: JsonObject = { candidates: [candidate] };
    if (this.usage !== undefined) body.usageMetadata = encodeUsage(this.usage);
    if (this.modelVersion !== '') body.modelVersion = this.modelVersion;
    if (this.responseId !== '') body.responseId = this.responseId;
    return { data: JSON.stringify(body) };
  }
}
