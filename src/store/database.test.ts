import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseKind } from './database.js';
import { migrations } from './migrations/migration-provider.js';
import { StoreError } from './store-error.js';
import { createTestTarget, openTestDatabase, testPostgresUrl } from './test-databases.js';

const KINDS: DatabaseKind[] = ['sqlite', 'postgres'];

describe.each(KINDS)('openDatabase (%s)', (kind) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('migrates to the latest version and is idempotent when opened again', async () => {
    const { target, remove } = createTestTarget(kind);
    cleanups.push(remove);
    const first = await openDatabase(target);
    expect(first.kind).toBe(kind);
    await first.db
      .insertInto('settings')
      .values({ key: 'survives', value_json: '1', updated_at: 1 })
      .execute();
    await first.close();

    const second = await openDatabase(target);
    try {
      const applied = await second.db
        .selectFrom('kysely_migration' as never)
        .select(sql<string>`name`.as('name'))
        .execute();
      expect(applied.map((row) => row.name)).toEqual(Object.keys(migrations));
      const kept = await second.db.selectFrom('settings').selectAll().execute();
      expect(kept).toEqual([{ key: 'survives', value_json: '1', updated_at: 1 }]);
    } finally {
      await second.close();
    }
  });

  it('returns epoch-ms bigints and counts as JS numbers and booleans as 0/1 or true/false', async () => {
    const test = await openTestDatabase(kind);
    cleanups.push(test.cleanup);
    const { db } = test.database;
    const createdAt = 1_760_000_000_123;
    await db
      .insertInto('providers')
      .values({
        id: 'p',
        prefix: 'p',
        name: 'P',
        format: 'openai-chat',
        base_url: 'http://127.0.0.1:1',
        auth_type: 'none',
        auth_header: 'none',
        headers_json: '{}',
        models_json: '[]',
        is_local: true,
        source: 'admin',
        created_at: createdAt,
        updated_at: createdAt,
      })
      .execute();
    const row = await db.selectFrom('providers').select(['created_at', 'is_local']).executeTakeFirstOrThrow();
    expect(row.created_at).toBe(createdAt);
    expect(Boolean(row.is_local)).toBe(true);
    const { total } = await db
      .selectFrom('providers')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    expect(total).toBe(1);
  });
});

describe('openDatabase (sqlite specifics)', () => {
  const root = mkdtempSync(join(tmpdir(), 'omniroute-db-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates missing directories and turns on WAL, NORMAL sync, foreign keys and a busy timeout', async () => {
    const database = await openDatabase({ kind: 'sqlite', file: join(root, 'a', 'b', 'omniroute.db') });
    try {
      const pragma = async (name: string) => {
        const result = await sql<Record<string, unknown>>`${sql.raw(`PRAGMA ${name}`)}`.execute(database.db);
        return Object.values(result.rows[0] ?? {})[0];
      };
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(1);
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });

  it('works in memory for throwaway use', async () => {
    const database = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    await database.db.insertInto('settings').values({ key: 'k', value_json: '"v"', updated_at: 0 }).execute();
    expect(await database.db.selectFrom('settings').select('key').execute()).toEqual([{ key: 'k' }]);
    await database.close();
  });

  it('says which directory it could not create', async () => {
    const blocker = join(root, 'not-a-directory');
    writeFileSync(blocker, '');
    const opening = openDatabase({ kind: 'sqlite', file: join(blocker, 'data', 'omniroute.db') });
    await expect(opening).rejects.toThrow(StoreError);
    await expect(opening).rejects.toThrow(/Cannot create the directory ".*not-a-directory\/data" for the SQLite database/);
  });
});

describe('openDatabase (postgres errors)', () => {
  it('rejects a URL that is not postgres:// with the scheme named', async () => {
    await expect(openDatabase({ kind: 'postgres', url: 'mysql://root@127.0.0.1/x' })).rejects.toThrow(
      /must be postgres:\/\/ or postgresql:\/\//,
    );
    await expect(openDatabase({ kind: 'postgres', url: 'not a url' })).rejects.toThrow(/Invalid PostgreSQL URL/);
  });

  it('names the server it could not reach, without the password', async () => {
    const opening = openDatabase({ kind: 'postgres', url: 'postgres://postgres:hunter2@127.0.0.1:1/omniroute' });
    await expect(opening).rejects.toThrow(/Cannot connect to PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/omniroute/);
    await expect(opening).rejects.not.toThrow(/hunter2/);
  });

  it('reports a database that does not exist', async () => {
    const url = new URL(testPostgresUrl());
    url.pathname = '/omniroute_no_such_database';
    await expect(openDatabase({ kind: 'postgres', url: url.toString() })).rejects.toThrow(/does not exist/);
  });

  it('refuses a schema name it would have to quote', async () => {
    await expect(openDatabase({ kind: 'postgres', url: testPostgresUrl(), schema: 'x"; DROP' })).rejects.toThrow(
      /Invalid PostgreSQL schema name/,
    );
  });
});
