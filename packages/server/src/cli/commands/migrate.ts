import type { Command } from 'commander';
import { openDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { configOrExit, DB_OPTION_HELP, terminal } from '../io';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (start does it too)')
    .option('--db <url>', DB_OPTION_HELP)
    .action(async (options: { db?: string }) => {
      const config = configOrExit({ databaseUrl: options.db });
      const database = openDatabase(config.databaseUrl);
      try {
        const applied = await migrateToLatest(database);
        terminal.out(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await database.close();
      }
    });
}
