import { z } from 'zod';
import { EpochInputSchema } from './epoch';
import { IdSchema } from '../plan/common';

/** Backup folders one agent watches, at most. */
export const WATCHED_BACKUPS_MAX = 64;

/** A pattern on file names: `*` any characters, `?` one; no folder part (that goes in `path`). */
export const FileNamePatternSchema = z
  .string({ error: 'expected a pattern on file names, e.g. *.bak' })
  .min(1, { error: 'expected a pattern on file names, e.g. *.bak' })
  .max(200)
  .refine((pattern) => !/[\\/]/.test(pattern), {
    error: 'a pattern names files, not folders: put the folder in path (and recursive: true for its subfolders)',
  });

/** A folder where a backup job writes its files; the agent reports the newest matching file. */
export const WatchedBackupSchema = z.strictObject({
  /** The folder, e.g. `D:\Backups\SQL` or `/var/backups/sql`. */
  path: z.string({ error: 'expected the folder the backups are written to' }).min(1),
  /** Which files are backups, compared without regard to case: `*.bak`, `crm_*.bak`. */
  pattern: FileNamePatternSchema.default('*'),
  /** Look into subfolders too (a folder per day or per database). */
  recursive: z.boolean().default(false),
});
export type WatchedBackup = z.infer<typeof WatchedBackupSchema>;

/** The newest backup file of a folder: its name (relative to the folder), size and time. */
export const NewestBackupFileSchema = z.strictObject({
  file: z.string().max(1_024),
  sizeBytes: z.number().min(0),
  /** When the file was last written (its mtime), epoch milliseconds on the agent's clock. */
  modifiedAt: EpochInputSchema,
});
export type NewestBackupFile = z.infer<typeof NewestBackupFileSchema>;

/** What an agent saw in one backup folder: the newest file and how many match, or why it could not look. */
export const BackupReportSchema = z.union([
  z.strictObject({
    name: IdSchema,
    path: z.string().max(1_024),
    pattern: z.string().max(200),
    files: z.int().min(0),
    newest: NewestBackupFileSchema.nullable(),
  }),
  z.strictObject({
    name: IdSchema,
    path: z.string().max(1_024),
    pattern: z.string().max(200),
    error: z.string().max(500),
  }),
]);
export type BackupReport = z.infer<typeof BackupReportSchema>;
