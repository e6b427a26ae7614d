import { timingSafeEqual } from 'node:crypto';
import type { ApiKeyRecord, ApiKeyRepository } from '../store/repositories/api-key-repository.js';
import { hashApiKey } from './api-key-secret.js';
import { compileModelPatterns, type ModelMatcher } from './model-pattern.js';

export interface IndexedApiKey {
  record: ApiKeyRecord;
  allowsModel: ModelMatcher;
}

export type ApiKeyLookup =
  | { status: 'valid'; key: IndexedApiKey }
  | { status: 'expired' | 'revoked'; key: IndexedApiKey }
  | { status: 'unknown' };

/**
 * hash → key, in memory, so a /v1 request costs one SHA-256 and one Map lookup (no database
 * read). Rebuilt from the repository whenever keys change through the admin API or config.
 */
export interface ApiKeyIndex {
  refresh(): Promise<void>;
  lookup(presented: string, now: number): ApiKeyLookup;
  byId(id: string): IndexedApiKey | undefined;
  /** Keys that would let someone in right now (not revoked, not expired). */
  activeCount(now: number): number;
}

export function createApiKeyIndex(repository: Pick<ApiKeyRepository, 'list'>): ApiKeyIndex {
  let byHash = new Map<string, IndexedApiKey>();
  let byKeyId = new Map<string, IndexedApiKey>();
  return {
    async refresh() {
      const records = await repository.list();
      const entries = records.map((record) => ({ record, allowsModel: compileModelPatterns(record.models) }));
      byHash = new Map(entries.map((entry) => [entry.record.keyHash, entry]));
      byKeyId = new Map(entries.map((entry) => [entry.record.id, entry]));
    },
    lookup(presented, now) {
      const hash = hashApiKey(presented);
      const key = byHash.get(hash);
      // The Map is keyed by a hash the caller cannot steer, so its lookup leaks nothing useful;
      // the final equality is still constant-time, as every secret comparison here is.
      if (!key || !timingSafeEqual(Buffer.from(key.record.keyHash, 'hex'), Buffer.from(hash, 'hex'))) return { status: 'unknown' };
      if (key.record.revokedAt !== undefined) return { status: 'revoked', key };
      if (key.record.expiresAt !== undefined && key.record.expiresAt <= now) return { status: 'expired', key };
      return { status: 'valid', key };
    },
    byId(id) {
      return byKeyId.get(id);
    },
    activeCount(now) {
      let count = 0;
      for (const { record } of byHash.values()) if (record.revokedAt === undefined && (record.expiresAt === undefined || record.expiresAt > now)) count += 1;
      return count;
    },
  };
}
