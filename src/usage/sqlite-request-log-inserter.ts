import { toSqliteParameters } from '../store/libsql-adapter.js';
import {
  REQUEST_LOG_COLUMNS,
  toRequestLogColumns,
  type RequestLogInput,
} from '../store/repositories/request-log-repository.js';

/** The slice of libsql's better-sqlite3-compatible API the inserter needs. */
export interface SqliteInserterDatabase {
  prepare(sql: string): { run(parameters: unknown[]): unknown };
  transaction<T>(fn: (rows: ReadonlyArray<RequestLogInput>) => T): (rows: ReadonlyArray<RequestLogInput>) => T;
}

// ON CONFLICT: ids are the gateway's own and unique, so a conflict is this very row written twice
// (a worker that died after its commit but before its answer); writing it again changes nothing.
export const REQUEST_LOG_INSERT_SQL = `INSERT INTO request_logs (${REQUEST_LOG_COLUMNS.join(', ')}) VALUES (${REQUEST_LOG_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`;

export function requestLogParameters(row: RequestLogInput): unknown[] {
  const columns = toRequestLogColumns(row);
  // libsql 0.5 aborts the process on a bound JS boolean, hence the 1/0 conversion.
  return toSqliteParameters(REQUEST_LOG_COLUMNS.map((column) => columns[column]));
}

/**
 * One statement prepared for the life of the connection and one transaction per batch: the
 * multi-row Kysely insert re-prepared a different statement for every batch size, and compiling it
 * was a visible share of the gateway's CPU. All rows of a batch land or none do.
 */
export function createSqliteRequestLogInserter(database: SqliteInserterDatabase): (rows: ReadonlyArray<RequestLogInput>) => void {
  const insert = database.prepare(REQUEST_LOG_INSERT_SQL);
  const insertBatch = database.transaction((rows: ReadonlyArray<RequestLogInput>) => {
    for (const row of rows) insert.run(requestLogParameters(row));
  });
  return (rows) => {
    if (rows.length > 0) insertBatch(rows);
  };
}
