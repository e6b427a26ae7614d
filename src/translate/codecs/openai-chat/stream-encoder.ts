import { randomUUID } from 'node:crypto';
import type { CanonicalStreamEvent, CanonicalUsage } from '../../canonical/index.js';
import type { SseEvent, StreamEncoder } from '../../codec.js';
import { encodeStreamError } from './errors.js';
import { finishFromStopReason, type OpenAiFinishReason } from './stop-reason.js';
import { encodeUsage } from './usage.js';

export interface OpenAiChatStreamEncoderOptions {
  /** The client asked for `stream_options.include_usage`: only then does the usage chunk go out. */
  includeUsage: boolean;
  /** Model name reported to the client. */
  model: string;
}

/**
 * Canonical events → `chat.completion.chunk` SSE events, one chunk per event as soon as it
 * arrives (text and tool-argument deltas are never held back). Reasoning goes out as
 * `delta.reasoning_content`; opaque state is dropped because this format cannot carry it.
 */
export class OpenAiChatStreamEncoder implements StreamEncoder {
  private id: string | undefined;
  private created = 0;
  private roleSent = false;
  private stopped = false;
  private errored = false;
  private hasToolCalls = false;
  private usage: CanonicalUsage | undefined;
  /** Block index of the last reasoning text sent, to separate blocks as encodeResponse joins them. */
  private lastReasoningIndex: number | undefined;

  constructor(private readonly options: OpenAiChatStreamEncoderOptions) {}

  push(event: CanonicalStreamEvent): SseEvent[] {
    if (this.stopped || this.errored) return [];
    switch (event.type) {
      case 'message_start': {
        if (this.id !== undefined) return [];
        this.id = event.id || undefined;
        this.created = event.created;
        if (event.usage !== undefined) this.usage = event.usage;
        return this.ensureStarted();
      }
      case 'text_delta':
        return this.delta({ content: event.text });
      case 'reasoning_delta': {
        if (!event.text) return [];
        // One string carries every reasoning block here; a blank line keeps them apart, the same
        // text a non-streaming client gets.
        const separator = this.lastReasoningIndex !== undefined && this.lastReasoningIndex !== event.index ? '\n\n' : '';
        this.lastReasoningIndex = event.index;
        return this.delta({ reasoning_content: separator + event.text });
      }
      case 'tool_call_start':
        this.hasToolCalls = true;
        return this.delta({
          tool_calls: [
            { index: event.toolIndex, id: event.id, type: 'function', function: { name: event.name, arguments: '' } },
          ],
        });
      case 'tool_call_delta':
        if (event.argumentsDelta === '') return [];
        return this.delta({ tool_calls: [{ index: event.toolIndex, function: { arguments: event.argumentsDelta } }] });
      case 'usage':
        this.usage = event.usage;
        return [];
      case 'message_stop':
        return this.stop(finishFromStopReason(event.stopReason, this.hasToolCalls), event.usage);
      case 'error':
        this.errored = true;
        return [...this.ensureStarted(), ...encodeStreamError(event.error)];
      default:
        // Block boundaries and opaque state have no representation in this format.
        return [];
    }
  }

  end(complete: boolean): SseEvent[] {
    // `[DONE]` tells the client the answer is whole; a broken or failed stream must not say so.
    if (!complete || this.errored || !this.stopped) return [];
    return [{ data: '[DONE]' }];
  }

  private stop(finishReason: OpenAiFinishReason, usage: CanonicalUsage | undefined): SseEvent[] {
    const out = [...this.ensureStarted(), this.chunk({}, finishReason)];
    this.stopped = true;
    const finalUsage = usage ?? this.usage;
    if (this.options.includeUsage && finalUsage !== undefined) {
      out.push(this.event({ ...this.envelope(), choices: [], usage: encodeUsage(finalUsage) }));
    }
    return out;
  }

  private delta(delta: Record<string, unknown>): SseEvent[] {
    return [...this.ensureStarted(), this.chunk(delta, null)];
  }

  /** OpenAI opens every stream with a role chunk; clients key the assistant message on it. */
  private ensureStarted(): SseEvent[] {
    if (this.roleSent) return [];
    this.roleSent = true;
    if (this.id === undefined) this.id = `chatcmpl-${randomUUID().replace(/-/g, '')}`;
    if (this.created === 0) this.created = Math.floor(Date.now() / 1000);
    return [this.chunk({ role: 'assistant', content: '' }, null)];
  }

  private envelope(): Record<string, unknown> {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.options.model };
  }

  private chunk(delta: Record<string, unknown>, finishReason: OpenAiFinishReason | null): SseEvent {
    return this.event({
      ...this.envelope(),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    });
  }

  private event(payload: Record<string, unknown>): SseEvent {
    return { data: JSON.stringify(payload) };
  }
}

export function createStreamEncoder(options: OpenAiChatStreamEncoderOptions): StreamEncoder {
  return new OpenAiChatStreamEncoder(options);
}
