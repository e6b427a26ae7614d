import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import LibsqlDatabase from 'libsql';
import { adaptLibsqlDatabase } from './libsql-adapter.js';
import type { DatabaseSchema } from './schema.js';
import { StoreError } from './store-error.js';

/** How long a writer waits for another process's lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

export const SQLITE_IN_MEMORY = ':memory:';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Opens (creating if needed) the SQLite file and applies the pragmas every connection needs.
 * WAL lets the dashboard read while the gateway writes logs; synchronous=NORMAL is WAL's
 * recommended durability trade (a power cut may lose the last commits, never corrupts).
 */
export function openSqliteKysely(file: string): Kysely<DatabaseSchema> {
  const inMemory = file === SQLITE_IN_MEMORY;
  const path = inMemory ? file : resolve(file);
  if (!inMemory) {
    const directory = dirname(path);
    try {
      mkdirSync(directory, { recursive: true });
    } catch (error) {
      throw new StoreError(
        'open_failed',
        `Cannot create the directory "${directory}" for the SQLite database: ${describe(error)}`,
        { cause: error },
      );
    }
  }

  let native: LibsqlDatabase.Database;
  try {
    native = new LibsqlDatabase(path);
    if (!inMemory) {
      const rows = native.prepare('PRAGMA journal_mode = WAL').all() as Array<{ journal_mode?: unknown }>;
      const mode = rows[0]?.journal_mode;
      if (mode !== 'wal') {
        throw new Error(`journal_mode is "${String(mode)}", WAL could not be enabled`);
      }
    }
    native.exec('PRAGMA synchronous = NORMAL');
    native.exec('PRAGMA foreign_keys = ON');
    native.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    throw new StoreError('open_failed', `Cannot open the SQLite database "${path}": ${describe(error)}`, {
      cause: error,
    });
  }

  return new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: adaptLibsqlDatabase(native) }) });
}
