import { resolve } from 'node:path';
import type { DatabaseTarget } from '../store/database.js';
import { SQLITE_IN_MEMORY } from '../store/open-sqlite.js';
import type { RequestLogRepository } from '../store/repositories/request-log-repository.js';
import { createWorkerRequestLogSink, type RequestLogSink } from './worker-request-log-sink.js';

export interface RequestLogSinkInput {
  target: DatabaseTarget;
  repository: Pick<RequestLogRepository, 'insertMany'>;
  /** Called once if the SQLite worker dies; writes continue on the main thread. */
  onWorkerFailure(error: unknown): void;
}

/**
 * SQLite file: a worker thread writes the batches (libsql blocks the thread it runs on).
 * PostgreSQL: the repository, whose writes are network I/O and already leave the loop free.
 * An in-memory SQLite database cannot be opened by a second connection, so it stays on the repository.
 */
export function createRequestLogSink(input: RequestLogSinkInput): RequestLogSink {
  const { target, repository } = input;
  const insertOnMainThread = (rows: Parameters<RequestLogRepository['insertMany']>[0]) => repository.insertMany(rows);
  if (target.kind === 'sqlite' && target.file !== SQLITE_IN_MEMORY) {
    return createWorkerRequestLogSink({
      file: resolve(target.file),
      fallback: insertOnMainThread,
      onWorkerFailure: input.onWorkerFailure,
    });
  }
  return { insertMany: insertOnMainThread, close: () => Promise.resolve() };
}
