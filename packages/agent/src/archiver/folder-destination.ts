import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, open, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { atDestination, errorCode, type Checksummed, type Destination } from './destination';
import { withBuffer } from './buffer-pool';
import { sha256File } from './sha256-file';

/** Written then removed at the destination's root when it is opened, to find a read-only share at once. */
export const WRITE_PROBE = '.vigie-agent-write-test';

/** Errors of `link()` on file systems without hard links (FAT, some SMB mounts): fall back to rename. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);
/** Errors of fsync on a folder where the platform or file system cannot do it (Windows, some network mounts). */
const NO_FOLDER_SYNC = new Set(['EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'EBADF', 'EACCES']);

/** Flushes a folder's entries (new names, removed names) to stable storage where the platform allows it. */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    if (!NO_FOLDER_SYNC.has(errorCode(error) ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

/** A destination folder on this machine: a local disk or a mounted share (SMB, NFS). */
export class FolderDestination implements Destination {
  readonly name: string;
  private readonly root: string;
  /** The first folder of each `mkdir -p` of this run: it and its subfolders are new names in their parents. */
  private readonly createdFolders = new Set<string>();

  private constructor(root: string) {
    this.root = root;
    this.name = root;
  }

  /** Opens a destination folder, which must exist: an absent mount point is an error, not a folder to create. */
  static async open(root: string): Promise<FolderDestination> {
    const absolute = resolve(root);
    const info = await atDestination(`the destination ${absolute}`, () => stat(absolute));
    if (!info.isDirectory()) throw new Error(`the destination ${absolute} is not a folder`);
    // A read-only or full share is told at once, before a recording is touched.
    const probe = join(absolute, WRITE_PROBE);
    await atDestination(`the destination ${absolute}`, async () => {
      await writeFile(probe, 'vigie-agent checks that it can write here\n');
      await unlink(probe);
    });
    return new FolderDestination(absolute);
  }

  /** mkdir -p; on failure, the error of the first missing folder (Node reports ENOENT for EROFS below). */
  private async makeFolders(folder: string): Promise<void> {
    try {
      const created = await mkdir(folder, { recursive: true });
      if (created !== undefined) this.createdFolders.add(created);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT' || folder === this.root) throw error;
      let missing = folder;
      while (dirname(missing) !== this.root && !existsSync(dirname(missing))) missing = dirname(missing);
      await mkdir(missing);
      throw error;
    }
  }

  private at(path: string): string {
    return join(this.root, ...path.split('/'));
  }

  verification(): string {
    return 'read back from the destination folder after fsync';
  }

  async stat(path: string): Promise<{ size: number } | undefined> {
    return atDestination(`stat ${this.at(path)}`, async () => {
      try {
        const info = await stat(this.at(path));
        return { size: info.size };
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return undefined;
        throw error;
      }
    });
  }

  async checksum(path: string): Promise<Checksummed> {
    return atDestination(`read back ${this.at(path)}`, () => sha256File(this.at(path)));
  }

  async upload(localFile: string, path: string, onBytes: (bytes: number) => void): Promise<Checksummed> {
    const target = this.at(path);
    await atDestination(`create the folder of ${target}`, () => this.makeFolders(dirname(target)));
    const source = await open(localFile, 'r');
    try {
      const output = await atDestination(`create ${target}`, () => open(target, 'w'));
      try {
        const { size, sha256 } = await withBuffer(async (buffer) => {
          const hash = createHash('sha256');
          let copied = 0;
          for (;;) {
            const { bytesRead } = await source.read(buffer, 0, buffer.length, copied);
            if (bytesRead === 0) break;
            hash.update(buffer.subarray(0, bytesRead));
            const at = copied;
            await atDestination(`write ${target}`, () => output.write(buffer, 0, bytesRead, at));
            copied += bytesRead;
            onBytes(bytesRead);
          }
          return { size: copied, sha256: hash.digest('hex') };
        });
        await atDestination(`flush ${target}`, () => output.sync());
        return { size, sha256 };
      } finally {
        await output.close();
      }
    } finally {
      await source.close();
    }
  }

  async publish(from: string, to: string): Promise<'published' | 'exists'> {
    const source = this.at(from);
    const target = this.at(to);
    return atDestination(`rename ${source} to ${target}`, async () => {
      try {
        // link() fails when the name is taken, where rename() would silently replace the file.
        await link(source, target);
      } catch (error) {
        const code = errorCode(error);
        if (code === 'EEXIST') return 'exists';
        if (!NO_HARD_LINKS.has(code ?? '')) throw error;
        if ((await this.stat(to)) !== undefined) return 'exists';
        await rename(source, target);
        return 'published';
      }
      await unlink(source);
      return 'published';
    });
  }

  async makeDurable(paths: readonly string[]): Promise<void> {
    const folders = new Set<string>();
    for (const path of paths) {
      let folder = dirname(this.at(path));
      folders.add(folder);
      // A folder this run created is itself a new name in its parent: flush up to an old folder.
      while (folder !== this.root && this.createdByThisRun(folder)) {
        folder = dirname(folder);
        folders.add(folder);
      }
    }
    for (const folder of folders) await atDestination(`flush the folder ${folder}`, () => syncFolder(folder));
  }

  private createdByThisRun(folder: string): boolean {
    for (const created of this.createdFolders) {
      if (folder === created || folder.startsWith(created + sep)) return true;
    }
    return false;
  }

  async remove(path: string): Promise<void> {
    await atDestination(`remove ${this.at(path)}`, async () => {
      try {
        await unlink(this.at(path));
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    });
  }

  async close(): Promise<void> {}
}
