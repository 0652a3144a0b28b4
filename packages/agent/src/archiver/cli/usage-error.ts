import { CommandFailed } from '../../cli/command-failed';
import { ARCHIVE_EXIT } from './exit-codes';

/** A usage error listing every problem of the command line (exit status 2). */
export function usageError(problems: string[]): CommandFailed {
  return new CommandFailed(`invalid command line:\n  ${problems.join('\n  ')}\n(see --help)`, ARCHIVE_EXIT.usage);
}
