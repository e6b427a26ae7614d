import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { createSseReader, formatSseComment, formatSseEvent, type SseItem } from '../../upstream/sse.js';
import { toTextCompletion, toTextCompletionChunk } from './completions-response.js';

type Method = (...args: unknown[]) => unknown;

function asText(chunk: unknown): string {
  if (typeof chunk === 'string') return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk).toString('utf8');
  return '';
}

/** Chat SSE events → completions SSE events; errors, comments and `[DONE]` pass unchanged. */
function renderItems(items: SseItem[]): string {
  let out = '';
  for (const item of items) {
    if (item.kind === 'comment') {
      out += formatSseComment(item.text);
      continue;
    }
    let converted: Record<string, unknown> | null | undefined;
    try {
      converted = item.event.data === '[DONE]' ? undefined : toTextCompletionChunk(JSON.parse(item.event.data));
    } catch {
      converted = undefined;
    }
    if (converted === null) continue;
    out += converted === undefined ? formatSseEvent(item.event) : formatSseEvent({ data: JSON.stringify(converted) });
  }
  return out;
}

/** A successful JSON body in chat shape → completions shape; anything else untouched. */
function convertPayload(statusCode: number, payload: unknown): unknown {
  if (statusCode !== 200) return payload;
  const text = asText(payload);
  if (!text) return payload;
  try {
    const converted = toTextCompletion(JSON.parse(text));
    return converted === undefined ? payload : JSON.stringify(converted);
  } catch {
    return payload;
  }
}

/** The raw response, with chat SSE rewritten to completions SSE as the pipeline writes it. */
function streamingResponse(res: ServerResponse): ServerResponse {
  const reader = createSseReader();
  return new Proxy(res, {
    get(target, prop) {
      if (prop === 'write') {
        return (chunk: unknown, ...rest: unknown[]) => {
          const out = renderItems(reader.push(asText(chunk)));
          return out ? (target.write as Method).call(target, out, ...rest) : true;
        };
      }
      if (prop === 'end') {
        return (chunk?: unknown, ...rest: unknown[]) => {
          const out = renderItems([...reader.push(typeof chunk === 'function' ? '' : asText(chunk)), ...reader.end()]);
          const tail = typeof chunk === 'function' ? [chunk, ...rest] : rest;
          return (target.end as Method).call(target, out, ...tail);
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as Method).bind(target) : value;
    },
  });
}

/**
 * The Fastify reply the chat pipeline is given for a `/v1/completions` call. The pipeline runs
 * unchanged (routing, fallback, translation, usage) and believes it answers a chat client; only
 * its output is rewritten, in the two places it leaves: `send()` for JSON bodies and the raw
 * response for streams. Methods that return the reply for chaining return this wrapper, so a
 * chained `.send()` is seen too.
 */
export function createCompletionsReply(reply: FastifyReply): FastifyReply {
  const raw = streamingResponse(reply.raw);
  const wrapper: FastifyReply = new Proxy(reply, {
    get(target, prop) {
      if (prop === 'raw') return raw;
      if (prop === 'send') {
        return (payload?: unknown) => {
          target.send(convertPayload(target.statusCode, payload));
          return wrapper;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as Method).apply(target, args);
        return result === target ? wrapper : result;
      };
    },
  });
  return wrapper;
}
