import type { RequestLogRow } from '../store/repositories/request-log-repository.js';

/** Rows queued in memory and written in batches: the request log, captured bodies. */
export interface BatchWriter<T> {
  /** Queue a row; never blocks, never throws. */
  record(row: T): void;
  /** Write everything queued so far. */
  flush(): Promise<void>;
  /** Flush and stop the timer. */
  close(): Promise<void>;
  pending(): number;
}

export type RequestLogWriter = BatchWriter<RequestLogRow>;

export interface BatchWriterOptions<T> {
  insertMany(rows: T[]): Promise<void>;
  flushIntervalMs: number;
  /** Flush early once this many rows wait. */
  maxBatch?: number;
  /** Above this many queued rows (database down for long), the oldest are dropped and counted. */
  maxQueued?: number;
  onError(error: unknown, droppedRows: number): void;
}

/**
 * Request logs are written in batches off the hot path (DESIGN.md §3): a request only pushes to
 * an array. One flush runs at a time; a crash loses at most what was queued since the last one.
 */
export function createBatchWriter<T>(options: BatchWriterOptions<T>): BatchWriter<T> {
  const maxBatch = options.maxBatch ?? 500;
  const maxQueued = options.maxQueued ?? 100_000;
  let queue: T[] = [];
  let inFlight: Promise<void> | undefined;
  let scheduled = false;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        await options.insertMany(batch);
      } catch (error) {
        // Keep the rows for the next attempt rather than lose them on a transient failure.
        queue = batch.concat(queue);
        let dropped = 0;
        if (queue.length > maxQueued) {
          dropped = queue.length - maxQueued;
          queue = queue.slice(dropped);
        }
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
    record(row) {
      queue.push(row);
      if (queue.length >= maxBatch && !scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          void flush();
        });
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

export const createRequestLogWriter: (options: BatchWriterOptions<RequestLogRow>) => RequestLogWriter = createBatchWriter;
