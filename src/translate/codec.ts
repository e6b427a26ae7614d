import type {
  CanonicalError,
  CanonicalRequest,
  CanonicalResponse,
  CanonicalStreamEvent,
} from './canonical/index.js';
import type { ClientFormat, WireFormat } from './wire-format.js';

/** One parsed server-sent event. `event` is absent for data-only events (OpenAI chat). */
export interface SseEvent {
  event?: string;
  data: string;
}

/** Stateful: feeds provider stream events in, canonical events out. */
export interface StreamDecoder {
  push(event: SseEvent): CanonicalStreamEvent[];
  /** The upstream stream ended; returns whatever was still pending. */
  end(): CanonicalStreamEvent[];
}

/** Stateful: canonical events in, client-format SSE events out. */
export interface StreamEncoder {
  push(event: CanonicalStreamEvent): SseEvent[];
  /**
   * The stream is over. `complete` is false when it broke (no message_stop was seen): then the
   * encoder must NOT emit its format's success terminator (`[DONE]`, `message_stop`,
   * `response.completed`).
   */
  end(complete: boolean): SseEvent[];
}

export interface EncodeRequestOptions {
  /** The model id to put in the upstream body (the prefix already stripped). */
  model: string;
}

/**
 * The half of a codec that faces clients: read their requests, write answers and errors back.
 * A client-only format (legacy Completions) has just this half.
 */
export interface ClientCodec {
  format: ClientFormat;
  decodeRequest(body: unknown): CanonicalRequest;
  encodeResponse(response: CanonicalResponse): Record<string, unknown>;
  createStreamEncoder(options: { includeUsage: boolean; model: string }): StreamEncoder;
  /** Build this format's error body for a client. */
  encodeError(error: CanonicalError): Record<string, unknown>;
  /** The in-stream error event of this format (Anthropic `event: error`, Responses `response.failed`…). */
  encodeStreamError(error: CanonicalError): SseEvent[];
}

/**
 * A codec knows one wire format. All functions are pure (encoders/decoders for streams are
 * stateful objects, created per request). Unknown input never throws a bare TypeError: decoders
 * throw `TranslationError` naming the field at fault.
 */
export interface Codec extends ClientCodec {
  format: WireFormat;
  encodeRequest(request: CanonicalRequest, options: EncodeRequestOptions): Record<string, unknown>;
  decodeResponse(body: unknown): CanonicalResponse;
  createStreamDecoder(): StreamDecoder;
  /** Parse an error body of this format (any shape tolerated; falls back to the raw text). */
  decodeError(status: number, body: unknown): CanonicalError;
}
