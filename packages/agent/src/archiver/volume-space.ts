import { statfs } from 'node:fs/promises';
import type { VolumeSpace } from './recording';

/** Capacity and free space of the volume holding `path` (`statfs`, on Linux and Windows alike). */
export async function volumeSpace(path: string): Promise<VolumeSpace> {
  const info = await statfs(path);
  return { totalBytes: info.blocks * info.bsize, freeBytes: info.bavail * info.bsize };
}
