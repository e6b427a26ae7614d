import type { Database } from '../database.js';

/** The single admin account's row id: one password guards the dashboard and the admin API. */
const ADMIN_ID = 'admin';

export interface AdminSessionRecord {
  idHash: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  ip: string | null;
  userAgent: string | null;
}

export interface AdminAuthRepository {
  getPasswordHash(): Promise<string | undefined>;
  /** First password only: false when one exists already (two racing setup calls: one wins). */
  setInitialPasswordHash(hash: string): Promise<boolean>;
  replacePasswordHash(hash: string): Promise<void>;
  createSession(session: AdminSessionRecord): Promise<void>;
  findSession(idHash: string): Promise<AdminSessionRecord | undefined>;
  touchSession(idHash: string, lastSeenAt: number): Promise<void>;
  deleteSession(idHash: string): Promise<boolean>;
  /** Every session but `keepIdHash` (when given); returns how many ended. */
  deleteAllSessions(keepIdHash?: string): Promise<number>;
  deleteExpiredSessions(now: number, idleTimeoutMs: number): Promise<number>;
}

type SessionRow = {
  id_hash: string;
  created_at: number | string;
  last_seen_at: number | string;
  expires_at: number | string;
  ip: string | null;
  user_agent: string | null;
};

function toRecord(row: SessionRow): AdminSessionRecord {
  return {
    idHash: row.id_hash,
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
    expiresAt: Number(row.expires_at),
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

export function createAdminAuthRepository(database: Database, options: { now?: () => number } = {}): AdminAuthRepository {
  const { db } = database;
  const now = options.now ?? Date.now;

  return {
    async getPasswordHash() {
      const row = await db.selectFrom('admin_credentials').select('password_hash').where('id', '=', ADMIN_ID).executeTakeFirst();
      return row?.password_hash;
    },

    async setInitialPasswordHash(hash) {
      const result = await db
        .insertInto('admin_credentials')
        .values({ id: ADMIN_ID, password_hash: hash, updated_at: now() })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    async replacePasswordHash(hash) {
      const timestamp = now();
      await db
        .insertInto('admin_credentials')
        .values({ id: ADMIN_ID, password_hash: hash, updated_at: timestamp })
        .onConflict((oc) => oc.column('id').doUpdateSet({ password_hash: hash, updated_at: timestamp }))
        .execute();
    },

    async createSession(session) {
      await db
        .insertInto('admin_sessions')
        .values({
          id_hash: session.idHash,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          expires_at: session.expiresAt,
          ip: session.ip,
          user_agent: session.userAgent,
        })
        .execute();
    },

    async findSession(idHash) {
      const row = await db.selectFrom('admin_sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },

    async touchSession(idHash, lastSeenAt) {
      await db.updateTable('admin_sessions').set({ last_seen_at: lastSeenAt }).where('id_hash', '=', idHash).execute();
    },

    async deleteSession(idHash) {
      const result = await db.deleteFrom('admin_sessions').where('id_hash', '=', idHash).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async deleteAllSessions(keepIdHash) {
      let query = db.deleteFrom('admin_sessions');
      if (keepIdHash !== undefined) query = query.where('id_hash', '<>', keepIdHash);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteExpiredSessions(at, idleTimeoutMs) {
      const result = await db
        .deleteFrom('admin_sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', at), eb('last_seen_at', '<=', at - idleTimeoutMs)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
