import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { atDestination, DestinationFailure, errorCode, type Checksummed, type Destination } from './destination';
import type { CopyCheck } from './judge-destination';
import { LocalIoError, LocalIoPool } from './local-io-pool';
import { canSyncFileSystem, syncFileSystem } from './sync-file-system';

/** Written then removed at the destination's root when it is opened, to find a read-only share at once. */
export const WRITE_PROBE = '.vigie-agent-write-test';

/** A destination folder on this machine: a local disk or a mounted share (SMB, NFS). */
export class FolderDestination implements Destination {
  readonly name: string;
  private readonly root: string;
  /** The first folder of each `mkdir -p` of this run: it and its subfolders are new names in their parents. */
  private readonly createdFolders = new Set<string>();
  /** Names in each destination folder touched, read once per run. */
  private readonly listings = new Map<string, Promise<Set<string>>>();
  /** Folders known to exist: one mkdir per folder and run, not per recording. */
  private readonly knownFolders = new Set<string>();

  private readonly io: LocalIoPool;
  /** On a local Linux file system a batch is flushed by one `syncfs`, elsewhere file by file. */
  private readonly wholeFileSystemSync: boolean;

  private constructor(root: string, io: LocalIoPool, wholeFileSystemSync: boolean) {
    this.root = root;
    this.name = root;
    this.io = io;
    this.wholeFileSystemSync = wholeFileSystemSync;
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
    return new FolderDestination(absolute, new LocalIoPool(workers), await canSyncFileSystem(absolute));
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
    return 'read back from the destination folder after its flush, before the rename';
  }

  async stat(path: string): Promise<{ size: number } | undefined> {
    const file = this.at(path);
    return atDestination(`stat ${file}`, async () => {
      // Most recordings are new at the destination: one listing per folder spares a failed
      // stat per recording. A name added meanwhile by someone else is caught by publish().
      if (!(await this.listing(dirname(file))).has(basename(file))) return undefined;
      try {
        const info = await stat(file);
        return { size: info.size };
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return undefined;
        throw error;
      }
    });
  }

  /** The names in a destination folder when this run first looked, plus those it published. */
  private listing(folder: string): Promise<Set<string>> {
    let names = this.listings.get(folder);
    if (names === undefined) {
      names = readdir(folder).then(
        (entries) => new Set(entries),
        (error: unknown) => {
          if (errorCode(error) === 'ENOENT') return new Set<string>();
          this.listings.delete(folder);
          throw error;
        },
      );
      this.listings.set(folder, names);
    }
    return names;
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

  async flush(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    await atDestination(`flush the copies in ${this.root}`, async () => {
      if (this.wholeFileSystemSync) await syncFileSystem(this.root);
      else await this.io.flushFiles(paths.map((path) => this.at(path)));
    });
  }

  readonly readsBackByBatch = true;

  async readBack(paths: readonly string[]): Promise<Checksummed[]> {
    if (paths.length === 0) return [];
    return atDestination(`read back the copies in ${this.root}`, () =>
      this.io.hashMany(paths.map((path) => this.at(path))),
    );
  }

  async publishMany(pairs: ReadonlyArray<{ from: string; to: string }>): Promise<Array<'published' | 'exists'>> {
    if (pairs.length === 0) return [];
    const located = pairs.map(({ from, to }) => ({ from: this.at(from), to: this.at(to) }));
    const outcomes = await atDestination(`rename the copies in ${this.root}`, () => this.io.publishMany(located));
    const published: Array<'published' | 'exists'> = [];
    for (const [i, outcome] of outcomes.entries()) {
      const { from: source, to: target } = located[i]!;
      const result = await atDestination(`rename ${source} to ${target}`, async () => {
        if ('error' in outcome) throw new LocalIoError(outcome.error.side, outcome.error.message, outcome.error.code);
        if (outcome.ok !== 'no-hard-links') return outcome.ok;
        // No hard links here (FAT, some SMB mounts): check, then rename.
        if ((await stat(target).catch(() => undefined)) !== undefined) return 'exists';
        await rename(source, target);
        return 'published';
      });
      if (result === 'published') (await this.listing(dirname(target))).add(basename(target));
      published.push(result);
    }
    return published;
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
      [...folders].map((folder) => atDestination(`flush the folder ${folder}`, () => this.io.syncFolder(folder))),
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
