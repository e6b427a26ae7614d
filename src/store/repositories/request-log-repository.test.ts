import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/describe-each-database.js';
import {
  REQUEST_LOG_CHUNK_ROWS,
  createRequestLogRepository,
  type RequestLogRepository,
  type RequestLogRow,
} from './request-log-repository.js';
import { LOG_BASE_TIME, makeFilledLog, makeLog, makeLogInput } from '../../usage/test-support/make-log.js';

describeEachDatabase('request log repository', ['request_logs'], (db) => {
  let logs: RequestLogRepository;

  beforeAll(() => {
    logs = createRequestLogRepository(db.database);
  });

  it('round-trips every column, filling defaults for omitted ones', async () => {
    const full = makeFilledLog({
      createdAt: LOG_BASE_TIME,
      status: 200,
      errorCode: null,
      errorMessage: null,
      attempts: 2,
      costUsd: 0.012345,
      unpriced: false,
      errorClass: null,
      targets: [
        { provider: 'glm', model: 'glm-4.7', connectionId: 'conn_0', status: 429, errorCode: 'rate_limited', latencyMs: 12 },
        { provider: 'anthropic', model: 'claude-sonnet-4-5', connectionId: 'conn_1', status: 200, errorCode: null, latencyMs: 2_300 },
      ],
    });
    await logs.insertMany([full, makeLogInput(1)]);
    const [newest, oldest] = await logs.list();
    expect(oldest).toEqual(full);
    expect(newest).toEqual(makeLog(1));
  });

  it('inserts 5,000 rows in several chunks and counts them', async () => {
    const rows = Array.from({ length: 5_000 }, (_, index) => makeLogInput(index));
    expect(rows.length).toBeGreaterThan(REQUEST_LOG_CHUNK_ROWS * 2);
    await logs.insertMany(rows);
    expect(await logs.count()).toBe(5_000);
    const newest = await logs.list({ limit: 3 });
    expect(newest.map((row) => row.id)).toEqual(['req_004999', 'req_004998', 'req_004997']);
    expect(typeof newest[0]?.createdAt).toBe('number');
  });

  it('inserts all-or-nothing: a refused row in a later chunk rolls back the earlier chunks', async () => {
    const rows = Array.from({ length: REQUEST_LOG_CHUNK_ROWS + 10 }, (_, index) => makeLogInput(index));
    rows.push(makeLogInput(REQUEST_LOG_CHUNK_ROWS + 10, { endpoint: null as unknown as string }));
    await expect(logs.insertMany(rows)).rejects.toThrow();
    expect(await logs.count()).toBe(0);
  });

  it('writing rows that are already there is a no-op (a log worker that died after its commit)', async () => {
    const rows = [makeLogInput(1), makeLogInput(2)];
    await logs.insertMany(rows);
    await logs.insertMany([...rows, makeLogInput(3)]);
    expect(await logs.count()).toBe(3);
  });

  it('accepts an empty batch', async () => {
    await logs.insertMany([]);
    expect(await logs.count()).toBe(0);
  });

  it('filters by time window, provider, model (requested or used) and status, newest first', async () => {
    await logs.insertMany([
      makeLogInput(1, { provider: 'openai', modelRequested: 'fast', modelUsed: 'gpt-5-mini', status: 200 }),
      makeLogInput(2, { provider: 'openai', modelRequested: 'gpt-5-mini', status: 429 }),
      makeLogInput(3, { provider: 'anthropic', modelRequested: 'claude-haiku-4-5', status: 200 }),
      makeLogInput(4, { provider: null, modelRequested: 'gpt-5-mini', status: 401 }),
      makeLogInput(5, { provider: 'openai', modelRequested: 'gpt-5', status: 200 }),
    ]);
    const ids = (rows: RequestLogRow[]) => rows.map((row) => row.id.slice(-1));

    expect(ids(await logs.list())).toEqual(['5', '4', '3', '2', '1']);
    expect(ids(await logs.list({ provider: 'openai' }))).toEqual(['5', '2', '1']);
    expect(ids(await logs.list({ model: 'gpt-5-mini' }))).toEqual(['4', '2', '1']);
    expect(ids(await logs.list({ status: 200 }))).toEqual(['5', '3', '1']);
    expect(ids(await logs.list({ since: LOG_BASE_TIME + 2, until: LOG_BASE_TIME + 4 }))).toEqual(['3', '2']);
    expect(ids(await logs.list({ provider: 'openai', model: 'gpt-5-mini', status: 200 }))).toEqual(['1']);
    expect(ids(await logs.list({ limit: 2, offset: 1 }))).toEqual(['4', '3']);

    expect(await logs.count({ provider: 'openai' })).toBe(3);
    expect(await logs.count({ since: LOG_BASE_TIME + 3 })).toBe(3);
    expect(await logs.count()).toBe(5);
  });

  it('orders rows with the same timestamp by id, so pages are stable', async () => {
    await logs.insertMany([makeLogInput(1, { id: 'a', createdAt: LOG_BASE_TIME }), makeLogInput(2, { id: 'b', createdAt: LOG_BASE_TIME })]);
    expect((await logs.list()).map((row) => row.id)).toEqual(['b', 'a']);
  });

  it('deletes rows older than a cutoff for retention', async () => {
    await logs.insertMany(Array.from({ length: 10 }, (_, index) => makeLogInput(index)));
    expect(await logs.deleteOlderThan(LOG_BASE_TIME + 4)).toBe(4);
    expect(await logs.count()).toBe(6);
    expect((await logs.list({ limit: 100 })).at(-1)?.id).toBe('req_000004');
  });
});
