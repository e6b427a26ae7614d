import type { Selectable, Updateable } from 'kysely';
import type { Database } from '../database.js';
import type { ProvidersTable } from '../schema.js';
import { StoreConflictError } from '../store-error.js';
import { parseHeadersJson, parseModelsJson } from './json-columns.js';
import { narrowEnum } from './narrow-enum.js';
import { RECORD_SOURCES, type RecordSource, type RepositoryOptions } from './repository-options.js';
import { isUniqueViolation } from './unique-violation.js';

export type ProviderAuthType = 'apikey' | 'none';
export type ProviderAuthHeader = 'bearer' | 'x-api-key' | 'x-goog-api-key' | 'none';

export interface ProviderRecord {
  id: string;
  prefix: string;
  name: string;
  format: string;
  baseUrl: string;
  authType: ProviderAuthType;
  authHeader: ProviderAuthHeader;
  headers: Record<string, string>;
  models: string[];
  isLocal: boolean;
  source: RecordSource;
  createdAt: number;
  updatedAt: number;
}

/** Defaults: authType 'apikey', authHeader 'bearer', no headers, no models, not local, source 'admin'. */
export interface ProviderInput {
  id: string;
  prefix: string;
  name: string;
  format: string;
  baseUrl: string;
  authType?: ProviderAuthType;
  authHeader?: ProviderAuthHeader;
  headers?: Record<string, string>;
  models?: string[];
  isLocal?: boolean;
  source?: RecordSource;
}

export type ProviderPatch = Partial<Omit<ProviderInput, 'id'>>;

export interface ProviderRepository {
  list(): Promise<ProviderRecord[]>;
  get(id: string): Promise<ProviderRecord | undefined>;
  upsert(input: ProviderInput): Promise<ProviderRecord>;
  update(id: string, patch: ProviderPatch): Promise<ProviderRecord | undefined>;
  delete(id: string): Promise<boolean>;
}

const AUTH_TYPES: readonly ProviderAuthType[] = ['apikey', 'none'];
const AUTH_HEADERS: readonly ProviderAuthHeader[] = ['bearer', 'x-api-key', 'x-goog-api-key', 'none'];

function toRecord(row: Selectable<ProvidersTable>): ProviderRecord {
  const where = `providers row "${row.id}"`;
  return {
    id: row.id,
    prefix: row.prefix,
    name: row.name,
    format: row.format,
    baseUrl: row.base_url,
    authType: narrowEnum(row.auth_type, AUTH_TYPES, `${where} auth_type`),
    authHeader: narrowEnum(row.auth_header, AUTH_HEADERS, `${where} auth_header`),
    headers: parseHeadersJson(row.headers_json, `${where} headers_json`),
    models: parseModelsJson(row.models_json, `${where} models_json`),
    isLocal: Boolean(row.is_local),
    source: narrowEnum(row.source, RECORD_SOURCES, `${where} source`),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(patch: ProviderPatch): Updateable<ProvidersTable> {
  return {
    ...(patch.prefix === undefined ? {} : { prefix: patch.prefix }),
    ...(patch.name === undefined ? {} : { name: patch.name }),
    ...(patch.format === undefined ? {} : { format: patch.format }),
    ...(patch.baseUrl === undefined ? {} : { base_url: patch.baseUrl }),
    ...(patch.authType === undefined ? {} : { auth_type: patch.authType }),
    ...(patch.authHeader === undefined ? {} : { auth_header: patch.authHeader }),
    ...(patch.headers === undefined ? {} : { headers_json: JSON.stringify(patch.headers) }),
    ...(patch.models === undefined ? {} : { models_json: JSON.stringify(patch.models) }),
    ...(patch.isLocal === undefined ? {} : { is_local: patch.isLocal }),
    ...(patch.source === undefined ? {} : { source: patch.source }),
  };
}

function conflict(error: unknown, prefix: string | undefined): never {
  if (isUniqueViolation(error)) {
    throw new StoreConflictError(`A provider with the prefix "${prefix ?? ''}" already exists`, { cause: error });
  }
  throw error;
}

export function createProviderRepository(database: Database, options: RepositoryOptions = {}): ProviderRepository {
  const { db } = database;
  const now = options.now ?? Date.now;

  return {
    async list() {
      const rows = await db.selectFrom('providers').selectAll().orderBy('id').execute();
      return rows.map(toRecord);
    },

    async get(id) {
      const row = await db.selectFrom('providers').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },

    async upsert(input) {
      const timestamp = now();
      const values = {
        prefix: input.prefix,
        name: input.name,
        format: input.format,
        base_url: input.baseUrl,
        auth_type: input.authType ?? 'apikey',
        auth_header: input.authHeader ?? 'bearer',
        headers_json: JSON.stringify(input.headers ?? {}),
        models_json: JSON.stringify(input.models ?? []),
        is_local: input.isLocal ?? false,
        source: input.source ?? 'admin',
        updated_at: timestamp,
      };
      try {
        const row = await db
          .insertInto('providers')
          .values({ id: input.id, ...values, created_at: timestamp })
          .onConflict((oc) => oc.column('id').doUpdateSet(values))
          .returningAll()
          .executeTakeFirstOrThrow();
        return toRecord(row);
      } catch (error) {
        return conflict(error, input.prefix);
      }
    },

    async update(id, patch) {
      try {
        const row = await db
          .updateTable('providers')
          .set({ ...toColumns(patch), updated_at: now() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? undefined : toRecord(row);
      } catch (error) {
        return conflict(error, patch.prefix);
      }
    },

    async delete(id) {
      const result = await db.deleteFrom('providers').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
