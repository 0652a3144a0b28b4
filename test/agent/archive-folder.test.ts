import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { archive, IndexBusyError, searchArchive, type ArchiveProgress } from '@vigie/agent';
import { ArchiveIndex } from '../../packages/agent/src/archiver/archive-index';
import { tempFolder } from '../support/peers/process';
import {
  checksumCounts,
  jsonSummary,
  readTree,
  runAgent,
  sha256,
  writeRecordings,
  type Tree,
} from './support/recordings';

let work: { path: string; remove(): void };
let source: string;
let dest: string;
let indexFile: string;

beforeEach(() => {
  work = tempFolder('archiver');
  source = join(work.path, 'hmp');
  dest = join(work.path, 'stockage');
  indexFile = join(work.path, 'agent', 'archive-index.db');
  mkdirSync(source);
  mkdirSync(dest);
});
afterEach(() => work.remove());

const DAY = 86_400_000;

/** Checks the index against the destination: one entry per archived file, same size and checksum. */
function expectIndexMatches(expected: Tree, destination = dest): void {
  const index = ArchiveIndex.open(indexFile);
  try {
    const entries = index.entries(destination);
    const files = readTree(destination);
    expect(entries.map((e) => e.archivePath).sort()).toEqual([...expected.keys()].sort());
    for (const entry of entries) {
      expect(files.get(entry.archivePath)).toBe(entry.sha256);
      expect(statSync(join(destination, entry.archivePath)).size).toBe(entry.size);
    }
    expect(index.pending(source, destination)).toEqual([]);
  } finally {
    index.close();
  }
}

describe('archiving to a folder', () => {
  it('moves every old recording, keeping the layout, each verified by checksum, and leaves young ones', async () => {
    const old = writeRecordings(source, 240, { ageDays: 40 });
    const young = writeRecordings(source, 5, { ageDays: 2, prefix: 'recent' });
    const progress: ArchiveProgress[] = [];
    const summary = await archive({ source, destination: dest, olderThanMs: 30 * DAY, indexFile }, (p) =>
      progress.push(p),
    );

    expect(readTree(dest)).toEqual(old);
    expect(readTree(source)).toEqual(young);
    // The archived file keeps the recording's date.
    const first = [...old.keys()][0]!;
    expect(Math.abs(statSync(join(dest, first)).mtimeMs - (Date.now() - 40 * DAY))).toBeLessThan(60_000);
    expect(summary).toMatchObject({ selected: 240, archived: 240, alreadyArchived: 0, failures: [], conflicts: [] });
    expect(summary.verification).toMatch(/read back/);
    expect(summary.bytes).toBe([...old.keys()].reduce((sum, path) => sum + statSync(join(dest, path)).size, 0));
    expectIndexMatches(old);
    expect(progress[0]?.phase).toBe('scanning');
    expect(progress.at(-1)).toMatchObject({ phase: 'done', filesDone: 240, filesTotal: 240, filesFailed: 0 });
    expect(progress.at(-1)!.bytesDone).toBe(summary.bytes);

    // A second run finds nothing left to do.
    const again = await archive({ source, destination: dest, olderThanMs: 30 * DAY, indexFile });
    expect(again).toMatchObject({ selected: 0, archived: 0 });
    expect(readTree(dest)).toEqual(old);
  });

  it('finds archived recordings by name and by date range', async () => {
    writeRecordings(source, 30, { ageDays: 40, perFolder: 10 });
    const recent = writeRecordings(source, 4, { ageDays: 35, prefix: 'vip' });
    await archive({ source, destination: dest, olderThanMs: 30 * DAY, indexFile });

    expect(searchArchive(indexFile, { name: 'VIP-0000' }).total).toBe(4);
    const byName = searchArchive(indexFile, { name: 'VIP-00002' });
    expect(byName.total).toBe(1);
    expect(byName.entries[0]).toMatchObject({ recording: '2024/05/01/vip-00002.wav', destination: dest });
    expect(byName.entries[0]!.sha256).toBe(recent.get('2024/05/01/vip-00002.wav'));
    expect(searchArchive(indexFile, { name: '2024/05/03/' }).total).toBe(10);
    expect(searchArchive(indexFile, { name: '%' }).total).toBe(0);

    const now = Date.now();
    const lastWeeks = searchArchive(indexFile, { from: now - 37 * DAY, to: now });
    expect(lastWeeks.entries.map((e) => e.recording).sort()).toEqual([...recent.keys()].sort());
    const archivedToday = searchArchive(indexFile, { by: 'archived', from: now - DAY, limit: 5, offset: 30 });
    expect(archivedToday).toMatchObject({ total: 34 });
    expect(archivedToday.entries).toHaveLength(4);
    expect(() => searchArchive(indexFile, { from: now, to: now - 1 })).toThrow(/ends before it starts/);
    expect(searchArchive(join(work.path, 'none.db'), {})).toEqual({ entries: [], total: 0 });
  });

  it('frees space oldest first with a free-space goal, sparing recordings still being written', async () => {
    const older = writeRecordings(source, 6, { ageDays: 3, prefix: 'old' });
    const fresh = join(source, 'live.wav');
    writeFileSync(fresh, 'being recorded');
    // A goal no volume here reaches: every eligible recording goes, and the shortfall is told.
    const summary = await archive({ source, destination: dest, minFreePercent: 99.99, indexFile });
    expect(readTree(dest)).toEqual(older);
    expect(existsSync(fresh)).toBe(true);
    expect(summary.space.bytesToFree).toBeGreaterThan(0);
    expect(summary.space.shortfallBytes).toBeGreaterThan(0);
    expect(summary.sameVolume).toBe(true);
  });
});

