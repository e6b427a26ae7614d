import { Worker } from 'node:worker_threads';
import type { RequestLogInput } from '../store/repositories/request-log-repository.js';
import { requestLogWorkerLocation, type WorkerLocation } from './request-log-worker-location.js';
import {
  parseFromRequestLogWorker,
  type RequestLogWorkerData,
  type ToRequestLogWorker,
} from './request-log-worker-protocol.js';

/** Where request-log batches go: `insertMany` resolves once the rows are in the database. */
export interface RequestLogSink {
  insertMany(rows: ReadonlyArray<RequestLogInput>): Promise<void>;
  /** Waits for batches already handed over, then releases what the sink owns. */
  close(): Promise<void>;
}

export interface WorkerRequestLogSink extends RequestLogSink {
  /** Whether a worker is up (not yet started, retired when idle, or failed: false). */
  workerRunning(): boolean;
}

export interface WorkerRequestLogSinkOptions {
  /** Absolute path of the SQLite file the main thread has opened and migrated. */
  file: string;
  busyTimeoutMs?: number;
  /** Writes on the main thread; used for every batch after the worker failed. */
  fallback(rows: ReadonlyArray<RequestLogInput>): Promise<void>;
  onWorkerFailure(error: unknown): void;
  /** Tests point this at a worker that misbehaves. */
  location?: WorkerLocation;
  /** How long `close` waits for the worker to exit on its own before terminating it. */
  closeTimeoutMs?: number;
  /** The worker exits after this long without a batch; the next batch starts a new one. Infinity: never. */
  idleMs?: number;
}

interface PendingBatch {
  resolve(): void;
  reject(error: Error): void;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;
/** Longer than a few flush intervals, so steady traffic never restarts it. */
const DEFAULT_IDLE_MS = 2000;

class RequestLogWorkerError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'RequestLogWorkerError';
  }
}

/**
 * Posts batches to a worker thread with its own libsql connection (libsql is synchronous, so
 * writing on the main connection blocks the event loop). The worker starts with the first batch
 * and retires after `idleMs` without one: a second isolate holds ~10 MiB that an idle gateway
 * should not keep, and restarting costs ~40 ms once traffic resumes.
 * If a worker crashes, batches in flight are rejected (the writer keeps them and retries) and every
 * later batch is written through `fallback`. A batch the worker committed just before dying
 * would then fail again on its primary key; that window is a few instructions wide.
 */
export function createWorkerRequestLogSink(options: WorkerRequestLogSinkOptions): WorkerRequestLogSink {
  const pending = new Map<number, PendingBatch>();
  const exits = new Map<Worker, Promise<void>>();
  const retired = new WeakSet<Worker>();
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  let worker: Worker | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let failed = false;
  let closing = false;
  let nextId = 1;

  function fail(error: unknown, report = true): void {
    if (failed) return;
    failed = true;
    clearTimeout(idleTimer);
    const current = worker;
    worker = undefined;
    void current?.terminate();
    if (report) options.onWorkerFailure(error);
    const reason = new RequestLogWorkerError(`request-log worker failed: ${error instanceof Error ? error.message : String(error)}`);
    for (const batch of pending.values()) batch.reject(reason);
    pending.clear();
  }

  function retire(): void {
    const current = worker;
    if (!current || pending.size > 0 || failed || closing) return;
    worker = undefined;
    retired.add(current);
    post(current, { type: 'close' });
  }

  function settle(raw: unknown): void {
    const message = parseFromRequestLogWorker(raw);
    if (!message) return;
    const batch = pending.get(message.id);
    if (!batch) return;
    pending.delete(message.id);
    if (pending.size === 0) {
      // An idle worker must not keep the process alive; a busy one must, until its batch is answered.
      worker?.unref();
      if (Number.isFinite(idleMs)) {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(retire, idleMs);
        idleTimer.unref();
      }
    }
    if (message.type === 'inserted') batch.resolve();
    else batch.reject(new RequestLogWorkerError(message.message, message.code));
  }

  function start(): Worker {
    const location = options.location ?? requestLogWorkerLocation();
    const workerData: RequestLogWorkerData = {
      file: options.file,
      busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    };
    const created = new Worker(location.entry, { workerData, eval: location.eval === true });
    created.unref();
    created.on('message', settle);
    created.on('error', (error) => fail(error));
    created.on('messageerror', (error) => fail(error));
    const exited = new Promise<void>((resolve) => {
      created.once('exit', (code) => {
        exits.delete(created);
        if (!closing && !retired.has(created)) fail(new Error(`request-log worker exited unexpectedly with code ${code}`));
        resolve();
      });
    });
    exits.set(created, exited);
    return created;
  }

  function post(current: Worker, message: ToRequestLogWorker): void {
    current.postMessage(message);
  }

  return {
    workerRunning: () => worker !== undefined,

    insertMany(rows) {
      if (rows.length === 0) return Promise.resolve();
      if (failed || closing) return options.fallback(rows);
      clearTimeout(idleTimer);
      try {
        worker ??= start();
      } catch (error) {
        fail(error);
        return options.fallback(rows);
      }
      const current = worker;
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        current.ref();
        // Rows are plain objects: the structured clone copies them without custom serialisation.
        post(current, { type: 'insert', id, rows });
      });
    },

    async close() {
      if (closing) {
        await Promise.all(exits.values());
        return;
      }
      closing = true;
      clearTimeout(idleTimer);
      const current = worker;
      if (current && !failed) {
        current.ref();
        // Messages are handled in order, so batches posted before 'close' are written first.
        post(current, { type: 'close' });
      }
      const timeout = setTimeout(() => {
        for (const live of exits.keys()) void live.terminate();
      }, options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
      try {
        await Promise.all(exits.values());
      } finally {
        clearTimeout(timeout);
        // Answers that never came (the worker was terminated) must not leave callers waiting.
        fail(new Error('request-log worker closed'), false);
      }
    },
  };
}
