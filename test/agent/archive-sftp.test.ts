import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { archive, ArchiveUnavailableError, searchArchive } from '@vigie/agent';
import { tempFolder } from '../support/peers/process';
import { jsonSummary, readTree, runAgent, runAgentAndKill, sha256, writeRecordings } from './support/recordings';
import { startSftpPeer, type SftpPeer } from './support/sftp-peer';

const DAY = 86_400_000;

describe('archiving over SFTP to OpenSSH', () => {
  let peer: SftpPeer;
  let work: { path: string; remove(): void };
  let source: string;
  let remote: string;
  let indexFile: string;
  let count = 0;
  beforeAll(async () => {
    peer = await startSftpPeer();
  });
  afterAll(() => peer.stop());
  beforeEach(() => {
    count++;
    work = tempFolder('archiver-sftp');
    source = join(work.path, 'hmp');
    remote = join(peer.folder, `run-${count}`);
    indexFile = join(work.path, 'archive-index.db');
    mkdirSync(remote);
    return () => work.remove();
  });
  const url = () => `sftp://${peer.user}@127.0.0.1:${peer.port}${remote}`;

  it('moves every recording, verified by sha256sum on the server, and records it', async () => {
    const tree = writeRecordings(source, 120, { sizes: [700, 30_000, 300_000, 5] });
    // A name a shell would misread if it were not quoted.
    const odd = `2024/05/01/appel d'urgence $(touch pwned) "x".wav`;
    writeFileSync(join(source, ...odd.split('/')), 'odd');
    utimesSync(join(source, ...odd.split('/')), 0, 0);
    tree.set(odd, sha256(Buffer.from('odd')));
    const summary = await archive({
      source,
      destination: url(),
      identityFile: peer.keyFile,
      hostKey: peer.hostKey,
      olderThanMs: 30 * DAY,
      indexFile,
    });
    expect(summary).toMatchObject({ selected: 121, archived: 121, failures: [], destination: url() });
    expect(summary.verification).toBe('sha256sum run on the server; fsync@openssh.com');
    expect(readTree(remote)).toEqual(tree);
    expect(readTree(source).size).toBe(0);
    expect(statSync(join(remote, ...odd.split('/'))).mtimeMs).toBe(0);
    expect(existsSync(join(source, 'pwned')) || existsSync(join(remote, 'pwned'))).toBe(false);
    const found = searchArchive(indexFile, { name: '2024/05/02/' });
    expect(found.total).toBe(20);
    expect(
      found.entries.every((entry) => entry.destination === url() && tree.get(entry.archivePath) === entry.sha256),
    ).toBe(true);
  });

  it('streams each file back to check it when the server runs no command (SFTP only)', async () => {
    const tree = writeRecordings(source, 30, { sizes: [12_000, 150_000] });
    const summary = await archive({
      source,
      destination: url(),
      identityFile: peer.sftpOnlyKeyFile,
      olderThanMs: 30 * DAY,
      indexFile,
    });
    expect(summary).toMatchObject({ archived: 30, failures: [] });
    expect(summary.verification).toMatch(/^the file streamed back over SFTP/);
    expect(readTree(remote)).toEqual(tree);
  });

  // Alone it takes about 15 s; a loaded CI machine has made it six times slower.
  it('finishes after being killed with SIGKILL in the middle, losing nothing', { timeout: 240_000 }, async () => {
    const tree = writeRecordings(source, 800, { sizes: [4_000, 60_000, 250_000, 9_000] });
    // Two at a time, so that the run lasts long enough for a kill after its first commit.
    const args = [
      'archive',
      '--source',
      source,
      '--dest',
      url(),
      '--identity',
      peer.keyFile,
      '--older-than',
      '30d',
      '--index',
      indexFile,
      '--concurrency',
      '2',
    ];
    let killed = 0;
    let midway = false;
    for (let attempt = 0; attempt < 4 && killed < 2; attempt++) {
      const run = await runAgentAndKill(args, { delayMs: Math.floor(Math.random() * 200), afterFirstCommit: true });
      if (!run.killed) break;
      killed++;
      // Each recording is whole in the source or at its final name; a final file is never partial.
      const inSource = readTree(source);
      const inRemote = readTree(remote);
      midway ||= inSource.size > 0 && inSource.size < tree.size;
      for (const [path, sha] of tree) expect(inSource.get(path) === sha || inRemote.get(path) === sha, path).toBe(true);
      for (const [path, sha] of inRemote) if (!path.endsWith('.vigie-part')) expect(tree.get(path), path).toBe(sha);
    }
    expect(killed).toBeGreaterThanOrEqual(1);
    expect(midway, 'a kill landed while recordings were being moved').toBe(true);
    const final = await runAgent([...args, '--json'], { timeoutMs: 150_000 });
    expect(final.code, final.stderr).toBe(0);
    expect(jsonSummary(final)).toMatchObject({ failures: [] });
    expect(readTree(remote)).toEqual(tree);
    expect(readTree(source).size).toBe(0);
    expect(searchArchive(indexFile, { limit: 1000 }).total).toBe(800);
  });

  it('refuses a server whose host key is not the pinned one, and a key the server refuses, moving nothing', async () => {
    writeRecordings(source, 3);
    const other = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    await expect(
      archive({
        source,
        destination: url(),
        identityFile: peer.keyFile,
        hostKey: other,
        olderThanMs: 0,
        minAgeMs: 0,
        indexFile,
      }),
    ).rejects.toThrow(new RegExp(`host key is ${peer.hostKey.replace(/[+/]/g, '\\$&')}, not ${other}`));
    const refused = await runAgent([
      'archive',
      '--source',
      source,
      '--dest',
      url(),
      '--identity',
      peer.strangerKeyFile,
      '--older-than',
      '30d',
      '--index',
      indexFile,
    ]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/connect to sftp:\/\/.*: All configured authentication methods failed/);
    await expect(
      archive({
        source,
        destination: `${url()}/absent`,
        identityFile: peer.keyFile,
        olderThanMs: 0,
        minAgeMs: 0,
        indexFile,
      }),
    ).rejects.toBeInstanceOf(ArchiveUnavailableError);
    expect(readTree(source).size).toBe(3);
    expect(readdirSync(remote)).toEqual([]);
    expect(existsSync(indexFile)).toBe(true);
  });
});
