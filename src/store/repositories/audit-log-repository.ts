import { z } from 'zod';
import type { Database } from '../database.js';
import { StoreError } from '../store-error.js';
import { parseJsonColumn } from './json-columns.js';

export type AuditActorType = 'session' | 'api_key' | 'anonymous';

export interface AuditEntry {
  id: string;
  /** Epoch ms. */
  createdAt: number;
  actorType: AuditActorType;
  /** Session fingerprint or admin key id; null for anonymous callers. */
  actorId: string | null;
  ip: string | null;
  method: string;
  /** The route pattern (`/api/connections/:id`), not the raw URL. */
  route: string;
  targetId: string | null;
  /** HTTP status the call ended with. */
  status: number;
  /** Redacted summary of what was asked (never secrets). */
  summary: Record<string, unknown> | null;
}

export interface AuditListOptions {
  /** Inclusive lower bound (epoch ms). */
  since?: number;
  /** Exclusive upper bound (epoch ms). */
  until?: number;
  /** Default 100. */
  limit?: number;
}

export interface AuditLogRepository {
  insert(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(options?: AuditListOptions): Promise<AuditEntry[]>;
  /** Retention: entries older than `before`, then all but the newest `maxRows`. Returns how many went. */
  prune(options: { before: number; maxRows: number }): Promise<number>;
}

const ACTOR_TYPES: readonly AuditActorType[] = ['session', 'api_key', 'anonymous'];
const summarySchema = z.record(z.string(), z.unknown());

function parseSummary(text: string | null, id: string): Record<string, unknown> | null {
  return text === null ? null : parseJsonColumn(text, summarySchema, `audit_log row "${id}" summary`);
}

function actorType(value: string, id: string): AuditActorType {
  const found = ACTOR_TYPES.find((t) => t === value);
  if (!found) throw new StoreError('invalid_value', `audit_log row "${id}" has unknown actor_type "${value}"`);
  return found;
}

export function createAuditLogRepository(database: Database): AuditLogRepository {
  const { db } = database;
  return {
    async insert(entry) {
      await db
        .insertInto('audit_log')
        .values({
          id: entry.id,
          created_at: entry.createdAt,
          actor_type: entry.actorType,
          actor_id: entry.actorId,
          ip: entry.ip,
          method: entry.method,
          route: entry.route,
          target_id: entry.targetId,
          status: entry.status,
          summary_json: entry.summary === null ? null : JSON.stringify(entry.summary),
        })
        .execute();
    },

    async list(options = {}) {
      let query = db.selectFrom('audit_log').selectAll();
      if (options.since !== undefined) query = query.where('created_at', '>=', options.since);
      if (options.until !== undefined) query = query.where('created_at', '<', options.until);
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit ?? 100)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        createdAt: Number(row.created_at),
        actorType: actorType(row.actor_type, row.id),
        actorId: row.actor_id,
        ip: row.ip,
        method: row.method,
        route: row.route,
        targetId: row.target_id,
        status: Number(row.status),
        summary: parseSummary(row.summary_json, row.id),
      }));
    },

    async prune({ before, maxRows }) {
      const byAge = await db.deleteFrom('audit_log').where('created_at', '<', before).executeTakeFirst();
      // The newest entry beyond the cap: it and everything older go (refused anonymous calls are
      // audited too, so a flood must not grow the table without bound).
      const edge = await db.selectFrom('audit_log').select('created_at').orderBy('created_at', 'desc').offset(maxRows).limit(1).executeTakeFirst();
      const bySize = edge === undefined ? undefined : await db.deleteFrom('audit_log').where('created_at', '<=', edge.created_at).executeTakeFirst();
      return Number(byAge.numDeletedRows) + Number(bySize?.numDeletedRows ?? 0n);
    },
  };
}
