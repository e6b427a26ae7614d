import type { ColumnType, Generated } from 'kysely';

/**
 * SQLite hands booleans back as 0/1 and PostgreSQL as true/false; typing the read side as the
 * union forces every repository to normalise with `Boolean()` so both databases yield the same value.
 */
export type BooleanColumn = ColumnType<boolean | number, boolean, boolean>;
export type DefaultedBooleanColumn = ColumnType<boolean | number, boolean | undefined, boolean>;

/** Epoch milliseconds. PostgreSQL int8 is parsed to number by the pool's type parser. */
export type EpochMillisColumn = number;

export interface ProvidersTable {
  id: string;
  prefix: string;
  name: string;
  format: string;
  base_url: string;
  auth_type: string;
  auth_header: string;
  headers_json: string;
  models_json: string;
  is_local: BooleanColumn;
  source: string;
  created_at: EpochMillisColumn;
  updated_at: EpochMillisColumn;
}

export interface ConnectionsTable {
  id: string;
  provider_id: string;
  name: string;
  /** Always SecretBox output, never the plaintext key. */
  api_key_enc: string | null;
  priority: number;
  weight: Generated<number>;
  cost_factor: Generated<number>;
  enabled: BooleanColumn;
  base_url: string | null;
  headers_json: string;
  proxy_url: string | null;
  /** JSON ConnectionQuota (migration 006); null when the account has no plan quota. */
  quota_json: string | null;
  source: string;
  created_at: EpochMillisColumn;
  updated_at: EpochMillisColumn;
}

export interface SettingsTable {
  key: string;
  value_json: string;
  updated_at: EpochMillisColumn;
}

export interface RequestLogsTable {
  id: string;
  created_at: EpochMillisColumn;
  client_format: string;
  endpoint: string;
  model_requested: string;
  provider: string | null;
  model_used: string | null;
  connection_id: string | null;
  status: number;
  error_code: string | null;
  error_message: string | null;
  stream: BooleanColumn;
  latency_ms: number;
  ttfb_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_tokens: number | null;
  cache_write_tokens: number | null;
  reasoning_tokens: number | null;
  usage_estimated: DefaultedBooleanColumn;
  attempts: Generated<number>;
  api_key_id: string | null;
  combo: string | null;
  /** US dollars; null when unpriced or not yet known. */
  cost_usd: number | null;
  unpriced: DefaultedBooleanColumn;
  error_class: string | null;
  /** JSON array of RequestAttempt. */
  targets_json: string | null;
  /** The client's own x-request-id, when it sent one. */
  client_request_id: string | null;
}

export interface CombosTable {
  name: string;
  strategy: string;
  /** JSON array of { model, weight }. */
  models_json: string;
  enabled: BooleanColumn;
  /** JSON: sessionAffinity, retries, timeoutMs, maxAttempts. */
  options_json: string;
  source: string;
  created_at: EpochMillisColumn;
  updated_at: EpochMillisColumn;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  /** SHA-256 hex of the key; the plaintext is never stored. */
  key_hash: string;
  key_prefix: string;
  models_json: string;
  admin: DefaultedBooleanColumn;
  rpm: number | null;
  budget_json: string | null;
  expires_at: EpochMillisColumn | null;
  revoked_at: EpochMillisColumn | null;
  source: string;
  created_at: EpochMillisColumn;
  updated_at: EpochMillisColumn;
}

export interface AliasesTable {
  pattern: string;
  target: string;
  /** Wildcard aliases match in this order (lower first). */
  position: number;
  source: string;
  created_at: EpochMillisColumn;
  updated_at: EpochMillisColumn;
}

export interface RequestBodiesTable {
  request_id: string;
  created_at: EpochMillisColumn;
  /** Redacted, size-capped text; null when not captured. */
  request_body: string | null;
  response_body: string | null;
  request_truncated: DefaultedBooleanColumn;
  response_truncated: DefaultedBooleanColumn;
}

/** Admin-edited prices, USD per 1M tokens (migration 006). */
export interface ModelPricesTable {
  provider: string;
  model: string;
  input: number;
  output: number;
  cached_input: number | null;
  cache_write: number | null;
  reasoning: number | null;
  updated_at: EpochMillisColumn;
}

export interface AdminCredentialsTable {
  id: string;
  /** PHC-like KDF string (`scrypt$…`), never the password. */
  password_hash: string;
  updated_at: EpochMillisColumn;
}

export interface AdminSessionsTable {
  /** SHA-256 (hex) of the session id the cookie carries. */
  id_hash: string;
  created_at: EpochMillisColumn;
  last_seen_at: EpochMillisColumn;
  expires_at: EpochMillisColumn;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: string;
  created_at: EpochMillisColumn;
  actor_type: string;
  actor_id: string | null;
  ip: string | null;
  method: string;
  route: string;
  target_id: string | null;
  status: number;
  /** JSON object: the redacted request summary. */
  summary_json: string | null;
}

export interface DatabaseSchema {
  combos: CombosTable;
  aliases: AliasesTable;
  providers: ProvidersTable;
  connections: ConnectionsTable;
  settings: SettingsTable;
  request_logs: RequestLogsTable;
  request_bodies: RequestBodiesTable;
  api_keys: ApiKeysTable;
  model_prices: ModelPricesTable;
  admin_credentials: AdminCredentialsTable;
  admin_sessions: AdminSessionsTable;
  audit_log: AuditLogTable;
}
