import { existsSync } from 'node:fs';
import { link, mkdir, open, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { atDestination, DestinationFailure, errorCode, type Checksummed, type Destination } from './destination';
import type { CopyCheck } from './judge-destination';
import { LocalIoError, LocalIoPool } from './local-io-pool';

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
  /** Folders known to exist: one mkdir per folder and run, not per recording. */
  private readonly knownFolders = new Set<string>();

  private readonly io: LocalIoPool;

  private constructor(root: string, io: LocalIoPool) {
    this.root = root;
    this.name = root;
    this.io = io;
  }

  /**
   * Opens a destination folder, which must exist: an absent mount point is an error, not a
   * folder to create. `workers` threads copy and hash the recordings.
   */
  static async open(root: string, workers: number): Promise<FolderDestination> {
    const absolute = resolve(root);
    const info = await atDestination(`the destination ${absolute}`, () => stat(absolute));
    if (!info.isDirectory()) throw new Error(`the destination ${absolute} is not a folder`);
    // A read-only or full share is told at once, before a recording is touched.
    const probe = join(absolute, WRITE_PROBE);
    await atDestination(`the destination ${absolute}`, async () => {
      await writeFile(probe, 'vigie-agent checks that it can write here\n');
      await unlink(probe);
    });
    return new FolderDestination(absolute, new LocalIoPool(workers));
  }

  /** mkdir -p; on failure, the error of the first missing folder (Node reports ENOENT for EROFS below). */
  private async makeFolders(folder: string): Promise<void> {
    if (this.knownFolders.has(folder)) return;
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
    this.knownFolders.add(folder);
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
    return atDestination(`read back ${this.at(path)}`, () => this.io.hash(this.at(path), 'destination'));
  }

  async upload(localFile: string, path: string, mtimeMs: number, onBytes: (bytes: number) => void): Promise<CopyCheck> {
    const target = this.at(path);
    if (!this.knownFolders.has(dirname(target))) {
      await atDestination(`create the folder of ${target}`, () => this.makeFolders(dirname(target)));
    }
    try {
      const copy = await this.io.copy(localFile, target, mtimeMs);
      if (copy.created !== undefined) this.createdFolders.add(copy.created);
      onBytes(copy.read.size);
      return copy;
    } catch (error) {
      if (error instanceof LocalIoError && error.side === 'source') throw error;
      throw new DestinationFailure(`copy to ${target}`, error);
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
    // Side by side: the file system folds flushes that arrive together into one journal commit.
    await Promise.all(
      [...folders].map((folder) => atDestination(`flush the folder ${folder}`, () => syncFolder(folder))),
    );
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

  async close(): Promise<void> {
    await this.io.close();
  }
}
