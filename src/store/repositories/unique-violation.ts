/**
 * True for a unique / primary-key violation on either database: libsql's SqliteError carries
 * SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY, pg's DatabaseError the SQLSTATE 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
