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
  /** `droppedRows`: rows given up (over `maxQueued`, or refused alone while the rest of their batch went in). */
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

  /**
   * After a batch failed: is it the database (down, locked, full) or a row it will never accept?
   * The first and the last row are tried alone; if both fail, it is treated as an outage and the
   * whole batch waits for the next flush. Otherwise every row is tried alone, and those refused
   * while others went in are dropped and counted: one bad row must not hold back every row queued
   * behind it forever (a reused request id once did exactly that).
   */
  async function salvage(batch: T[]): Promise<{ unwritten: T[]; rejected: number }> {
    const alone = async (row: T): Promise<boolean> => {
      try {
        await options.insertMany([row]);
        return true;
      } catch {
        return false;
      }
    };
    if (batch.length < 2) return { unwritten: batch, rejected: 0 };
    const firstIn = await alone(batch[0]!);
    const lastIn = await alone(batch[batch.length - 1]!);
    if (!firstIn && !lastIn) return { unwritten: batch, rejected: 0 };
    let rejected = (firstIn ? 0 : 1) + (lastIn ? 0 : 1);
    for (const row of batch.slice(1, -1)) if (!(await alone(row))) rejected += 1;
    return { unwritten: [], rejected };
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        await options.insertMany(batch);
      } catch (error) {
        const { unwritten, rejected } = await salvage(batch);
        if (unwritten.length === 0) {
          options.onError(error, rejected);
          continue;
        }
        // Keep the rows for the next attempt rather than lose them on a transient failure.
        queue = unwritten.concat(queue);
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
