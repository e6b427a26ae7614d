import type { AuditLogRepository } from '../store/repositories/audit-log-repository.js';
import type { AdminAuth } from './admin-auth.js';
import type { IpMatcher } from './ip-matcher.js';

/**
 * Whether a presented `Authorization: Bearer` value is an admin-scoped API key. `{ id }` names the
 * key in the audit log; plain `true` is recorded under a fingerprint of the key.
 */
export type AdminKeyVerdict = boolean | { id: string };
export type VerifyAdminKey = (presented: string) => AdminKeyVerdict | Promise<AdminKeyVerdict>;

/** For tests and tools that build an auth context without client API keys. */
export const rejectAllAdminKeys: VerifyAdminKey = () => false;

/** `ctx.auth`: dashboard/admin login, the admin-key check and the audit trail. */
export interface AuthContext {
  admin: AdminAuth;
  audit: AuditLogRepository;
  verifyAdminKey: VerifyAdminKey;
  /** `settings.access.trustedProxies`: whose X-Forwarded-* headers are believed. */
  trustedProxies: IpMatcher;
  /** Epoch-ms clock shared by sessions and the audit log; injectable for tests. */
  now: () => number;
}
