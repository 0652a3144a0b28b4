import type { Command } from 'commander';
import { limitHeapGrowth } from '../../heap-growth';
import { startVigie } from '../../main';
import { configOrExit, DB_OPTION_HELP, terminal } from '../io';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('start Vigie: database, plan, API and web app')
    .option('--db <url>', DB_OPTION_HELP)
    .option('--plan <file>', 'plan file to load at start (env VIGIE_PLAN)')
    .option('--port <port>', 'HTTP port, 8080 by default (env VIGIE_PORT)')
    .option('--host <host>', 'address to listen on, 0.0.0.0 by default (env VIGIE_HOST)')
    .option(
      '--demo',
      'run the living demo: simulators on loopback stand for the plan’s example equipment (env VIGIE_DEMO)',
    )
    .action(async (options: { db?: string; plan?: string; port?: string; host?: string; demo?: boolean }) => {
      const config = configOrExit({
        databaseUrl: options.db,
        planPath: options.plan,
        port: options.port,
        host: options.host,
        demo: options.demo ? 'true' : undefined,
      });
      limitHeapGrowth();
      const vigie = await startVigie(config, terminal);
      terminal.out(`Vigie is listening on ${vigie.url}`);
      const stop = (): void => {
        void vigie.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
