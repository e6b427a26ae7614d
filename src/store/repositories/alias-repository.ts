import type { Selectable } from 'kysely';
import type { Database } from '../database.js';
import type { AliasesTable } from '../schema.js';
import { narrowEnum } from './narrow-enum.js';
import { RECORD_SOURCES, type RecordSource, type RepositoryOptions } from './repository-options.js';

export interface AliasRecord {
  pattern: string;
  target: string;
  /** Wildcards are matched in this order. */
  position: number;
  source: RecordSource;
  createdAt: number;
  updatedAt: number;
}

export type AliasRecordInput = Omit<AliasRecord, 'createdAt' | 'updatedAt'>;

export interface AliasRepository {
  /** In match order: position, then pattern. */
  list(): Promise<AliasRecord[]>;
  get(pattern: string): Promise<AliasRecord | undefined>;
  upsert(input: AliasRecordInput): Promise<AliasRecord>;
  delete(pattern: string): Promise<boolean>;
}

function toRecord(row: Selectable<AliasesTable>): AliasRecord {
  return {
    pattern: row.pattern,
    target: row.target,
    position: row.position,
    source: narrowEnum(row.source, RECORD_SOURCES, `aliases row "${row.pattern}" source`),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createAliasRepository(database: Database, options: RepositoryOptions = {}): AliasRepository {
  const { db } = database;
  const now = options.now ?? Date.now;
  return {
    async list() {
      const rows = await db.selectFrom('aliases').selectAll().orderBy('position').orderBy('pattern').execute();
      return rows.map(toRecord);
    },
    async get(pattern) {
      const row = await db.selectFrom('aliases').selectAll().where('pattern', '=', pattern).executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },
    async upsert(input) {
      const timestamp = now();
      const columns = { target: input.target, position: input.position, source: input.source, updated_at: timestamp };
      const row = await db
        .insertInto('aliases')
        .values({ pattern: input.pattern, ...columns, created_at: timestamp })
        .onConflict((oc) => oc.column('pattern').doUpdateSet(columns))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },
    async delete(pattern) {
      const result = await db.deleteFrom('aliases').where('pattern', '=', pattern).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
