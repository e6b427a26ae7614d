import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './001-initial.js';
import { requestLogDetailsMigration } from './002-request-log-details.js';
import { routingMigration } from './003-routing.js';
import { authMigration } from './004-auth.js';
import { apiKeysMigration } from './005-api-keys.js';
import { usageMigration } from './006-usage.js';
import { observabilityMigration } from './007-observability.js';
import { clientRequestIdsMigration } from './008-client-request-ids.js';

/**
 * A static import map instead of Kysely's FileMigrationProvider: no filesystem scan or dynamic
 * import, so migrations survive bundling and run from `dist/` exactly as from `src/`.
 * Kysely applies them in the alphabetical order of these keys; never rename one that has shipped.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '001-initial': initialMigration,
  '002-request-log-details': requestLogDetailsMigration,
  '003-routing': routingMigration,
  '004-auth': authMigration,
  '005-api-keys': apiKeysMigration,
  '006-usage': usageMigration,
  '007-observability': observabilityMigration,
  '008-client-request-ids': clientRequestIdsMigration,
};

export const staticMigrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...migrations }),
};
