import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseKind, type DatabaseTarget } from './database.js';

/**
 * Throwaway databases for tests across the project: a SQLite file in a fresh temp directory, or a
 * fresh schema in the test PostgreSQL (dropped on cleanup), so runs never see each other's rows.
 */

export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/omniroute_test';

export function testPostgresUrl(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.OMNIROUTE_TEST_PG_URL;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_TEST_POSTGRES_URL;
}

export interface TestDatabase {
  database: Database;
  /** Open it again (e.g. to test reopening); the same file or schema. */
  target: DatabaseTarget;
  /** The SQLite file, for tests that inspect its bytes. */
  file?: string;
  cleanup(): Promise<void>;
}

export function createTestTarget(kind: DatabaseKind): { target: DatabaseTarget; file?: string; remove(): Promise<void> } {
  if (kind === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'omniroute-store-'));
    const file = join(directory, 'omniroute.db');
    return {
      target: { kind: 'sqlite', file },
      file,
      remove: () => Promise.resolve(rmSync(directory, { recursive: true, force: true })),
    };
  }
  const url = testPostgresUrl();
  const schema = `omniroute_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    target: { kind: 'postgres', url, schema },
    async remove() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Fails (never skips) when PostgreSQL is unreachable: run scripts/ensure-services.sh first. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const { target, file, remove } = createTestTarget(kind);
  const database = await openDatabase(target);
  let closed = false;
  return {
    database: {
      ...database,
      close: async () => {
        if (closed) return;
        closed = true;
        await database.close();
      },
    },
    target,
    ...(file === undefined ? {} : { file }),
    async cleanup() {
      if (!closed) {
        closed = true;
        await database.close();
      }
      await remove();
    },
  };
}
