import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseSchema } from './schema.js';
import { StoreError } from './store-error.js';

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const CONNECT_TIMEOUT_MS = 10_000;

/** For messages and logs: the URL with any password replaced. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    return '<unparseable URL>';
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    // pg reports a refused dual-stack connect as an AggregateError with an empty message.
    return error.errors.map((inner: unknown) => describe(inner)).join('; ');
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

function parseInt8(value: string): number {
  const parsed = Number(value);
  // Counts and epoch-ms timestamps fit comfortably; a larger value means corrupt data, and a
  // silently rounded number would be worse than a loud failure.
  if (!Number.isSafeInteger(parsed)) {
    throw new StoreError('invalid_value', `PostgreSQL int8 value ${value} is outside the safe integer range`);
  }
  return parsed;
}

/** Per-pool parsers, so other pg users in the process keep pg's defaults. */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8
      ? parseInt8
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

function validateUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreError('open_failed', `Invalid PostgreSQL URL ${redactDatabaseUrl(url)}: not a URL`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StoreError(
      'open_failed',
      `Invalid PostgreSQL URL ${redactDatabaseUrl(url)}: the scheme must be postgres:// or postgresql://`,
    );
  }
}

export interface OpenedPostgres {
  db: Kysely<DatabaseSchema>;
  /** The schema unqualified table names resolve to; migrations and their bookkeeping live there. */
  schema: string;
}

/**
 * Connects once up front so a wrong URL or a stopped server fails at boot with a message naming
 * the server, rather than on the first request.
 */
export async function openPostgresKysely(url: string, schema?: string): Promise<OpenedPostgres> {
  validateUrl(url);
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StoreError('open_failed', `Invalid PostgreSQL schema name "${schema}"`);
  }
  const where = redactDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    types: typeParsers,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client losing its socket emits 'error' on the pool; unhandled, that kills the process.
  // The next query on a fresh client reports the problem instead.
  pool.on('error', () => undefined);

  let current: string;
  try {
    if (schema !== undefined) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const result = await pool.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    const found = result.rows[0]?.schema;
    if (!found) throw new Error('no schema in search_path exists');
    current = found;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreError('open_failed', `Cannot connect to PostgreSQL at ${where}: ${describe(error)}`, {
      cause: error,
    });
  }

  return { db: new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) }), schema: current };
}
