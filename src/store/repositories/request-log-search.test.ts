import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/describe-each-database.js';
import { createRequestBodyRepository, type RequestBodyRepository } from './request-body-repository.js';
import { createRequestLogRepository, type RequestLogRepository } from './request-log-repository.js';
import { LOG_BASE_TIME, makeLogInput } from '../../usage/test-support/make-log.js';

describeEachDatabase('request log search, detail and size retention', ['request_logs', 'request_bodies'], (db) => {
  let logs: RequestLogRepository;
  let bodies: RequestBodyRepository;

  beforeAll(() => {
    logs = createRequestLogRepository(db.database);
    bodies = createRequestBodyRepository(db.database);
  });

  it('filters by key, combo, exact status and status class', async () => {
    await logs.insertMany([
      makeLogInput(1, { apiKeyId: 'key_a', status: 200 }),
      makeLogInput(2, { apiKeyId: 'key_b', status: 502, combo: 'coding' }),
      makeLogInput(3, { apiKeyId: 'key_a', status: 429, combo: 'coding' }),
      makeLogInput(4, { apiKeyId: 'key_a', status: 503 }),
    ]);
    const ids = async (filter: Parameters<RequestLogRepository['list']>[0]) => (await logs.list(filter)).map((r) => r.id);
    expect(await ids({ apiKeyId: 'key_a' })).toEqual(['req_000004', 'req_000003', 'req_000001']);
    expect(await ids({ combo: 'coding' })).toEqual(['req_000003', 'req_000002']);
    expect(await ids({ status: 429 })).toEqual(['req_000003']);
    expect(await ids({ status: '5xx' })).toEqual(['req_000004', 'req_000002']);
    expect(await ids({ status: 'error' })).toEqual(['req_000004', 'req_000003', 'req_000002']);
    expect(await ids({ status: 'success' })).toEqual(['req_000001']);
    expect(await ids({ status: '5xx', apiKeyId: 'key_a' })).toEqual(['req_000004']);
    expect(await logs.count({ status: 'error' })).toBe(3);
  });

  it('searches error messages and request ids case-insensitively, treating % and _ literally', async () => {
    await logs.insertMany([
      makeLogInput(1, { status: 502, errorMessage: 'Upstream Timeout after 30s' }),
      makeLogInput(2, { status: 500, errorMessage: 'quota 100% used' }),
      makeLogInput(3, { id: 'abc_DEF', status: 200 }),
      makeLogInput(4, { id: 'abcxdef', status: 200 }),
    ]);
    expect((await logs.list({ q: 'timeout' })).map((r) => r.id)).toEqual(['req_000001']);
    expect((await logs.list({ q: '100%' })).map((r) => r.id)).toEqual(['req_000002']);
    expect((await logs.list({ q: 'c_d' })).map((r) => r.id)).toEqual(['abc_DEF']);
    expect(await logs.list({ q: 'nothing like this' })).toEqual([]);
  });

  it('pages newest first with a keyset cursor, also across equal timestamps', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => makeLogInput(i, { createdAt: LOG_BASE_TIME + Math.floor(i / 2) }));
    await logs.insertMany(rows);
    const seen: string[] = [];
    let page = await logs.list({ limit: 3 });
    while (page.length > 0) {
      seen.push(...page.map((r) => r.id));
      const last = page[page.length - 1]!;
      page = await logs.list({ limit: 3, before: { createdAt: last.createdAt, id: last.id } });
    }
    expect(seen).toEqual(['req_000006', 'req_000005', 'req_000004', 'req_000003', 'req_000002', 'req_000001', 'req_000000']);
  });

  it('gets one row by id', async () => {
    await logs.insertMany([makeLogInput(1, { combo: 'c', targets: [{ provider: 'openai', model: 'gpt-5', connectionId: null, status: 200, errorCode: null, latencyMs: 90 }] })]);
    expect((await logs.get('req_000001'))?.targets?.[0]?.latencyMs).toBe(90);
    expect(await logs.get('missing')).toBeUndefined();
  });

  it('keeps only the newest maxRows rows and prunes bodies to the same cutoff', async () => {
    await logs.insertMany(Array.from({ length: 10 }, (_, i) => makeLogInput(i)));
    await bodies.insertMany(Array.from({ length: 10 }, (_, i) => ({ requestId: makeLogInput(i).id, createdAt: makeLogInput(i).createdAt, request: '{}', response: null, requestTruncated: false, responseTruncated: false })));
    const result = await logs.pruneToMaxRows(4);
    expect(result.deleted).toBe(6);
    expect(result.cutoff).toEqual({ createdAt: makeLogInput(5).createdAt, id: 'req_000005' });
    expect((await logs.list()).map((r) => r.id)).toEqual(['req_000009', 'req_000008', 'req_000007', 'req_000006']);
    expect(await bodies.deleteUpTo(result.cutoff!)).toBe(6);
    expect(await bodies.count()).toBe(4);
    expect(await logs.pruneToMaxRows(4)).toEqual({ deleted: 0, cutoff: undefined });
  });

  it('stores captured bodies once per request and prunes them by age', async () => {
    const record = { requestId: 'req_x', createdAt: LOG_BASE_TIME, request: '{"a":1}', response: '{"b":2}', requestTruncated: true, responseTruncated: false };
    await bodies.insertMany([record]);
    await bodies.insertMany([{ ...record, request: 'second' }]);
    expect(await bodies.get('req_x')).toEqual(record);
    expect(await bodies.deleteOlderThan(LOG_BASE_TIME + 1)).toBe(1);
    expect(await bodies.get('req_x')).toBeUndefined();
  });
});
