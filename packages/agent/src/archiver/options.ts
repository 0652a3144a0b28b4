import { z } from 'zod';
import { DestinationSpecSchema } from './destination-spec';
import { ArchiveOptionsError } from './errors';

/** What an archive run needs: from where, to where, which recordings, and where the index lives. */
export const ArchiveOptionsSchema = z
  .object({
    /** The folder the HMP records into. */
    source: z.string({ error: 'source is required: the folder holding the recordings' }).min(1),
    /** A folder (local or mounted) or `sftp://USER@HOST[:PORT]/PATH`. */
    destination: DestinationSpecSchema,
    /** The private key for SFTP (OpenSSH or PEM format). */
    identityFile: z.string().min(1).optional(),
    /** The SFTP server's host key, `SHA256:…` as `ssh-keygen -l` prints it; any key is accepted without it. */
    hostKey: z
      .string()
      .regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, { error: 'hostKey must read SHA256:… as ssh-keygen -l prints it' })
      .optional(),
    /** Archive recordings last modified at least this long ago (milliseconds). */
    olderThanMs: z.number().int().nonnegative().optional(),
    /** Archive the oldest recordings until the source volume is back at this free space (percent). */
    minFreePercent: z.number().gt(0).lt(100).optional(),
    /** Never archive a recording modified more recently (milliseconds): the HMP may still be writing it. */
    minAgeMs: z
      .number()
      .int()
      .nonnegative()
      .default(10 * 60_000),
    /** The SQLite index file (created if needed). */
    indexFile: z.string({ error: 'indexFile is required: where the archive index is kept' }).min(1),
    /** Recordings copied at the same time. */
    concurrency: z.number().int().min(1).max(32).default(8),
    /** Stops the run after the recordings in flight (they are finished and recorded). */
    signal: z.instanceof(AbortSignal).optional(),
  })
  .superRefine((options, ctx) => {
    if (options.olderThanMs === undefined && options.minFreePercent === undefined) {
      ctx.addIssue({ code: 'custom', message: 'say which recordings to archive: olderThan, minFree, or both' });
    }
    if (options.destination.kind === 'sftp' && options.identityFile === undefined) {
      ctx.addIssue({ code: 'custom', path: ['identityFile'], message: 'an SFTP destination needs a private key' });
    }
  });

/** Options as the caller writes them (defaults may be left out). */
export type ArchiveOptionsInput = z.input<typeof ArchiveOptionsSchema>;
/** Options once checked, defaults filled in. */
export type ArchiveOptions = z.output<typeof ArchiveOptionsSchema>;

/** Checks archive options, listing every problem at once. */
export function parseArchiveOptions(input: ArchiveOptionsInput): ArchiveOptions {
  const result = ArchiveOptionsSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ArchiveOptionsError(
    result.error.issues.map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    ),
  );
}
