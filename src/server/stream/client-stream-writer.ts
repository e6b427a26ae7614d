import type { CanonicalError, CanonicalStreamEvent } from '../../translate/canonical/index.js';
import { createJsonArrayStreamEncoder } from '../../translate/codecs/gemini/json-array-stream.js';
import { clientCodecFor } from '../../translate/codec-registry.js';
import type { ClientFormat } from '../../translate/wire-format.js';
import { formatSseEvent } from '../../upstream/sse.js';

/** Canonical stream events in, the client's wire bytes out. */
export interface ClientStreamWriter {
  contentType: string;
  push(event: CanonicalStreamEvent): string;
  /** `complete` false: the stream broke; no success terminator is written. */
  end(complete: boolean): string;
  error(error: CanonicalError): string;
}

export const SSE_CONTENT_TYPE = 'text/event-stream; charset=utf-8';

export function createClientStreamWriter(format: ClientFormat, options: { includeUsage: boolean; model: string; geminiJsonArray?: boolean }): ClientStreamWriter {
  if (format === 'gemini' && options.geminiJsonArray) {
    // `streamGenerateContent` without `alt=sse` answers one JSON array, element by element.
    const encoder = createJsonArrayStreamEncoder(options);
    return { contentType: 'application/json; charset=utf-8', push: encoder.push, end: encoder.end, error: encoder.error };
  }
  const encoder = clientCodecFor(format).createStreamEncoder(options);
  const render = (events: ReturnType<typeof encoder.push>) => events.map(formatSseEvent).join('');
  return {
    contentType: SSE_CONTENT_TYPE,
    push: (event) => render(encoder.push(event)),
    end: (complete) => render(encoder.end(complete)),
    // Through the encoder so the error continues its stream (Responses sequence numbers, open blocks).
    error: (error) => render(encoder.push({ type: 'error', error })),
  };
}
