import type { FastifyReply } from 'fastify';
import type { CancellationSignal } from '../../upstream/cancel-signal.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { classifyUpstreamError } from '../../providers/classify-upstream-error.js';
import type { WireFormat } from '../../translate/wire-format.js';
import { codecFor } from '../../translate/codec-registry.js';
import type { StreamInspector } from '../../translate/passthrough/pass-through-inspector.js';
import { classifyTransportError } from '../../upstream/classify-transport-error.js';
import type { UpstreamResponse } from '../../upstream/send-upstream.js';
import { createSseReader, formatSseComment, formatSseEvent } from '../../upstream/sse.js';
import { recordFailure, type RequestOutcome } from '../request-outcome.js';
import { toCanonicalError } from '../to-canonical-error.js';
import { createClientStream } from './client-stream.js';
import { SSE_CONTENT_TYPE } from './client-stream-writer.js';

export interface PassThroughStreamInput {
  reply: FastifyReply;
  /** The format's attention pattern and raw scrubber (see PassThroughInspector). */
  attention: RegExp;
  scrubRaw?: (text: string) => string;
  upstream: UpstreamResponse;
  format: WireFormat;
  inspector: StreamInspector;
  outcome: RequestOutcome;
  providerId: string;
  headers: Record<string, string>;
  signal: CancellationSignal;
}

/** Index just past the last blank line (event end) in `text`, under any of SSE's line endings; 0 if none. */
function endOfLastEvent(text: string): number {
  const lf = text.lastIndexOf('\n\n');
  const crlf = text.lastIndexOf('\r\n\r\n');
  const cr = text.lastIndexOf('\r\r');
  return Math.max(lf < 0 ? 0 : lf + 2, crlf < 0 ? 0 : crlf + 4, cr < 0 ? 0 : cr + 2);
}

/**
 * Same format in and out: events are re-framed and forwarded as each upstream chunk arrives,
 * untouched but for what the inspector must change. An error before the first byte is thrown
 * (the caller may fall over); after it, the stream ends with the format's own error event and
 * without its success terminator.
 */
export async function forwardPassThroughStream(input: PassThroughStreamInput): Promise<void> {
  const { upstream, inspector, outcome } = input;
  const client = createClientStream({ reply: input.reply, contentType: SSE_CONTENT_TYPE, headers: input.headers, outcome });
  const reader = createSseReader();
  const decoder = new TextDecoder();
  // Comments and opening events before the first real event are preamble: held so an error right
  // after them can still fall over to another account (DESIGN.md §6).
  let preamble = '';
  let upstreamError: GatewayError | undefined;

  const render = (items: ReturnType<typeof reader.push>): string => {
    let out = '';
    for (const item of items) {
      if (item.kind === 'comment') {
        if (client.committed || out) out += formatSseComment(item.text);
        else preamble += formatSseComment(item.text);
        continue;
      }
      const inspected = inspector.inspect(item.event);
      if (inspected.error) {
        const error = classifyUpstreamError({ status: inspected.error.status, headers: {}, rawBody: inspected.error.raw, providerId: input.providerId });
        if (!client.committed && !out) throw error;
        upstreamError = error;
        return out + preamble + formatSseEvent(item.event);
      }
      if (inspected.preamble && !client.committed && !out) {
        if (inspected.forward) preamble += formatSseEvent(inspected.forward);
        continue;
      }
      if (inspected.forward) {
        out += preamble + formatSseEvent(inspected.forward);
        preamble = '';
      }
    }
    return out;
  };

  const fail = (failure: GatewayError) => {
    if (!client.committed) throw failure;
    recordFailure(outcome, failure);
    client.end(codecFor(input.format).encodeStreamError(toCanonicalError(failure)).map(formatSseEvent).join(''));
  };

  const attention = input.attention;
  // Text after the last complete event waits for the rest of its event, so an event that must be
  // rewritten or dropped is never half-sent.
  let pending = '';
  try {
    for await (const chunk of upstream.body) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      // usage: a reference to what the upstream generated, decoded only if usage must be estimated
      outcome.usageEvidence?.stream?.text.push(text);
      pending += text;
      const cut = endOfLastEvent(pending);
      if (cut === 0) continue;
      const complete = pending.slice(0, cut);
      pending = pending.slice(cut);
      // The fast path: nothing in these events concerns the gateway, so their bytes go out as they came.
      if (client.committed && !attention.test(complete)) await client.write(input.scrubRaw ? input.scrubRaw(complete) : complete);
      else await client.write(render(reader.push(complete)));
      if (upstreamError) break;
    }
    if (!upstreamError) await client.write(render([...reader.push(pending), ...reader.end()]));
  } catch (error) {
    if (input.signal.aborted) return;
    fail(error instanceof GatewayError ? error : classifyTransportError(error, input.providerId, 'body'));
    return;
  } finally {
    outcome.usage = inspector.usage() ?? outcome.usage;
  }

  if (upstreamError) {
    upstream.body.destroy();
    recordFailure(outcome, upstreamError);
    client.end();
    return;
  }
  if (!inspector.finished()) {
    // Closed cleanly but mid-answer: say so rather than end silently.
    fail(new GatewayError('upstream_protocol_error', `${input.providerId} ended the stream before finishing the answer`, { status: 502, fallover: true }));
    return;
  }
  outcome.status = 200;
  client.end(inspector.closingEvents().map(formatSseEvent).join(''));
}
