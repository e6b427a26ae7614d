import { parentPort, workerData } from 'node:worker_threads';
import LibsqlDatabase from 'libsql';
import {
  isRequestLogWorkerData,
  parseToRequestLogWorker,
  type FromRequestLogWorker,
} from './request-log-worker-protocol.js';
import { createSqliteRequestLogInserter, type SqliteInserterDatabase } from './sqlite-request-log-inserter.js';

/*
 * Worker-thread entry: owns a second libsql connection to the gateway's SQLite file so that the
 * synchronous prepare/run/commit of request-log batches happen off the main event loop. Messages
 * are handled in order, one batch at a time; every batch is answered exactly once.
 */

const port = parentPort;
if (!port) throw new Error('request-log-worker must run in a worker thread');
if (!isRequestLogWorkerData(workerData)) throw new Error('request-log-worker started without { file, busyTimeoutMs }');

// Failing here (file unreadable, schema missing) surfaces as the Worker's 'error' event, which the
// main thread treats as a crash and answers by writing on its own connection.
const native = new LibsqlDatabase(workerData.file);
native.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(workerData.busyTimeoutMs))}`);
// Per-connection setting; WAL itself is persistent in the file and was enabled by the main thread.
native.exec('PRAGMA synchronous = NORMAL');
// libsql's typings are better-sqlite3's generic ones; the runtime shape is what the inserter names.
const insertRows = createSqliteRequestLogInserter(native as unknown as SqliteInserterDatabase);

function errorReply(id: number, error: unknown): FromRequestLogWorker {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? { type: 'failed', id, message, code } : { type: 'failed', id, message };
}

port.on('message', (raw: unknown) => {
  const message = parseToRequestLogWorker(raw);
  if (!message) return;
  if (message.type === 'close') {
    native.close();
    port.close();
    return;
  }
  let reply: FromRequestLogWorker;
  try {
    insertRows(message.rows);
    reply = { type: 'inserted', id: message.id };
  } catch (error) {
    reply = errorReply(message.id, error);
  }
  port.postMessage(reply);
});
