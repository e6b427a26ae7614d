import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseKind } from '../database.js';
import { openTestDatabase, type TestDatabase } from '../test-databases.js';
import {
  REQUEST_LOG_CHUNK_ROWS,
  createRequestLogRepository,
  type RequestLogInput,
  type RequestLogRepository,
  type RequestLogRow,
} from './request-log-repository.js';

const KINDS: DatabaseKind[] = ['sqlite', 'postgres'];
const BASE = 1_760_000_000_000;

function makeLog(index: number, overrides: Partial<RequestLogInput> = {}): RequestLogInput {
  return {
    id: `req_${String(index).padStart(6, '0')}`,
    createdAt: BASE + index,
    clientFormat: 'openai-chat',
    endpoint: '/v1/chat/completions',
    modelRequested: index % 2 === 0 ? 'gpt-5' : 'claude-sonnet-4-5',
    provider: index % 3 === 0 ? 'openai' : 'anthropic',
    status: index % 5 === 0 ? 429 : 200,
    stream: index % 2 === 1,
    latencyMs: 100 + index,
    ...overrides,
  };
}

describe.each(KINDS)('request log repository (%s)', (kind) => {
  let test: TestDatabase;
  let logs: RequestLogRepository;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    logs = createRequestLogRepository(test.database);
  });
  afterAll(async () => {
    await test?.cleanup();
  });
  beforeEach(async () => {
    await test.database.db.deleteFrom('request_logs').execute();
  });

  it('round-trips every column, filling defaults for omitted ones', async () => {
    const full: RequestLogRow = {
      id: 'req_full',
      clientRequestId: 'client-42',
      createdAt: BASE,
      clientFormat: 'anthropic-messages',
      endpoint: '/v1/messages',
      modelRequested: 'coding',
      provider: 'anthropic',
      modelUsed: 'claude-sonnet-4-5',
      connectionId: 'conn_1',
      status: 200,
      errorCode: null,
      errorMessage: null,
      stream: true,
      latencyMs: 2_345,
      ttfbMs: 310,
      inputTokens: 1_200,
      outputTokens: 456,
      cachedTokens: 1_000,
      cacheWriteTokens: 50,
      reasoningTokens: 128,
      usageEstimated: true,
      attempts: 2,
      apiKeyId: 'key_1',
      combo: 'coding',
      costUsd: 0.012345,
      unpriced: false,
      errorClass: null,
      targets: [
        { provider: 'glm', model: 'glm-4.7', connectionId: 'conn_0', status: 429, errorCode: 'rate_limited', latencyMs: 12 },
        { provider: 'anthropic', model: 'claude-sonnet-4-5', connectionId: 'conn_1', status: 200, errorCode: null, latencyMs: 2_300 },
      ],
    };
    await logs.insertMany([full, makeLog(1)]);
    const [newest, oldest] = await logs.list();
    expect(oldest).toEqual(full);
    expect(newest).toEqual({
      ...makeLog(1),
      modelUsed: null,
      connectionId: null,
      errorCode: null,
      errorMessage: null,
      ttfbMs: null,
      inputTokens: null,
      outputTokens: null,
      cachedTokens: null,
      cacheWriteTokens: null,
      reasoningTokens: null,
      usageEstimated: false,
      attempts: 1,
      apiKeyId: null,
      combo: null,
      costUsd: null,
      unpriced: false,
      errorClass: null,
      targets: null,
      clientRequestId: null,
    });
  });

  it('inserts 5,000 rows in several chunks and counts them', async () => {
    const rows = Array.from({ length: 5_000 }, (_, index) => makeLog(index));
    expect(rows.length).toBeGreaterThan(REQUEST_LOG_CHUNK_ROWS * 2);
    await logs.insertMany(rows);
    expect(await logs.count()).toBe(5_000);
    const newest = await logs.list({ limit: 3 });
    expect(newest.map((row) => row.id)).toEqual(['req_004999', 'req_004998', 'req_004997']);
    expect(typeof newest[0]?.createdAt).toBe('number');
  });

  it('inserts all-or-nothing: a duplicate id in a later chunk rolls back the earlier chunks', async () => {
    const rows = Array.from({ length: REQUEST_LOG_CHUNK_ROWS + 10 }, (_, index) => makeLog(index));
    rows.push(makeLog(0));
    await expect(logs.insertMany(rows)).rejects.toThrow();
    expect(await logs.count()).toBe(0);
  });

  it('accepts an empty batch', async () => {
    await logs.insertMany([]);
    expect(await logs.count()).toBe(0);
  });

  it('filters by time window, provider, model (requested or used) and status, newest first', async () => {
    await logs.insertMany([
      makeLog(1, { provider: 'openai', modelRequested: 'fast', modelUsed: 'gpt-5-mini', status: 200 }),
      makeLog(2, { provider: 'openai', modelRequested: 'gpt-5-mini', status: 429 }),
      makeLog(3, { provider: 'anthropic', modelRequested: 'claude-haiku-4-5', status: 200 }),
      makeLog(4, { provider: null, modelRequested: 'gpt-5-mini', status: 401 }),
      makeLog(5, { provider: 'openai', modelRequested: 'gpt-5', status: 200 }),
    ]);
    const ids = (rows: RequestLogRow[]) => rows.map((row) => row.id.slice(-1));

    expect(ids(await logs.list())).toEqual(['5', '4', '3', '2', '1']);
    expect(ids(await logs.list({ provider: 'openai' }))).toEqual(['5', '2', '1']);
    expect(ids(await logs.list({ model: 'gpt-5-mini' }))).toEqual(['4', '2', '1']);
    expect(ids(await logs.list({ status: 200 }))).toEqual(['5', '3', '1']);
    expect(ids(await logs.list({ since: BASE + 2, until: BASE + 4 }))).toEqual(['3', '2']);
    expect(ids(await logs.list({ provider: 'openai', model: 'gpt-5-mini', status: 200 }))).toEqual(['1']);
    expect(ids(await logs.list({ limit: 2, offset: 1 }))).toEqual(['4', '3']);

    expect(await logs.count({ provider: 'openai' })).toBe(3);
    expect(await logs.count({ since: BASE + 3 })).toBe(3);
    expect(await logs.count()).toBe(5);
  });

  it('orders rows with the same timestamp by id, so pages are stable', async () => {
    await logs.insertMany([makeLog(1, { id: 'a', createdAt: BASE }), makeLog(2, { id: 'b', createdAt: BASE })]);
    expect((await logs.list()).map((row) => row.id)).toEqual(['b', 'a']);
  });

  it('deletes rows older than a cutoff for retention', async () => {
    await logs.insertMany(Array.from({ length: 10 }, (_, index) => makeLog(index)));
    expect(await logs.deleteOlderThan(BASE + 4)).toBe(4);
    expect(await logs.count()).toBe(6);
    expect((await logs.list({ limit: 100 })).at(-1)?.id).toBe('req_000004');
  });
});
