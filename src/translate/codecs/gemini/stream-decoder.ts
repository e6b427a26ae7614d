import type { CanonicalStreamEvent, CanonicalUsage, OpaqueState, StopReason } from '../../canonical/index.js';
import type { SseEvent, StreamDecoder } from '../../codec.js';
import { TranslationError } from '../../translation-error.js';
import { decodePart } from './decode-part.js';
import { candidateParts, firstCandidate } from './decode-response.js';
import { decodeError } from './errors.js';
import { decodeFinishReason } from './finish-reason.js';
import { field, isObject, optionalString, tryParseJson, type JsonObject } from './json-access.js';
import { ownSignature } from './thought-signature.js';
import { synthesizeCallId } from './tool-call-ids.js';
import { decodeUsage } from './usage.js';

type OpenBlock = { kind: 'text' | 'reasoning'; index: number };

/**
 * Gemini `streamGenerateContent` → canonical events. Every event (an SSE `data:` line, or an
 * element of the JSON-array form) is a whole GenerateContentResponse holding the NEW parts only:
 * text arrives in pieces, function calls arrive whole, usageMetadata is cumulative and the last
 * chunk carries finishReason. A stream that ends without finishReason is incomplete: no
 * message_stop is produced for it.
 */
export function createStreamDecoder(): StreamDecoder {
  return new GeminiStreamDecoder();
}

export class GeminiStreamDecoder implements StreamDecoder {
  private started = false;
  private finished = false;
  private nextIndex = 0;
  private nextToolIndex = 0;
  private open: OpenBlock | undefined;
  private sawToolCall = false;
  private usage: CanonicalUsage | undefined;
  private responseId = '';

  push(event: SseEvent): CanonicalStreamEvent[] {
    const data = event.data.trim();
    if (data === '' || this.finished) return [];
    const chunk = tryParseJson(data);
    if (!isObject(chunk)) throw new TranslationError('stream event data is not a JSON object', 'data');
    return this.pushChunk(chunk);
  }

  /** Feeds one already-parsed chunk (the JSON-array form hands over objects, not SSE events). */
  pushChunk(chunk: JsonObject): CanonicalStreamEvent[] {
    if (this.finished) return [];
    const out: CanonicalStreamEvent[] = [];
    const error = field(chunk, 'error');
    if (isObject(error)) {
      this.finished = true;
      const code = field(error, 'code');
      out.push(...this.closeOpen(), { type: 'error', error: decodeError(typeof code === 'number' ? code : 500, chunk) });
      return out;
    }
    if (!this.started) {
      this.started = true;
      this.responseId = optionalString(chunk, 'responseId', '') ?? '';
      const usage = decodeUsage(field(chunk, 'usageMetadata'));
      const start: CanonicalStreamEvent = {
        type: 'message_start',
        id: this.responseId,
        model: optionalString(chunk, 'modelVersion', '') ?? '',
        created: 0,
      };
      if (usage !== undefined) {
        start.usage = usage;
        this.usage = usage;
      }
      out.push(start);
    }
    const candidate = firstCandidate(chunk);
    const parts = candidate === undefined ? [] : candidateParts(candidate, 'candidates[0]');
    parts.forEach((part, index) => out.push(...this.decodeStreamPart(part, `candidates[0].content.parts[${index}]`)));

    const usage = decodeUsage(field(chunk, 'usageMetadata'));
    if (usage !== undefined && !sameUsage(usage, this.usage)) {
      this.usage = usage;
      out.push({ type: 'usage', usage });
    }
    const finishReason = candidate === undefined ? undefined : optionalString(candidate, 'finishReason', 'candidates[0]');
    const blocked = candidate === undefined && isObject(field(chunk, 'promptFeedback'));
    if (finishReason !== undefined || blocked) {
      const stopReason: StopReason =
        finishReason === undefined ? 'content_filter' : decodeFinishReason(finishReason, this.sawToolCall);
      this.finished = true;
      out.push(...this.closeOpen());
      const stop: CanonicalStreamEvent = { type: 'message_stop', stopReason };
      if (this.usage !== undefined) stop.usage = this.usage;
      out.push(stop);
    }
    return out;
  }

  end(): CanonicalStreamEvent[] {
    if (this.finished) return [];
    this.finished = true;
    return this.closeOpen();
  }

  private decodeStreamPart(part: unknown, path: string): CanonicalStreamEvent[] {
    const out: CanonicalStreamEvent[] = [];
    const decoded = decodePart(part, path, () => synthesizeCallId(this.responseId, this.nextToolIndex));
    for (const item of decoded) {
      if (item.type === 'tool_call') {
        out.push(...this.closeOpen());
        const index = this.nextIndex++;
        const toolIndex = this.nextToolIndex++;
        this.sawToolCall = true;
        const start: CanonicalStreamEvent = { type: 'tool_call_start', index, toolIndex, id: item.id, name: item.name };
        if (item.opaque !== undefined) start.opaque = item.opaque;
        out.push(start, { type: 'tool_call_delta', index, toolIndex, argumentsDelta: item.arguments }, { type: 'block_stop', index });
      } else if (item.type === 'reasoning' && item.redacted === true) {
        // A signature carrier (see thought-signature.ts): a block of its own with no text.
        out.push(...this.closeOpen());
        const index = this.nextIndex++;
        out.push({ type: 'reasoning_start', index, redacted: true, ...opaqueField(item.opaque) }, { type: 'block_stop', index });
      } else if (item.type === 'reasoning') {
        out.push(...this.reasoning(item.text, item.opaque));
      } else if (item.type === 'text') {
        out.push(...this.text(item.text));
      }
      // Inline media in streamed output has no canonical stream event; it is not forwarded.
    }
    return out;
  }

  private reasoning(text: string, opaque: OpaqueState | undefined): CanonicalStreamEvent[] {
    const out: CanonicalStreamEvent[] = [];
    if (this.open?.kind !== 'reasoning') {
      out.push(...this.closeOpen());
      const index = this.nextIndex++;
      this.open = { kind: 'reasoning', index };
      out.push({ type: 'reasoning_start', index, ...opaqueField(opaque) });
    } else if (ownSignature(opaque) !== undefined && opaque !== undefined) {
      out.push({ type: 'reasoning_opaque', index: this.open.index, opaque });
    }
    if (text !== '') out.push({ type: 'reasoning_delta', index: this.open.index, text });
    return out;
  }

  private text(text: string): CanonicalStreamEvent[] {
    const out: CanonicalStreamEvent[] = [];
    if (this.open?.kind !== 'text') {
      out.push(...this.closeOpen());
      const index = this.nextIndex++;
      this.open = { kind: 'text', index };
      out.push({ type: 'text_start', index });
    }
    out.push({ type: 'text_delta', index: this.open.index, text });
    return out;
  }

  private closeOpen(): CanonicalStreamEvent[] {
    if (this.open === undefined) return [];
    const index = this.open.index;
    this.open = undefined;
    return [{ type: 'block_stop', index }];
  }
}

function opaqueField(opaque: OpaqueState | undefined): { opaque?: OpaqueState } {
  return opaque === undefined ? {} : { opaque };
}

function sameUsage(a: CanonicalUsage, b: CanonicalUsage | undefined): boolean {
  return (
    b !== undefined &&
    a.inputTokens === b.inputTokens &&
    a.outputTokens === b.outputTokens &&
    a.cachedInputTokens === b.cachedInputTokens &&
    a.reasoningTokens === b.reasoningTokens
  );
}
