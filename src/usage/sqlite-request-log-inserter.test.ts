import LibsqlDatabase from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  REQUEST_LOG_COLUMNS,
  createRequestLogRepository,
  type RequestLogRepository,
} from '../store/repositories/request-log-repository.js';
import { openTestDatabase, type TestDatabase } from '../store/test-databases.js';
import {
  REQUEST_LOG_INSERT_SQL,
  createSqliteRequestLogInserter,
  requestLogParameters,
  type SqliteInserterDatabase,
} from './sqlite-request-log-inserter.js';
import { makeFilledLog, makeLog, makeLogInput, makeLogs } from './test-support/make-log.js';

describe('sqlite request-log inserter (second connection, as in the worker)', () => {
  let test: TestDatabase;
  let logs: RequestLogRepository;
  let native: LibsqlDatabase.Database;
  let insert: (rows: Parameters<RequestLogRepository['insertMany']>[0]) => void;

  beforeEach(async () => {
    test = await openTestDatabase('sqlite');
    logs = createRequestLogRepository(test.database);
    native = new LibsqlDatabase(test.file ?? '');
    insert = createSqliteRequestLogInserter(native as unknown as SqliteInserterDatabase);
  });
  afterEach(async () => {
    native.close();
    await test.cleanup();
  });

  it('binds one placeholder per column, booleans as 1/0', () => {
    expect(REQUEST_LOG_INSERT_SQL.match(/\?/g)).toHaveLength(REQUEST_LOG_COLUMNS.length);
    const parameters = requestLogParameters(makeLog(1, { usageEstimated: true }));
    expect(parameters).toHaveLength(REQUEST_LOG_COLUMNS.length);
    expect(parameters.some((value) => typeof value === 'boolean')).toBe(false);
    expect(parameters[REQUEST_LOG_COLUMNS.indexOf('stream')]).toBe(1);
    expect(parameters[REQUEST_LOG_COLUMNS.indexOf('usage_estimated')]).toBe(1);
    expect(parameters[REQUEST_LOG_COLUMNS.indexOf('attempts')]).toBe(1);
  });

  it('writes rows the repository reads back identically, booleans and nulls included', async () => {
    const full = makeFilledLog({
      createdAt: 1_760_000_000_500,
      status: 502,
      errorCode: 'upstream_error',
      errorMessage: 'bad gateway',
      attempts: 3,
      costUsd: null,
      unpriced: true,
      errorClass: 'upstream_error',
      targets: [{ provider: 'anthropic', model: 'claude-sonnet-4-5', connectionId: 'conn_1', status: 502, errorCode: 'upstream_error', latencyMs: 2_345 }],
    });
    // The second row leaves out every optional field: defaults and nulls come from the shared mapping.
    insert([full, makeLogInput(2)]);
    const [newest, oldest] = await logs.list();
    expect(newest).toEqual(full);
    expect(oldest).toEqual(makeLog(2));
    expect(oldest?.stream).toBe(false);
  });

  it('writes a batch all or nothing', async () => {
    insert(makeLogs(0, 3));
    // The third row breaks a NOT NULL column: the whole batch must roll back.
    expect(() => insert([makeLog(10), makeLog(11), makeLog(12, { endpoint: null as unknown as string })])).toThrow(/NOT NULL/);
    expect(await logs.count()).toBe(3);
    insert([makeLog(10), makeLog(11)]);
    expect(await logs.count()).toBe(5);
    // A row already stored is the same row written twice (a worker that died after committing): skipped.
    insert([makeLog(1), makeLog(13)]);
    expect(await logs.count()).toBe(6);
  });

  it('ignores an empty batch', async () => {
    insert([]);
    expect(await logs.count()).toBe(0);
  });
});
