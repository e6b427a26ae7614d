import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Database } from '../database.js';
import type { CombosTable } from '../schema.js';
import { parseJsonColumn } from './json-columns.js';
import { narrowEnum } from './narrow-enum.js';
import { RECORD_SOURCES, type RecordSource, type RepositoryOptions } from './repository-options.js';

export interface ComboRecord {
  name: string;
  strategy: string;
  models: Array<{ model: string; weight: number }>;
  enabled: boolean;
  sessionAffinity?: boolean;
  retries?: number;
  timeoutMs?: number;
  maxAttempts?: number;
  source: RecordSource;
  createdAt: number;
  updatedAt: number;
}

export type ComboRecordInput = Omit<ComboRecord, 'createdAt' | 'updatedAt'>;

export interface ComboRepository {
  list(): Promise<ComboRecord[]>;
  get(name: string): Promise<ComboRecord | undefined>;
  /** Insert or replace by name; keeps createdAt. */
  upsert(input: ComboRecordInput): Promise<ComboRecord>;
  delete(name: string): Promise<boolean>;
}

const modelsSchema = z.array(z.object({ model: z.string(), weight: z.number() }));
const optionsSchema = z.object({
  sessionAffinity: z.boolean().optional(),
  retries: z.number().optional(),
  timeoutMs: z.number().optional(),
  maxAttempts: z.number().optional(),
});

function toRecord(row: Selectable<CombosTable>): ComboRecord {
  const where = `combos row "${row.name}"`;
  const options = parseJsonColumn(row.options_json, optionsSchema, `${where} options_json`);
  return {
    name: row.name,
    strategy: row.strategy,
    models: parseJsonColumn(row.models_json, modelsSchema, `${where} models_json`),
    enabled: Boolean(row.enabled),
    ...options,
    source: narrowEnum(row.source, RECORD_SOURCES, `${where} source`),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createComboRepository(database: Database, options: RepositoryOptions = {}): ComboRepository {
  const { db } = database;
  const now = options.now ?? Date.now;
  return {
    async list() {
      const rows = await db.selectFrom('combos').selectAll().orderBy('name').execute();
      return rows.map(toRecord);
    },
    async get(name) {
      const row = await db.selectFrom('combos').selectAll().where('name', '=', name).executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },
    async upsert(input) {
      const timestamp = now();
      const columns = {
        strategy: input.strategy,
        models_json: JSON.stringify(input.models),
        enabled: input.enabled,
        options_json: JSON.stringify({
          sessionAffinity: input.sessionAffinity,
          retries: input.retries,
          timeoutMs: input.timeoutMs,
          maxAttempts: input.maxAttempts,
        }),
        source: input.source,
        updated_at: timestamp,
      };
      const row = await db
        .insertInto('combos')
        .values({ name: input.name, ...columns, created_at: timestamp })
        .onConflict((oc) => oc.column('name').doUpdateSet(columns))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },
    async delete(name) {
      const result = await db.deleteFrom('combos').where('name', '=', name).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
