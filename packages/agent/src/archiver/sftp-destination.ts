import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { atDestination, DestinationFailure, errorCode, type Checksummed, type Destination } from './destination';
import { WRITE_PROBE } from './folder-destination';
import type { CopyCheck } from './judge-destination';
import { RemoteHasher } from './remote-sha256';
import { openSftpSession, sftpCall, type SftpLogin, type SftpSession } from './sftp-session';

async function localStat(file: string): Promise<{ size: number; mtimeMs: number } | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info && { size: info.size, mtimeMs: info.mtimeMs };
}

/** SFTP writes kept in flight per file: enough to fill the link without waiting for each answer. */
const WRITES_IN_FLIGHT = 8;
const WRITE_BYTES = 256 * 1024;

/**
 * A folder on an SFTP server. Checksums are computed by the server (`sha256sum` over an exec
 * channel) when it allows commands, otherwise by streaming the file back; see `verification()`.
 */
export class SftpDestination implements Destination {
  readonly name: string;
  private readonly session: SftpSession;
  private readonly root: string;
  private readonly folders = new Map<string, Promise<void>>();
  /** The server's `sha256sum`, if it runs commands: started with the first checksum. */
  private remoteHashing: Promise<RemoteHasher | undefined> | undefined;
  private streamsBack = false;
  private canFsync = true;

  private constructor(name: string, session: SftpSession, root: string) {
    this.name = name;
    this.session = session;
    this.root = root;
    this.folders.set(root, Promise.resolve());
  }

  /** Logs in and checks that the destination folder exists on the server. */
  static async open(name: string, login: SftpLogin, root: string): Promise<SftpDestination> {
    const session = await atDestination(`connect to ${name}`, () => openSftpSession(login));
    const destination = new SftpDestination(name, session, root);
    try {
      const info = await atDestination(`the destination ${name}`, () =>
        sftpCall<{ isDirectory(): boolean }>((done) => session.sftp.stat(root, done)),
      );
      if (!info.isDirectory()) throw new Error(`the destination ${name} is not a folder`);
      // A read-only or full destination is told at once, before a recording is touched.
      const probe = posix.join(root, WRITE_PROBE);
      await atDestination(`the destination ${name}`, async () => {
        await sftpCall((done) => session.sftp.writeFile(probe, 'vigie-agent checks that it can write here\n', done));
        await sftpCall((done) => session.sftp.unlink(probe, done));
      });
    } catch (error) {
      await destination.close();
      throw error;
    }
    return destination;
  }

  private get sftp(): SFTPWrapper {
    return this.session.sftp;
  }

  private at(path: string): string {
    return posix.join(this.root, path);
  }

  verification(): string {
    const hashing = this.streamsBack
      ? 'the file streamed back over SFTP (the server runs no sha256sum for this account)'
      : this.remoteHashing === undefined
        ? 'no checksum read yet'
        : 'sha256sum run on the server';
    return this.canFsync ? `${hashing}; fsync@openssh.com` : `${hashing}; the server cannot fsync`;
  }

  async stat(path: string): Promise<{ size: number } | undefined> {
    return atDestination(`stat ${this.at(path)}`, async () => {
      try {
        const info = await sftpCall<{ size: number }>((done) => this.sftp.stat(this.at(path), done));
        return { size: info.size };
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return undefined;
        throw error;
      }
    });
  }

  async checksum(path: string): Promise<Checksummed> {
    const remote = this.at(path);
    return atDestination(`read back ${remote}`, async () => {
      const { size } = await sftpCall<{ size: number }>((done) => this.sftp.stat(remote, done));
      const hasher = await this.hasher();
      const sha256 = await hasher?.sha256(remote, size);
      if (sha256 !== undefined) return { size, sha256 };
      // A shell that failed once (killed, timed out) is not asked again: read the files back.
      if (hasher !== undefined && !hasher.alive()) this.remoteHashing = Promise.resolve(undefined);
      this.streamsBack = true;
      return { size, sha256: await this.streamBack(remote) };
    });
  }

  /** The server's sha256sum, started on first use; undefined when the server runs no command. */
  private hasher(): Promise<RemoteHasher | undefined> {
    this.remoteHashing ??= RemoteHasher.start(this.session.client);
    return this.remoteHashing;
  }

  private async streamBack(remote: string): Promise<string> {
    const hash = createHash('sha256');
    const stream = this.sftp.createReadStream(remote, { highWaterMark: WRITE_BYTES });
    for await (const chunk of stream) hash.update(chunk as Buffer);
    return hash.digest('hex');
  }

  /** mkdir -p, once per folder even with several uploads asking at the same time. */
  private ensureFolder(folder: string): Promise<void> {
    let made = this.folders.get(folder);
    if (made === undefined) {
      made = this.makeFolder(folder);
      this.folders.set(folder, made);
      // A failure is not remembered: the next recording tries again.
      made.catch(() => this.folders.delete(folder));
    }
    return made;
  }

  private async isFolder(folder: string): Promise<boolean> {
    const info = await sftpCall<{ isDirectory(): boolean }>((done) => this.sftp.stat(folder, done)).catch(
      () => undefined,
    );
    return info?.isDirectory() === true;
  }

