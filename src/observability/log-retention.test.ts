import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseKind } from '../store/database.js';
import { createRequestBodyRepository } from '../store/repositories/request-body-repository.js';
import { createRequestLogRepository } from '../store/repositories/request-log-repository.js';
import { openTestDatabase, type TestDatabase } from '../store/test-databases.js';
import { makeLog } from '../usage/test-support/make-log.js';
import { createLogRetention } from './log-retention.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

describe.each<DatabaseKind>(['sqlite', 'postgres'])('log retention (%s)', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await test?.cleanup();
  });

  it('deletes rows past the age limit, then the oldest beyond the row cap, with their bodies', async () => {
    const logs = createRequestLogRepository(test.database);
    const bodies = createRequestBodyRepository(test.database);
    // Ages: 40, 31, 29, 10, 5, 1 days and 1 hour.
    const ages = [40 * DAY, 31 * DAY, 29 * DAY, 10 * DAY, 5 * DAY, DAY, 3_600_000];
    const rows = ages.map((age, i) => makeLog(i, { createdAt: NOW - age }));
    await logs.insertMany(rows);
    await bodies.insertMany(rows.map((r) => ({ requestId: r.id, createdAt: r.createdAt, request: 'x', response: null, requestTruncated: false, responseTruncated: false })));

    let clock = NOW;
    const retention = createLogRetention({ logs, bodies, retentionDays: 30, maxRows: 4, now: () => clock, onError: (e) => { throw e; } });
    expect(await retention.runOnce()).toEqual({ byAge: 2, bySize: 1, bodies: 3, audit: 0 });
    expect((await logs.list()).map((r) => r.id)).toEqual(['req_000006', 'req_000005', 'req_000004', 'req_000003']);
    expect(await bodies.count()).toBe(4);

    // Time passes: the 10-day-old row crosses 30 days after 21 more days.
    clock = NOW + 21 * DAY;
    expect(await retention.runOnce()).toEqual({ byAge: 1, bySize: 0, bodies: 1, audit: 0 });
    expect(await logs.count()).toBe(3);
  });

  it('prunes the admin audit log too, by its own age limit and cap', async () => {
    const calls: Array<{ before: number; maxRows: number }> = [];
    const retention = createLogRetention({
      logs: createRequestLogRepository(test.database),
      bodies: createRequestBodyRepository(test.database),
      audit: { prune: async (options) => (calls.push(options), 3) },
      retentionDays: 30,
      maxRows: 100,
      auditRetentionDays: 90,
      auditMaxRows: 500,
      now: () => NOW,
      onError: (e) => {
        throw e;
      },
    });
    expect((await retention.runOnce()).audit).toBe(3);
    expect(calls).toEqual([{ before: NOW - 90 * DAY, maxRows: 500 }]);
  });
});
