import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerResponse } from 'node:http';
import type { MockExchange } from './mock-exchange.js';
import type { MockReply } from './mock-reply.js';

export interface ReplyPacing {
  eventDelayMs?: number;
  headerDelayMs?: number;
}

/** Waits `ms`; resolves false instead when `signal` aborts first (the exchange is over). */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** Resolves once the chunk has been handed to the socket, so a following destroy cannot drop it. */
export function writeChunk(res: ServerResponse, chunk: Buffer | string): Promise<void> {
  return new Promise((resolve) => {
    res.write(chunk, () => resolve());
  });
}

function byteLength(chunk: Buffer | string): number {
  return typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
}

/**
 * Sends a reply. Single-body replies go out in one `end` with content-length
 * (the hot path of benchmarks); streamed ones get one `write` per chunk so a
 * client sees recorded events as separate chunks, paced when asked.
 */
export async function writeReply(exchange: MockExchange, reply: MockReply, pacing: ReplyPacing = {}): Promise<void> {
  const { res } = exchange;
  if (pacing.headerDelayMs && !(await pause(pacing.headerDelayMs, exchange.signal))) return;
  if (exchange.closed) return;

  if (!reply.streamed) {
    const body = reply.chunks.length === 1 ? reply.chunks[0] : Buffer.concat(reply.chunks.map((c) => Buffer.from(c)));
    const headers = { ...reply.headers, 'content-length': String(body === undefined ? 0 : byteLength(body)) };
    res.writeHead(reply.status, headers);
    res.end(body);
    return;
  }

  res.writeHead(reply.status, reply.headers);
  const delay = pacing.eventDelayMs ?? 0;
  // Paced streams send headers at once and every event after the delay, as a thinking provider does.
  if (delay > 0) res.flushHeaders();
  for (let i = 0; i < reply.chunks.length; i += 1) {
    const chunk = reply.chunks[i];
    if (chunk === undefined) continue;
    if (delay > 0 && !(await pause(delay, exchange.signal))) return;
    if (exchange.closed) return;
    if (delay > 0) await writeChunk(res, chunk);
    else res.write(chunk);
  }
  if (!exchange.closed) res.end();
}
