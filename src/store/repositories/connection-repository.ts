import { randomBytes } from 'node:crypto';
import type { Selectable, Updateable } from 'kysely';
import type { ConnectionQuota } from '../../config/config-file-schema.js';
import type { Database } from '../database.js';
import type { ConnectionsTable } from '../schema.js';
import type { SecretBox } from '../secret-box.js';
import { StoreConflictError, StoreError } from '../store-error.js';
import { parseHeadersJson, parseQuotaJson } from './json-columns.js';
import { narrowEnum } from './narrow-enum.js';
import { RECORD_SOURCES, type RecordSource, type RepositoryOptions } from './repository-options.js';
import { isUniqueViolation } from './unique-violation.js';

export interface ConnectionRecord {
  id: string;
  providerId: string;
  name: string;
  /** Plaintext, decrypted on read; only ever held in memory. */
  apiKey?: string;
  /** Lower is tried first. */
  priority: number;
  weight: number;
  /** Relative cost for the cost-optimized account strategy (0 = free or prepaid). */
  costFactor: number;
  enabled: boolean;
  baseUrl?: string;
  headers: Record<string, string>;
  proxyUrl?: string;
  /** Plan allowance tracked per account (usage/quota-tracker). */
  quota?: ConnectionQuota;
  source: RecordSource;
  createdAt: number;
  updatedAt: number;
}

/** Defaults: priority 0, weight 1, cost factor 1, enabled, no headers, source 'admin'. */
export interface ConnectionInput {
  providerId: string;
  name: string;
  apiKey?: string;
  priority?: number;
  weight?: number;
  costFactor?: number;
  enabled?: boolean;
  baseUrl?: string;
  headers?: Record<string, string>;
  proxyUrl?: string;
  quota?: ConnectionQuota;
  source?: RecordSource;
}

/** `null` clears an optional field; `undefined` leaves it as it is. */
export type ConnectionPatch = Partial<
  Omit<ConnectionInput, 'apiKey' | 'baseUrl' | 'proxyUrl' | 'quota'> & {
    apiKey: string | null;
    baseUrl: string | null;
    proxyUrl: string | null;
    quota: ConnectionQuota | null;
  }
>;

export interface ConnectionRepository {
  /** Ordered by provider, then priority, then name. */
  list(providerId?: string): Promise<ConnectionRecord[]>;
  get(id: string): Promise<ConnectionRecord | undefined>;
  /** Insert or replace by (providerId, name); keeps id and createdAt. For idempotent config import. */
  upsert(input: ConnectionInput): Promise<ConnectionRecord>;
  /** Throws StoreConflictError if (providerId, name) exists. */
  create(input: ConnectionInput): Promise<ConnectionRecord>;
  /** Undefined if the id does not exist; StoreConflictError if a rename collides. */
  update(id: string, patch: ConnectionPatch): Promise<ConnectionRecord | undefined>;
  delete(id: string): Promise<boolean>;
}

export function newConnectionId(): string {
  return `conn_${randomBytes(12).toString('base64url')}`;
}