describe('a rerun finishes what a killed run left at each crash point', () => {
  const old = (file: string) => {
    const t = (Date.now() - 40 * DAY) / 1000;
    utimesSync(file, t, t);
  };
  const put = (root: string, path: string, data: Buffer | string) => {
    const file = join(root, ...path.split('/'));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, data);
    return file;
  };

  it('replaces a partial temporary file, counts a verified final file as done, and cleans up after gone recordings', async () => {
    const tree = writeRecordings(source, 6, { ageDays: 40 });
    const [a, b, c, d] = [...tree.keys()] as [string, string, string, string];
    const content = (path: string) => readFileSync(join(source, ...path.split('/')));
    // a: killed while copying: half of it in the temporary file.
    put(dest, a.replace(/([^/]+)$/, '.$1.vigie-part'), content(a).subarray(0, 100));
    // b: killed between linking the final name and removing the temporary one, before the index.
    put(dest, b, content(b));
    put(dest, b.replace(/([^/]+)$/, '.$1.vigie-part'), content(b));
    // c: killed after the index, before deleting the source.
    put(dest, c, content(c));
    // d: killed after the rename; the temporary file of a recording since removed by hand is left.
    put(dest, '2024/05/01/.gone.wav.vigie-part', 'half');
    const index = ArchiveIndex.open(indexFile);
    index.markPending(source, dest, [a, b, c, d, '2024/05/01/gone.wav'], Date.now());
    index.commit(
      source,
      dest,
      [
        {
          recording: c,
          sourceRoot: source,
          destination: dest,
          archivePath: c,
          size: content(c).length,
          sha256: tree.get(c)!,
          recordedAt: 1,
          archivedAt: 2,
        },
      ],
      [],
    );
    index.close();

    const summary = await archive({ source, destination: dest, olderThanMs: 30 * DAY, indexFile });
    expect(summary).toMatchObject({ selected: 6, recovered: 4, archived: 4, alreadyArchived: 2, failures: [] });
    expect(readTree(dest)).toEqual(tree);
    expect(readTree(source).size).toBe(0);
    expectIndexMatches(tree);
    // The entry kept its first archiving time: the same file was archived once.
    expect(searchArchive(indexFile, { name: c }).entries[0]?.archivedAt).toBe(2);
  });

  it('keeps a different file that holds the name, archives beside it, and a rerun does not duplicate', async () => {
    const mine = put(source, '2024/05/01/call.wav', 'the recording of the call');
    old(mine);
    const theirs = put(dest, '2024/05/01/call.wav', 'another file, same name');
    const summary = await archive({ source, destination: dest, olderThanMs: 30 * DAY, indexFile });
    const archivedAs = `2024/05/01/call.${sha256(Buffer.from('the recording of the call')).slice(0, 12)}.wav`;
    expect(summary.conflicts).toEqual([{ recording: '2024/05/01/call.wav', archivedAs }]);
    expect(readFileSync(theirs, 'utf8')).toBe('another file, same name');
    expect(readFileSync(join(dest, archivedAs), 'utf8')).toBe('the recording of the call');
    expect(existsSync(mine)).toBe(false);

    // Killed after the conflict rename, before deleting the source: the rerun recognises it.
    put(source, '2024/05/01/call.wav', 'the recording of the call');
    old(mine);
    const rerun = await archive({ source, destination: dest, olderThanMs: 30 * DAY, indexFile });
    expect(rerun).toMatchObject({ archived: 0, alreadyArchived: 1, failures: [] });
    expect(readTree(dest).size).toBe(2);
    expect(existsSync(mine)).toBe(false);
  });

  it('leaves a recording at the source when both its name and its conflict name hold other files', async () => {
    const mine = put(source, 'call.wav', 'mine');
    old(mine);
    put(dest, 'call.wav', 'theirs');
    put(dest, `call.${sha256(Buffer.from('mine')).slice(0, 12)}.wav`, 'someone else');
    const summary = await archive({ source, destination: dest, olderThanMs: 30 * DAY, indexFile });
    expect(summary.failures).toEqual([
      { recording: 'call.wav', reason: expect.stringMatching(/hold other files/) as string },
    ]);
    expect(readFileSync(mine, 'utf8')).toBe('mine');
    expect([...readTree(dest).keys()].some((path) => path.includes('vigie-part'))).toBe(false);
  });
});

