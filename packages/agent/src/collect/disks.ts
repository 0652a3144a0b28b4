import { statfs } from 'node:fs/promises';
import type { DiskReport } from '@vigie/contract';

/** `C:` is the drive's root `C:\`; other paths are read as written. */
export function diskRoot(path: string): string {
  return /^[a-z]:$/i.test(path) ? `${path}\\` : path;
}

/** Free space of one disk, as a user (not root) sees it; an unreadable disk says why. */
export async function readDisk(path: string): Promise<DiskReport> {
  try {
    const stats = await statfs(diskRoot(path));
    const totalBytes = stats.blocks * stats.bsize;
    const freeBytes = stats.bavail * stats.bsize;
    const freePercent = stats.blocks > 0 ? Math.round((stats.bavail / stats.blocks) * 10_000) / 100 : 0;
    return { path, totalBytes, freeBytes, freePercent };
  } catch (error) {
    return { path, error: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
  }
}
