import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveIndex } from '../../packages/agent/src/archiver/archive-index';
import { tempFolder } from '../support/peers/process';
import { readTree, runAgent, runAgentAndKill, jsonSummary, writeRecordings, type Tree } from './support/recordings';

const RECORDINGS = 3000;
/** Mostly short calls, and every 50th a long one, so that copies are in flight when the kill lands. */
const SIZES = [...Array.from({ length: 49 }, (_, i) => 2_000 + ((i * 977) % 22_000)), 900_000];
const MAX_KILLS = 8;
const KILLING_BUDGET_MS = 70_000;

/** After any kill, each recording is intact in the source or under its final name; no final file is partial. */
function expectNothingLost(tree: Tree, source: string, dest: string): void {
  const inSource = readTree(source);
  const inDest = readTree(dest);
  const lost = [...tree].filter(([path, sha]) => inSource.get(path) !== sha && inDest.get(path) !== sha);
  expect(lost, 'recordings intact nowhere').toEqual([]);
  const altered = [...inSource].filter(([path, sha]) => tree.get(path) !== sha);
  expect(altered, 'source files altered').toEqual([]);
  const badFinals = [...inDest].filter(([path, sha]) => !path.endsWith('.vigie-part') && tree.get(path) !== sha);
  expect(badFinals, 'final files that are not a whole recording').toEqual([]);
}

describe('the archiver killed with SIGKILL at random moments', () => {
  let work: { path: string; remove(): void };
  beforeAll(() => {
    work = tempFolder('archiver-kill');
  });
  afterAll(() => work.remove());

  it(`loses no recording of ${RECORDINGS}, and reruns finish the job`, { timeout: 150_000 }, async () => {
    const source = join(work.path, 'hmp');
    const dest = join(work.path, 'stockage');
    const indexFile = join(work.path, 'archive-index.db');
    mkdirSync(dest, { recursive: true });
    const tree = writeRecordings(source, RECORDINGS, { sizes: SIZES });
    const args = ['archive', '--source', source, '--dest', dest, '--older-than', '30d', '--index', indexFile];

    const kills: Array<{ delayMs: number; afterFirstCommit: boolean; leftInSource: number; temps: number }> = [];
    const deadline = Date.now() + KILLING_BUDGET_MS;
    while (kills.length < MAX_KILLS && Date.now() < deadline) {
      // Every other kill waits for a first commit, so that some land in the middle of the work
      // even on a loaded machine; the others may land anywhere from the start. A batch of
      // copies is committed in a fraction of a second: the kills after a commit come soon.
      const afterFirstCommit = kills.length % 2 === 1;
      const delayMs = Math.floor(Math.random() * (afterFirstCommit ? 60 : 250));
      const run = await runAgentAndKill(args, { delayMs, afterFirstCommit });
      if (!run.killed) {
        expect(run.code, run.stderr).toBe(0);
        break;
      }
      expectNothingLost(tree, source, dest);
      const inDest = [...readTree(dest).keys()];
      kills.push({
        delayMs,
        afterFirstCommit,
        leftInSource: readTree(source).size,
        temps: inDest.filter((path) => path.endsWith('.vigie-part')).length,
      });
    }
    console.info(
      `SIGKILLs (delay, counted from the first commit or the start, recordings left, temporary files left): ${JSON.stringify(kills)}`,
    );
    // The kills must have landed in the middle of the work, not only before or after it.
    expect(kills.length).toBeGreaterThanOrEqual(3);
    expect(kills.some((kill) => kill.leftInSource > 0 && kill.leftInSource < RECORDINGS)).toBe(true);

    const final = await runAgent([...args, '--json'], { timeoutMs: 90_000 });
    expect(final.code, final.stderr).toBe(0);
    expect(jsonSummary(final)).toMatchObject({ failures: [] });

    // Each original checksum exactly once at the destination, at its own path; nothing else there.
    expect(readTree(dest)).toEqual(tree);
    expect(new Set(tree.values()).size).toBe(RECORDINGS);
    expect(readTree(source).size).toBe(0);
    const index = ArchiveIndex.open(indexFile);
    try {
      const entries = index.entries(dest);
      expect(entries).toHaveLength(RECORDINGS);
      for (const entry of entries) expect(entry.sha256).toBe(tree.get(entry.archivePath));
      expect(index.pending(join(work.path, 'hmp'), dest)).toEqual([]);
    } finally {
      index.close();
    }
  });
});
