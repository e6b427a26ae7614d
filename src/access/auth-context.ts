import type { AuditLogRepository } from '../store/repositories/audit-log-repository.js';
import type { AdminAuth } from './admin-auth.js';
import type { TrustedProxies } from './trusted-proxy.js';

/**
 * Whether a presented `Authorization: Bearer` value is an admin-scoped API key. `{ id }` names the
 * key in the audit log; plain `true` is recorded under a fingerprint of the key.
 */
export type AdminKeyVerdict = boolean | { id: string };
export type VerifyAdminKey = (presented: string) => AdminKeyVerdict | Promise<AdminKeyVerdict>;

/** Until API keys exist, no bearer token opens the admin API. */
export const rejectAllAdminKeys: VerifyAdminKey = () => false;

/** `ctx.auth`: dashboard/admin login, the admin-key check and the audit trail. */
export interface AuthContext {
  admin: AdminAuth;
  audit: AuditLogRepository;
  verifyAdminKey: VerifyAdminKey;
  trustedProxies: TrustedProxies;
  /** Epoch-ms clock shared by sessions and the audit log; injectable for tests. */
  now: () => number;
}
