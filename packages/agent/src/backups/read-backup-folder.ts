import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupReport, NewestBackupFile, WatchedBackup } from '@vigie/contract';
import { fileNameMatcher } from './file-name-pattern';

/** Entries looked at in one folder tree at most: a report every minute must not crawl a whole disk. */
export const BACKUP_SCAN_LIMIT = 100_000;
/** Files whose size and time are read at once. */
const STAT_BATCH = 32;

/** Why a folder cannot be looked at, in words a technician acts on. */
function describeFolderError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'folder not found';
  if (code === 'ENOTDIR') return 'not a folder';
  if (code === 'EACCES' || code === 'EPERM') return "access denied: the agent's account cannot read it";
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

class TooManyEntries extends Error {}

/** The backup files of the tree (names relative to `root`), subfolders only when `recursive`. */
async function listCandidates(root: string, backup: WatchedBackup): Promise<string[]> {
  const matches = fileNameMatcher(backup.pattern);
  const found: string[] = [];
  let seen = 0;
  const pending: string[] = [''];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(join(root, folder), { withFileTypes: true });
    } catch (error) {
      if (folder === '') throw error;
      continue; // an unreadable subfolder hides its files, not the others
    }
    seen += entries.length;
    if (seen > BACKUP_SCAN_LIMIT) throw new TooManyEntries();
    for (const entry of entries) {
      const relative = folder === '' ? entry.name : join(folder, entry.name);
      if (entry.isDirectory()) {
        if (backup.recursive) pending.push(relative);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && matches(entry.name)) {
        found.push(relative);
      }
    }
  }
  return found;
}

/** Size and time of each candidate that is still a file (a rotation may delete one meanwhile). */
async function readFiles(root: string, names: string[]): Promise<NewestBackupFile[]> {
  const files: NewestBackupFile[] = [];
  for (let i = 0; i < names.length; i += STAT_BATCH) {
    const batch = await Promise.all(
      names.slice(i, i + STAT_BATCH).map(async (file) => {
        try {
          const stats = await stat(join(root, file));
          return stats.isFile() ? { file, sizeBytes: stats.size, modifiedAt: Math.round(stats.mtimeMs) } : undefined;
        } catch {
          return undefined;
        }
      }),
    );
    for (const file of batch) if (file) files.push(file);
  }
  return files;
}

/**
 * Looks at one backup folder: how many files match its pattern and which was written last.
 * A missing or unreadable folder gives a report that says why, never an exception.
 */
export async function readBackupFolder(name: string, backup: WatchedBackup): Promise<BackupReport> {
  const base = { name, path: backup.path.slice(0, 1_024), pattern: backup.pattern };
  try {
    const files = await readFiles(backup.path, await listCandidates(backup.path, backup));
    const newest = files.reduce<NewestBackupFile | null>(
      (best, file) => (best === null || file.modifiedAt > best.modifiedAt ? file : best),
      null,
    );
    return { ...base, files: files.length, newest: newest && { ...newest, file: newest.file.slice(0, 1_024) } };
  } catch (error) {
    if (error instanceof TooManyEntries) {
      return {
        ...base,
        error: `more than ${BACKUP_SCAN_LIMIT.toLocaleString('en')} entries under the folder: name the folder the job writes to`,
      };
    }
    return { ...base, error: describeFolderError(error) };
  }
}
