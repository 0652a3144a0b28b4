import { execFile } from 'node:child_process';
import { statfs } from 'node:fs/promises';

/**
 * Linux file systems on local disks, by their `statfs` magic number, where `syncfs(2)` flushes
 * every file's data and the journal at once: ext2/3/4, XFS, Btrfs, F2FS, ZFS, tmpfs. Network
 * file systems (NFS, SMB) are left out: their copies are flushed file by file.
 */
const LOCAL_FILE_SYSTEMS = new Set([0xef53, 0x58465342, 0x9123683e, 0xf2f52010, 0x2fc12fc1, 0x01021994]);

/**
 * Whether `folder` is on a Linux local file system that `syncFileSystem` can flush in one call:
 * tried once, so that a system without `sync -f` (coreutils before 8.24, a minimal image)
 * flushes file by file instead of failing every batch.
 */
export async function canSyncFileSystem(folder: string): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  const info = await statfs(folder).catch(() => undefined);
  if (info === undefined || !LOCAL_FILE_SYSTEMS.has(info.type)) return false;
  return syncFileSystem(folder).then(
    () => true,
    () => false,
  );
}

/**
 * Flushes the whole file system holding `folder` (`sync -f`, that is `syncfs(2)`): one journal
 * commit for a batch of copies instead of one per file, while the copy threads go on.
 */
export function syncFileSystem(folder: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('sync', ['-f', folder], { timeout: 600_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`sync -f ${folder}: ${stderr.trim() || error.message}`, { cause: error }));
      else resolve();
    });
  });
}
