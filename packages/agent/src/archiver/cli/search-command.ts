import type { Command } from 'commander';
import { z } from 'zod';
import type { ArchiveEntry } from '../archive-entry';
import { searchArchive, type ArchiveSearchResult } from '../search-archive';
import { parseDateBound } from './date-bound';
import { defaultIndexFile } from './default-index';
import { usageError } from './usage-error';
import { formatBytes, formatLocalTime } from './format';

const dateFlag = (flag: string, bound: 'from' | 'to', now: number) =>
  z.string().transform((text, ctx) => {
    const ms = parseDateBound(text, bound, now);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `${flag} "${text}" is not a date (2024-05-01), a date and time, or a duration back (7d)`,
      });
      return z.NEVER;
    }
    return ms;
  });

const wholeNumber = (flag: string) =>
  z
    .string()
    .regex(/^\d+$/, { error: `${flag} must be a whole number` })
    .transform(Number);

function flagsSchema(now: number) {
  return z.object({
    from: dateFlag('--from', 'from', now).optional(),
    to: dateFlag('--to', 'to', now).optional(),
    by: z.enum(['recorded', 'archived'], { error: '--by is recorded or archived' }),
    limit: wholeNumber('--limit'),
    offset: wholeNumber('--offset'),
    index: z.string(),
    json: z.boolean().optional(),
  });
}

function renderEntry(entry: ArchiveEntry): string {
  const where = entry.destination.endsWith('/') ? entry.destination : `${entry.destination}/`;
  return [
    formatLocalTime(entry.recordedAt),
    formatBytes(entry.size).padStart(8),
    `${entry.recording}  →  ${where}${entry.archivePath}`,
    `sha256 ${entry.sha256.slice(0, 16)}…`,
  ].join('  ');
}

function renderResult(result: ArchiveSearchResult, offset: number): string {
  if (result.total === 0) return 'No archived recording matches.';
  const lines = result.entries.map(renderEntry);
  const shown = result.entries.length;
  lines.push(
    shown === result.total
      ? `${result.total} recording${result.total > 1 ? 's' : ''}.`
      : `${offset + 1}–${offset + shown} of ${result.total} recordings (--offset, --limit for more).`,
  );
  return lines.join('\n');
}

/** Registers `vigie-agent archive search [NAME]`: finds archived recordings by name and dates. */
export function registerSearch(archive: Command): void {
  archive
    .command('search')
    .description('find archived recordings by part of their name and by date; newest first')
    .argument('[name]', 'part of the recording path, case-insensitive (e.g. call-0412 or 2024/05)')
    .option('--from <date>', 'from this date: 2024-05-01, 2024-05-01T08:00, or 7d (7 days ago)')
    .option('--to <date>', 'up to this date (a day includes all of it)')
    .option('--by <which>', 'the dates are when the call was recorded, or when it was archived', 'recorded')
    .option('--limit <n>', 'at most this many results', '100')
    .option('--offset <n>', 'skip this many results first', '0')
    .option('--index <file>', 'the archive index (SQLite)', defaultIndexFile())
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nDates are read in the local time of this machine.\nExit status: 0 searched (even with no match), 2 malformed command line or query.',
    )
    .action((name: string | undefined, rawFlags: Record<string, unknown>) => {
      const flags = flagsSchema(Date.now()).safeParse(rawFlags);
      if (!flags.success) {
        throw usageError(flags.error.issues.map((issue) => issue.message));
      }
      const { index, json, ...query } = flags.data;
      let result: ArchiveSearchResult;
      try {
        result = searchArchive(index, { ...query, name });
      } catch (error) {
        if (error instanceof z.ZodError) {
          throw usageError(error.issues.map((issue) => issue.message));
        }
        throw error;
      }
      process.stdout.write(`${json === true ? JSON.stringify(result) : renderResult(result, query.offset)}\n`);
    });
}
