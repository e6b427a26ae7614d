import type { RequestBodyRecord, RequestBodyRepository } from '../store/repositories/request-body-repository.js';
import { createBatchWriter } from '../usage/request-log-writer.js';
import { redactBody } from './redact-body.js';

export interface CapturedBodies {
  /** The client's request body (parsed JSON or text). */
  request?: unknown;
  /** What the client received, when the pipeline has it as one value (non-streamed answers, errors). */
  response?: unknown;
}

export type CaptureBodies = (requestId: string, bodies: CapturedBodies) => void;

export interface BodyCapture {
  capture: CaptureBodies;
  flush(): Promise<void>;
  close(): Promise<void>;
  pending(): number;
}

/**
 * Redacts and size-caps at capture time (so the large originals are not held), then writes in
 * batches on a timer with the request log's batch writer. Built only when capture is switched on: when it is
 * off, `ctx.observability.capture` is undefined and the pipeline's optional call costs nothing.
 */
export function createBodyCapture(options: {
  repository: Pick<RequestBodyRepository, 'insertMany'>;
  maxBodyBytes: number;
  flushIntervalMs: number;
  now?: () => number;
  maxQueued?: number;
  onError(error: unknown, dropped: number): void;
}): BodyCapture {
  const now = options.now ?? Date.now;
  const writer = createBatchWriter<RequestBodyRecord>({
    insertMany: (rows) => options.repository.insertMany(rows),
    flushIntervalMs: options.flushIntervalMs,
    maxQueued: options.maxQueued ?? 5_000,
    onError: options.onError,
  });

  return {
    capture(requestId, bodies) {
      try {
        const request = redactBody(bodies.request, options.maxBodyBytes);
        const response = redactBody(bodies.response, options.maxBodyBytes);
        writer.record({ requestId, createdAt: now(), request: request.text, response: response.text, requestTruncated: request.truncated, responseTruncated: response.truncated });
      } catch (error) {
        // Capture is diagnostics: it must never fail the request it describes.
        options.onError(error, 1);
      }
    },
    flush: () => writer.flush(),
    close: () => writer.close(),
    pending: () => writer.pending(),
  };
}
