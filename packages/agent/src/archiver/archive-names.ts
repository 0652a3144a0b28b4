import { posix } from 'node:path';

/** The suffix of the temporary file a recording is written to before it takes its final name. */
export const TEMP_SUFFIX = '.vigie-part';

/**
 * The temporary name of a recording at the destination: hidden, beside its final name (so the
 * rename stays inside one directory), and the same on every run so a rerun finds and replaces it.
 */
export function tempNameFor(relativePath: string): string {
  const dir = posix.dirname(relativePath);
  const temp = `.${posix.basename(relativePath)}${TEMP_SUFFIX}`;
  return dir === '.' ? temp : `${dir}/${temp}`;
}

/** Whether a name is one of the archiver's temporary files. */
export function isTempName(relativePath: string): boolean {
  return posix.basename(relativePath).endsWith(TEMP_SUFFIX);
}

/**
 * The name a recording takes when a different file already holds its name at the destination:
 * the content's checksum in the name keeps both files, and makes the choice the same on a rerun.
 */
export function conflictNameFor(relativePath: string, sha256: string): string {
  const ext = posix.extname(relativePath);
  const stem = relativePath.slice(0, relativePath.length - ext.length);
  return `${stem}.${sha256.slice(0, 12)}${ext}`;
}

/** Turns an OS-specific relative path into the `/`-separated form kept in the index and at the destination. */
export function toPosixRelative(relative: string, separator: string): string {
  return separator === '/' ? relative : relative.split(separator).join('/');
}
