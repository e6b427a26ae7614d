import type { FastifyReply } from 'fastify';
import type { CancellationSignal } from '../../upstream/cancel-signal.js';
import { GatewayError } from '../../errors/gateway-error.js';
import { classifyUpstreamError } from '../../providers/classify-upstream-error.js';
import type { CanonicalStreamEvent } from '../../translate/canonical/index.js';
import type { StreamDecoder } from '../../translate/codec.js';
import { classifyTransportError } from '../../upstream/classify-transport-error.js';
import type { UpstreamResponse } from '../../upstream/send-upstream.js';
import { createSseReader } from '../../upstream/sse.js';
import { recordFailure, type RequestOutcome } from '../request-outcome.js';
import { toCanonicalError } from '../to-canonical-error.js';
import { createClientStream } from './client-stream.js';
import type { ClientStreamWriter } from './client-stream-writer.js';

export interface TranslatedStreamInput {
  reply: FastifyReply;
  upstream: UpstreamResponse;
  decoder: StreamDecoder;
  writer: ClientStreamWriter;
  outcome: RequestOutcome;
  providerId: string;
  headers: Record<string, string>;
  signal: CancellationSignal;
}

/**
 * Upstream format → canonical events → client format, event by event: each upstream chunk is
 * translated and written before the next is read (nothing buffered but what a format forces,
 * e.g. Gemini's whole function calls).
 */
export async function forwardTranslatedStream(input: TranslatedStreamInput): Promise<void> {
  const { upstream, decoder, writer, outcome } = input;
  const client = createClientStream({ reply: input.reply, contentType: writer.contentType, headers: input.headers, outcome });
  const reader = createSseReader();
  const text = new TextDecoder();
  let complete = false;
  let brokenBy: GatewayError | undefined;
  // What the client format says for `message_start` is held until real output follows, so an
  // upstream that fails right after opening its stream can still fall over (DESIGN.md §6).
  let held = '';

  const render = (events: CanonicalStreamEvent[], pending: string): string => {
    let out = pending;
    for (const event of events) {
      if (event.type === 'usage') outcome.usage = event.usage;
      // usage: the opening counts (Anthropic message_start input), so a cut stream keeps the provider's input
      else if (event.type === 'message_start' && event.usage) outcome.usage = event.usage;
      else if (event.type === 'message_stop') {
        complete = true;
        if (event.usage) outcome.usage = event.usage;
      } else if (event.type === 'error') {
        const error = classifyUpstreamError({ status: event.error.status, headers: {}, rawBody: JSON.stringify({ error: { message: event.error.message, code: event.error.code } }), providerId: input.providerId });
        if (!client.committed && !out) throw error;
        brokenBy = error;
        return out;
      }
      if (event.type === 'message_start' && !client.committed && !out) {
        held += writer.push(event);
        continue;
      }
      out += held + writer.push(event);
      held = '';
    }
    return out;
  };

  const finishBroken = (failure: GatewayError) => {
    recordFailure(outcome, failure);
    client.end(held + writer.error(toCanonicalError(failure)) + writer.end(false));
  };

  try {
    for await (const chunk of upstream.body) {
      let out = '';
      const decoded = text.decode(chunk as Buffer, { stream: true });
      // usage: a reference to what the upstream generated, decoded only if usage must be estimated
      outcome.usageEvidence?.stream?.text.push(decoded);
      for (const item of reader.push(decoded)) {
        if (item.kind === 'event') out = render(decoder.push(item.event), out);
        if (brokenBy) break;
      }
      await client.write(out);
      if (brokenBy) break;
    }
    if (!brokenBy) {
      let out = '';
      for (const item of reader.end()) if (item.kind === 'event') out = render(decoder.push(item.event), out);
      await client.write(render(decoder.end(), out));
    }
  } catch (error) {
    if (input.signal.aborted) return;
    const failure = error instanceof GatewayError ? error : classifyTransportError(error, input.providerId, 'body');
    if (!client.committed) throw failure;
    finishBroken(failure);
    return;
  }

  if (brokenBy) {
    upstream.body.destroy();
    finishBroken(brokenBy);
    return;
  }
  if (!complete) {
    const failure = new GatewayError('upstream_protocol_error', `${input.providerId} ended the stream before finishing the answer`, { status: 502, fallover: true });
    if (!client.committed) throw failure;
    finishBroken(failure);
    return;
  }
  outcome.status = 200;
  client.end(held + writer.end(true));
}
