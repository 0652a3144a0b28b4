import type { Command } from 'commander';
import { verifyAuditLog } from '@vigie/core';
import { CommandFailed, configOrExit, DB_OPTION_HELP, terminal } from '../io';
import { withStore } from '../with-store';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description('re-compute the audit chain; exit 1 if any entry was altered, removed or reordered')
    .option('--db <url>', DB_OPTION_HELP)
    .action(async (options: { db?: string }) => {
      const config = configOrExit({ databaseUrl: options.db });
      const verdict = await withStore(config.databaseUrl, (store) => verifyAuditLog({ store }));
      if (!verdict.ok) {
        throw new CommandFailed(
          `The audit log is broken at entry ${verdict.brokenAt}: ${verdict.reason} (${verdict.entries} entries read).`,
        );
      }
      terminal.out(`The audit log is intact: ${verdict.entries} entries, each sealed to the one before.`);
    });
}