  private async makeFolder(folder: string): Promise<void> {
    if (await this.isFolder(folder)) return;
    const parent = posix.dirname(folder);
    if (parent !== folder) await this.ensureFolder(parent);
    try {
      await sftpCall((done) => this.sftp.mkdir(folder, done));
    } catch (error) {
      if (!(await this.isFolder(folder))) throw error;
    }
  }

  async upload(localFile: string, path: string, mtimeMs: number, onBytes: (bytes: number) => void): Promise<CopyCheck> {
    const sourceBefore = await localStat(localFile);
    if (sourceBefore === undefined) throw new Error('the recording is no longer in the source folder');
    const read = await this.send(localFile, path, mtimeMs, onBytes);
    const sourceAfter = await localStat(localFile);
    const written = await this.checksum(path);
    return { read, written, sourceBefore, sourceAfter };
  }

  private async send(
    localFile: string,
    path: string,
    mtimeMs: number,
    onBytes: (bytes: number) => void,
  ): Promise<Checksummed> {
    const remote = this.at(path);
    await atDestination(`create the folder of ${remote}`, () => this.ensureFolder(posix.dirname(remote)));
    const source = await open(localFile, 'r');
    try {
      const handle = await atDestination(`create ${remote}`, () =>
        sftpCall<Buffer>((done) => this.sftp.open(remote, 'w', done)),
      );
      try {
        const hash = createHash('sha256');
        // Writes never reject: the first failure is kept and thrown once the loop sees it.
        const writes: Array<Promise<void>> = [];
        let failure: DestinationFailure | undefined;
        let size = 0;
        for (;;) {
          // A fresh buffer per write: ssh2 keeps it until the server acknowledges the write.
          const buffer = Buffer.allocUnsafe(WRITE_BYTES);
          const { bytesRead } = await source.read(buffer, 0, buffer.length, size);
          if (bytesRead === 0 || failure !== undefined) break;
          hash.update(buffer.subarray(0, bytesRead));
          const position = size;
          writes.push(
            sftpCall((done) => this.sftp.write(handle, buffer, 0, bytesRead, position, done)).then(
              () => undefined,
              (error: unknown) => void (failure ??= new DestinationFailure(`write ${remote}`, error)),
            ),
          );
          size += bytesRead;
          onBytes(bytesRead);
          if (writes.length >= WRITES_IN_FLIGHT) await writes.shift();
        }
        await Promise.all(writes);
        if (failure !== undefined) throw failure;
        const seconds = mtimeMs / 1000;
        await atDestination(`flush ${remote}`, async () => {
          await sftpCall((done) => this.sftp.futimes(handle, seconds, seconds, done));
          await this.fsync(handle);
        });
        return { size, sha256: hash.digest('hex') };
      } finally {
        await sftpCall((done) => this.sftp.close(handle, done)).catch(() => undefined);
      }
    } finally {
      await source.close();
    }
  }

  private async fsync(handle: Buffer): Promise<void> {
    if (!this.canFsync) return;
    try {
      await sftpCall((done) => this.sftp.ext_openssh_fsync(handle, done));
    } catch (error) {
      // ssh2 throws before sending when the server did not announce fsync@openssh.com.
      if (!(error instanceof Error) || !/does not support/i.test(error.message)) throw error;
      this.canFsync = false;
    }
  }

  /** Each upload is flushed (fsync@openssh.com), then read back by the server. */
  readonly readsBackByBatch = false;

  async flush(): Promise<void> {
    // Each upload is flushed before it is read back: nothing left to do.
  }

  async readBack(paths: readonly string[]): Promise<Checksummed[]> {
    const facts: Checksummed[] = [];
    for (const path of paths) facts.push(await this.checksum(path));
    return facts;
  }

  async publishMany(pairs: ReadonlyArray<{ from: string; to: string }>): Promise<Array<'published' | 'exists'>> {
    const outcomes: Array<'published' | 'exists'> = [];
    for (const { from, to } of pairs) outcomes.push(await this.publish(from, to));
    return outcomes;
  }

  private async publish(from: string, to: string): Promise<'published' | 'exists'> {
    const source = this.at(from);
    const target = this.at(to);
    return atDestination(`rename ${source} to ${target}`, async () => {
      try {
        // Plain SFTP rename refuses an existing target (OpenSSH links then unlinks): it never overwrites.
        await sftpCall((done) => this.sftp.rename(source, target, done));
        return 'published';
      } catch (error) {
        if ((await this.stat(to)) !== undefined) return 'exists';
        throw error;
      }
    });
  }

  async makeDurable(paths: readonly string[]): Promise<void> {
    // SFTP cannot flush a folder. fsync of the renamed file commits the journal holding the
    // rename on ext4 and XFS, the usual file systems of a Linux storage server.
    if (!this.canFsync) return;
    for (const path of paths) {
      const remote = this.at(path);
      await atDestination(`flush ${remote}`, async () => {
        const handle = await sftpCall<Buffer>((done) => this.sftp.open(remote, 'r', done));
        try {
          await this.fsync(handle);
        } finally {
          await sftpCall((done) => this.sftp.close(handle, done)).catch(() => undefined);
        }
      });
    }
  }

  async remove(path: string): Promise<void> {
    await atDestination(`remove ${this.at(path)}`, async () => {
      try {
        await sftpCall((done) => this.sftp.unlink(this.at(path), done));
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error;
      }
    });
  }

  async close(): Promise<void> {
    (await this.remoteHashing)?.close();
    this.sftp.end();
    this.session.client.end();
  }
}
