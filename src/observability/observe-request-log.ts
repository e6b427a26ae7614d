import type { RequestLogRow } from '../store/repositories/request-log-repository.js';
import type { RequestLogWriter } from '../usage/request-log-writer.js';

export type RowObserver = (row: RequestLogRow) => void;

/**
 * Metrics, traces and the latency window all learn about a request from its recorded row, so the
 * pipeline does no observability work of its own. Observers must be cheap and synchronous; one
 * that throws is reported and never stops the row from being written.
 */
export function observeRequestLog(writer: RequestLogWriter, observers: ReadonlyArray<RowObserver>, onError: (error: unknown) => void): RequestLogWriter {
  if (observers.length === 0) return writer;
  return {
    ...writer,
    record(row) {
      for (const observe of observers) {
        try {
          observe(row);
        } catch (error) {
          onError(error);
        }
      }
      writer.record(row);
    },
  };
}
