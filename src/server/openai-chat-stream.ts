import { once } from 'node:events';
import type { FastifyReply } from 'fastify';
import { GatewayError } from '../errors/gateway-error.js';
import { classifyUpstreamError } from '../providers/classify-upstream-error.js';
import { decodeUsage } from '../translate/codecs/openai-chat/usage.js';
import { classifyTransportError } from '../upstream/classify-transport-error.js';
import type { UpstreamResponse } from '../upstream/send-upstream.js';
import { createSseReader, formatSseComment, formatSseEvent, type SseItem } from '../upstream/sse.js';
import { openAiErrorBody } from './error-response.js';
import type { RequestOutcome } from './request-outcome.js';

/** Cheap pre-checks so that only the few chunks that matter are JSON-parsed (DESIGN.md §3). */
const USAGE_OBJECT = /"usage"\s*:\s*\{/;
const ERROR_OBJECT = /^\s*\{\s*"error"\s*:/;
const FINISH_REASON = /"finish_reason"\s*:\s*"/;

function parseObject(data: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface StreamForwardOptions {
  reply: FastifyReply;
  upstream: UpstreamResponse;
  outcome: RequestOutcome;
  providerId: string;
  responseHeaders: Record<string, string>;
  /** The client asked for `stream_options.include_usage`; if not, the usage-only chunk we asked for is dropped. */
  clientWantsUsage: boolean;
  signal: AbortSignal;
}

/**
 * Same-format (OpenAI chat → OpenAI chat) streaming: events are re-framed and forwarded as soon as
 * each upstream chunk arrives, without re-serialising them (only a usage chunk the client did not
 * ask for is touched). The first byte to the client is the commit point: until then an error is
 * thrown so the caller can fall over; after it, the stream ends with an OpenAI error chunk and
 * without `[DONE]`, so the client knows the answer is incomplete.
 */
export async function forwardOpenAiChatStream(options: StreamForwardOptions): Promise<void> {
  const { reply, upstream, outcome } = options;
  const res = reply.raw;
  const reader = createSseReader();
  let committed = false;
  let sawDone = false;
  let sawFinish = false;

  const commit = () => {
    reply.hijack();
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...options.responseHeaders,
    });
    committed = true;
    outcome.firstByteHr = performance.now();
  };

  /** Returns the text to write; throws a GatewayError for an error event before the commit point. */
  const render = (items: SseItem[]): string => {
    let out = '';
    for (const item of items) {
      if (item.kind === 'comment') {
        out += formatSseComment(item.text);
        continue;
      }
      const data = item.event.data;
      if (data === '[DONE]') {
        sawDone = true;
        out += 'data: [DONE]\n\n';
        continue;
      }
      if (ERROR_OBJECT.test(data)) {
        const error = classifyUpstreamError({ status: 502, headers: {}, rawBody: data, providerId: options.providerId });
        // Before the commit point an error event is a failed attempt, not part of the answer.
        if (!committed) throw error;
        outcome.status = error.status;
        outcome.errorCode = error.upstreamCode ?? error.code;
        outcome.errorMessage = error.message;
        return out + formatSseEvent({ data });
      }
      let forward = data;
      if (USAGE_OBJECT.test(data)) {
        const chunk = parseObject(data);
        const usage = decodeUsage(chunk?.usage);
        if (usage) outcome.usage = usage;
        if (chunk && !options.clientWantsUsage) {
          if (Array.isArray(chunk.choices) && chunk.choices.length === 0) continue;
          delete chunk.usage;
          forward = JSON.stringify(chunk);
        }
      }
      if (!sawFinish && FINISH_REASON.test(data)) sawFinish = true;
      out += formatSseEvent(item.event.event ? { event: item.event.event, data: forward } : { data: forward });
    }
    return out;
  };

  const write = async (text: string) => {
    if (!text) return;
    if (!committed) commit();
    if (!res.write(text)) await once(res, 'drain', { signal: options.signal });
  };

  try {
    // Streaming decode: a multi-byte character split across two TCP chunks stays intact.
    const decoder = new TextDecoder();
    for await (const chunk of upstream.body) {
      await write(render(reader.push(decoder.decode(chunk as Buffer, { stream: true }))));
      if (outcome.errorCode) break;
    }
    if (!outcome.errorCode) await write(render(reader.end()));
  } catch (error) {
    if (options.signal.aborted) return;
    const failure = error instanceof GatewayError ? error : classifyTransportError(error, options.providerId, 'body');
    if (!committed) throw failure;
    outcome.status = failure.status;
    outcome.errorCode = failure.code;
    outcome.errorMessage = failure.message;
    res.end(formatSseEvent({ data: JSON.stringify(openAiErrorBody(failure)) }));
    return;
  }

  if (outcome.errorCode) {
    upstream.body.destroy();
  } else if (!sawDone && !sawFinish) {
    // The upstream closed cleanly but mid-answer: say so rather than end silently.
    const failure = new GatewayError('upstream_protocol_error', `${options.providerId} ended the stream before finishing the answer`, { status: 502, fallover: true });
    if (!committed) throw failure;
    outcome.status = 502;
    outcome.errorCode = failure.code;
    outcome.errorMessage = failure.message;
    res.end(formatSseEvent({ data: JSON.stringify(openAiErrorBody(failure)) }));
    return;
  } else {
    outcome.status = 200;
    if (!sawDone) await write('data: [DONE]\n\n');
  }
  if (!committed) commit();
  res.end();
}
