import { parseDuration } from '@vigie/contract';
import { z } from 'zod';
import type { ArchiveOptionsInput } from '../options';

const durationFlag = (flag: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `${flag} "${text}" is not a duration such as 30d, 12h or 90m` });
      return z.NEVER;
    }
    return ms;
  });

const numberFlag = (flag: string, pattern: RegExp, hint: string) =>
  z.string().transform((text, ctx) => {
    if (!pattern.test(text.trim())) {
      ctx.addIssue({ code: 'custom', message: `${flag} "${text}" is not ${hint}` });
      return z.NEVER;
    }
    return Number.parseFloat(text);
  });

/** The flags of `vigie-agent archive` as commander hands them over (strings), checked and converted. */
export const ArchiveFlagsSchema = z.object({
  source: z.string({ error: '--source is required: the folder holding the recordings' }),
  dest: z.string({ error: '--dest is required: a folder or sftp://USER@HOST[:PORT]/PATH' }),
  identity: z.string().optional(),
  hostKey: z.string().optional(),
  olderThan: durationFlag('--older-than').optional(),
  minFree: numberFlag('--min-free', /^\d+(\.\d+)?%?$/, 'a percentage such as 20 or 20%').optional(),
  minAge: durationFlag('--min-age'),
  index: z.string(),
  concurrency: numberFlag('--concurrency', /^\d+$/, 'a whole number').optional(),
  json: z.boolean().optional(),
});

/** Turns checked flags into the options of `archive()`. */
export function flagsToOptions(flags: z.output<typeof ArchiveFlagsSchema>, signal: AbortSignal): ArchiveOptionsInput {
  return {
    source: flags.source,
    destination: flags.dest,
    identityFile: flags.identity,
    hostKey: flags.hostKey,
    olderThanMs: flags.olderThan,
    minFreePercent: flags.minFree,
    minAgeMs: flags.minAge,
    indexFile: flags.index,
    concurrency: flags.concurrency,
    signal,
  };
}
