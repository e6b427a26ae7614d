import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseKind } from '../database.js';
import { openTestDatabase, type TestDatabase } from '../test-databases.js';
import { createRequestBodyRepository, type RequestBodyRepository } from './request-body-repository.js';
import { createRequestLogRepository, type RequestLogInput, type RequestLogRepository } from './request-log-repository.js';

const KINDS: DatabaseKind[] = ['sqlite', 'postgres'];
const BASE = 1_760_000_000_000;

function log(index: number, overrides: Partial<RequestLogInput> = {}): RequestLogInput {
  return {
    id: `req_${String(index).padStart(4, '0')}`,
    createdAt: BASE + index * 1000,
    clientFormat: 'openai-chat',
    endpoint: '/v1/chat/completions',
    modelRequested: 'gpt-5',
    provider: 'openai',
    status: 200,
    stream: false,
    latencyMs: 100,
    ...overrides,
  };
}

describe.each(KINDS)('request log search, detail and size retention (%s)', (kind) => {
  let test: TestDatabase;
  let logs: RequestLogRepository;
  let bodies: RequestBodyRepository;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    logs = createRequestLogRepository(test.database);
    bodies = createRequestBodyRepository(test.database);
  });
  afterAll(async () => {
    await test?.cleanup();
  });
  beforeEach(async () => {
    await test.database.db.deleteFrom('request_logs').execute();
    await test.database.db.deleteFrom('request_bodies').execute();
  });

  it('filters by key, combo, exact status and status class', async () => {
    await logs.insertMany([
      log(1, { apiKeyId: 'key_a', status: 200 }),
      log(2, { apiKeyId: 'key_b', status: 502, combo: 'coding' }),
      log(3, { apiKeyId: 'key_a', status: 429, combo: 'coding' }),
      log(4, { apiKeyId: 'key_a', status: 503 }),
    ]);
    const ids = async (filter: Parameters<RequestLogRepository['list']>[0]) => (await logs.list(filter)).map((r) => r.id);
    expect(await ids({ apiKeyId: 'key_a' })).toEqual(['req_0004', 'req_0003', 'req_0001']);
    expect(await ids({ combo: 'coding' })).toEqual(['req_0003', 'req_0002']);
    expect(await ids({ status: 429 })).toEqual(['req_0003']);
    expect(await ids({ status: '5xx' })).toEqual(['req_0004', 'req_0002']);
    expect(await ids({ status: 'error' })).toEqual(['req_0004', 'req_0003', 'req_0002']);
    expect(await ids({ status: 'success' })).toEqual(['req_0001']);
    expect(await ids({ status: '5xx', apiKeyId: 'key_a' })).toEqual(['req_0004']);
    expect(await logs.count({ status: 'error' })).toBe(3);
  });

  it('searches error messages and request ids case-insensitively, treating % and _ literally', async () => {
    await logs.insertMany([
      log(1, { status: 502, errorMessage: 'Upstream Timeout after 30s' }),
      log(2, { status: 500, errorMessage: 'quota 100% used' }),
      log(3, { id: 'abc_DEF', status: 200 }),
      log(4, { id: 'abcxdef', status: 200 }),
    ]);
    expect((await logs.list({ q: 'timeout' })).map((r) => r.id)).toEqual(['req_0001']);
    expect((await logs.list({ q: '100%' })).map((r) => r.id)).toEqual(['req_0002']);
    expect((await logs.list({ q: 'c_d' })).map((r) => r.id)).toEqual(['abc_DEF']);
    expect(await logs.list({ q: 'nothing like this' })).toEqual([]);
  });

  it('pages newest first with a keyset cursor, also across equal timestamps', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => log(i, { createdAt: BASE + Math.floor(i / 2) }));
    await logs.insertMany(rows);
    const seen: string[] = [];
    let page = await logs.list({ limit: 3 });
    while (page.length > 0) {
      seen.push(...page.map((r) => r.id));
      const last = page[page.length - 1]!;
      page = await logs.list({ limit: 3, before: { createdAt: last.createdAt, id: last.id } });
    }
    expect(seen).toEqual(['req_0006', 'req_0005', 'req_0004', 'req_0003', 'req_0002', 'req_0001', 'req_0000']);
  });

  it('gets one row by id', async () => {
    await logs.insertMany([log(1, { combo: 'c', targets: [{ provider: 'openai', model: 'gpt-5', connectionId: null, status: 200, errorCode: null, latencyMs: 90 }] })]);
    expect((await logs.get('req_0001'))?.targets?.[0]?.latencyMs).toBe(90);
    expect(await logs.get('missing')).toBeUndefined();
  });

  it('keeps only the newest maxRows rows and prunes bodies to the same cutoff', async () => {
    await logs.insertMany(Array.from({ length: 10 }, (_, i) => log(i)));
    await bodies.insertMany(Array.from({ length: 10 }, (_, i) => ({ requestId: log(i).id, createdAt: log(i).createdAt, request: '{}', response: null, requestTruncated: false, responseTruncated: false })));
    const result = await logs.pruneToMaxRows(4);
    expect(result.deleted).toBe(6);
    expect(result.cutoff).toEqual({ createdAt: log(5).createdAt, id: 'req_0005' });
    expect((await logs.list()).map((r) => r.id)).toEqual(['req_0009', 'req_0008', 'req_0007', 'req_0006']);
    expect(await bodies.deleteUpTo(result.cutoff!)).toBe(6);
    expect(await bodies.count()).toBe(4);
    expect(await logs.pruneToMaxRows(4)).toEqual({ deleted: 0, cutoff: undefined });
  });

  it('stores captured bodies once per request and prunes them by age', async () => {
    const record = { requestId: 'req_x', createdAt: BASE, request: '{"a":1}', response: '{"b":2}', requestTruncated: true, responseTruncated: false };
    await bodies.insertMany([record]);
    await bodies.insertMany([{ ...record, request: 'second' }]);
    expect(await bodies.get('req_x')).toEqual(record);
    expect(await bodies.deleteOlderThan(BASE + 1)).toBe(1);
    expect(await bodies.get('req_x')).toBeUndefined();
  });
});
