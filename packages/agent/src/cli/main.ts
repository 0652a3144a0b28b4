import { Command, CommanderError } from 'commander';
import { registerArchive } from '../archiver/cli/archive-command';
import { registerAgentCommands } from './agent-commands';
import { CommandFailed } from './command-failed';

const USAGE = 2;
const FAILURE = 3;

const program = new Command('vigie-agent')
  .description(
    'Vigie agent — runs on a monitored server: reports its health, runs allow-listed actions, archives the HMP call recordings',
  )
  .showHelpAfterError()
  // Options belong to the command they follow: `archive` and `archive search` both have --index.
  .enablePositionalOptions()
  .exitOverride();

registerArchive(program);
registerAgentCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : USAGE;
  } else if (error instanceof CommandFailed) {
    process.stderr.write(`vigie-agent: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`vigie-agent: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = FAILURE;
  }
}
