import { Command, CommanderError } from 'commander';
import { StartupError } from '../main';
import { DatabaseUrlError } from '../db/connect';
import { registerAudit } from './commands/audit';
import { registerDemo } from './commands/demo';
import { registerDrill } from './commands/drill';
import { registerMigrate } from './commands/migrate';
import { registerPlan } from './commands/plan';
import { registerProbe } from './commands/probe';
import { registerStart } from './commands/start';
import { registerUser } from './commands/user';
import { CommandFailed, EXIT, terminal } from './io';

// `vigie … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const program = new Command('vigie')
  .description('Vigie — the executable business continuity plan of a contact centre')
  .showHelpAfterError()
  .exitOverride();

registerStart(program);
registerPlan(program);
registerMigrate(program);
registerUser(program);
registerAudit(program);
registerProbe(program);
registerDrill(program);
registerDemo(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (error instanceof CommandFailed) {
    terminal.err(error.message);
    process.exitCode = error.exitCode;
  } else if (error instanceof StartupError || error instanceof DatabaseUrlError) {
    terminal.err(`vigie: ${error.message}`);
    process.exitCode = EXIT.failure;
  } else {
    terminal.err(`vigie: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = EXIT.failure;
  }
}
