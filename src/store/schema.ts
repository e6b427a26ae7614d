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
  enabled: BooleanColumn;
  base_url: string | null;
  headers_json: string;
  proxy_url: string | null;
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
  providers: ProvidersTable;
  connections: ConnectionsTable;
  settings: SettingsTable;
  request_logs: RequestLogsTable;
  admin_credentials: AdminCredentialsTable;
  admin_sessions: AdminSessionsTable;
  audit_log: AuditLogTable;
}
