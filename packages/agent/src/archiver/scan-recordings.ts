import { lstat, opendir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isTempName, toPosixRelative } from './archive-names';
import { errorCode } from './destination';
import type { Recording } from './recording';

/** The regular files of a source tree, and what was passed over. */
export interface SourceScan {
  recordings: Recording[];
  /** Symbolic links and special files, never followed nor archived. */
  skipped: string[];
}

/** Files whose size and date are asked for at once: a cold disk answers many requests faster than one by one. */
const STATS_IN_FLIGHT = 64;

/** A file deleted between the listing and its stat (the HMP's own clean-up) is simply not there. */
function goneIsUndefined(error: unknown): undefined {
  if (errorCode(error) === 'ENOENT') return undefined;
  throw error;
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
    const files: Array<{ path: string; relativePath: string }> = [];
    for await (const entry of await opendir(folder)) {
      const path = join(folder, entry.name);
      const relativePath = toPosixRelative(relative(root, path), sep);
      if (entry.isDirectory()) folders.push(path);
      else if (entry.isFile() && !isTempName(relativePath)) files.push({ path, relativePath });
      else skipped.push(relativePath);
    }
    for (let i = 0; i < files.length; i += STATS_IN_FLIGHT) {
      const part = files.slice(i, i + STATS_IN_FLIGHT);
      const infos = await Promise.all(part.map((file) => lstat(file.path).catch(goneIsUndefined)));
      part.forEach(({ path, relativePath }, j) => {
        const info = infos[j];
        if (info) recordings.push({ relativePath, absolutePath: path, size: info.size, mtimeMs: info.mtimeMs });
      });
    }
  }
  return { recordings, skipped };
}
