import { Migrator, type Kysely } from 'kysely';
import { staticMigrationProvider } from './migrations/migration-provider.js';
import type { DatabaseSchema } from './schema.js';
import { StoreError } from './store-error.js';

/**
 * Applies every pending migration. Kysely's Migrator holds a lock row while it runs, so several
 * gateway instances starting at once against one PostgreSQL apply each migration exactly once.
 */
export async function migrateToLatest(
  db: Kysely<DatabaseSchema>,
  where: string,
  migrationTableSchema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: staticMigrationProvider,
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreError(
      'migration_failed',
      `Database migration ${failed === undefined ? '' : `"${failed}" `}failed on ${where}: ${detail}`,
      { cause: error },
    );
  }
}
