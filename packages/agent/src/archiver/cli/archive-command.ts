import type { Command } from 'commander';
import { CommandFailed } from '../../cli/command-failed';
import { archive } from '../archive';
import type { ArchiveSummary } from '../archive-summary';
import { ArchiveOptionsError, ArchiveUnavailableError } from '../errors';
import { IndexBusyError } from '../index-lock';
import { parseArchiveOptions } from '../options';
import { ArchiveFlagsSchema, flagsToOptions } from './archive-flags';
import { defaultIndexFile } from './default-index';
import { ARCHIVE_EXIT, EXIT_HELP } from './exit-codes';
import { progressPrinter } from './progress-printer';
import { registerSearch } from './search-command';
import { usageError } from './usage-error';
import { renderSummary } from './render-summary';

const EXAMPLES = [
  '',
  'Examples:',
  '  vigie-agent archive --source /var/hmp/records --dest /mnt/audio --older-than 30d',
  '  vigie-agent archive --source D:\\HMP\\Records --dest sftp://archive@10.0.0.40/srv/audio \\',
  '      --identity C:\\ProgramData\\vigie-agent\\archive_ed25519 --min-free 20',
  '  vigie-agent archive search call-0412 --from 2024-05-01 --to 2024-05-31',
  '',
  'Each recording is copied to a temporary name, flushed, verified (size and SHA-256 read back',
  'at the destination), renamed — never over another file — recorded in the index, and only',
  'then deleted from the source. A run killed at any moment is finished by the next one.',
  '',
  EXIT_HELP,
].join('\n');

function exitCodeFor(summary: ArchiveSummary): number {
  if (summary.stopped) return summary.stopped.byRequest ? ARCHIVE_EXIT.interrupted : ARCHIVE_EXIT.unavailable;
  return summary.failures.length ? ARCHIVE_EXIT.leftBehind : ARCHIVE_EXIT.ok;
}

/** Stops the run gracefully on the first Ctrl-C or SIGTERM; a second one exits at once (still safe). */
function stopOnSignals(controller: AbortController): () => void {
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(ARCHIVE_EXIT.interrupted);
    process.stderr.write('\nStopping after the recordings in flight (again to quit at once; nothing is lost)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

async function runArchive(rawFlags: Record<string, unknown>): Promise<void> {
  const flags = ArchiveFlagsSchema.safeParse(rawFlags);
  if (!flags.success) {
    throw usageError(flags.error.issues.map((issue) => issue.message));
  }
  const controller = new AbortController();
  const json = flags.data.json === true;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const options = flagsToOptions(flags.data, controller.signal);
  try {
    // Checked here too so that bad options are a usage error (2), before any output.
    parseArchiveOptions(options);
  } catch (error) {
    if (error instanceof ArchiveOptionsError) throw usageError(error.problems);
    throw error;
  }
  const mode = json ? 'json' : process.stderr.isTTY ? 'bar' : 'lines';
  const printer = progressPrinter(mode, process.stderr, out);
  const release = stopOnSignals(controller);
  let summary: ArchiveSummary;
  try {
    summary = await archive(options, (progress) => printer.onProgress(progress));
  } catch (error) {
    if (error instanceof ArchiveUnavailableError || error instanceof IndexBusyError) {
      if (json) out(JSON.stringify({ event: 'error', message: error.message }));
      throw new CommandFailed(error.message, ARCHIVE_EXIT.unavailable);
    }
    throw error;
  } finally {
    printer.finish();
    release();
  }
  out(json ? JSON.stringify({ event: 'summary', ...summary }) : renderSummary(summary));
  process.exitCode = exitCodeFor(summary);
}

/** Registers `vigie-agent archive` and its `search` subcommand. */
export function registerArchive(program: Command): void {
  const command = program
    .command('archive')
    .description('move call recordings to the audio storage server, verified, without ever losing one')
    .option('--source <dir>', 'the folder the HMP records into')
    .option('--dest <dir|url>', 'a folder (local disk, SMB or NFS mount) or sftp://USER@HOST[:PORT]/PATH')
    .option('--identity <keyfile>', 'private key for SFTP (OpenSSH or PEM format)')
    .option('--host-key <fingerprint>', "the SFTP server's key, SHA256:… as ssh-keygen -l prints it")
    .option('--older-than <duration>', 'archive recordings last modified this long ago or more: 30d, 12h')
    .option('--min-free <percent>', 'archive the oldest recordings until the source volume is this % free')
    .option('--min-age <duration>', 'never touch a recording modified more recently (still being written)', '10m')
    .option('--index <file>', 'the archive index (SQLite)', defaultIndexFile())
    .option('--concurrency <n>', 'recordings copied at the same time', '8')
    .option('--json', 'print progress and the summary as JSON lines on stdout')
    // The search subcommand has its own --index and --json: options after it are its own.
    .enablePositionalOptions()
    .addHelpText('after', EXAMPLES)
    .action(async (_flags: unknown, self: Command) => runArchive(self.opts()));
  registerSearch(command);
}
