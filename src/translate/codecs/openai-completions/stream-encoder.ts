import { randomUUID } from 'node:crypto';
import type { CanonicalStreamEvent, CanonicalUsage } from '../../canonical/index.js';
import type { SseEvent, StreamEncoder } from '../../codec.js';
import { encodeStreamError } from '../openai-chat/errors.js';
import type { OpenAiChatStreamEncoderOptions } from '../openai-chat/stream-encoder.js';
import { encodeUsage } from '../openai-chat/usage.js';
import { finishFromStopReason, type CompletionsFinishReason } from './finish-reason.js';

/**
 * Canonical events → `text_completion` SSE chunks, one per text delta as it arrives, then one
 * with the `finish_reason`, the usage chunk (`choices: []`) when asked for, and `[DONE]`. Unlike
 * chat there is no role opener: the first chunk a client sees carries text. Reasoning, tool calls
 * and opaque state have no representation here and are dropped.
 */
export class OpenAiCompletionsStreamEncoder implements StreamEncoder {
  private id: string | undefined;
  private created = 0;
  private stopped = false;
  private errored = false;
  private usage: CanonicalUsage | undefined;

  constructor(private readonly options: OpenAiChatStreamEncoderOptions) {}

  push(event: CanonicalStreamEvent): SseEvent[] {
    if (this.stopped || this.errored) return [];
    switch (event.type) {
      case 'message_start':
        if (this.id === undefined) {
          this.id = event.id || undefined;
          this.created = event.created;
        }
        if (event.usage !== undefined) this.usage = event.usage;
        return [];
      case 'text_delta':
        return event.text === '' ? [] : [this.chunk(event.text, null)];
      case 'usage':
        this.usage = event.usage;
        return [];
      case 'message_stop': {
        this.stopped = true;
        const out = [this.chunk('', finishFromStopReason(event.stopReason))];
        const usage = event.usage ?? this.usage;
        if (this.options.includeUsage && usage !== undefined) out.push(this.event({ ...this.envelope(), choices: [], usage: encodeUsage(usage) }));
        return out;
      }
      case 'error':
        this.errored = true;
        return encodeStreamError(event.error);
      default:
        return [];
    }
  }

  end(complete: boolean): SseEvent[] {
    // `[DONE]` tells the client the answer is whole; a broken or failed stream must not say so.
    if (!complete || this.errored || !this.stopped) return [];
    return [{ data: '[DONE]' }];
  }

  private envelope(): Record<string, unknown> {
    // An upstream that sent no id or time still gets a well-formed chunk.
    this.id ??= `cmpl-${randomUUID().replace(/-/g, '')}`;
    if (this.created === 0) this.created = Math.floor(Date.now() / 1000);
    return { id: this.id, object: 'text_completion', created: this.created, model: this.options.model };
  }

  private chunk(text: string, finishReason: CompletionsFinishReason | null): SseEvent {
    return this.event({ ...this.envelope(), choices: [{ text, index: 0, logprobs: null, finish_reason: finishReason }] });
  }

  private event(payload: Record<string, unknown>): SseEvent {
    return { data: JSON.stringify(payload) };
  }
}

export function createStreamEncoder(options: OpenAiChatStreamEncoderOptions): StreamEncoder {
  return new OpenAiCompletionsStreamEncoder(options);
}
