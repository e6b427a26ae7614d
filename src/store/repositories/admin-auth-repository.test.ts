import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../test-support/describe-each-database.js';
import { createAdminAuthRepository, type AdminAuthRepository, type AdminSessionRecord } from './admin-auth-repository.js';

function session(idHash: string, overrides: Partial<AdminSessionRecord> = {}): AdminSessionRecord {
  return { idHash, createdAt: 1_000, lastSeenAt: 1_000, expiresAt: 100_000, ip: '127.0.0.1', userAgent: 'test', ...overrides };
}

describeEachDatabase('admin auth repository', ['admin_sessions', 'admin_credentials'], (db) => {
  let repo: AdminAuthRepository;

  beforeAll(() => {
    repo = createAdminAuthRepository(db.database, { now: () => 5_000 });
  });

  it('sets the first password once; later setup attempts do not overwrite it', async () => {
    expect(await repo.getPasswordHash()).toBeUndefined();
    expect(await repo.setInitialPasswordHash('hash-1')).toBe(true);
    expect(await repo.setInitialPasswordHash('hash-2')).toBe(false);
    expect(await repo.getPasswordHash()).toBe('hash-1');
    await repo.replacePasswordHash('hash-3');
    expect(await repo.getPasswordHash()).toBe('hash-3');
  });

  it('stores, finds, touches and deletes sessions', async () => {
    await repo.createSession(session('a'));
    expect(await repo.findSession('a')).toEqual(session('a'));
    expect(await repo.findSession('nope')).toBeUndefined();
    await repo.touchSession('a', 2_000);
    expect((await repo.findSession('a'))?.lastSeenAt).toBe(2_000);
    expect(await repo.deleteSession('a')).toBe(true);
    expect(await repo.deleteSession('a')).toBe(false);
  });

  it('ends every session, or every other one', async () => {
    for (const id of ['a', 'b', 'c']) await repo.createSession(session(id));
    expect(await repo.deleteAllSessions('b')).toBe(2);
    expect(await repo.findSession('b')).toBeDefined();
    expect(await repo.deleteAllSessions()).toBe(1);
    expect(await repo.findSession('b')).toBeUndefined();
  });

  it('purges sessions past their expiry or idle for too long', async () => {
    await repo.createSession(session('expired', { expiresAt: 4_000, lastSeenAt: 3_900 }));
    await repo.createSession(session('idle', { lastSeenAt: 1_000 }));
    await repo.createSession(session('live', { lastSeenAt: 4_500 }));
    expect(await repo.deleteExpiredSessions(5_000, 2_000)).toBe(2);
    expect(await repo.findSession('live')).toBeDefined();
    expect(await repo.findSession('idle')).toBeUndefined();
  });
});
