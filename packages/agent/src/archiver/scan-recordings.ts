import { lstat, opendir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isTempName, toPosixRelative } from './archive-names';
import type { Recording } from './recording';

/** The regular files of a source tree, and what was passed over. */
export interface SourceScan {
  recordings: Recording[];
  /** Symbolic links and special files, never followed nor archived. */
  skipped: string[];
}

/**
 * Lists every regular file below `root` with its size and modification time. Links are not
 * followed (a link to elsewhere must not empty another folder), and the archiver's own
 * temporary names are left alone.
 */
export async function scanRecordings(root: string): Promise<SourceScan> {
  const recordings: Recording[] = [];
  const skipped: string[] = [];
  const folders = [root];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    for await (const entry of await opendir(folder)) {
      const path = join(folder, entry.name);
      const relativePath = toPosixRelative(relative(root, path), sep);
      if (entry.isDirectory()) folders.push(path);
      else if (entry.isFile() && !isTempName(relativePath)) {
        const info = await lstat(path);
        recordings.push({ relativePath, absolutePath: path, size: info.size, mtimeMs: info.mtimeMs });
      } else skipped.push(relativePath);
    }
  }
  return { recordings, skipped };
}
