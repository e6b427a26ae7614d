import type { Kysely } from 'kysely';
import { openSqliteKysely } from './open-sqlite.js';
import { migrateToLatest } from './run-migrations.js';
import type { DatabaseSchema } from './schema.js';

export type DatabaseKind = 'sqlite' | 'postgres';

/**
 * `file` may be ':memory:' for throwaway databases in tests. `schema` (PostgreSQL only) isolates
 * the tables in a schema created on demand; without it the connection's search_path decides.
 */
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

export interface Database {
  kind: DatabaseKind;
  db: Kysely<DatabaseSchema>;
  close(): Promise<void>;
}

/** Opens the database, brings its schema to the latest migration, and returns it ready to use. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'sqlite') {
    const db = openSqliteKysely(target.file);
    try {
      await migrateToLatest(db, `SQLite database "${target.file}"`);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return { kind: 'sqlite', db, close: () => db.destroy() };
  }

  // Loaded on demand: `pg` and the PostgreSQL dialect cost ~3 MiB of heap that a SQLite install never uses.
  const { openPostgresKysely, redactDatabaseUrl } = await import('./open-postgres.js');
  const { db, schema } = await openPostgresKysely(target.url, target.schema);
  try {
    await migrateToLatest(db, `PostgreSQL ${redactDatabaseUrl(target.url)} (schema "${schema}")`, schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { kind: 'postgres', db, close: () => db.destroy() };
}
