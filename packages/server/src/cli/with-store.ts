import type { Store } from '@vigie/core';
import { openDatabase } from '../db/connect';
import { kyselyStore } from '../db/kysely-store';
import { migrateToLatest } from '../db/migrate';

/** Opens the database (migrated), runs the work, and always closes it. */
export async function withStore<T>(databaseUrl: string, work: (store: Store) => Promise<T>): Promise<T> {
  const database = openDatabase(databaseUrl);
  try {
    await migrateToLatest(database);
    return await work(kyselyStore(database.db, database.dialect));
  } finally {
    await database.close();
  }
}
