import type { Logger } from 'pino';
import type { AuthOptions } from '../config/runtime-options.js';
import type { Database } from '../store/database.js';
import { createAdminAuthRepository } from '../store/repositories/admin-auth-repository.js';
import { createAuditLogRepository } from '../store/repositories/audit-log-repository.js';
import { checkNewPassword, createAdminAuth } from './admin-auth.js';
import { rejectAllAdminKeys, type AuthContext, type VerifyAdminKey } from './auth-context.js';
import { createMemoryLoginRateLimiter } from './login-rate-limiter.js';
import type { ScryptParams } from './password-hash.js';
import { createIpMatcher } from './ip-matcher.js';

export interface AuthContextInput {
  database: Database;
  options: AuthOptions;
  /** `INITIAL_PASSWORD`: used only while no password is stored. */
  initialPassword: string | undefined;
  logger: Logger;
  now?: () => number;
  verifyAdminKey?: VerifyAdminKey;
  /** From `settings.access.trustedProxies` (shared with the client API). */
  trustedProxies: readonly string[];
  scrypt?: ScryptParams;
}

/** Builds `ctx.auth` and, on a first start with INITIAL_PASSWORD, stores the password's hash. */
export async function createAuthContext(input: AuthContextInput): Promise<AuthContext> {
  const now = input.now ?? Date.now;
  const admin = createAdminAuth({
    repository: createAdminAuthRepository(input.database, { now }),
    rateLimiter: createMemoryLoginRateLimiter({ maxFailures: input.options.loginMaxFailures, windowMs: input.options.loginWindowMs }),
    sessionTtlMs: input.options.sessionTtlMs,
    idleTimeoutMs: input.options.idleTimeoutMs,
    now,
    ...(input.scrypt ? { scrypt: input.scrypt } : {}),
  });

  const initial = input.initialPassword;
  if (initial !== undefined && initial !== '') {
    if (await admin.passwordIsSet()) {
      input.logger.info('INITIAL_PASSWORD ignored: an admin password is already set (change it with POST /api/auth/password)');
    } else {
      try {
        checkNewPassword(initial, 'INITIAL_PASSWORD');
      } catch (error) {
        throw new Error(`INITIAL_PASSWORD is not usable: ${(error as Error).message}`, { cause: error });
      }
      await admin.setInitialPassword(initial);
      input.logger.info('admin password set from INITIAL_PASSWORD');
    }
  } else if (!(await admin.passwordIsSet())) {
    input.logger.warn('No admin password is set: POST /api/auth/setup from this machine, or start with INITIAL_PASSWORD=…');
  }

  return {
    admin,
    audit: createAuditLogRepository(input.database),
    verifyAdminKey: input.verifyAdminKey ?? rejectAllAdminKeys,
    trustedProxies: createIpMatcher(input.trustedProxies),
    now,
  };
}
