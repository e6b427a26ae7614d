import { describe, expect, it } from 'vitest';
import type { AdminAuthRepository, AdminSessionRecord } from '../store/repositories/admin-auth-repository.js';
import { createAdminAuth } from './admin-auth.js';
import { createMemoryLoginRateLimiter } from './login-rate-limiter.js';
import { hashSessionId } from './session-token.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const MINUTE = 60_000;

/** The repository contract in memory: the service's rules are under test here, not SQL. */
function memoryRepository(): AdminAuthRepository & { sessions: Map<string, AdminSessionRecord> } {
  let password: string | undefined;
  const sessions = new Map<string, AdminSessionRecord>();
  return {
    sessions,
    getPasswordHash: async () => password,
    setInitialPasswordHash: async (hash) => (password === undefined ? ((password = hash), true) : false),
    replacePasswordHash: async (hash) => {
      password = hash;
    },
    createSession: async (s) => void sessions.set(s.idHash, { ...s }),
    findSession: async (id) => (sessions.has(id) ? { ...sessions.get(id)! } : undefined),
    touchSession: async (id, at) => {
      const s = sessions.get(id);
      if (s) s.lastSeenAt = at;
    },
    deleteSession: async (id) => sessions.delete(id),
    deleteAllSessions: async (keep) => {
      let n = 0;
      for (const id of [...sessions.keys()]) if (id !== keep && sessions.delete(id)) n += 1;
      return n;
    },
    deleteExpiredSessions: async () => 0,
  };
}

function setup(now: { t: number }) {
  const repository = memoryRepository();
  const auth = createAdminAuth({
    repository,
    rateLimiter: createMemoryLoginRateLimiter({ maxFailures: 5, windowMs: 15 * MINUTE }),
    sessionTtlMs: 60 * MINUTE,
    idleTimeoutMs: 10 * MINUTE,
    now: () => now.t,
    scrypt: FAST,
    maxConcurrentHashes: 2,
  });
  return { auth, repository };
}

describe('admin auth service', () => {
  it('touches a session at most once a minute, and ends it when idle or past its lifetime', async () => {
    const now = { t: 1_000_000 };
    const { auth, repository } = setup(now);
    await auth.setInitialPassword('password-123');
    const { sessionId } = await auth.login('password-123', { ip: '1.1.1.1', userAgent: 'ua' });
    const idHash = hashSessionId(sessionId);
    now.t += 30_000;
    expect(await auth.authenticate(sessionId)).toBeDefined();
    expect(repository.sessions.get(idHash)?.lastSeenAt).toBe(1_000_000);
    now.t += 40_000;
    expect((await auth.authenticate(sessionId))?.idleExpiresAt).toBe(now.t + 10 * MINUTE);
    expect(repository.sessions.get(idHash)?.lastSeenAt).toBe(now.t);
    now.t += 10 * MINUTE;
    expect(await auth.authenticate(sessionId)).toBeUndefined();
    expect(repository.sessions.has(idHash)).toBe(false);
  });

  it('stores only hashes: neither the password nor the cookie value reaches the repository', async () => {
    const { auth, repository } = setup({ t: 0 });
    await auth.setInitialPassword('password-123');
    const { sessionId, session } = await auth.login('password-123', { ip: undefined, userAgent: undefined });
    expect(await repository.getPasswordHash()).not.toContain('password-123');
    expect(repository.sessions.has(sessionId)).toBe(false);
    expect(session.csrfToken).not.toBe(sessionId);
    expect(session.csrfToken).not.toBe(session.idHash);
  });

  it('refuses more concurrent password checks than allowed with 429 instead of queueing memory-hard work', async () => {
    const { auth } = setup({ t: 0 });
    await auth.setInitialPassword('password-123');
    const attempts = await Promise.allSettled([1, 2, 3].map((i) => auth.login('password-123', { ip: `10.0.0.${i}`, userAgent: undefined })));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(2);
    const refused = attempts.find((a) => a.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'rate_limited', status: 429 });
  });
});