describe('refusals', () => {
  it('refuses to run while another run holds the index', async () => {
    writeRecordings(source, 3);
    const holder = ArchiveIndex.open(indexFile);
    try {
      await expect(archive({ source, destination: dest, olderThanMs: 30 * DAY, indexFile })).rejects.toBeInstanceOf(
        IndexBusyError,
      );
    } finally {
      holder.close();
    }
    expect(readTree(source).size).toBe(3);
  });

  it('stops at once on a read-only destination, with a clear error, losing nothing (exit 3)', async () => {
    const tree = writeRecordings(source, 20);
    // A read-only bind mount, in a mount namespace of the agent's own: EROFS as a read-only share gives.
    const wrapper = [
      'unshare',
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      `mount --bind -o ro "${dest}" "${dest}" && exec "$@"`,
      'sh',
    ];
    const run = await runAgent(
      ['archive', '--source', source, '--dest', dest, '--older-than', '30d', '--index', indexFile],
      { wrapper },
    );
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/the destination .*stockage: the destination is read-only \(EROFS/);
    expect(readTree(source)).toEqual(tree);
    expect(readTree(dest).size).toBe(0);
    expect(searchArchive(indexFile, {}).total).toBe(0);
    // Once the share is writable again, a rerun archives them all.
    const retry = await runAgent([
      'archive',
      '--source',
      source,
      '--dest',
      dest,
      '--older-than',
      '30d',
      '--index',
      indexFile,
      '--json',
    ]);
    expect(retry.code, retry.stderr).toBe(0);
    expect(readTree(dest)).toEqual(tree);
    expect(checksumCounts(readTree(dest)).size).toBe(20);
  });

  it('tells usage errors (exit 2) from an unusable destination (exit 3)', async () => {
    const usage = await runAgent([
      'archive',
      '--source',
      source,
      '--dest',
      dest,
      '--older-than',
      '3 weeks',
      '--min-free',
      'lots',
    ]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--older-than "3 weeks" is not a duration');
    expect(usage.stderr).toContain('--min-free "lots" is not a percentage');
    const neither = await runAgent(['archive', '--source', source, '--dest', dest, '--index', indexFile]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('say which recordings to archive');
    const missing = await runAgent([
      'archive',
      '--source',
      source,
      '--dest',
      join(work.path, 'not-mounted'),
      '--older-than',
      '30d',
      '--index',
      indexFile,
    ]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/not-mounted: no such file or folder/);
    const inside = await runAgent([
      'archive',
      '--source',
      source,
      '--dest',
      join(source, 'x'),
      '--older-than',
      '30d',
      '--index',
      indexFile,
    ]);
    expect(inside.code).toBe(3);
    expect(inside.stderr).toContain('is inside the source');
  });

  it('prints a readable summary and finds recordings from the command line', async () => {
    writeRecordings(source, 12, { perFolder: 5 });
    const run = await runAgent([
      'archive',
      '--source',
      source,
      '--dest',
      dest,
      '--older-than',
      '30d',
      '--index',
      indexFile,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Archived 12 of 12 recordings to /);
    expect(run.stdout).toContain(
      'Verified by: read back from the destination folder after its flush, before the rename.',
    );
    expect(run.stderr).toMatch(/12\/12 recordings, [\d.]+ kB of [\d.]+ kB/);
    const search = await runAgent(['archive', 'search', '2024/05/02', '--index', indexFile]);
    expect(search.code).toBe(0);
    expect(search.stdout.trim().split('\n')).toHaveLength(6);
    expect(search.stdout).toContain('5 recordings.');
    const json = await runAgent(['archive', 'search', '--from', '41d', '--index', indexFile, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ total: 12 });
    const summary = jsonSummary(
      await runAgent([
        'archive',
        '--source',
        source,
        '--dest',
        dest,
        '--older-than',
        '30d',
        '--index',
        indexFile,
        '--json',
      ]),
    );
    expect(summary).toMatchObject({ selected: 0, archived: 0 });
    // Four runs of the command, each starting Node and its TypeScript loader: slow on a loaded machine.
  }, 90_000);
});
