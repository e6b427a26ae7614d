import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import LibsqlDatabase from 'libsql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createRequestLogRepository,
  type RequestLogInput,
  type RequestLogRepository,
} from '../store/repositories/request-log-repository.js';
import { openTestDatabase, type TestDatabase } from '../store/test-databases.js';
import { createRequestLogWriter } from './request-log-writer.js';
import { makeLog, makeLogs } from './test-support/make-log.js';
import {
  createWorkerRequestLogSink,
  type WorkerRequestLogSink,
  type WorkerRequestLogSinkOptions,
} from './worker-request-log-sink.js';

type Fallback = (rows: ReadonlyArray<RequestLogInput>) => Promise<void>;

/** A worker that dies as soon as it is handed a batch, without answering it. */
const DYING_WORKER = new URL(
  `data:text/javascript,${encodeURIComponent(
    "import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(3));",
  )}`,
);

function settledFlag(promise: Promise<unknown>): () => boolean {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return () => settled;
}

describe('worker request-log sink', () => {
  let test: TestDatabase;
  let file: string;
  let logs: RequestLogRepository;
  let fallback: ReturnType<typeof vi.fn<Fallback>>;
  let onWorkerFailure: ReturnType<typeof vi.fn<(error: unknown) => void>>;
  const sinks: WorkerRequestLogSink[] = [];
  const lockers: LibsqlDatabase.Database[] = [];

  function sink(overrides: Partial<WorkerRequestLogSinkOptions> = {}): WorkerRequestLogSink {
    const created = createWorkerRequestLogSink({ file, fallback, onWorkerFailure, ...overrides });
    sinks.push(created);
    return created;
  }

  /** Another connection holding the write lock, as a second writer process would. */
  function holdWriteLock(): { release(): void } {
    const locker = new LibsqlDatabase(file);
    lockers.push(locker);
    locker.exec('BEGIN IMMEDIATE');
    return { release: () => locker.exec('ROLLBACK') };
  }

  beforeEach(async () => {
    test = await openTestDatabase('sqlite');
    file = test.file ?? '';
    logs = createRequestLogRepository(test.database);
    fallback = vi.fn<Fallback>((rows) => logs.insertMany(rows));
    onWorkerFailure = vi.fn<(error: unknown) => void>();
  });
  afterEach(async () => {
    await Promise.all(sinks.splice(0).map((created) => created.close()));
    for (const locker of lockers.splice(0)) locker.close();
    await test.cleanup();
  });

  it('writes 20,000 rows in batches through the worker, every one counted', async () => {
    const errors: unknown[] = [];
    const writer = createRequestLogWriter({
      insertMany: sink().insertMany,
      flushIntervalMs: 60_000,
      maxBatch: 500,
      onError: (error) => errors.push(error),
    });
    for (const row of makeLogs(0, 20_000)) writer.record(row);
    await writer.close();
    expect(errors).toEqual([]);
    expect(await logs.count()).toBe(20_000);
    expect(await logs.count({ since: 1_760_000_000_000 + 19_999 })).toBe(1);
    expect(fallback).not.toHaveBeenCalled();
    expect(onWorkerFailure).not.toHaveBeenCalled();
  });

  it('round-trips booleans and nulls', async () => {
    const logSink = sink();
    await logSink.insertMany([
      makeLog(1, { stream: true, usageEstimated: true, ttfbMs: 12, combo: 'c', attempts: 2 }),
      makeLog(2, { stream: false }),
    ]);
    const rows = await logs.list();
    expect(rows.map((row) => [row.id, row.stream, row.usageEstimated, row.ttfbMs, row.combo, row.attempts])).toEqual([
      ['req_000002', false, false, null, null, 1],
      ['req_000001', true, true, 12, 'c', 2],
    ]);
  });

  it('writes on another thread: while this thread holds the write lock the batch waits, then lands', async () => {
    const logSink = sink({ busyTimeoutMs: 60_000 });
    const lock = holdWriteLock();
    const written = logSink.insertMany(makeLogs(0, 50));
    const isSettled = settledFlag(written);
    // Had the insert run on this thread it would have blocked it for the busy timeout and failed.
    await delay(200);
    expect(isSettled()).toBe(false);
    expect(await logs.count()).toBe(0);
    lock.release();
    await written;
    expect(await logs.count()).toBe(50);
    expect(fallback).not.toHaveBeenCalled();
  });

  it('after `await flush()` the rows are in the database', async () => {
    const writer = createRequestLogWriter({ insertMany: sink().insertMany, flushIntervalMs: 60_000, onError: () => {} });
    for (const row of makeLogs(0, 7)) writer.record(row);
    await writer.flush();
    expect(await logs.count()).toBe(7);
    for (const row of makeLogs(7, 3)) writer.record(row);
    await writer.flush();
    expect(await logs.count()).toBe(10);
    await writer.close();
  });

  it('close waits for every batch already handed over, then writes on the main thread', async () => {
    const logSink = sink();
    const batches = [0, 1, 2, 3, 4].map((index) => logSink.insertMany(makeLogs(index * 100, 100)));
    await logSink.close();
    await expect(Promise.all(batches)).resolves.toBeDefined();
    expect(await logs.count()).toBe(500);
    expect(fallback).not.toHaveBeenCalled();
    await logSink.insertMany([makeLog(900)]);
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(await logs.count()).toBe(501);
  });

  it('a failed batch comes back rejected with the SQLite error, and the writer retries it', async () => {
    const errors: unknown[] = [];
    const writer = createRequestLogWriter({
      insertMany: sink({ busyTimeoutMs: 0 }).insertMany,
      flushIntervalMs: 60_000,
      onError: (error) => errors.push(error),
    });
    const lock = holdWriteLock();
    for (const row of makeLogs(0, 30)) writer.record(row);
    await writer.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: expect.stringMatching(/BUSY/) });
    expect(writer.pending()).toBe(30);
    expect(await logs.count()).toBe(0);

    lock.release();
    await writer.flush();
    expect(writer.pending()).toBe(0);
    expect(await logs.count()).toBe(30);
    expect(fallback).not.toHaveBeenCalled();
    expect(onWorkerFailure).not.toHaveBeenCalled();
    await writer.close();
  });

  it('a batch that violates a constraint is rejected whole', async () => {
    const logSink = sink();
    await logSink.insertMany([makeLog(1)]);
    await expect(logSink.insertMany([makeLog(2), makeLog(3, { endpoint: null as unknown as string })])).rejects.toMatchObject({ message: expect.stringMatching(/NOT NULL/) });
    expect(await logs.count()).toBe(1);
  });

  it('a worker that cannot open the database is reported once and the main thread takes over', async () => {
    const logSink = sink({ file: join(file, 'missing-directory', 'nowhere.db') });
    await expect(logSink.insertMany(makeLogs(0, 5))).rejects.toThrow(/request-log worker failed/);
    expect(onWorkerFailure).toHaveBeenCalledTimes(1);
    await logSink.insertMany(makeLogs(0, 5));
    await logSink.insertMany(makeLogs(5, 5));
    expect(fallback).toHaveBeenCalledTimes(2);
    expect(onWorkerFailure).toHaveBeenCalledTimes(1);
    expect(await logs.count()).toBe(10);
  });

  it('a worker dying mid-batch: the writer salvages the batch at once on the main thread, nothing lost', async () => {
    const errors: unknown[] = [];
    const dropped: number[] = [];
    const writer = createRequestLogWriter({
      insertMany: sink({ location: { entry: DYING_WORKER } }).insertMany,
      flushIntervalMs: 60_000,
      onError: (error, rows) => {
        errors.push(error);
        dropped.push(rows);
      },
    });
    for (const row of makeLogs(0, 40)) writer.record(row);
    await writer.flush();
    expect(errors).toHaveLength(1);
    expect(dropped).toEqual([0]);
    expect(onWorkerFailure).toHaveBeenCalledTimes(1);
    expect(String(onWorkerFailure.mock.calls[0]?.[0])).toMatch(/code 3/);
    // The failed batch is written row by row, each through the main-thread fallback.
    expect(writer.pending()).toBe(0);
    expect(fallback).toHaveBeenCalledTimes(40);
    expect(await logs.count()).toBe(40);
    await writer.close();
  });

  it('an idle worker retires and the next batch starts a new one, without falling back', async () => {
    const logSink = sink({ idleMs: 0 });
    expect(logSink.workerRunning()).toBe(false);
    await logSink.insertMany(makeLogs(0, 10));
    await vi.waitFor(() => expect(logSink.workerRunning()).toBe(false));
    const second = logSink.insertMany(makeLogs(10, 10));
    expect(logSink.workerRunning()).toBe(true);
    await second;
    expect(await logs.count()).toBe(20);
    expect(fallback).not.toHaveBeenCalled();
    expect(onWorkerFailure).not.toHaveBeenCalled();
    await logSink.close();
    expect(logSink.workerRunning()).toBe(false);
  });

  it('a busy worker does not retire while batches are in flight', async () => {
    const logSink = sink({ idleMs: 0, busyTimeoutMs: 60_000 });
    // The first answer arms the idle timer; the second batch is then held up by the lock.
    await logSink.insertMany(makeLogs(0, 5));
    const lock = holdWriteLock();
    const written = logSink.insertMany(makeLogs(5, 5));
    await delay(100);
    expect(logSink.workerRunning()).toBe(true);
    lock.release();
    await written;
    expect(await logs.count()).toBe(10);
    expect(fallback).not.toHaveBeenCalled();
    expect(onWorkerFailure).not.toHaveBeenCalled();
  });
});
