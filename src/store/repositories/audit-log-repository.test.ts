import { beforeAll, expect, it } from 'vitest';
import { StoreError } from '../store-error.js';
import { describeEachDatabase } from '../test-support/describe-each-database.js';
import { createAuditLogRepository, type AuditEntry, type AuditLogRepository } from './audit-log-repository.js';

function entry(id: string, createdAt: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    createdAt,
    actorType: 'session',
    actorId: 'sess-1234',
    ip: '127.0.0.1',
    method: 'PATCH',
    route: '/api/connections/:id',
    targetId: 'c1',
    status: 200,
    summary: { body: { enabled: false, apiKey: '[redacted]' } },
    ...overrides,
  };
}

describeEachDatabase('audit log repository', ['audit_log'], (db) => {
  let audit: AuditLogRepository;

  beforeAll(() => {
    audit = createAuditLogRepository(db.database);
  });

  it('stores entries and lists them newest first, within [since, until), up to limit', async () => {
    await audit.insert(entry('a', 1_000));
    await audit.insert(entry('b', 2_000, { actorType: 'anonymous', actorId: null, targetId: null, summary: null, status: 401, method: 'POST', route: '/api/auth/login' }));
    await audit.insert(entry('c', 3_000, { actorType: 'api_key', actorId: 'key-1' }));
    expect((await audit.list()).map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect(await audit.list({ since: 2_000, until: 3_000 })).toEqual([
      entry('b', 2_000, { actorType: 'anonymous', actorId: null, targetId: null, summary: null, status: 401, method: 'POST', route: '/api/auth/login' }),
    ]);
    expect((await audit.list({ limit: 1 })).map((e) => e.id)).toEqual(['c']);
    expect((await audit.list())[2]).toEqual(entry('a', 1_000));
  });

  it('prunes by age, then keeps only the newest entries beyond the cap', async () => {
    for (const [id, at] of [['a', 1_000], ['b', 2_000], ['c', 3_000], ['d', 4_000], ['e', 5_000]] as const) await audit.insert(entry(id, at));
    expect(await audit.prune({ before: 1_500, maxRows: 10 })).toBe(1);
    expect(await audit.prune({ before: 0, maxRows: 2 })).toBe(2);
    expect((await audit.list()).map((e) => e.id)).toEqual(['e', 'd']);
  });

  it('refuses to hand back a hand-edited row with a bad actor type', async () => {
    await audit.insert(entry('x', 1_000));
    await db.database.db.updateTable('audit_log').set({ actor_type: 'robot' }).execute();
    await expect(audit.list()).rejects.toBeInstanceOf(StoreError);
  });
});
