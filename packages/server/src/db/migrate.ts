import { Migrator, type MigrationResultSet } from 'kysely';
import type { DatabaseHandle } from './connect';
import { migrationProvider } from './migrations/index';

export class MigrationError extends Error {}

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  // A database created while a later-numbered migration already existed must still accept
  // an earlier number added afterwards: each migration runs once, whatever the order seen.
  const migrator = new Migrator({ db: handle.db, provider: migrationProvider, allowUnorderedMigrations: true });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new MigrationError(`migration ${failed} failed: ${reason}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
