import type { RequestBodyRecord, RequestBodyRepository } from '../store/repositories/request-body-repository.js';
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
 * batches on a timer, like the request log. Built only when capture is switched on: when it is
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
  const maxQueued = options.maxQueued ?? 5_000;
  let queue: RequestBodyRecord[] = [];
  let inFlight: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        await options.repository.insertMany(batch);
      } catch (error) {
        queue = batch.concat(queue);
        const dropped = Math.max(0, queue.length - maxQueued);
        if (dropped > 0) queue = queue.slice(dropped);
        options.onError(error, dropped);
        return;
      }
    }
  }

  function flush(): Promise<void> {
    if (inFlight) return inFlight.then(() => (queue.length > 0 ? flush() : undefined));
    inFlight = drain().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  const timer = setInterval(() => {
    if (queue.length > 0 && !inFlight) void flush();
  }, options.flushIntervalMs);
  timer.unref();

  return {
    capture(requestId, bodies) {
      try {
        const request = redactBody(bodies.request, options.maxBodyBytes);
        const response = redactBody(bodies.response, options.maxBodyBytes);
        queue.push({ requestId, createdAt: now(), request: request.text, response: response.text, requestTruncated: request.truncated, responseTruncated: response.truncated });
        if (queue.length > maxQueued) queue.shift();
      } catch (error) {
        // Capture is diagnostics: it must never fail the request it describes.
        options.onError(error, 1);
      }
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
    pending: () => queue.length,
  };
}
