import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** The part of libsql's better-sqlite3-compatible API that Kysely's SqliteDriver calls. */
export interface LibsqlStatementLike {
  readonly reader: boolean;
  all(parameters: unknown[]): unknown[];
  run(parameters: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(parameters: unknown[]): IterableIterator<unknown>;
}

export interface LibsqlDatabaseLike {
  prepare(sql: string): LibsqlStatementLike;
  close(): void;
}

/**
 * libsql 0.5 aborts the whole process (a Rust `todo!()` panic, not a JS exception) when a JS
 * boolean is bound, and SQLite has no boolean type anyway: store them as 1/0 like better-sqlite3
 * users do by hand. Everything else libsql binds itself or rejects with a catchable error.
 */
export function toSqliteParameters(parameters: ReadonlyArray<unknown>): unknown[] {
  return parameters.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
}

/**
 * Kysely passes parameters as one array argument; libsql accepts that form as well, so the only
 * adaptation needed is the boolean conversion above.
 */
export function adaptLibsqlDatabase(database: LibsqlDatabaseLike): SqliteDatabase {
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const statement = database.prepare(sql);
      return {
        get reader() {
          return statement.reader;
        },
        all: (parameters) => statement.all(toSqliteParameters(parameters)),
        run: (parameters) => statement.run(toSqliteParameters(parameters)),
        iterate: (parameters) => statement.iterate(toSqliteParameters(parameters)),
      };
    },
  };
}
