import { randomBytes } from 'node:crypto';
import type { Selectable, Updateable } from 'kysely';
import type { Database } from '../database.js';
import type { ApiKeysTable } from '../schema.js';
import { StoreConflictError } from '../store-error.js';
import { apiKeyBudgetSchema, type ApiKeyBudget } from './api-key-budget.js';
import { parseJsonColumn, parseModelsJson } from './json-columns.js';
import { narrowEnum } from './narrow-enum.js';
import { RECORD_SOURCES, type RecordSource, type RepositoryOptions } from './repository-options.js';
import { isUniqueViolation } from './unique-violation.js';

export interface ApiKeyRecord {
  id: string;
  name: string;
  /** SHA-256 hex of the key. */
  keyHash: string;
  /** The first characters of the key, to tell keys apart in a list. */
  keyPrefix: string;
  /** Allowed model / combo patterns (`openai/*`, `claude-*`); empty = every model. */
  models: string[];
  /** May call the admin API (/api/*). */
  admin: boolean;
  /** Requests per minute; undefined = unlimited. */
  rpm?: number;
  budget?: ApiKeyBudget;
  expiresAt?: number;
  revokedAt?: number;
  source: RecordSource;
  createdAt: number;
  updatedAt: number;
}

export interface ApiKeyInput {
  name: string;
  keyHash: string;
  keyPrefix: string;
  models?: string[];
  admin?: boolean;
  rpm?: number;
  budget?: ApiKeyBudget;
  expiresAt?: number;
  source?: RecordSource;
}

/** `null` clears an optional field; `undefined` leaves it as it is. */
export type ApiKeyPatch = Partial<{
  name: string;
  keyHash: string;
  keyPrefix: string;
  models: string[];
  admin: boolean;
  rpm: number | null;
  budget: ApiKeyBudget | null;
  expiresAt: number | null;
  revokedAt: number | null;
}>;

export interface ApiKeyRepository {
  /** Ordered by name. */
  list(): Promise<ApiKeyRecord[]>;
  get(id: string): Promise<ApiKeyRecord | undefined>;
  /** Throws StoreConflictError when the name (or the key itself) exists. */
  create(input: ApiKeyInput): Promise<ApiKeyRecord>;
  /** Insert or replace by name, keeping id, createdAt and revocation. For idempotent config import. */
  upsert(input: ApiKeyInput): Promise<ApiKeyRecord>;
  update(id: string, patch: ApiKeyPatch): Promise<ApiKeyRecord | undefined>;
  delete(id: string): Promise<boolean>;
}

export function newApiKeyId(): string {
  return `key_${randomBytes(12).toString('base64url')}`;
}

function toRecord(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  const where = `api_keys row "${row.id}"`;
  return {
    id: row.id,
    name: row.name,
    keyHash: row.key_hash,
    keyPrefix: row.key_prefix,
    models: parseModelsJson(row.models_json, `${where} models_json`),
    admin: Boolean(row.admin),
    ...(row.rpm === null ? {} : { rpm: row.rpm }),
    ...(row.budget_json === null ? {} : { budget: parseJsonColumn(row.budget_json, apiKeyBudgetSchema, `${where} budget_json`) }),
    ...(row.expires_at === null ? {} : { expiresAt: Number(row.expires_at) }),
    ...(row.revoked_at === null ? {} : { revokedAt: Number(row.revoked_at) }),
    source: narrowEnum(row.source, RECORD_SOURCES, `${where} source`),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function fullColumns(input: ApiKeyInput, timestamp: number) {
  return {
    name: input.name,
    key_hash: input.keyHash,
    key_prefix: input.keyPrefix,
    models_json: JSON.stringify(input.models ?? []),
    admin: input.admin ?? false,
    rpm: input.rpm ?? null,
    budget_json: input.budget === undefined ? null : JSON.stringify(input.budget),
    expires_at: input.expiresAt ?? null,
    source: input.source ?? 'admin',
    updated_at: timestamp,
  };
}

function patchColumns(patch: ApiKeyPatch): Updateable<ApiKeysTable> {
  return {
    ...(patch.name === undefined ? {} : { name: patch.name }),
    ...(patch.keyHash === undefined ? {} : { key_hash: patch.keyHash }),
    ...(patch.keyPrefix === undefined ? {} : { key_prefix: patch.keyPrefix }),
    ...(patch.models === undefined ? {} : { models_json: JSON.stringify(patch.models) }),
    ...(patch.admin === undefined ? {} : { admin: patch.admin }),
    ...(patch.rpm === undefined ? {} : { rpm: patch.rpm }),
    ...(patch.budget === undefined ? {} : { budget_json: patch.budget === null ? null : JSON.stringify(patch.budget) }),
    ...(patch.expiresAt === undefined ? {} : { expires_at: patch.expiresAt }),
    ...(patch.revokedAt === undefined ? {} : { revoked_at: patch.revokedAt }),
  };
}

function conflict(error: unknown, name: string | undefined): never {
  if (isUniqueViolation(error)) throw new StoreConflictError(`An API key named "${name ?? ''}" (or with the same secret) already exists`, { cause: error });
  throw error;
}

export function createApiKeyRepository(database: Database, options: RepositoryOptions = {}): ApiKeyRepository {
  const { db } = database;
  const now = options.now ?? Date.now;

  return {
    async list() {
      const rows = await db.selectFrom('api_keys').selectAll().orderBy('name').execute();
      return rows.map(toRecord);
    },

    async get(id) {
      const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },

    async create(input) {
      const timestamp = now();
      try {
        const row = await db
          .insertInto('api_keys')
          .values({ id: newApiKeyId(), ...fullColumns(input, timestamp), revoked_at: null, created_at: timestamp })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toRecord(row);
      } catch (error) {
        return conflict(error, input.name);
      }
    },

    async upsert(input) {
      const timestamp = now();
      const columns = fullColumns(input, timestamp);
      try {
        const row = await db
          .insertInto('api_keys')
          .values({ id: newApiKeyId(), ...columns, revoked_at: null, created_at: timestamp })
          .onConflict((oc) => oc.column('name').doUpdateSet(columns))
          .returningAll()
          .executeTakeFirstOrThrow();
        return toRecord(row);
      } catch (error) {
        return conflict(error, input.name);
      }
    },

    async update(id, patch) {
      try {
        const row = await db
          .updateTable('api_keys')
          .set({ ...patchColumns(patch), updated_at: now() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? undefined : toRecord(row);
      } catch (error) {
        return conflict(error, patch.name);
      }
    },

    async delete(id) {
      const result = await db.deleteFrom('api_keys').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
