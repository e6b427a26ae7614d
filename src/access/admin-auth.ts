import { GatewayError, invalidRequest } from '../errors/gateway-error.js';
import type { AdminAuthRepository, AdminSessionRecord } from '../store/repositories/admin-auth-repository.js';
import type { LoginRateLimiter } from './login-rate-limiter.js';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword, type ScryptParams } from './password-hash.js';
import { csrfTokenFor, hashSessionId, newSessionId } from './session-token.js';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

/** A live session as the request sees it. */
export interface AdminSession {
  /** Short public id (prefix of the stored hash) for the audit log. */
  id: string;
  idHash: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  /** When the session ends if it stays unused. */
  idleExpiresAt: number;
}

export interface NewSession {
  /** The cookie value: shown to the client once, stored only as its hash. */
  sessionId: string;
  session: AdminSession;
}

export interface ClientMeta {
  /** Rate-limit key and audit field. */
  ip: string | undefined;
  userAgent: string | undefined;
}

export interface AdminAuth {
  passwordIsSet(): Promise<boolean>;
  /** First start: refuses (409) once a password exists. */
  setInitialPassword(password: string): Promise<void>;
  /** 401 on a wrong password, 429 with retryAfterMs once the client failed too often. */
  login(password: string, client: ClientMeta): Promise<NewSession>;
  /** The live session a cookie names, or undefined (unknown, expired or idle too long). */
  authenticate(sessionId: string): Promise<AdminSession | undefined>;
  logout(sessionId: string): Promise<void>;
  /** Ends every session; returns how many. */
  logoutAll(): Promise<number>;
  /** Checks `current` (rate-limited like login), stores `next`, ends every session but `keepSessionIdHash`. */
  changePassword(current: string, next: string, client: ClientMeta, keepSessionIdHash?: string): Promise<{ endedSessions: number }>;
}

export interface AdminAuthOptions {
  repository: AdminAuthRepository;
  rateLimiter: LoginRateLimiter;
  sessionTtlMs: number;
  idleTimeoutMs: number;
  now?: () => number;
  scrypt?: ScryptParams;
  /** KDF runs allowed at once; more get 429 (each costs ~32 MiB and ~100 ms of a core). */
  maxConcurrentHashes?: number;
}

/** Sessions are touched at most this often: a dashboard polling every second must not write every second. */
const TOUCH_INTERVAL_MS = 60_000;

export function checkNewPassword(password: string, field: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw invalidRequest(`${field} must be at least ${MIN_PASSWORD_LENGTH} characters`, field);
  if (password.length > MAX_PASSWORD_LENGTH) throw invalidRequest(`${field} must be at most ${MAX_PASSWORD_LENGTH} characters`, field);
}

export function createAdminAuth(options: AdminAuthOptions): AdminAuth {
  const { repository, rateLimiter, sessionTtlMs, idleTimeoutMs } = options;
  const now = options.now ?? Date.now;
  const scrypt = options.scrypt ?? DEFAULT_SCRYPT_PARAMS;
  const maxConcurrent = options.maxConcurrentHashes ?? 4;
  let hashing = 0;

  async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
    if (hashing >= maxConcurrent) {
      throw new GatewayError('rate_limited', 'Too many password checks in progress; try again in a moment', { status: 429, retryAfterMs: 1000 });
    }
    hashing += 1;
    try {
      return await work();
    } finally {
      hashing -= 1;
    }
  }

  function view(record: AdminSessionRecord, sessionId: string): AdminSession {
    return {
      id: record.idHash.slice(0, 12),
      idHash: record.idHash,
      csrfToken: csrfTokenFor(sessionId),
      createdAt: record.createdAt,
      expiresAt: record.expiresAt,
      idleExpiresAt: Math.min(record.expiresAt, record.lastSeenAt + idleTimeoutMs),
    };
  }

  /** The rate limit guards every place a password is guessed, keyed by client address. */
  async function checkPassword(password: string, client: ClientMeta): Promise<void> {
    const key = client.ip ?? 'unknown';
    const wait = await rateLimiter.retryAfterMs(key, now());
    if (wait > 0) {
      throw new GatewayError('rate_limited', `Too many failed password attempts; try again in ${Math.ceil(wait / 1000)} s`, { status: 429, retryAfterMs: wait });
    }
    const stored = await repository.getPasswordHash();
    if (stored === undefined) {
      throw new GatewayError('conflict', 'No admin password is set yet: start with INITIAL_PASSWORD, or POST /api/auth/setup from this machine', { status: 409 });
    }
    const ok = await withHashSlot(() => verifyPassword(password, stored));
    if (!ok) {
      await rateLimiter.recordFailure(key, now());
      throw new GatewayError('unauthorized', 'Wrong password', { status: 401 });
    }
    await rateLimiter.reset(key);
  }

  return {
    async passwordIsSet() {
      return (await repository.getPasswordHash()) !== undefined;
    },

    async setInitialPassword(password) {
      checkNewPassword(password, 'password');
      if (await repository.getPasswordHash()) throw new GatewayError('conflict', 'An admin password is already set; log in with POST /api/auth/login', { status: 409 });
      const hash = await withHashSlot(() => hashPassword(password, scrypt));
      if (!(await repository.setInitialPasswordHash(hash))) {
        throw new GatewayError('conflict', 'An admin password is already set; log in with POST /api/auth/login', { status: 409 });
      }
    },

    async login(password, client) {
      await checkPassword(password, client);
      const at = now();
      // Opportunistic cleanup: logins are rare, so this costs nothing noticeable.
      await repository.deleteExpiredSessions(at, idleTimeoutMs);
      const sessionId = newSessionId();
      const record: AdminSessionRecord = {
        idHash: hashSessionId(sessionId),
        createdAt: at,
        lastSeenAt: at,
        expiresAt: at + sessionTtlMs,
        ip: client.ip ?? null,
        userAgent: client.userAgent?.slice(0, 300) ?? null,
      };
      await repository.createSession(record);
      return { sessionId, session: view(record, sessionId) };
    },

    async authenticate(sessionId) {
      const idHash = hashSessionId(sessionId);
      const record = await repository.findSession(idHash);
      if (!record) return undefined;
      const at = now();
      if (record.expiresAt <= at || record.lastSeenAt + idleTimeoutMs <= at) {
        await repository.deleteSession(idHash);
        return undefined;
      }
      if (at - record.lastSeenAt >= TOUCH_INTERVAL_MS) {
        await repository.touchSession(idHash, at);
        record.lastSeenAt = at;
      }
      return view(record, sessionId);
    },

    async logout(sessionId) {
      await repository.deleteSession(hashSessionId(sessionId));
    },

    logoutAll() {
      return repository.deleteAllSessions();
    },

    async changePassword(current, next, client, keepSessionIdHash) {
      checkNewPassword(next, 'newPassword');
      await checkPassword(current, client);
      const hash = await withHashSlot(() => hashPassword(next, scrypt));
      await repository.replacePasswordHash(hash);
      return { endedSessions: await repository.deleteAllSessions(keepSessionIdHash) };
    },
  };
}
