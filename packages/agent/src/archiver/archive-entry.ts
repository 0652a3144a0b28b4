import { z } from 'zod';

/** One archived recording as the index keeps it. */
export const ArchiveEntrySchema = z.object({
  /** Path of the recording below the source folder, `/`-separated. */
  recording: z.string().min(1),
  /** The source folder it was archived from. */
  sourceRoot: z.string().min(1),
  /** The destination (a folder, or `sftp://USER@HOST:PORT/PATH`). */
  destination: z.string().min(1),
  /** Path below the destination: the recording's own path, or its conflict name. */
  archivePath: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The recording's last modification, epoch milliseconds. */
  recordedAt: z.number().int(),
  /** When the archiver verified it at the destination, epoch milliseconds. */
  archivedAt: z.number().int(),
});

/** One archived recording as the index keeps it. */
export type ArchiveEntry = z.infer<typeof ArchiveEntrySchema>;
