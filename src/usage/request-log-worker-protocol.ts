import type { RequestLogInput } from '../store/repositories/request-log-repository.js';

/** What the main thread hands the request-log worker at start. */
export interface RequestLogWorkerData {
  /** Absolute path of the SQLite file (never ':memory:', which a second connection cannot share). */
  file: string;
  busyTimeoutMs: number;
}

export type ToRequestLogWorker =
  | { type: 'insert'; id: number; rows: ReadonlyArray<RequestLogInput> }
  /** Finish what is queued, close the connection, exit. */
  | { type: 'close' };

export type FromRequestLogWorker =
  | { type: 'inserted'; id: number }
  | { type: 'failed'; id: number; message: string; code?: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isRequestLogWorkerData(value: unknown): value is RequestLogWorkerData {
  return isRecord(value) && typeof value.file === 'string' && typeof value.busyTimeoutMs === 'number';
}

/** Rows are not re-validated: they come from our own main thread and the INSERT checks types. */
export function parseToRequestLogWorker(value: unknown): ToRequestLogWorker | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'close') return { type: 'close' };
  if (value.type === 'insert' && typeof value.id === 'number' && Array.isArray(value.rows)) {
    return { type: 'insert', id: value.id, rows: value.rows as RequestLogInput[] };
  }
  return undefined;
}

export function parseFromRequestLogWorker(value: unknown): FromRequestLogWorker | undefined {
  if (!isRecord(value) || typeof value.id !== 'number') return undefined;
  if (value.type === 'inserted') return { type: 'inserted', id: value.id };
  if (value.type === 'failed' && typeof value.message === 'string') {
    return typeof value.code === 'string'
      ? { type: 'failed', id: value.id, message: value.message, code: value.code }
      : { type: 'failed', id: value.id, message: value.message };
  }
  return undefined;
}
