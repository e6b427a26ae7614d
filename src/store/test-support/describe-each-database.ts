import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { Database, DatabaseKind } from '../database.js';
import type { DatabaseSchema } from '../schema.js';
import { openTestDatabase, type TestDatabase } from '../test-databases.js';

const KINDS: DatabaseKind[] = ['sqlite', 'postgres'];

/** The suite's database; only open inside hooks and tests. */
export interface SuiteDatabase {
  readonly database: Database;
}

/**
 * The same suite once per database kind, each on a throwaway database opened for the suite, with
 * the `emptied` tables cleared before every test so tests never see each other's rows.
 */
export function describeEachDatabase(title: string, emptied: ReadonlyArray<keyof DatabaseSchema>, body: (db: SuiteDatabase) => void): void {
  describe.each(KINDS)(`${title} (%s)`, (kind) => {
    let test: TestDatabase | undefined;
    const open = (): TestDatabase => {
      if (!test) throw new Error('the test database is only open inside hooks and tests');
      return test;
    };
    beforeAll(async () => {
      test = await openTestDatabase(kind);
    });
    afterAll(async () => {
      await test?.cleanup();
    });
    beforeEach(async () => {
      for (const table of emptied) await open().database.db.deleteFrom(table).execute();
    });
    body({
      get database() {
        return open().database;
      },
    });
  });
}
