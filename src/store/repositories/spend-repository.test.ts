import { beforeAll, expect, it } from 'vitest';
import { makeLog } from '../../usage/test-support/make-log.js';
import { describeEachDatabase } from '../test-support/describe-each-database.js';
import { createRequestLogRepository, type RequestLogRepository } from './request-log-repository.js';
import { createSpendRepository, type SpendRepository } from './spend-repository.js';

describeEachDatabase('spend repository', ['request_logs'], (db) => {
  let logs: RequestLogRepository;
  let spend: SpendRepository;

  beforeAll(() => {
    logs = createRequestLogRepository(db.database);
    spend = createSpendRepository(db.database);
  });

  it('sums priced cost in the window per key and provider, and counts unpriced requests apart', async () => {
    const base = makeLog(0).createdAt;
    await logs.insertMany([
      makeLog(1, { apiKeyId: 'key_a', provider: 'openai', costUsd: 0.25, inputTokens: 10, outputTokens: 5 }),
      makeLog(2, { apiKeyId: 'key_a', provider: 'anthropic', costUsd: 0.5, inputTokens: 10, outputTokens: 5 }),
      makeLog(3, { apiKeyId: 'key_b', provider: 'openai', costUsd: 1, inputTokens: 10, outputTokens: 5 }),
      makeLog(4, { apiKeyId: 'key_a', provider: 'local', costUsd: null, unpriced: true, inputTokens: 10, outputTokens: 5 }),
      makeLog(5, { apiKeyId: 'key_a', provider: 'openai', status: 500 }),
    ]);
    expect(await spend.spend({ since: base })).toEqual({ costUsd: 1.75, unpricedRequests: 1 });
    expect(await spend.spend({ since: base, apiKeyId: 'key_a' })).toEqual({ costUsd: 0.75, unpricedRequests: 1 });
    expect(await spend.spend({ since: base, provider: 'openai' })).toEqual({ costUsd: 1.25, unpricedRequests: 0 });
    expect(await spend.spend({ since: base, apiKeyId: 'key_a', provider: 'openai' })).toEqual({ costUsd: 0.25, unpricedRequests: 0 });
    expect(await spend.spend({ since: base + 3 })).toEqual({ costUsd: 1, unpricedRequests: 1 });
    expect(await spend.spend({ since: base + 100 })).toEqual({ costUsd: 0, unpricedRequests: 0 });
  });

  it('lists the uses of a connection that consumed quota, oldest first', async () => {
    const base = makeLog(0).createdAt;
    await logs.insertMany([
      makeLog(3, { connectionId: 'conn_a', inputTokens: 100, outputTokens: 20 }),
      makeLog(1, { connectionId: 'conn_a' }),
      makeLog(2, { connectionId: 'conn_a', status: 429 }),
      makeLog(4, { connectionId: 'conn_a', status: 499, inputTokens: 7, outputTokens: 3 }),
      makeLog(5, { connectionId: 'conn_b', inputTokens: 1, outputTokens: 1 }),
    ]);
    expect(await spend.connectionUses('conn_a', base)).toEqual([
      { createdAt: base + 1, tokens: 0 },
      { createdAt: base + 3, tokens: 120 },
      { createdAt: base + 4, tokens: 10 },
    ]);
    expect(await spend.connectionUses('conn_a', base + 2)).toHaveLength(2);
  });
});