export function createConnectionRepository(
  database: Database,
  secretBox: SecretBox,
  options: RepositoryOptions = {},
): ConnectionRepository {
  const { db } = database;
  const now = options.now ?? Date.now;

  function toRecord(row: Selectable<ConnectionsTable>): ConnectionRecord {
    const where = `connections row "${row.id}"`;
    let apiKey: string | undefined;
    if (row.api_key_enc !== null) {
      try {
        apiKey = secretBox.decrypt(row.api_key_enc);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new StoreError('secret_decrypt_failed', `${where}: ${detail}`, { cause: error });
      }
    }
    return {
      id: row.id,
      providerId: row.provider_id,
      name: row.name,
      ...(apiKey === undefined ? {} : { apiKey }),
      priority: row.priority,
      weight: row.weight,
      costFactor: Number(row.cost_factor),
      enabled: Boolean(row.enabled),
      ...(row.base_url === null ? {} : { baseUrl: row.base_url }),
      headers: parseHeadersJson(row.headers_json, `${where} headers_json`),
      ...(row.proxy_url === null ? {} : { proxyUrl: row.proxy_url }),
      ...(row.quota_json === null ? {} : { quota: parseQuotaJson(row.quota_json, `${where} quota_json`) }),
      source: narrowEnum(row.source, RECORD_SOURCES, `${where} source`),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  function encryptOrNull(apiKey: string | null | undefined): string | null {
    return apiKey === undefined || apiKey === null ? null : secretBox.encrypt(apiKey);
  }

  function fullColumns(input: ConnectionInput, timestamp: number) {
    return {
      provider_id: input.providerId,
      name: input.name,
      api_key_enc: encryptOrNull(input.apiKey),
      priority: input.priority ?? 0,
      weight: input.weight ?? 1,
      cost_factor: input.costFactor ?? 1,
      enabled: input.enabled ?? true,
      base_url: input.baseUrl ?? null,
      headers_json: JSON.stringify(input.headers ?? {}),
      proxy_url: input.proxyUrl ?? null,
      quota_json: input.quota === undefined ? null : JSON.stringify(input.quota),
      source: input.source ?? 'admin',
      updated_at: timestamp,
    };
  }

  function patchColumns(patch: ConnectionPatch): Updateable<ConnectionsTable> {
    return {
      ...(patch.providerId === undefined ? {} : { provider_id: patch.providerId }),
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.apiKey === undefined ? {} : { api_key_enc: encryptOrNull(patch.apiKey) }),
      ...(patch.priority === undefined ? {} : { priority: patch.priority }),
      ...(patch.weight === undefined ? {} : { weight: patch.weight }),
      ...(patch.costFactor === undefined ? {} : { cost_factor: patch.costFactor }),
      ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
      ...(patch.baseUrl === undefined ? {} : { base_url: patch.baseUrl }),
      ...(patch.headers === undefined ? {} : { headers_json: JSON.stringify(patch.headers) }),
      ...(patch.proxyUrl === undefined ? {} : { proxy_url: patch.proxyUrl }),
      ...(patch.quota === undefined ? {} : { quota_json: patch.quota === null ? null : JSON.stringify(patch.quota) }),
      ...(patch.source === undefined ? {} : { source: patch.source }),
    };
  }

  function conflict(error: unknown, providerId: string | undefined, name: string | undefined): never {
    if (isUniqueViolation(error)) {
      throw new StoreConflictError(
        `A connection named "${name ?? ''}" already exists for provider "${providerId ?? ''}"`,
        { cause: error },
      );
    }
    throw error;
  }

  return {
    async list(providerId) {
      let query = db.selectFrom('connections').selectAll();
      if (providerId !== undefined) query = query.where('provider_id', '=', providerId);
      const rows = await query.orderBy('provider_id').orderBy('priority').orderBy('name').execute();
      return rows.map(toRecord);
    },

    async get(id) {
      const row = await db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toRecord(row);
    },

    async upsert(input) {
      const timestamp = now();
      const columns = fullColumns(input, timestamp);
      const row = await db
        .insertInto('connections')
        .values({ id: newConnectionId(), ...columns, created_at: timestamp })
        .onConflict((oc) => oc.columns(['provider_id', 'name']).doUpdateSet(columns))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async create(input) {
      const timestamp = now();
      try {
        const row = await db
          .insertInto('connections')
          .values({ id: newConnectionId(), ...fullColumns(input, timestamp), created_at: timestamp })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toRecord(row);
      } catch (error) {
        return conflict(error, input.providerId, input.name);
      }
    },

    async update(id, patch) {
      try {
        const row = await db
          .updateTable('connections')
          .set({ ...patchColumns(patch), updated_at: now() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? undefined : toRecord(row);
      } catch (error) {
        return conflict(error, patch.providerId, patch.name);
      }
    },

    async delete(id) {
      const result = await db.deleteFrom('connections').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
